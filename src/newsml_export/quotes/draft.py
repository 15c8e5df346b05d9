"""The draft sidecar ``newsml-export extract`` writes: what the sidecar already said, plus the
quotations found in the text and the speakers they needed, for an editor to correct.

Supplied quotes, people and organisations are kept as given and win: an extracted quote that
overlaps a supplied one is left out. For scraped text the extracted quotes carry no offsets,
because ``load_article`` locates them again (the body may be split differently by a later
version of the reader); for a canonical article, whose body is part of the document, they do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model import Article, Quote
from ..readers.detect import document_kind
from ..readers.ingest import content_id, decode_scraped, ingest_document
from ..readers.articles import article_from_document
from .extract import Extraction, extract_quotes
from .locate import locate_quotes

__all__ = ["Draft", "draft_sidecar", "guess_language"]

_STOPWORDS = {
    "en": {"the", "and", "of", "is", "that", "to", "was", "with"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich"},
    "fr": {"le", "la", "les", "et", "est", "des", "une", "pas"},
}


@dataclass
class Draft:
    text: str
    """The YAML document to write."""
    extraction: Extraction
    article: Article


def guess_language(text: str) -> str:
    """``en``, ``de`` or ``fr`` by the commonest function words (an editor checks it)."""
    words = re.findall(r"\w+", text.casefold())[:2000]
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    return max(scores, key=lambda lang: scores[lang])


def draft_sidecar(path: str | Path, meta_path: str | Path | None = None) -> Draft:
    """Extract the quotations of an article file and build its draft sidecar."""
    from ..readers import _article_document, read_file, read_sidecar  # one file reader for every input

    path = Path(path)
    data = read_file(path)
    if meta_path is None and document_kind(data) == "article":
        document = _article_document(data, str(path))
        article = locate_quotes(article_from_document(document), document)
        found = extract_quotes(article)
        data = article.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data = {"id": article.id, "language": article.language, "headline": article.headline, **data}
        return Draft(_render(_merge(data, found, offsets=True), []), found, article)
    decoded = decode_scraped(data, str(path))  # refuses JSON-LD, NewsML-G2, HTML given as text
    document = read_sidecar(meta_path, path)
    given = document.data if document is not None and isinstance(document.data, dict) else {}
    guessed: dict[str, str] = {}
    if "id" not in given:
        guessed["id"] = content_id(decoded.text)
    if "language" not in given:
        guessed["language"] = guess_language(decoded.text)
    article, _ = ingest_document(decoded, str(path), document, id=guessed.get("id"), language=guessed.get("language"))
    found = extract_quotes(article)
    notes = [f"{key} was not in a sidecar; it is a guess, check it" for key in guessed]
    return Draft(_render(_merge({**guessed, **given}, found, offsets=False), notes), found, article)


def _merge(data: dict[str, Any], found: Extraction, *, offsets: bool) -> dict[str, Any]:
    out = dict(data)
    for key, entities in (("people", found.people), ("organizations", found.organizations)):
        if entities:
            out[key] = list(out.get(key, [])) + [e.model_dump(exclude_defaults=True) for e in entities]
    out["quotes"] = list(out.get("quotes", [])) + [_quote(q, offsets) for q in found.quotes]
    return out


def _quote(quote: Quote, offsets: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"id": quote.id}
    if quote.speaker_id:
        item["speaker_id"] = quote.speaker_id
    else:
        item["voice"] = quote.voice
    if quote.kind != "full":
        item["kind"] = quote.kind
    item["text"] = quote.text
    if offsets:
        item.update(block=quote.block, start=quote.start, end=quote.end)
    item.update(origin="extracted", confidence=quote.confidence, rule=quote.rule)
    return item


def _render(data: dict[str, Any], notes: list[str]) -> str:
    header = ["# Draft written by `newsml-export extract`: check every quote, speaker and confidence,",
              "# correct or delete what is wrong (docs/quotes.md explains each rule)."]
    header += [f"# {note}" for note in notes]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "\n".join(header) + "\n" + body
