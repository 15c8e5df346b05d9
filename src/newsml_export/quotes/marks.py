"""Quotation marks: which mark closes which, and text normalised for comparison.

One table serves English (“…”, ‘…’), ASCII ("…", '…'), German („…“, ‚…‘, »…«), French and
Swiss (« … », ‹ … ›). Some characters open in one convention and close in another (“ opens in
English and closes „ in German; » closes « in French and opens in German), so the scanner in
``detect.py`` decides by what is open at that point, not by the character alone.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "CLOSERS",
    "DOUBLE_OPENERS",
    "QUOTE_CHARS",
    "SINGLE_OPENERS",
    "fold",
    "fold_with_map",
]

# opener → the characters that may close it
CLOSERS: dict[str, str] = {
    "“": "”",        # English
    "„": "“”",       # German, Polish, Czech (some typesetters close with ”)
    '"': '"',        # ASCII
    "«": "»",        # French, Swiss, Russian
    "»": "«",        # German books and magazines: »…«
    "‘": "’",        # English inner (and British outer)
    "‚": "‘’",       # German inner
    "‹": "›",        # French inner
    "›": "‹",        # German inner guillemets
    "'": "'",        # ASCII inner; only inside a double quote, apostrophes are everywhere
    "”": "”",        # Swedish and Finnish ”…” (only where ” stands in an opening position)
}
DOUBLE_OPENERS = frozenset("“„\"«»")
SINGLE_OPENERS = frozenset("‘‚‹›'")
QUOTE_CHARS = frozenset("“”„\"«»‘’‚‹›'‟‛")

# For comparison only: every double mark becomes ", every single mark and apostrophe ',
# dashes become -, and runs of whitespace one space.
_FOLDED: dict[str, str] = {**{c: '"' for c in "“”„«»‟"}, **{c: "'" for c in "‘’‚‹›‛`´"},
                           "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": ""}
_FOLD = str.maketrans({c: (r or None) for c, r in _FOLDED.items()})


def fold(text: str) -> str:
    """``text`` with quote marks, dashes and whitespace normalised, for comparing passages."""
    text = unicodedata.normalize("NFC", text)
    # One str.replace per mark present is several times faster than str.translate, which
    # looks every character up once the text is not ASCII; split() collapses the same
    # whitespace as the regex \s (both use str.isspace).
    for mark, folded in _FOLDED.items():
        if mark in text:
            text = text.replace(mark, folded)
    return " ".join(text.split())


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`fold` (without the final strip) plus, for each folded character, its index in
    ``text``, so that a match in folded text maps back to exact offsets in the original.

    ``text`` must already be NFC (body blocks are: the text reader normalises them)."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        mapped = ch.translate(_FOLD)
        if not mapped:
            continue
        if ch.isspace():
            if in_space:
                continue
            in_space = True
            mapped = " "
        else:
            in_space = False
        out.append(mapped)
        index.append(i)
    return "".join(out), index
