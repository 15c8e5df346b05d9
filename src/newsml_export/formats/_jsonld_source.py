"""JSON-LD input as parsed documents: one for a JSON file, one per script block of an HTML
page, each with its line map (lines of an HTML block are shifted to page lines)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DecodeError, UnsafeInputError
from ..readers.detect import detect_kind
from ..readers.metadata import Document, parse_document
from ..validation.report import Issue, Report
from ..xmlchars import encode_text
from ._jsonld_html import extract_blocks

__all__ = ["SourceDocument", "read_documents"]


@dataclass(frozen=True)
class SourceDocument:
    document: Document
    line_offset: int
    """Add to a line of ``document`` to get the line in the input (non-zero in HTML pages)."""

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        line = self.document.line_of(path)
        return None if line is None else line + self.line_offset


def read_documents(data: bytes | str, source: str, report: Report | None = None) -> list[SourceDocument]:
    """Every JSON-LD document in the input. Raises :class:`DecodeError` (with the input's line)
    for malformed JSON. An empty script block of a page is skipped with a warning in ``report``."""
    raw = encode_text(data, source) if isinstance(data, str) else data
    if detect_kind(raw, source) != "html":
        return [_parse(raw, source, 0)]
    documents = []
    for block in extract_blocks(raw, source):
        # Templates often leave a block empty when a page has no structured data: it holds
        # nothing to lose, where a whole empty file is refused (readers.text.refuse_empty).
        if not block.text.strip():
            if report is not None:
                report.add(Issue("warning", "empty-block", f"the JSON-LD script block at line {block.line} is empty: skipped",
                                 "", block.line, source, "jsonld"))
            continue
        documents.append(_parse(block.text, source, block.line - 1))
    return documents


def _parse(data: bytes | str, source: str, line_offset: int) -> SourceDocument:
    try:
        document = parse_document(data, source, syntax="json")
    except (DecodeError, UnsafeInputError) as exc:
        line = None if exc.line is None else exc.line + line_offset
        raise type(exc)(exc.message, source=source, line=line, column=exc.column, path=exc.path) from None
    if not isinstance(document.data, (dict, list)):
        raise DecodeError(f"expected a JSON-LD object or array, got {type(document.data).__name__}", source=source, line=1 + line_offset)
    return SourceDocument(document, line_offset)
