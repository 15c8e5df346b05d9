"""Parsing untrusted XML: no entities, no DTDs, no network, no XInclude, bounded size.

Every NewsML-G2 document the tool reads goes through :func:`parse`. libxml2 is told not to
resolve entities, not to load DTDs and not to touch the network; on top of that a document that
carries a DOCTYPE at all (the vehicle of billion-laughs and external-entity attacks; NewsML-G2
uses none) or an XInclude element is refused, so nothing it names is ever read or fetched.
lxml's own exceptions never escape: they become :class:`DecodeError` / :class:`UnsafeInputError`
with the source and line.
"""

from __future__ import annotations

import re

from lxml import etree

from ...errors import DecodeError, UnsafeInputError

__all__ = ["MAX_XML_BYTES", "XINCLUDE_NAMESPACES", "make_parser", "parse"]

MAX_XML_BYTES = 50 * 1024 * 1024
XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")


def make_parser() -> etree.XMLParser:
    """A parser with every external-resource feature off. Parsers are not thread-safe: one per use."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=True,
    )


def parse(data: bytes | str, *, source: str = "<input>") -> etree._ElementTree:
    """The document tree of ``data``, or an :class:`InputError` saying why it cannot be read."""
    if isinstance(data, str):
        # lxml refuses str input that declares an encoding; the text is Unicode already.
        data = _DECLARED_ENCODING.sub(r"\1\2UTF-8\2", data, count=1).encode("utf-8")
    if len(data) > MAX_XML_BYTES:
        raise UnsafeInputError(f"XML larger than {MAX_XML_BYTES} bytes", source=source)
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
        line, column = exc.position if exc.position else (None, None)
        raise DecodeError(f"not well-formed XML: {_message(exc)}", source=source, line=line or None,
                          column=column or None) from None
    if tree.docinfo.doctype:  # e.g. a UTF-16 document the byte scan could not read
        raise UnsafeInputError("DOCTYPE declarations are not accepted", source=source, line=1)
    for element in tree.iter():
        if isinstance(element, etree._Entity):
            raise UnsafeInputError("entity references are not accepted", source=source, line=element.sourceline)
        if isinstance(element.tag, str) and element.tag.startswith(tuple(f"{{{ns}}}" for ns in XINCLUDE_NAMESPACES)):
            raise UnsafeInputError("XInclude is not accepted (it would read other files)", source=source,
                                   line=element.sourceline, path=etree.QName(element).localname)
    return tree


def _message(exc: etree.XMLSyntaxError) -> str:
    # lxml appends "(<string>, line N)"; the line is reported separately.
    return re.sub(r",? \(<string>, line \d+\)$|, line \d+, column \d+$", "", str(exc.msg or exc)).strip()
