"""Readers: everything that turns outside input into an :class:`~newsml_export.model.Article`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from .metadata import Document, article_from_document, parse_document
from .text import decode_text, split_paragraphs

__all__ = ["SIDECAR_SUFFIXES", "find_sidecar", "infer_from_text", "load_article", "open_article", "read_article"]

CANONICAL_SUFFIXES = (".yaml", ".yml", ".json")

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


def find_sidecar(text_path: Path) -> Path | None:
    """``article.txt`` → the first of ``article.meta.yaml|yml|json`` that exists."""
    stem = text_path.name.rsplit(".", 1)[0] if "." in text_path.name else text_path.name
    for suffix in SIDECAR_SUFFIXES:
        candidate = text_path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def infer_from_text(text: str) -> dict[str, Any]:
    """Article fields recovered from scraped text: the first paragraph is the headline."""
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return {}
    return {"headline": paragraphs[0], "body": [{"kind": "paragraph", "text": p} for p in paragraphs[1:]]}


def load_article(text_path: str | Path, meta_path: str | Path | None = None) -> Article:
    """An article from scraped text plus its metadata sidecar (found beside the text when not
    given). The sidecar's fields win over what the text suggests."""
    text_path = Path(text_path)
    text = decode_text(_read(text_path), str(text_path))
    inferred = infer_from_text(text)
    sidecar = Path(meta_path) if meta_path is not None else find_sidecar(text_path)
    if sidecar is None:
        document = Document({}, str(text_path))
    else:
        document = parse_document(_read(sidecar), str(sidecar))
    article = article_from_document(document, partial=True, extra=inferred)
    from ..quotes.locate import locate_quotes  # the quotes package imports this one

    return locate_quotes(article, document)


def read_article(path: str | Path) -> Article:
    """A canonical article document (YAML or JSON), as written by ``Article.model_dump``."""
    path = Path(path)
    return article_from_document(parse_document(_read(path), str(path)))


def open_article(path: str | Path, meta_path: str | Path | None = None) -> Article:
    """A canonical article (``.yaml``/``.yml``/``.json``) or scraped text plus sidecar."""
    path = Path(path)
    if path.suffix.lower() in CANONICAL_SUFFIXES and meta_path is None:
        return read_article(path)
    return load_article(path, meta_path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from None
