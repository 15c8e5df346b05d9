"""Scraped article text: bytes to clean Unicode, then paragraphs ("segments") with line numbers.

Only UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM are read without being told;
any other encoding must be named (``encoding=``). Guessing would be wrong often enough on short
articles to corrupt names silently, so undecodable bytes are an error that says where, and what
the bytes may be (``DecodeError.encoding``: the caller knows whether its user can name it).
Characters XML 1.0 forbids (C0 controls other than tab and line ends, U+FFFE, U+FFFF) are
refused with their line and column, as on every other path (:mod:`newsml_export.xmlchars`).
Hygiene (NFC, line ends, invisible characters, whitespace) is counted in :class:`Decoded` /
:func:`clean_line` so that the ingest report can say what changed.
Typographic quotation marks are never touched: quote detection relies on them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import DecodeError, InputError
from ..limits import current_limits, too_big
from ..xmlchars import refuse_in_text

__all__ = ["Decoded", "Segment", "clean_line", "decode", "refuse_empty", "segment", "split_paragraphs"]

# Formats people feed a text reader by mistake, by their leading bytes.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text (NFC, ``\\n`` line ends) and what decoding changed."""

    text: str
    encoding: str
    bom: bool
    line_ends: int
    """CR LF or lone CR line ends turned into LF."""
    nfc: bool
    """Whether NFC normalisation changed anything."""


def decode(data: bytes, source: str, *, encoding: str | None = None) -> Decoded:
    """Bytes to text. ``encoding`` overrides the BOM/UTF-8 rule (any codec Python knows)."""
    if len(data) > current_limits().text_bytes:
        raise too_big("text", len(data), "text_bytes", source, data)
    bom = False
    named = encoding is not None
    if encoding is None:
        encoding = "utf-8"
        for mark, name in _BOMS:
            if data.startswith(mark):
                encoding, bom = name, True
                break
        if not bom:
            _refuse_binary(data, source)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, encoding, named, source) from None
    if text.startswith("\ufeff"):  # utf-16/utf-32 keep no BOM; an explicit encoding may
        text, bom = text[1:], True
    refuse_empty(text, source)
    line_ends = text.count("\r")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    refuse_in_text(text, source)
    normalised = unicodedata.normalize("NFC", text)
    return Decoded(normalised, encoding, bom, line_ends, normalised != text)


def refuse_empty(text: str, source: str) -> None:
    """An input without any text is refused as such, before a reader says what it lacks
    (``headline: missing required field`` would send the user looking in the wrong place)."""
    if not text.strip():
        what = "input" if source.startswith("<") else "file"
        raise InputError(f"the {what} is empty" + (" (only whitespace)" if text else ""), source=source, line=1)


def decode_text(data: bytes, source: str, *, encoding: str | None = None) -> str:
    """UTF-8 (with or without BOM) or UTF-16/32 with BOM, to NFC text with ``\\n`` line ends."""
    return decode(data, source, encoding=encoding).text


def _refuse_binary(data: bytes, source: str) -> None:
    # What gives the kind away is at the start (line 1), or at the first NUL or control byte.
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise DecodeError(f"binary data, not article text (this is {what})", source=source, line=1)
    utf16 = _utf16_without_bom(head) if b"\x00" in head else None
    if utf16 is not None:
        raise DecodeError(f"looks like UTF-16 without a byte-order mark ({utf16}): convert it to UTF-8, or give it a "
                          "byte-order mark", source=source, line=1, encoding=utf16)
    # Many control bytes mean binary data; a stray one is refused by the XML character rule.
    controls = [i for i, b in enumerate(head) if b < 32 and b not in (9, 10, 12, 13)]
    if head and len(controls) > len(head) // 20:
        line = head[: controls[0]].count(b"\n") + 1
        what = "NUL bytes and no UTF-16 byte-order mark" if b"\x00" in head else f"{len(controls)} control bytes in the first {len(head)}"
        raise DecodeError(f"binary data, not article text ({what})", source=source, line=line)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when every other byte is mostly NUL (Latin text), else None."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) <= len(head) // 4:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _undecodable(data: bytes, exc: UnicodeDecodeError, encoding: str, named: bool, source: str) -> DecodeError:
    # The message says what holds for every reader (not every one lets its user name an
    # encoding); the likely encoding travels as data, for the callers that do.
    line = data[: exc.start].count(b"\n") + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    name = encoding.upper().replace("-SIG", "")
    hint, likely = "convert it to UTF-8", None
    if named:
        hint = "name its real encoding, or convert it to UTF-8"
    elif encoding == "utf-8":
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            hint, likely = "it may be Windows-1252/Latin-1 (cp1252): convert it to UTF-8", "cp1252"
    return DecodeError(f"not {name} text (byte 0x{data[exc.start]:02x} at offset {exc.start}); {hint}", source=source,
                       line=line, column=column, encoding=likely)


# -- hygiene ----------------------------------------------------------------------------------

# Invisible characters scraped pages carry: zero-width space, word joiner, stray BOMs, soft
# hyphens, DEL and C1 controls (they appear when Windows-1252 was decoded as Latin-1). C0
# controls never get here: decoding refuses them (xmlchars.py). Zero-width (non-)joiners are
# kept: they change the rendering of Persian, Indic scripts and emoji.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u007f-\u009f]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def clean_line(text: str) -> tuple[str, int, bool]:
    """Invisible characters removed and whitespace runs made one space:
    ``(text, invisible characters removed, whether whitespace changed)``."""
    stripped, invisible = _INVISIBLE.subn("", text)
    spaced = _SPACES.sub(" ", stripped).strip()
    return spaced, invisible, spaced != stripped


# -- segments ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph-like unit of the input: its cleaned text and 1-based first line."""

    text: str
    line: int


_BLANK = re.compile(r"[ \t\u00a0\u3000]*")
_LIST_ITEM = re.compile(r"(?:[-*•–·]|\d{1,3}[.)])\s")


def segment(text: str, is_own_line: Callable[[str], bool] = lambda _line: False) -> tuple[list[Segment], int, int]:
    """Split ``text`` into segments: blocks between blank lines, their lines joined by a space.

    A line for which ``is_own_line`` is true (page furniture, a credit line) is its own segment
    even inside a block, so is every line of a block with a list item (``- ``, ``1. ``), and a
    text without any blank line is read one line per paragraph.
    Returns ``(segments, invisible characters removed, segments whose whitespace changed)``.
    """
    lines = text.split("\n")
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(lines, 1):
        if _BLANK.fullmatch(line):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append((number, line))
    blocks = [b for b in blocks if b]
    one_per_line = len(blocks) == 1 and len(blocks[0]) > 1
    segments: list[Segment] = []
    invisible = respaced = 0
    for block in blocks:
        cleaned = []
        for number, line in block:
            clean, removed, spaced = clean_line(line)
            invisible += removed
            respaced += spaced
            if clean:
                cleaned.append((number, clean))
        if one_per_line or any(_LIST_ITEM.match(clean) or is_own_line(clean) for _, clean in cleaned):
            segments.extend(Segment(clean, number) for number, clean in cleaned)
        elif cleaned:
            segments.append(Segment(" ".join(clean for _, clean in cleaned), cleaned[0][0]))
    return segments, invisible, respaced


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, inner whitespace collapsed to single spaces."""
    return [s.text for s in segment(text)[0]]
