"""The article's structure in cleaned segments: headline, lede, dateline, sub-headings.

Plain text has no markup, so the structure is read from shape alone. Each decision is a named
rule (listed in :data:`STRUCTURE_RULES` and in ``docs/ingestion.md``) and is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import BlockKind
from ..quotes.marks import CLOSERS as QUOTE_CLOSERS
from .changes import IngestChange
from .cleaning import Credit, match
from .rules import AGENCIES, Kind
from .text import Segment

__all__ = ["STRUCTURE_RULES", "BodyBlock", "Structure", "dateline_of", "recover", "split_headline"]

STRUCTURE_RULES: tuple[tuple[str, str], ...] = (
    ("structure/headline", "the first segment is the headline (a leading Markdown `#` is dropped)"),
    ("structure/duplicate-headline",
     "the headline repeated right after it (page title, then the article's own heading) is removed once; when one copy "
     "carries the site's name (`Headline | Site`, `Headline - Site`), the copy without it is kept"),
    ("structure/lede",
     "the first paragraph after the headline moves to `description` when it reads like a standfirst: 8 to 80 words, "
     "ends a sentence, at least two paragraphs follow, and it is not agency copy's first paragraph (with a dateline)"),
    ("structure/dateline",
     "`BERLIN (dpa) - ` / `NEW YORK, Feb 5 (Reuters) - ` at the start of one of the first two paragraphs moves to "
     "`dateline`, its agency to the credits; the place must be in capitals or the agency a known one, so that "
     "`Chancellor Scholz (SPD) - ` stays"),
    ("structure/heading",
     "a sub-heading: at most 14 words, no semicolon, not a credit line, starts with a capital, a digit or a quotation mark, does not end a sentence, "
     "also not before closing quotation marks (`He said: “We must act.”`) (a question mark or a whole quotation without a "
     "full stop may), and a paragraph follows it"),
    ("structure/blockquote", "a paragraph written as a Markdown quotation (`> ...`) is a block quotation, marker dropped"),
)

_CREDIT: frozenset[Kind] = frozenset({"credit"})
# Every quotation mark the quotes package knows, in either role (one table, see quotes/marks.py).
_OPENERS = "".join(QUOTE_CLOSERS)
_CLOSERS = "".join(dict.fromkeys("".join(QUOTE_CLOSERS.values()))) + ")]"
_CLOSING_RUN = _CLOSERS + " "  # French spaces its closers, `agir. »` (hygiene made every space a plain one)
_SITE_SUFFIX = re.compile(r"\s+[|–—\-:·•]\s+\S.{0,60}")
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+(?P<text>.+?)(?:\s+#+)?")
_MARKDOWN_QUOTE = re.compile(r">\s?(?P<text>.+)")
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][\w.'’\-]*(?:[ /][^\W\d_][\w.'’\-]*){0,3})"
    r"(?P<date>,\s[^()\n]{1,30}?)?"
    r"\s\((?P<agency>[^()\n]{2,30})\)"
    r"\s*[-–—]+\s+(?P<rest>\S.*)",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class BodyBlock:
    kind: BlockKind
    text: str
    line: int


@dataclass(slots=True)
class Structure:
    headline: str | None = None
    description: str | None = None
    dateline: str | None = None
    body: list[BodyBlock] = field(default_factory=list)
    changes: list[IngestChange] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)


def split_headline(segments: Sequence[Segment]) -> tuple[Segment | None, list[Segment], list[IngestChange]]:
    """The headline, the segments after it, and the removal of a repeated headline."""
    if not segments:
        return None, [], []
    first = segments[0]
    heading = _MARKDOWN_HEADING.fullmatch(first.text)
    headline = Segment(heading["text"], first.line) if heading else first
    rest = list(segments[1:])
    changes: list[IngestChange] = []
    if rest:
        second = rest[0]
        second_heading = _MARKDOWN_HEADING.fullmatch(second.text)
        second_text = second_heading["text"] if second_heading else second.text
        rule = "structure/duplicate-headline"
        if _same(headline.text, second_text):
            changes.append(IngestChange(rule, "removed", second.text, second.line, note="the headline, repeated"))
            rest.pop(0)
        elif _with_site_name(headline.text, second_text):
            changes.append(IngestChange(rule, "removed", headline.text, headline.line, note="the headline with the site's name"))
            headline = Segment(second_text, second.line)
            rest.pop(0)
        elif _with_site_name(second_text, headline.text):
            changes.append(IngestChange(rule, "removed", second.text, second.line, note="the headline with the site's name"))
            rest.pop(0)
    return headline, rest, changes


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _with_site_name(longer: str, shorter: str) -> bool:
    return longer.casefold().startswith(shorter.casefold()) and bool(_SITE_SUFFIX.fullmatch(longer[len(shorter):]))


def dateline_of(text: str) -> tuple[str, str, str] | None:
    """``(dateline, agency, rest of the paragraph)`` for agency copy's first paragraph."""
    found = _DATELINE.match(text)
    if found is None:
        return None
    place, agency = found["place"], found["agency"].strip()
    if not (place.isupper() or agency.casefold() in AGENCIES or agency.split("/")[0].split("-")[0].casefold() in AGENCIES):
        return None
    return f"{place}{found['date'] or ''} ({agency})", agency, found["rest"]


