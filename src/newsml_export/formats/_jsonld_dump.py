"""Article → schema.org JSON-LD document (a dict in a fixed key order), driven by the table."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..dates import format_datetime
from ..model import Article, Block, Quote
from ._jsonld_table import ARTICLE_ROWS, CONTEXT, PROPERTY_ID_PREFIX, Encoding, NodeIds, Row

__all__ = ["ENCODERS", "build_document", "body_needs_all_blocks"]

Node = dict[str, Any]


class _Builder:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.ids = NodeIds(article.id, article.url)
        self.graph_tail: list[Node] = []  # source, usage, subject, block and quote nodes

    def field(self, path: str) -> Any:
        value: Any = self.article
        for part in _field_path(path):
            if value is None:
                return None
            value = getattr(value, part)
        return value


@functools.lru_cache(maxsize=64)
def _field_path(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))  # the table's few field paths, split once


def _text(b: _Builder, row: Row) -> Any:
    return b.field(row.field)


def _datetime(b: _Builder, row: Row) -> Any:
    value: datetime | None = b.field(row.field)
    if value is None:
        return None
    return format_datetime(value)


def _texts(b: _Builder, row: Row) -> Any:
    return list(b.field(row.field)) or None


def _ref(b: _Builder, row: Row) -> Any:
    value = b.field(row.field)
    return None if value is None else b.ids.ref(value)


def _refs(b: _Builder, row: Row) -> Any:
    return [b.ids.ref(value) for value in b.field(row.field)] or None


def _identifier(b: _Builder, row: Row) -> Any:
    return b.article.id


def _page(b: _Builder, row: Row) -> Any:
    return b.article.url


def _body(b: _Builder, row: Row) -> Any:
    return b.article.body_text if b.article.body else None


def _word_count(b: _Builder, row: Row) -> Any:
    return b.article.word_count if b.article.body else None


def _about(b: _Builder, row: Row) -> Any:
    about: list[Node] = [b.ids.ref(entity_id) for entity_id in b.article.about_ids]
    for index, subject in enumerate(b.article.subjects):
        node: Node = {"@id": b.ids.fragment(f"/subjects/{index}"), "@type": "DefinedTerm"}
        _put(node, "termCode", subject.qcode)
        _put(node, "url", subject.uri)
        _put(node, "name", subject.name)
        b.graph_tail.append(node)
        about.append({"@id": node["@id"]})
    return about or None


def _mentions(b: _Builder, row: Row) -> Any:
    about = set(b.article.about_ids)
    return [b.ids.ref(e.id) for e in b.article.entities() if e.id not in about] or None


def _source(b: _Builder, row: Row) -> Any:
    source = b.article.source
    if source is None:
        return None
    node: Node = {"@id": b.ids.fragment("/source"), "@type": "CreativeWork", "name": source.name}
    _put(node, "url", source.url)
    if source.relation in ("republished", "wire"):
        node["identifier"] = [_property_value("relation", source.relation)]
    b.graph_tail.append(node)
    return {"@id": node["@id"]}


def _translation(b: _Builder, row: Row) -> Any:
    source = b.article.source
    return {"@id": b.ids.fragment("/source")} if source is not None and source.relation == "translated" else None


def _source_organization(b: _Builder, row: Row) -> Any:
    source = b.article.source
    return None if source is None or source.organization_id is None else b.ids.ref(source.organization_id)


def _usage(b: _Builder, row: Row) -> Any:
    rights = b.article.rights
    if rights is None or rights.usage_terms is None:
        return None
    node = {"@id": b.ids.fragment("/rights/usage_terms"), "@type": "CreativeWork", "text": rights.usage_terms}
    b.graph_tail.append(node)
    return {"@id": node["@id"]}


def _parts(b: _Builder, row: Row) -> Any:
    article = b.article
    every_block = body_needs_all_blocks(article.body)
    parts: list[Node] = []
    for index, block in enumerate(article.body):
        if every_block or block.kind != "paragraph":
            parts.append(_block_node(b, index, block))
    parts += [_quote_node(b, quote) for quote in article.quotes]
    b.graph_tail.extend(parts)
    return [{"@id": part["@id"]} for part in parts] or None


def _not_on_article(b: _Builder, row: Row) -> Any:
    raise AssertionError(f"row {row.field} is written by node code, not on the article")


ENCODERS: dict[Encoding, Callable[[_Builder, Row], Any]] = {
    "text": _text, "integer": _text, "url": _text, "datetime": _datetime, "texts": _texts,
    "ref": _ref, "refs": _refs, "identifier": _identifier, "page": _page, "body": _body,
    "word_count": _word_count, "about": _about, "mentions": _mentions, "source": _source,
    "translation": _translation, "source_organization": _source_organization, "usage": _usage,
    "parts": _parts, "node": _not_on_article,
}


# Each row of the article node with its encoder, looked up once.
_ARTICLE_ENCODERS = tuple((row.term, ENCODERS[row.encoding], row) for row in ARTICLE_ROWS)


def body_needs_all_blocks(body: list[Block]) -> bool:
    """True when ``articleBody`` alone cannot be split back into these blocks at blank lines."""
    return "\n\n".join(block.text for block in body).split("\n\n") != [block.text for block in body]


def _block_node(b: _Builder, index: int, block: Block) -> Node:
    node: Node = {"@id": b.ids.fragment(f"/body/{index}"), "@type": "WebPageElement", "position": index, "text": block.text}
    if block.kind != "paragraph":
        node["identifier"] = [_property_value("kind", block.kind)]
    return node


def _quote_node(b: _Builder, quote: Quote) -> Node:
    node: Node = {"@id": b.ids.fragment(quote.id), "@type": "Quotation", "text": quote.text}
    if quote.speaker_id is not None:
        node["creator"] = b.ids.ref(quote.speaker_id)
    node["isPartOf"] = {"@id": b.ids.article}
    values = []
    if quote.voice in ("document", "generic"):
        values.append(_property_value("voice", quote.voice))
    if quote.kind != "full":
        values.append(_property_value("kind", quote.kind))
    if quote.block is not None:
        values += (_property_value("block", quote.block), _property_value("start", quote.start),
                   _property_value("end", quote.end))
    if quote.origin != "metadata":
        values.append(_property_value("origin", quote.origin))
    if quote.confidence is not None:
        values.append(_property_value("confidence", quote.confidence))
    if quote.rule is not None:
        values.append(_property_value("rule", quote.rule))
    if values:
        node["identifier"] = values
    return node


def _entity_node(b: _Builder, entity: Any, type_name: str) -> Node:
    node: Node = {"@id": b.ids.fragment(entity.id), "@type": type_name, "name": entity.name}
    if entity.aliases:
        node["alternateName"] = list(entity.aliases)
    _put(node, "description", entity.description)
    _put(node, "url", vars(entity).get("url"))  # a place has no url: getattr would raise inside pydantic first
    if entity.same_as:
        node["sameAs"] = list(entity.same_as)
    return node


def _property_value(name: str, value: Any) -> Node:
    return {"@type": "PropertyValue", "propertyID": PROPERTY_ID_PREFIX + name, "value": value}


def _put(node: Node, key: str, value: Any) -> None:
    if value is not None:
        node[key] = value


def build_document(article: Article) -> dict[str, Any]:
    """The JSON-LD document: ``@context`` and one ``@graph`` (article, entities, parts)."""
    b = _Builder(article)
    node: Node = {"@id": b.ids.article, "@type": "NewsArticle"}
    for term, encode, row in _ARTICLE_ENCODERS:
        value = encode(b, row)
        if value is not None:
            node[term] = value
    graph = [node]
    graph += [_entity_node(b, e, "Person") for e in article.people]
    graph += [_entity_node(b, e, "Organization") for e in article.organizations]
    graph += [_entity_node(b, e, "Place") for e in article.places]
    graph += b.graph_tail
    return {"@context": CONTEXT, "@graph": graph}
