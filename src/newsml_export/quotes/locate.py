"""Supplied quotes (from a sidecar) located in the body: block and character offsets.

A quote is found in its block after folding quote marks, dashes and whitespace on both sides,
so ``"didn't"`` in a sidecar finds ``didn’t`` in the text; the located ``text`` is then the
body's own slice, as the model requires. Where a quote's words occur more than once, an
occurrence inside quotation marks, in a paragraph rather than a heading, and not already taken
by another quote wins. A quote that is not there is an error naming the quote, its sidecar line
and the closest passage of the body.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz

from ..errors import ArticleError
from ..model import Article, Quote
from ..readers.articles import model_issue
from ..readers.metadata import Document
from ..validation.report import Issue
from .marks import fold, fold_with_map

__all__ = ["locate_quotes"]

_TRIM = " \"'"


def locate_quotes(article: Article, document: Document | None = None) -> Article:
    """``article`` with every quote that has no offsets located in the body.

    Raises :class:`ArticleError` listing each quote that does not occur in the body, with the
    closest passage, at the quote's line in ``document`` when given."""
    if all(q.located for q in article.quotes):
        return article
    folded = [fold_with_map(block.text) for block in article.body]
    taken: dict[int, list[tuple[int, int]]] = {}
    for q in article.quotes:
        if q.located and q.block is not None and q.start is not None and q.end is not None:
            taken.setdefault(q.block, []).append((q.start, q.end))
    issues: list[Issue] = []
    quotes: list[Quote] = []
    for index, quote in enumerate(article.quotes):
        if quote.located:
            quotes.append(quote)
            continue
        place = _find(fold(quote.text).strip(_TRIM), article, folded, taken)
        if place is None:
            issues.append(_not_found(index, quote, article, folded, document))
            quotes.append(quote)
            continue
        block, start, end = place
        taken.setdefault(block, []).append((start, end))
        quotes.append(quote.model_copy(update={
            "text": article.body[block].text[start:end], "block": block, "start": start, "end": end}))
    if issues:
        raise ArticleError(issues)
    data: dict[str, Any] = {**article.model_dump(), "quotes": [q.model_dump() for q in quotes]}
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        doc = document or Document({}, "<article>")
        raise ArticleError([model_issue(error, doc) for error in exc.errors()]) from None


def _find(needle: str, article: Article, folded: list[tuple[str, list[int]]],
          taken: dict[int, list[tuple[int, int]]]) -> tuple[int, int, int] | None:
    if not needle:
        return None
    best: tuple[tuple[int, int, int], tuple[int, int, int]] | None = None
    for block, (text, mapping) in enumerate(folded):
        at = text.find(needle)
        while at != -1:
            start, end = mapping[at], mapping[at + len(needle) - 1] + 1
            before = text[:at].rstrip()[-1:]
            score = (
                all(e <= start or s >= end or (s <= start and end <= e) for s, e in taken.get(block, ())),
                article.body[block].kind != "heading",
                before in ('"', "'", ":") or before == "",
            )
            rank = tuple(int(x) for x in score)
            if best is None or rank > best[0]:
                best = (rank, (block, start, end))  # type: ignore[assignment]
            at = text.find(needle, at + 1)
    return best[1] if best else None


def _not_found(index: int, quote: Quote, article: Article, folded: list[tuple[str, list[int]]],
               document: Document | None) -> Issue:
    needle = fold(quote.text).strip(_TRIM)
    best_score, best_block, passage = 0.0, None, ""
    for block, (text, mapping) in enumerate(folded):
        if not text:
            continue
        found = fuzz.partial_ratio_alignment(needle, text)
        if found is not None and found.score > best_score:
            start, end = mapping[found.dest_start], mapping[max(found.dest_start, found.dest_end - 1)] + 1
            best_score, best_block, passage = found.score, block, article.body[block].text[start:end]
    hint = (f"; closest passage (block {best_block}, {best_score:.0f}% similar): “{passage}”"
            if best_block is not None else "; the body is empty")
    path = ("quotes", index, "text")
    return Issue(
        "error", "quote_not_found", f"quote {quote.id!r} does not occur in the body{hint}",
        f"quotes[{index}].text", document.line_of(path) if document else None,
        document.source if document else None, "quotes",
    )
