"""Writing XML as text: escaping, the indented NewsML-G2 structure, dates, and the tree of the
written bytes.

The writer produces the bytes lxml gives for the same tree (``etree.tostring`` with an XML
declaration, UTF-8, the NewsML-G2 structure indented by two spaces a level, text-bearing
elements and the body byte-exact), without building that tree element by element, which costs
several times more than writing the text and parsing it once. :func:`escape_text` and
:func:`escape_attr` write what libxml2's serialiser writes for every character (a test holds
them to it for every code point), so the bytes are the same and the tree parsed from them
(:func:`tree_of`, what the exporter validates) is the tree that was written.

Characters XML 1.0 forbids follow the one rule of :mod:`newsml_export.xmlchars`: ``dump``
refuses an article holding one (naming the field) before anything is written, and every string
written is the article's or one of this package's constants. The exporter parses the bytes
before it validates them, and libxml2 refuses such a character too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from lxml import etree

from ...dates import format_datetime
from ...errors import ExportError
from .names import NAR
from .safe_xml import make_parser

__all__ = ["Writer", "escape_attr", "escape_text", "one_line", "serialize", "tree_of", "xs_datetime"]

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"


def escape_text(value: str) -> str:
    """Character data as libxml2 writes it: ``&``, ``<``, ``>`` as entities; a carriage return
    as ``&#13;`` (a parser would turn a literal one into a line feed)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


_ATTR_SPECIAL = re.compile('[&<>"\t\n\r]')
_ATTR_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def escape_attr(value: str) -> str:
    """An attribute value (between double quotes) as libxml2 writes it: tabs and line breaks as
    character references, which a parser's attribute-value normalisation would otherwise turn
    into spaces."""
    if _needs_escape(value) is None:  # nearly every value: ids, QCodes, URLs
        return value
    return _ATTR_SPECIAL.sub(lambda m: _ATTR_ENTITIES[m.group()], value)


_needs_escape = _ATTR_SPECIAL.search


# Elements of type IntlStringType (g2normalizedString, pattern [\S ]*): one line of text.
ONE_LINE = frozenset({"name", "keyword", "creditline"})
_LINE_BREAK = re.compile("[\t\n\r]")
line_break = _LINE_BREAK.search


def one_line(value: str, field: str) -> str:
    bad = _LINE_BREAK.search(value)
    if bad is not None:
        raise ExportError(
            f"{field}: {bad.group()!r} at position {bad.start()}: NewsML-G2 names, keywords and credit lines are "
            "single-line (g2normalizedString); replace tabs and line breaks with spaces"
        )
    return value


def xs_datetime(value: datetime, field: str) -> str:
    """An ``xs:dateTime`` with its offset (the model only holds timezone-aware datetimes)."""
    if value.utcoffset() is None:
        raise ExportError(f"{field}: {value.isoformat()} has no timezone")
    return format_datetime(value)


Attrs = Mapping[str, str]
# The NewsML-G2 structure is at most seven levels deep (newsMessage ... contactInfo/web).
_INDENTS = tuple("\n" + "  " * level for level in range(16))


def attributes(attrs: Attrs) -> str:
    """`` name="value"`` for each attribute, in the given order."""
    return "".join(f' {name}="{escape_attr(value)}"' for name, value in attrs.items())


