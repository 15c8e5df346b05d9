"""What kind of input a file is, decided from its content (the name only breaks ties)."""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

__all__ = ["InputKind", "INPUT_KINDS", "detect_kind", "document_kind"]

InputKind = Literal["text", "article", "jsonld", "html", "newsml"]
INPUT_KINDS: tuple[InputKind, ...] = ("text", "article", "jsonld", "html", "newsml")

_HEAD = 4096
_G2_ROOTS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(newsItem|newsMessage|packageItem|conceptItem|knowledgeItem|planningItem)[\s>/]")
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<script[^>]+application/ld\+json", re.I)
_JSONLD_KEYS = re.compile(rb'"@(?:context|graph|type|id)"\s*:')
_ARTICLE_YAML = re.compile(rb"^(?:id|headline|language|version|body|people|quotes)\s*:", re.M)


def detect_kind(data: bytes, name: str = "") -> InputKind:
    data = _as_utf8(data)
    head = _strip_bom(data[:_HEAD]).lstrip()
    lowered_name = name.lower()
    if head.startswith(b"<"):
        if _G2_ROOTS.search(data[: 64 * 1024]):
            return "newsml"
        if _HTML.search(head) or lowered_name.endswith((".html", ".htm")):
            return "html"
        return "newsml"  # some XML: the NewsML-G2 reader will say what it is not
    if head.startswith((b"{", b"[")):
        return "jsonld" if _JSONLD_KEYS.search(data[: 256 * 1024]) else "article"
    if lowered_name.endswith((".yaml", ".yml")) and not lowered_name.endswith((".meta.yaml", ".meta.yml")):
        return "article"
    if _ARTICLE_YAML.search(head) and b"\nheadline:" in b"\n" + data[: 256 * 1024] and not lowered_name.endswith(".txt"):
        return "article"
    return "text"


_JSON_ENDS = {b"{": b"}", b"[": b"]"}
_TAG = re.compile(rb"<[A-Za-z_!?]")


def document_kind(data: bytes) -> InputKind | None:
    """The kind of document ``data`` holds by its content alone (a canonical article, JSON-LD,
    an HTML page, NewsML-G2), or None when it is text: for a reader that was told "this is
    text" and checks the claim.

    What :func:`detect_kind` says, confirmed where text may start alike: JSON must parse as
    JSON and XML as XML, and markup must start with a tag (``<p``, ``<?xml``, ``<!DOCTYPE``),
    so scraped text whose first line is ``<< Back``, ``[Video] …`` or ``<Reuters> …``, or that
    starts with ``[Updated 10:32]`` and ends with ``[Reporting by …]``, stays text."""
    kind = detect_kind(data)
    if kind == "text":
        return None
    head = _strip_bom(_as_utf8(data[:_HEAD])).lstrip()
    if head.startswith(b"<"):
        if not _TAG.match(head):
            return None
        return kind if kind != "newsml" or _is_xml(data) else None
    if head[:1] in _JSON_ENDS:
        # The last byte that is not whitespace or NUL (the same in UTF-8, UTF-16 and UTF-32)
        # first: most text fails there, before any parsing.
        if data[-_HEAD:].rstrip(b"\x00 \t\r\n")[-1:] != _JSON_ENDS[head[:1]]:
            return None
        return kind if _is_json(data) else None
    return kind  # a YAML article


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except RecursionError:  # nested past the parser's bound: JSON all the same
        return True
    except ValueError:  # not JSON, or not in an encoding JSON may have
        return False
    return True


def _is_xml(data: bytes) -> bool:
    """Whether ``data`` is well-formed XML (a DOCTYPE or other refused construct counts: it is
    XML, only not accepted), read by the hostile-safe parser."""
    from ..errors import DecodeError, UnsafeInputError
    from ..formats.newsml_g2.safe_xml import parse

    try:
        parse(data, source="<text>")
    except UnsafeInputError:
        return True
    except DecodeError:
        return False
    return True


# UTF-16/32 (with a byte-order mark, or XML's '<' without one) are sniffed as UTF-8, so that
# a UTF-16 NewsML-G2 document goes to the XML reader, not to the text reader.
_WIDE = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"), (b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0", "utf-16-le"),
         (b"\0<", "utf-16-be"))


def _as_utf8(data: bytes) -> bytes:
    for start, codec in _WIDE:
        if data.startswith(start):
            return data[: 256 * 1024].decode(codec, "ignore").encode("utf-8", "surrogatepass")
    return data


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
