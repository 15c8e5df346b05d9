"""Quotation spans in one block of text, found by pairing quote marks.

The scanner keeps a stack of open marks. A character closes the innermost open mark it can
close (``CLOSERS``), else opens a new one where an opening mark may stand. Apostrophes
(``didn’t``, ``Putin’s``) never close anything because a single closing mark must not be
followed by a letter, and ASCII ``'`` opens only inside a double quote. Only outermost spans are
returned: a quote inside a quote is part of the outer one's text. A double quote still open at
the end of the block is returned with ``close_at=None``: the paragraph left open that the next
one continues (``extract.py`` links them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .marks import CLOSERS, DOUBLE_OPENERS, QUOTE_CHARS

__all__ = ["Span", "find_spans", "sentence_breaks"]

_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
_OPEN_BEFORE = frozenset(" \t\n([{–—-/:;“„\"«»‘‚‹›")


@dataclass(frozen=True, slots=True)
class Span:
    """An outermost quotation in a block: ``start:end`` is the quoted text (without marks,
    outer whitespace and a trailing comma), ``open_at``/``close_at`` the marks' indexes."""

    block: int
    start: int
    end: int
    open_at: int
    close_at: int | None
    opener: str
    terminal: str
    """The quote's last character before a trailing comma was dropped: ``,`` ``.`` ``?`` ``!`` or other."""

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def find_spans(text: str, block: int) -> list[Span]:
    """Every outermost quotation span of ``text`` (one body block), in order."""
    stack: list[tuple[str, int]] = []
    spans: list[Span] = []
    n = len(text)
    for found in _MARK.finditer(text):
        i, ch = found.start(), found.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        depth = _closes(stack, ch, prev, nxt)
        if depth is not None:
            opener, at = stack[depth]
            del stack[depth:]
            if depth == 0:
                span = _make(text, block, opener, at, i)
                if span is not None:
                    spans.append(span)
            continue
        if _may_open(ch, prev, nxt, stack):
            stack.append((ch, i))
    if stack and stack[0][0] in DOUBLE_OPENERS:
        span = _make(text, block, stack[0][0], stack[0][1], None)
        if span is not None:
            spans.append(span)
    return spans


def _closes(stack: list[tuple[str, int]], ch: str, prev: str, nxt: str) -> int | None:
    """The stack depth ``ch`` closes, or None."""
    if not stack:
        return None
    if ch not in DOUBLE_OPENERS and ch not in "”":
        # A single mark closes only the innermost mark, and only where a word ends.
        top = stack[-1][0]
        if ch in CLOSERS.get(top, "") and not nxt.isalnum() and not prev.isspace():
            return len(stack) - 1
        return None
    for depth in range(len(stack) - 1, -1, -1):
        opener = stack[depth][0]
        if ch in CLOSERS.get(opener, ""):
            if ch == opener and ch == "“" and (prev.isspace() or nxt.isalnum()):
                return None  # “ after “ in opening position: a nested English quote
            return depth
    return None


def _may_open(ch: str, prev: str, nxt: str, stack: list[tuple[str, int]]) -> bool:
    if ch not in CLOSERS:
        return False
    if nxt.isspace() and ch not in "«»":
        return False  # French guillemets are followed by a (narrow) space; others are not
    if ch in DOUBLE_OPENERS:
        return True
    if ch == "”":
        return prev in _OPEN_BEFORE  # Swedish/Finnish ”…”
    if ch == "'":
        return bool(stack) and prev in _OPEN_BEFORE
    if ch == "›":
        return bool(stack)
    return prev in _OPEN_BEFORE or prev.isspace()


def _make(text: str, block: int, opener: str, open_at: int, close_at: int | None) -> Span | None:
    start = open_at + 1
    end = close_at if close_at is not None else len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    terminal = text[end - 1]
    if terminal == ",":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            return None
    return Span(block, start, end, open_at, close_at, opener, terminal)


# A sentence ends at . ! ? (possibly followed by a closing mark or bracket) before a space and
# a capital or an opening mark; not after a title or an initial ("Mr. Smith", "John F. Kennedy").
# The end mark is matched (not looked behind at) so that the scan jumps from mark to mark; the
# break is group 1.
_BREAK = re.compile(r"[.!?]([”“\"’»)]?\s+)(?=[A-ZÀ-ÖØ-Þ“„\"«»‘(])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|No|vs|etc|Inc|Ltd|Co|Corp|approx|ca|bzw|z\.B|Hr|Fr)|\b[A-Z]|\b[A-Z]\.[A-Z])\.$"
)


def sentence_breaks(text: str) -> list[int]:
    """Offsets in ``text`` where a new sentence starts."""
    return [m.end() for m in _BREAK.finditer(text) if not _ABBREVIATION.search(text[max(0, m.start(1) - 8):m.start(1)])]
