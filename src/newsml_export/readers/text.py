"""Scraped article text: bytes to clean Unicode, and (for now) paragraphs.

The structure recovery and boilerplate removal of the ingestion issue build on ``decode_text``
and ``split_paragraphs``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import DecodeError, UnsafeInputError

__all__ = ["decode_text", "split_paragraphs", "MAX_TEXT_BYTES"]

MAX_TEXT_BYTES = 20 * 1024 * 1024


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM, to NFC text with ``\\n`` line ends."""
    if len(data) > MAX_TEXT_BYTES:
        raise UnsafeInputError(f"text larger than {MAX_TEXT_BYTES} bytes", source=source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
        if b"\x00" in data[:8192]:
            raise DecodeError("binary data, not article text (NUL bytes and no UTF-16 byte-order mark)", source=source)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(
            f"not {encoding.upper().replace('-SIG', '')} text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first",
            source=source,
            line=line,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, inner whitespace collapsed to single spaces."""
    paragraphs = (_SPACES.sub(" ", " ".join(p.split("\n"))).strip() for p in _BLANK_LINES.split(text))
    return [p for p in paragraphs if p]
