"""JSON-LD article node → canonical article fields, driven by the same table as the writer.

Whatever cannot be mapped is reported (``unmapped-property``, ``unmapped-node`` ...) with its
JSON pointer; nothing is dropped silently. The result is checked by the model like any other
input, so a third-party document that breaks the model's rules gives an ``ArticleError``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..dates import parse_datetime
from ..model import LanguageTag, Subject
from ._jsonld_entities import EntityKind, Registry, checked_url, kind_of
from ._jsonld_graph import Graph, GraphNode, Located, as_list, first
from ._jsonld_parts import finish_body, read_parts, read_reverse_quotes
from ._jsonld_table import ARTICLE_ROWS, ARTICLE_TYPES, PROPERTY_ID_PREFIX, Encoding, Row

__all__ = ["DECODERS", "article_nodes", "read_article"]

_LANGUAGE = TypeAdapter(LanguageTag)
# The model's own rules for a subject's QCode and name, so a value it would refuse is reported
# and skipped here instead of failing the whole document.
_SUBJECT_FIELDS = {name: TypeAdapter(Subject.model_fields[name].annotation) for name in ("qcode", "name")}
_PARTY: tuple[EntityKind, ...] = ("people", "organizations")
_DEFAULT_KIND: dict[str, EntityKind] = {"publisher": "organizations", "copyrightHolder": "organizations", "locationCreated": "places"}
_ALLOWED: dict[str, tuple[EntityKind, ...]] = {"publisher": ("organizations",), "locationCreated": ("places",)}


class _Reading:
    def __init__(self, graph: Graph, node: GraphNode) -> None:
        self.graph = graph
        self.node = node
        self.base = node.id
        self.taken: set[str] = set()
        self.entities = Registry(graph, self.base, self.taken)
        self.fields: dict[str, Any] = {}
        self.body_text: str | None = None
        self.blocks: dict[int, dict[str, Any]] = {}
        self.quotes: list[dict[str, Any]] = []
        self.quote_nodes: set[int] = set()

    def set(self, path: str, value: Any) -> None:
        target = self.fields
        *parents, last = path.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value

    def single(self, located: Located, what: str) -> Any:
        values = as_list(located.value)
        if len(values) > 1:
            self.graph.note("warning", "extra-values", f"{what} takes one value; only the first is read", located.path)
        return values[0] if values else None

    def text(self, located: Located, what: str) -> str | None:
        value = self.single(located, what)
        if isinstance(value, dict) and "@value" in value:
            value = value["@value"]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.graph.note("warning", "unmapped-value", f"{what} is not text: not read", located.path)
            return None
        return value


def _text(r: _Reading, row: Row, located: Located) -> None:
    value = r.text(located, row.term)
    if value is not None:
        r.set(row.field, value)


def _integer(r: _Reading, row: Row, located: Located) -> None:
    value = r.single(located, row.term)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        r.set(row.field, value)
    else:
        r.graph.note("warning", "unmapped-value", f"{row.term} {value!r} is not a positive integer: not read", located.path)


def _datetime(r: _Reading, row: Row, located: Located) -> None:
    value = r.text(located, row.term)
    if value is None:
        return
    if not isinstance(value, str) or parse_datetime(value) is None:
        r.graph.note("warning", "invalid-date", f"{row.term} {value!r} is not an ISO 8601 date-time with a timezone (offset within ±14:00): not read", located.path)
        return
    r.set(row.field, value)


def _url(r: _Reading, row: Row, located: Located) -> None:
    value = checked_url(r.graph, r.single(located, row.term), located.path)
    if value is not None:
        r.set(row.field, value)


def _texts(r: _Reading, row: Row, located: Located) -> None:
    out: list[str] = []
    for value in as_list(located.value):
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            value = value["name"]  # a DefinedTerm keyword
        if isinstance(value, str):
            # Publishers often write all keywords as one comma-separated string.
            if isinstance(located.value, list):
                out.append(value)
            else:
                out += [p.strip() for p in value.split(",") if p.strip()]
        else:
            r.graph.note("warning", "unmapped-value", f"a {row.term} entry is not text: not read", located.path)
    r.set(row.field, out)


def _refs(r: _Reading, row: Row, located: Located) -> None:
    default = _DEFAULT_KIND.get(row.term, "people")
    allowed = _ALLOWED.get(row.term, _PARTY)
    count = len(as_list(located.value))
    if row.encoding == "ref" and count > 1:
        r.graph.note("warning", "extra-values", f"{row.term} takes one value; only the first is read", located.path)
    indexes = [None] if not isinstance(located.value, list) else range(1 if row.encoding == "ref" else count)
    ids = [i for i in (r.entities.resolve(located, index, default, allowed) for index in indexes) if i is not None]
    if row.encoding == "refs":
        r.set(row.field, ids)
    elif ids:
        r.set(row.field, ids[0])


def _identifier(r: _Reading, row: Row, located: Located) -> None:
    for index, value in enumerate(as_list(located.value)):
        if isinstance(value, dict):
            value = value.get("value")
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip() and "id" not in r.fields:
            r.fields["id"] = str(value).strip()
        else:
            r.graph.note("warning", "extra-values", "only the first identifier is the article id; this one is not read", located.at(index))


def _page(r: _Reading, row: Row, located: Located) -> None:
    value = r.single(located, row.term)
    node = r.graph.node_of(value)
    if node is not None:
        value = node.props["url"].value if "url" in node.props else node.id
    url = checked_url(r.graph, value, located.path)
    if url is not None and r.fields.get("url", url) != url:
        r.graph.note("warning", "conflicting-values", f"mainEntityOfPage {url!r} differs from url: not read", located.path)
    elif url is not None:
        r.fields["url"] = url


def _body(r: _Reading, row: Row, located: Located) -> None:
    r.body_text = r.text(located, row.term)


def _word_count(r: _Reading, row: Row, located: Located) -> None:
    """Derived from the body; nothing to read."""


def _about(r: _Reading, row: Row, located: Located) -> None:
    about, subjects = [], []
    for index, value in enumerate(as_list(located.value)):
        node = r.graph.node_of(value)
        if node is not None and ("DefinedTerm" in node.types or "CategoryCode" in node.types):
            subject = _subject(r, node)
            if subject:
                subjects.append(subject)
        elif node is not None and kind_of(node) is None and node.types:
            r.graph.note("warning", "unmapped-node", f"about a {'/'.join(node.types)}: not read", located.at(index))
        elif isinstance(value, str):
            r.graph.note("warning", "unmapped-value", f"about {value!r}: a bare name says not what it is; not read", located.at(index))
        else:
            entity_id = r.entities.resolve(located, index if isinstance(located.value, list) else None, "people", ("people", "organizations", "places"))
            if entity_id is not None:
                about.append(entity_id)
    r.fields["about_ids"] = about
    r.fields["subjects"] = subjects


def _subject(r: _Reading, node: GraphNode) -> dict[str, Any] | None:
    subject: dict[str, Any] = {}
    for name, located in node.props.items():
        if name == "termCode" or name == "codeValue":
            # Both may be present (schema.org's termCode, the older CategoryCode codeValue):
            # the first valid one is the QCode; a rejected one never removes it.
            qcode = _subject_field(r, "qcode", located, name, "is not a QCode (scheme:code, e.g. medtop:15000000)")
            if qcode is not None and subject.setdefault("qcode", qcode) != qcode:
                r.graph.note("warning", "extra-values", f"a subject takes one QCode; {name} {qcode!r} differs from {subject['qcode']!r}: not read", located.path)
        elif name == "url":
            subject["uri"] = checked_url(r.graph, located.value, located.path)
        elif name == "name":
            subject["name"] = _subject_field(r, "name", located, "the name of a subject", "is not a name (1 to 1000 characters)")
        else:
            r.graph.note("warning", "unmapped-property", f"{name!r} of a subject is not read", located.path)
    if "uri" not in subject and node.id and not node.id.startswith(f"{r.base}#"):
        subject["uri"] = checked_url(r.graph, node.id, node.path)
    subject = {k: v for k, v in subject.items() if v is not None}
    if "qcode" not in subject and "uri" not in subject:
        r.graph.note("warning", "unmapped-node", "a subject needs a termCode (QCode) or a URL: not read", node.path)
        return None
    return subject


def _subject_field(r: _Reading, field: str, located: Located, what: str, why: str) -> Any:
    value = r.text(located, what)
    if value is None:
        return None
    try:
        return _SUBJECT_FIELDS[field].validate_python(value)
    except ValidationError:
        r.graph.note("warning", "unmapped-value", f"{what} {value!r:.80} {why}: not read", located.path)
        return None


def _mentions(r: _Reading, row: Row, located: Located) -> None:
    for index in range(len(as_list(located.value))):
        value = as_list(located.value)[index]
        node = r.graph.node_of(value)
        if isinstance(value, str) or (node is not None and node.types and kind_of(node) is None):
            what = repr(value) if isinstance(value, str) else "a " + "/".join(node.types)  # type: ignore[union-attr]
            r.graph.note("warning", "unmapped-value", f"mentions {what}: not a person, organisation or place; not read", located.at(index))
            continue
        r.entities.resolve(located, index if isinstance(located.value, list) else None, "people", ("people", "organizations", "places"))


def _source(r: _Reading, row: Row, located: Located) -> None:
    value = r.single(located, row.term)
    node = r.graph.node_of(value)
    source: dict[str, Any] = {}
    if node is None or not node.props:
        url = checked_url(r.graph, value, located.path)
        if url is None:
            return
        source = {"name": url.split("//", 1)[-1].split("/", 1)[0], "url": url}
        r.graph.note("info", "source-name-from-url", f"the source has no name; its host is used: {source['name']!r}", located.path)
    else:
        for name, prop in node.props.items():
            if name in ("name", "headline") and "name" not in source:
                source["name"] = r.text(prop, name)
            elif name == "url":
                source["url"] = checked_url(r.graph, prop.value, prop.path)
            elif name == "identifier" and _own_relation(prop.value) is not None:
                source["relation"] = _own_relation(prop.value)
            else:
                r.graph.note("warning", "unmapped-property", f"{name!r} of the source work is not read", prop.path)
        if not source.get("name"):
            r.graph.note("warning", "missing-name", "the source work has no name: not read", node.path)
            return
    r.fields["source"] = {k: v for k, v in source.items() if v is not None}


def _own_relation(value: Any) -> str | None:
    for item in as_list(value):
        if isinstance(item, dict) and item.get("propertyID") == PROPERTY_ID_PREFIX + "relation":
            return item.get("value") if item.get("value") in ("original", "republished", "translated", "wire") else None
    return None


def _translation(r: _Reading, row: Row, located: Located) -> None:
    if "source" not in r.fields:
        _source(r, row, located)
    if "source" in r.fields:
        r.fields["source"]["relation"] = "translated"


def _source_organization(r: _Reading, row: Row, located: Located) -> None:
    entity_id = r.entities.resolve(located, None if not isinstance(located.value, list) else 0, "organizations", ("organizations",))
    if entity_id is None:
        return
    if "source" not in r.fields:
        r.fields["source"] = {"name": r.entities.entities[entity_id][1]["name"]}
    r.fields["source"]["organization_id"] = entity_id


def _usage(r: _Reading, row: Row, located: Located) -> None:
    value = r.single(located, row.term)
    node = r.graph.node_of(value)
    if node is not None and "text" in node.props:
        text = r.text(node.props["text"], "text")
        for name, prop in node.props.items():
            if name != "text":
                r.graph.note("warning", "unmapped-property", f"{name!r} of the usage terms is not read", prop.path)
    else:
        text = checked_url(r.graph, value, located.path)
    if text is not None:
        r.set("rights.usage_terms", text)


def _parts(r: _Reading, row: Row, located: Located) -> None:
    read_parts(r, located)


def _not_on_article(r: _Reading, row: Row, located: Located) -> None:
    raise AssertionError(f"row {row.field} is read by node code")


DECODERS: dict[Encoding, Callable[[_Reading, Row, Located], None]] = {
    "text": _text, "integer": _integer, "url": _url, "datetime": _datetime, "texts": _texts,
    "ref": _refs, "refs": _refs, "identifier": _identifier, "page": _page, "body": _body,
    "word_count": _word_count, "about": _about, "mentions": _mentions, "source": _source,
    "translation": _translation, "source_organization": _source_organization, "usage": _usage,
    "parts": _parts, "node": _not_on_article,
}
_HANDLED = {row.term for row in ARTICLE_ROWS}


def article_nodes(graph: Graph) -> list[GraphNode]:
    """The articles of a document: Article-family nodes at the top level, or the main entity
    of a top-level page."""
    found: list[GraphNode] = []
    for node in map(graph.canonical, graph.top):
        if set(node.types) & ARTICLE_TYPES:
            found.append(node)
        elif "mainEntity" in node.props:
            main = graph.node_of(first(node.props["mainEntity"].value))
            if main is not None and set(main.types) & ARTICLE_TYPES:
                found.append(main)
    return list({id(n): n for n in found}.values())


def read_article(graph: Graph, node: GraphNode) -> dict[str, Any]:
    """The canonical fields of one article node."""
    r = _Reading(graph, node)
    if node.types != ["NewsArticle"]:
        graph.note("info", "article-type", f"read as an article; the type {'/'.join(node.types)} is not kept (written back as NewsArticle)",
                   node.path + ("@type" if "@type" in node.data else "type",))
    for row in ARTICLE_ROWS:
        if row.term in node.props:
            DECODERS[row.encoding](r, row, node.props[row.term])
    read_reverse_quotes(r)
    finish_body(r)
    for name, located in node.props.items():
        if name not in _HANDLED and not (name == "name" and "headline" in node.props):
            r.graph.note("warning", "unmapped-property", f"{name!r} has no place in the article model: not read", located.path)
    _required(r, node)
    for kind, items in r.entities.lists().items():
        r.fields[kind] = items
    return r.fields


def _required(r: _Reading, node: GraphNode) -> None:
    if "headline" not in r.fields and "name" in node.props:
        name = r.text(node.props["name"], "name")
        if name:
            r.fields["headline"] = name
            r.graph.note("info", "headline-from-name", "no headline: the name is used", node.props["name"].path)
    if "language" in r.fields:
        try:
            _LANGUAGE.validate_python(r.fields["language"])
        except ValidationError:
            r.graph.note("warning", "invalid-language", f"inLanguage {r.fields['language']!r} is not a BCP 47 tag: not read", node.props["inLanguage"].path)
            del r.fields["language"]
    if "language" not in r.fields:
        r.fields["language"] = "und"
        r.graph.note("warning", "no-language", "no usable inLanguage: the language is recorded as 'und' (undetermined)", node.path)
    if "id" not in r.fields:
        fallback = node.id or r.fields.get("url")
        if fallback is None:
            digest = hashlib.sha256(repr((r.fields.get("headline"), r.body_text)).encode()).hexdigest()[:16]
            fallback = f"urn:newsml-export:sha256:{digest}"
        r.fields["id"] = fallback
        r.graph.note("info", "id-from-node", f"no identifier: the article id is {fallback!r}", node.path)
