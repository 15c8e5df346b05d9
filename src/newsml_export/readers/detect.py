"""What kind of input a file is, decided from its content (the name only breaks ties)."""

from __future__ import annotations

import codecs
import re
from typing import Literal

__all__ = ["InputKind", "INPUT_KINDS", "detect_kind"]

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
