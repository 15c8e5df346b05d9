"""Block text with quotes marked inside it, both ways: the part XHTML and NITF bodies share.

A located quote is a character span of one block. Spans nest or stay apart (the model checks),
so each becomes an element wrapping exactly its text; reading the elements back gives the same
text and the same offsets. Written as XML text (see :mod:`.xmlbuild`), read from the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from lxml import etree

from ...errors import ExportError
from ...model import Quote
from .xmlbuild import escape_text

__all__ = ["MAX_QUOTE_DEPTH", "Span", "collapse", "read_inline", "wrap", "write_inline"]

MAX_QUOTE_DEPTH = 64
"""Quotes nested deeper than this in one block are refused. Each level is a ``<q>`` element; an
item must read back under the readers' default ``depth`` limit (100 elements, limits.py), and
the deepest path to a block (a NITF block quote in a newsMessage) is already 11 deep, so 64
leaves a margin. No article
quotes a quote in a quote anywhere near that deep."""


@dataclass(frozen=True)
class Span:
    element: etree._Element
    start: int
    end: int


StartTag = Callable[[Quote], str]


def wrap(local: str, content: str, attrs: str = "") -> str:
    """``<local attrs>content</local>``, or ``<local attrs/>`` when there is no content (as lxml
    writes an element without text or children)."""
    return f"<{local}{attrs}>{content}</{local}>" if content else f"<{local}{attrs}/>"


def write_inline(text: str, quotes: Sequence[Quote], start_tag: StartTag, end_tag: str) -> str:
    """``text`` as element content, each located quote's span wrapped in the element that
    ``start_tag`` opens (and ``end_tag`` closes)."""
    if not quotes:
        return escape_text(text)
    ordered = sorted(quotes, key=lambda q: (q.start, -q.end))  # type: ignore[operator]
    parts: list[str] = []
    _fill(parts, text, ordered, 0, len(text), start_tag, end_tag, 1)
    return "".join(parts)


def _fill(parts: list[str], text: str, quotes: list[Quote], begin: int, end: int, start_tag: StartTag,
          end_tag: str, depth: int) -> None:
    cursor, index = begin, 0
    while index < len(quotes):
        quote = quotes[index]
        if depth > MAX_QUOTE_DEPTH:
            raise ExportError(f"quotes: quote {quote.id!r} is nested {depth} deep in other quotes; NewsML-G2 output "
                              f"holds at most {MAX_QUOTE_DEPTH} levels")
        inner = []
        index += 1
        while index < len(quotes) and quotes[index].end <= quote.end:  # type: ignore[operator]
            inner.append(quotes[index])
            index += 1
        parts.append(escape_text(text[cursor:quote.start]))
        start = len(parts)
        parts.append(start_tag(quote))
        _fill(parts, text, inner, quote.start, quote.end, start_tag, end_tag, depth + 1)  # type: ignore[arg-type]
        if any(parts[start + 1:]):
            parts.append(end_tag)
        else:  # an empty span: an empty element
            del parts[start + 1:]
            parts[start] = parts[start][:-1] + "/>"
        cursor = quote.end  # type: ignore[assignment]
    parts.append(escape_text(text[cursor:end]))


def read_inline(element: etree._Element,
                is_quote: Callable[[etree._Element], bool]) -> tuple[str, list[Span], list[str], list[int]]:
    """The text of ``element`` (inline markup flattened, each ``<br>`` a line break), the span of
    every quote element in it, the names of other elements that were flattened, and the offset
    of each line break."""
    parts: list[str] = []
    spans: list[Span] = []
    flattened: list[str] = []
    breaks: list[int] = []
    length = _walk(element, is_quote, parts, spans, flattened, breaks, 0)
    assert length == sum(len(p) for p in parts)
    return "".join(parts), spans, flattened, breaks


def _walk(element: etree._Element, is_quote: Callable[[etree._Element], bool], parts: list[str],
          spans: list[Span], flattened: list[str], breaks: list[int], length: int) -> int:
    if element.text:
        parts.append(element.text)
        length += len(element.text)
    for child in element:
        if isinstance(child.tag, str):
            start = length
            if etree.QName(child).localname == "br":  # XHTML and NITF alike: a line break, not nothing
                breaks.append(length)
                parts.append("\n")
                length += 1
            elif is_quote(child):
                length = _walk(child, is_quote, parts, spans, flattened, breaks, length)
                spans.append(Span(child, start, length))
            else:
                flattened.append(etree.QName(child).localname)
                length = _walk(child, is_quote, parts, spans, flattened, breaks, length)
        if child.tail:
            parts.append(child.tail)
            length += len(child.tail)
    return length


_XML_SPACE = " \t\n\r"


def collapse(raw: str, breaks: Collection[int] = ()) -> tuple[str, list[int], list[int]]:
    """Whitespace runs to one space, ends trimmed (for documents without ``xml:space="preserve"``),
    with two maps from each raw offset to an offset in the collapsed text: where a span starting
    there starts (after the whitespace owed at that point) and where a span ending there ends
    (before it), so that no span takes in the whitespace or line break beside it. The characters
    at ``breaks`` (``<br>``) are line breaks: kept, and the spaces around them dropped."""
    out: list[str] = []
    size = 0
    starts = [0] * (len(raw) + 1)
    ends = [0] * (len(raw) + 1)
    pending = ""  # the whitespace owed before the next character: "", " " or line breaks
    for index, char in enumerate(raw):
        ends[index] = size
        if index in breaks:
            pending = pending.strip(" ") + "\n" if out else ""
        elif char in _XML_SPACE:
            pending = pending or (" " if out else "")
        else:
            if pending:
                out.append(pending)
                size += len(pending)
                pending = ""
            starts[index] = size
            out.append(char)
            size += 1
            continue
        starts[index] = size + len(pending)
    starts[len(raw)] = ends[len(raw)] = size
    return "".join(out), [min(m, size) for m in starts], ends
