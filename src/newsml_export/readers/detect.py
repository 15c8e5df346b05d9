"""What kind of input a file is, decided from its content (the name only breaks ties)."""

from __future__ import annotations

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


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