def recover(headline: Segment | None, segments: Sequence[Segment]) -> Structure:
    """Lede, dateline and body blocks of the cleaned segments after the headline."""
    structure = Structure()
    if headline is not None:
        structure.headline = headline.text
        structure.changes.append(IngestChange("structure/headline", "moved", headline.text, headline.line, "headline"))
    rest = list(segments)
    dateline_at = next((i for i, s in enumerate(rest[:2]) if dateline_of(s.text)), None)
    if dateline_at is not None:
        segment = rest[dateline_at]
        dateline, agency, text = dateline_of(segment.text)  # type: ignore[misc]
        structure.dateline = dateline
        structure.credits.append(Credit("structure/dateline", dateline, agency, segment.line))
        structure.changes.append(IngestChange("structure/dateline", "moved", dateline, segment.line, "dateline"))
        rest[dateline_at] = Segment(text, segment.line)
    if rest and dateline_at != 0 and _is_lede(rest[0].text, len(rest) - 1):
        lede = rest.pop(0)
        structure.description = lede.text
        structure.changes.append(IngestChange("structure/lede", "moved", lede.text, lede.line, "description"))
    for index, segment in enumerate(rest):
        kind, text = _kind(segment.text, rest[index + 1].text if index + 1 < len(rest) else None)
        if kind != "paragraph":
            structure.changes.append(IngestChange(f"structure/{kind}", "classified", text, segment.line, f"body[{index}]"))
        structure.body.append(BodyBlock(kind, text, segment.line))
    return structure


def _is_lede(text: str, paragraphs_after: int) -> bool:
    words = len(text.split())
    return paragraphs_after >= 2 and 8 <= words <= 80 and _ends_sentence(text) and not _looks_like_heading(text)


def _ends_sentence(text: str) -> bool:
    ends = _before_closers(text).endswith((".", "!", "?", "…"))
    return ends or (text.endswith(("”", "“", "»", "«", '"')) and len(text) > 40)


def _before_closers(text: str) -> str:
    """``text`` without the closing quotation marks and brackets (and the spaces among them) it ends with."""
    return text.rstrip(_CLOSING_RUN)


def _kind(text: str, following: str | None) -> tuple[BlockKind, str]:
    heading = _MARKDOWN_HEADING.fullmatch(text)
    if heading:
        return "heading", heading["text"]
    quote = _MARKDOWN_QUOTE.fullmatch(text)
    if quote:
        return "blockquote", quote["text"]
    if following is not None and _looks_like_heading(text) and not _looks_like_heading(following):
        return "heading", text
    return "paragraph", text


def _looks_like_heading(text: str) -> bool:
    if match(text, _CREDIT):  # "Source: Insee" under a table is a note, not a heading
        return False
    words = text.split()
    if not 1 <= len(words) <= 14 or len(text) > 120 or not any(c.isalpha() for c in text) or ";" in text:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    # The punctuation before closing marks ends the line too: `The minister said: “We must act.”`
    # ends a sentence; only a whole quotation may end with `!` and stay a heading.
    quoted = text[0] in _OPENERS and text[-1] in _CLOSERS
    core = _before_closers(text)
    if core.endswith((".", ",", ";", ":", "!", "…")):
        return quoted and core.endswith("!")
    return True
