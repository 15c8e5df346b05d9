"""Readers: everything that turns outside input into an :class:`~newsml_export.model.Article`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InputError
from ..fileio import output_stem
from ..model import Article
from ..validation.report import Report
from .changes import IngestChange, IngestReport
from .detect import InputKind, detect_kind
from .ingest import decode_scraped, ingest, ingest_document
from .articles import article_from_document
from .metadata import Document, parse_document
from .text import decode

__all__ = [
    "SIDECAR_SUFFIXES",
    "IngestChange",
    "IngestReport",
    "article_from_text",
    "find_sidecar",
    "ingest",
    "ingest_file",
    "load_article",
    "open_article",
    "read_article",
    "read_file",
    "read_input",
    "read_sidecar",
]

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


def find_sidecar(text_path: Path) -> Path | None:
    """``article.txt`` → the first of ``article.meta.yaml|yml|json`` that exists. Anything by
    that name counts, a dangling link or a folder too: reading it then fails, naming it, where
    passing it over would convert the text without its metadata and say nothing."""
    stem = output_stem(text_path.name)
    for suffix in SIDECAR_SUFFIXES:
        candidate = text_path.with_name(stem + suffix)
        if os.path.lexists(candidate):
            return candidate
    return None


def ingest_file(
    text_path: str | Path,
    meta_path: str | Path | None = None,
    *,
    sidecar: bool = True,
    id: str | None = None,
    language: str | None = None,
    encoding: str | None = None,
) -> tuple[Article, IngestReport]:
    """An article from scraped text plus its metadata sidecar (``meta_path``, else found beside
    the text unless ``sidecar`` is false), and the report of what ingestion changed. The
    sidecar's fields win; ``id``/``language`` fill in where it has none. Undecodable text
    raises a :class:`~newsml_export.errors.DecodeError` whose ``encoding``, when set, is the
    encoding to try (see :func:`ingest`)."""
    text_path = Path(text_path)
    decoded = decode_scraped(read_file(text_path), str(text_path), encoding=encoding)
    document = read_sidecar(meta_path, text_path if sidecar else None)
    return ingest_document(decoded, str(text_path), document, id=id, language=language)


def load_article(text_path: str | Path, meta_path: str | Path | None = None) -> Article:
    """An article from scraped text plus its metadata sidecar (found beside the text when not
    given). The sidecar's fields win over what the text suggests."""
    return ingest_file(text_path, meta_path)[0]


def article_from_text(data: bytes, source: str, sidecar: Document | None) -> Article:
    """Scraped text plus its parsed sidecar (or none) to an Article (see :func:`ingest`)."""
    return ingest_document(decode(data, source), source, sidecar)[0]


def read_sidecar(meta_path: str | Path | None, text_path: Path | None) -> Document | None:
    """A text's sidecar document: the one named (``meta_path``), else the one found beside
    ``text_path``, else None."""
    if meta_path is not None:  # named by the caller: a pipe will do (--meta <(...))
        return parse_document(read_file(Path(meta_path)), str(meta_path))
    path = find_sidecar(text_path) if text_path else None
    return parse_document(read_file(path, regular_only=True), str(path)) if path is not None else None


def read_article(path: str | Path) -> Article:
    """A canonical article document (YAML or JSON), as written by ``Article.model_dump``."""
    path = Path(path)
    return article_from_document(parse_document(read_file(path), str(path)))


def open_article(path: str | Path, meta_path: str | Path | None = None) -> Article:
    """Exactly one article from any input kind (see :func:`read_input`)."""
    articles = read_input(read_file(Path(path)), source=str(path), meta_path=meta_path, text_path=Path(path))
    if len(articles) != 1:
        raise InputError(f"holds {len(articles)} articles, expected one", source=str(path))
    return articles[0]


def read_input(
    data: bytes,
    *,
    source: str,
    kind: InputKind | None = None,
    meta_path: str | Path | None = None,
    text_path: Path | None = None,
    sidecar: Document | None = None,
    report: Report | None = None,
) -> list[Article]:
    """Every article in ``data``, whatever its kind (detected from content when not given):
    scraped text (+ sidecar: ``meta_path``, or found beside ``text_path``), a canonical article
    (YAML/JSON), JSON-LD, an HTML page with JSON-LD, or NewsML-G2 (an item or a newsMessage).
    A text's sidecar is ``sidecar`` (already parsed), else ``meta_path``, else found beside
    ``text_path``.
    What a lenient reader could not map goes into ``report``. An input holding no article at all
    is an :class:`InputError` (nothing to convert is the input's fault, not the export's)."""
    kind = kind or detect_kind(data, source)
    if kind == "text":
        document = sidecar if sidecar is not None else read_sidecar(meta_path, text_path)
        return [article_from_text(data, source, document)]
    if kind == "article":
        return [article_from_document(_article_document(data, source))]
    from ..formats import get_codec

    codec = get_codec("newsml" if kind == "newsml" else "jsonld")
    articles = codec.load_all(data, source=source, report=report)
    if not articles:
        raise InputError(f"no article found: {_NO_ARTICLE[kind]}", source=source, path="/")
    return articles


_NO_ARTICLE = {
    "jsonld": "the JSON-LD holds no node of an Article type (NewsArticle, BlogPosting ...)",
    "html": "the page holds no JSON-LD script block with a node of an Article type (NewsArticle, BlogPosting ...)",
    "newsml": "the NewsML-G2 holds no text newsItem",
}


def _article_document(data: bytes, source: str) -> Document:
    """A canonical article's document, JSON or YAML by its content (whatever the file's name)."""
    syntax = "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "yaml"
    return parse_document(data, source, syntax=syntax)


def read_file(path: Path, *, regular_only: bool = False) -> bytes:
    """The bytes of a file, or an :class:`InputError` naming it. ``regular_only`` for a file
    nobody named (a sidecar found beside a text): a named pipe there would block the read for
    ever, so it is refused, as any other file that is not a regular one."""
    if regular_only:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG  # missing or unreadable: read_bytes says which, below
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise InputError("is not a regular file (a named pipe, a device or a socket): a sidecar found beside a text "
                             "is read only from a file (one given by name may be a pipe)", source=str(path))
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from None