class Writer:
    """NewsML-G2 elements written as text: each on its own line, indented two spaces a level
    (``level`` is where the writer starts: 0 for a document, whose root declares the namespace
    after the XML declaration). An element opened and closed with nothing in it is written
    empty (``<provider/>``), as lxml writes it."""

    __slots__ = ("_depth", "_open", "parts")

    def __init__(self, level: int = 0) -> None:
        self.parts: list[str] = [XML_DECLARATION] if level == 0 else []
        self._depth = level
        self._open: list[tuple[str, int]] = []  # (name, index of its start tag in parts)

    def open(self, local: str, attrs: Attrs | None = None) -> None:
        """Start an element whose content is elements."""
        depth = self._depth
        start = f"{_INDENTS[depth]}<{local}" if depth else self._root(local)
        self._open.append((local, len(self.parts)))
        self.parts.append(f"{start}{attributes(attrs)}>" if attrs else start + ">")
        self._depth = depth + 1

    def close(self) -> None:
        local, start = self._open.pop()
        self._depth -= 1
        parts = self.parts
        if start == len(parts) - 1:  # nothing written inside
            parts[start] = parts[start][:-1] + "/>"
        else:
            parts.append(f"{_INDENTS[self._depth]}</{local}>")

    def leaf(self, local: str, text: str | None = None, attrs: Attrs | None = None, *, field: str = "") -> None:
        """An element with text (``""`` writes ``<x></x>``, as lxml does) or nothing (``<x/>``).
        Names, keywords and credit lines must be one line; ``field`` names the Article field
        in the error."""
        depth = self._depth
        start = f"{_INDENTS[depth]}<{local}" if depth else self._root(local)
        if attrs:
            start += attributes(attrs)
        if text is None:
            self.parts.append(start + "/>")
            return
        if local in ONE_LINE and line_break(text) is not None:
            one_line(text, field or local)
        self.parts.append(f"{start}>{escape_text(text)}</{local}>")

    def named(self, local: str, attrs: Attrs | None, name: str, field: str) -> None:
        """``<local attrs><name>name</name></local>``: how a party, a subject or a source is
        referred to (the same as :meth:`open`, :meth:`leaf` and :meth:`close`, in one step)."""
        if line_break(name) is not None:
            one_line(name, field)
        indent = _INDENTS[self._depth]
        self.parts.append(f"{indent}<{local}{attributes(attrs) if attrs else ''}>{indent}  <name>{escape_text(name)}"
                          f"</name>{indent}</{local}>")

    @property
    def indent(self) -> str:
        """What an element written now starts with inside the root: a line break and two spaces
        a level."""
        return _INDENTS[self._depth]

    def write(self, elements: list[str]) -> None:
        """Whole elements already written as text, each starting with :attr:`indent` (its
        children with deeper ones), as :meth:`open`, :meth:`leaf` and :meth:`close` write them:
        for the writers of many small elements, one call instead of one per element. Their text
        and attribute values must be escaped (:func:`escape_text`, :func:`escape_attr`)."""
        self.parts += elements

    def embed(self, local: str, attrs: Attrs, markup: str) -> None:
        """An element holding ``markup`` (already XML text: the body in ``inlineXML``) written
        as it is, not indented."""
        self.parts.append(f"{_INDENTS[self._depth]}<{local}{attributes(attrs)}>{markup}</{local}>")

    def extend(self, other: Writer) -> None:
        """What ``other`` wrote (started at this writer's current level)."""
        if other._open or other._depth != self._depth:
            raise AssertionError("the other writer is unfinished or at another level")
        self.parts += other.parts

    def _root(self, local: str) -> str:
        # After the XML declaration; the namespace is declared on it.
        if len(self.parts) != 1:
            raise AssertionError("a document has one root element")
        return f'<{local} xmlns="{NAR}"'

    def finish(self) -> bytes:
        """The document's UTF-8 bytes with a final line break."""
        if self._open or self._depth:
            raise AssertionError("finish() is for a whole document whose elements are all closed")
        self.parts.append("\n")
        return "".join(self.parts).encode("utf-8")


def tree_of(data: bytes) -> etree._Element:
    """The root element of a document this module wrote."""
    # huge_tree: one body text of our own may pass libxml2's 10 MB node limit. A new parser per
    # call costs about a microsecond and is never shared between threads.
    try:
        return etree.fromstring(data, make_parser(huge_tree=True))
    except etree.XMLSyntaxError as exc:  # only past libxml2's nesting bound (2048 levels)
        raise ExportError(f"the NewsML-G2 output cannot be read back: {exc}") from None


def serialize(root: etree._Element) -> bytes:
    """A tree as the writer writes documents (for trees built or changed by hand)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
