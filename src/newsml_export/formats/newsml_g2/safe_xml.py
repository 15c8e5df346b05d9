"""Parsing untrusted XML: no entities, no DTDs, no network, no XInclude, no stylesheets,
bounded size and depth.

Every NewsML-G2 document the tool reads goes through :func:`parse`. libxml2 is told not to
resolve entities, not to load DTDs and not to touch the network; on top of that a document that
carries a DOCTYPE at all (the vehicle of billion-laughs, quadratic-blowup and external-entity
attacks; NewsML-G2 uses none) is refused *before parsing*, and an XInclude element or an
``xml-stylesheet`` processing instruction is refused after, so nothing a document names is ever
read or fetched. The DOCTYPE scan runs on UTF-8: input in any other encoding (UTF-16/32, or a
declared one such as UTF-7, which would hide ``<!DOCTYPE`` as ``+ADw-!DOCTYPE``) is transcoded
by Python first, and an encoding Python does not know is refused. lxml's own exceptions never
escape: they become :class:`DecodeError` / :class:`UnsafeInputError` with the source and line.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from ...errors import DecodeError, UnsafeInputError
from ...limits import current_limits, too_big, too_deep
from ...xmlchars import describe

_LIBXML2_DEPTH = 256
"""How deep libxml2 nests elements unless huge_tree is on (never for input)."""

__all__ = ["XINCLUDE_NAMESPACES", "make_parser", "parse"]

XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
_XINCLUDE = tuple(f"{{{ns}}}" for ns in XINCLUDE_NAMESPACES)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")
_DECLARED_ENCODING_BYTES = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
# Byte-order marks and, without one, the first character '<' in UTF-16/32 (XML 1.0 Appendix F).
_UNICODE_STARTS = (
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"), (b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"),
    (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"),
)
# libxml2's words for a character XML 1.0 forbids, and for its own nesting bound.
_BAD_CHAR = re.compile(r"invalid xmlChar value (\d+)|PCDATA invalid Char value (\d+)|Char 0x([0-9A-F]+) out of allowed range")


def make_parser(*, huge_tree: bool = False) -> etree.XMLParser:
    """A parser with every external-resource feature off. Parsers are not thread-safe: one per use.
    ``huge_tree`` lifts libxml2's size bounds: only for documents this tool wrote itself."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=huge_tree,
        remove_blank_text=False,
        collect_ids=True,
    )


def parse(data: bytes | str, *, source: str = "<input>") -> etree._ElementTree:
    """The document tree of ``data``, or an :class:`InputError` saying why it cannot be read."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > current_limits().xml_bytes:
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        raise too_big("XML", size, "xml_bytes", source, raw)
    data = _as_utf8(data, source)
    doctype = _DOCTYPE.search(data)
    if doctype is not None:
        # Refused before parsing: neither internal entities (billion laughs) nor external ones
        # (local files, URLs) nor an external DTD are ever looked at.
        raise UnsafeInputError(
            "DOCTYPE declarations are not accepted (NewsML-G2 uses none; they carry entity and DTD attacks)",
            source=source,
            line=data[: doctype.start()].count(b"\n") + 1,
        )
    try:
        tree = etree.ElementTree(etree.fromstring(data, make_parser()))
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, source) from None
    if tree.docinfo.doctype:  # defence in depth: the byte scan above already refused it
        raise UnsafeInputError("DOCTYPE declarations are not accepted", source=source, line=1)
    _refuse_active_content(tree, source)
    return tree


def _as_utf8(data: bytes | str, source: str) -> bytes:
    """``data`` as UTF-8 bytes, so that a scan for ``<!DOCTYPE`` sees what libxml2 will see."""
    if isinstance(data, bytes):
        encoding = next((name for start, name in _UNICODE_STARTS if data.startswith(start)), None)
        if encoding is None:
            if not data.lstrip().startswith(b"<"):
                # Whatever else libxml2 might guess (EBCDIC ...) would hide a DOCTYPE from the scan.
                raise DecodeError("not XML: the document does not start with '<'", source=source, line=1)
            declared = _DECLARED_ENCODING_BYTES.match(data)
            encoding = declared.group(1).decode("ascii") if declared else "utf-8"
            try:
                if codecs.lookup(encoding).name in ("utf-8", "ascii"):
                    return data
            except LookupError:
                raise DecodeError(f"unknown encoding {encoding!r}; convert the document to UTF-8", source=source,
                                  line=1) from None
        try:
            data = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                              source=source, line=data[: exc.start].count(b"\n") + 1) from None
    # lxml refuses str input that declares an encoding; the text is Unicode now. A lone
    # surrogate stays invalid UTF-8, which libxml2 then reports with its line.
    return _DECLARED_ENCODING.sub(r"\1\2UTF-8\2", data.lstrip("\ufeff"), count=1).encode("utf-8", "surrogatepass")


def _refuse_active_content(tree: etree._ElementTree, source: str) -> None:
    """Entities, XInclude, stylesheet instructions, and nesting past the depth limit."""
    root = tree.getroot()
    max_depth = current_limits().depth
    for node in root.itersiblings(preceding=True):
        _refuse_node(node, source)
    for node in root.itersiblings():
        _refuse_node(node, source)
    depth = 0
    for event, node in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > max_depth:
            raise too_deep("XML", source, node.sourceline)
        _refuse_node(node, source)
        if not isinstance(node.tag, str):  # comments, PIs, entities have no children
            depth -= 1


def _refuse_node(node: etree._Element, source: str) -> None:
    if isinstance(node, etree._Entity):
        raise UnsafeInputError("entity references are not accepted", source=source, line=node.sourceline)
    if isinstance(node, etree._ProcessingInstruction) and node.target.lower() == "xml-stylesheet":
        raise UnsafeInputError("xml-stylesheet processing instructions are not accepted (a stylesheet is never run or fetched)",
                               source=source, line=node.sourceline)
    if isinstance(node.tag, str) and node.tag.startswith(_XINCLUDE):
        raise UnsafeInputError("XInclude is not accepted (it would read other files)", source=source,
                               line=node.sourceline, path=etree.QName(node).localname)


def _syntax_error(exc: etree.XMLSyntaxError, source: str) -> DecodeError | UnsafeInputError:
    line, column = exc.position if exc.position else (None, None)
    message = _message(exc)
    if message.startswith("Excessive depth in document"):
        # libxml2 stops at its own bound (256 levels without huge_tree); a higher limit cannot lift it.
        bound = "libxml2 (256 levels)" if current_limits().depth >= _LIBXML2_DEPTH else None
        return too_deep("XML", source, line or None, column or None, reader_bound=bound)
    bad = _BAD_CHAR.search(message)
    if bad is not None:
        code = int(bad.group(1) or bad.group(2)) if not bad.group(3) else int(bad.group(3), 16)
        if code <= 0x10FFFF:
            where = f" at column {column}" if column else ""
            return DecodeError(describe(chr(code)).replace(" is not allowed", f"{where} is not allowed"),
                               source=source, line=line or None, column=column or None)
    return DecodeError(f"not well-formed XML: {message}", source=source, line=line or None, column=column or None)


def _message(exc: etree.XMLSyntaxError) -> str:
    # lxml appends "(<string>, line N)"; the line is reported separately.
    return re.sub(r",? \(<string>, line \d+\)$|, line \d+, column \d+$", "", str(exc.msg or exc)).strip()
