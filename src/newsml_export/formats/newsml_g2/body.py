"""The body inside ``contentSet/inlineXML``: which markup to write, and what was read back.

:mod:`.body_xhtml` and :mod:`.body_nitf` each write ``Article.body`` plus its located quotes as
the XML text of one root element, and read such an element (ours or anyone's) back into blocks
and quote spans.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from ...model import Article, Quote, QuoteKind
from .inline import Span, collapse, read_inline

__all__ = ["BodyKind", "FoundQuote", "ReadBody", "add_block", "quotes_by_block"]

BodyKind = Literal["xhtml", "nitf"]


@dataclass(frozen=True)
class FoundQuote:
    """A quote element found in a body: its id, where it is, and what the markup says of it."""

    id: str | None
    block: int
    start: int
    end: int
    text: str
    source_name: str | None
    line: int | None
    kind: QuoteKind | None = None


@dataclass
class ReadBody:
    blocks: list[dict[str, str]] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    notes: list[tuple[str, str, etree._Element | None]] = field(default_factory=list)
    """(code, message, element) for every part of the markup that was not mapped."""

    def note(self, code: str, message: str, element: etree._Element | None = None) -> None:
        self.notes.append((code, message, element))


def quotes_by_block(article: Article) -> dict[int, list[Quote]]:
    located: dict[int, list[Quote]] = {}
    for quote in article.quotes:
        if quote.block is not None:
            located.setdefault(quote.block, []).append(quote)
    return located


def localname(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def add_block(body: ReadBody, element: etree._Element, kind: str, *, preserve: bool,
              is_quote: Callable[[etree._Element], bool], source_attr: str | None = None,
              speaker: str | None = None) -> None:
    """Read one block element: its text and the quote spans in it (whitespace collapsed unless
    the item says ``xml:space="preserve"``); with ``speaker`` (NITF ``bq/@quote-source``), the
    whole block is also a block quote of that name."""
    raw, spans, flattened, breaks = read_inline(element, is_quote)
    if flattened:
        body.note("inline-markup-flattened", f"inline markup kept as text only: {', '.join(sorted(set(flattened)))}", element)
    if breaks:
        what = "a line break" if len(breaks) == 1 else f"{len(breaks)} line breaks"
        body.note("line-break", f"<br> read as {what} in the block text", element)
    starts: Sequence[int]
    ends: Sequence[int]
    if preserve:
        text, starts, ends = raw, range(len(raw) + 1), range(len(raw) + 1)
    else:
        text, starts, ends = collapse(raw, frozenset(breaks))
    if not text:
        if spans:
            body.note("empty-block", "a block with only whitespace holds a quote; the quote is kept unlocated", element)
        return
    index = len(body.blocks)
    body.blocks.append({"kind": kind, "text": text})
    if speaker:
        body.quotes.append(FoundQuote(None, index, 0, len(text), text, speaker, element.sourceline, "block"))
    for span in spans:
        start = starts[span.start]
        _add_quote(body, span, index, text, start, max(start, ends[span.end]), source_attr)


def _add_quote(body: ReadBody, span: Span, block: int, text: str, start: int, end: int, source_attr: str | None) -> None:
    if start >= end:  # <q/>, or only whitespace once collapsed: a quotation of nothing
        body.note("empty-quote", "a quotation element holds no text: not read as a quote", span.element)
        return
    source_name = span.element.get(source_attr) if source_attr else None
    body.quotes.append(FoundQuote(span.element.get("id"), block, start, end, text[start:end], source_name,
                                  span.element.sourceline))
