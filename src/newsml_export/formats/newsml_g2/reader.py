"""``newsItem`` → Article, leniently: what maps is mapped, the rest is reported, never dropped
silently. Our own items come back equal to the article they were written from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lxml import etree
from pydantic import TypeAdapter, ValidationError

from ...dates import parse_datetime
from ...errors import ArticleError
from ...model import Article, LanguageTag
from ...validation.report import Issue, Report
from . import quotes_read
from .catalog import declared_aliases, qcode
from .names import IANA_RELATION, nar, xml
from .parties import MENTION_RELEVANCE, SOURCE_ROLE
from .read_context import NATURE_KINDS, NOT_MAPPED_WHY, EntityBook, ReadContext, is_url, xpath_of
from .table import TEXT_PROPERTIES

__all__ = ["load_item"]

_ABOUT_THRESHOLD = 50
_LANGUAGE: TypeAdapter[str] = TypeAdapter(LanguageTag)
_SOURCE_ROLES = {SOURCE_ROLE, "isrol:originfo", "cRole:source", "cRole:origProv", qcode("cpprole", "contentSource"),
                 "isrol:contentSource"}
_ITEM_META_READ = {"itemClass", "provider", "versionCreated", "firstCreated", "pubStatus", "generator", "link"}
_CONTENT_META_READ = {"contentCreated", "contentModified", "located", "infoSource", "creator", "contributor",
                      "language", "genre", "subject", "keyword", "headline", "dateline", "creditline", "description",
                      "contentMetaExtProperty"}
_ITEM_READ = {"catalogRef", "catalog", "rightsInfo", "itemMeta", "contentMeta", "partMeta", "assert", "inlineRef",
              "contentSet"}
assert int(MENTION_RELEVANCE) < _ABOUT_THRESHOLD


def load_item(item: etree._Element, *, source: str, report: Report) -> Article:
    ctx = ReadContext(item, source, report)
    book = EntityBook(ctx)
    fields: dict[str, Any] = {"id": item.get("guid", ""), "version": item.get("version") or 1}
    for child in item:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _ITEM_READ:
            ctx.not_mapped(child)
    for element in item.findall(nar("assert")):
        book.add_assert(element)
    item_meta = item.find(nar("itemMeta"))
    content_meta = item.find(nar("contentMeta"))
    if content_meta is None:
        content_meta = etree.Element(nar("contentMeta"))
    _content_meta(ctx, book, content_meta, fields)
    if item_meta is not None:
        _item_meta(ctx, book, item_meta, fields)
    _dates(ctx, item_meta, content_meta, fields)
    rights_infos = item.findall(nar("rightsInfo"))
    if rights_infos:
        fields["rights"] = _rights(ctx, book, rights_infos, fields["language"])
    body, found = quotes_read.read_content(ctx, item.find(nar("contentSet")))
    fields["body"] = body
    fields["quotes"] = quotes_read.read_quotes(ctx, book, found)
    fields.update(book.all())
    return _article(ctx, fields)


def _item_meta(ctx: ReadContext, book: EntityBook, meta: etree._Element, fields: dict[str, Any]) -> None:
    for child in meta:
        name = etree.QName(child).localname if isinstance(child.tag, str) else None
        if name is None:
            continue
        if name == "provider":
            fields["publisher_id"] = book.ensure(child, "organization")
        elif name == "link" and child.get("reluri") == IANA_RELATION + "canonical":
            fields["url"] = child.get("href")
        elif name == "itemClass" and child.get("qcode") not in (qcode("ninat", "text"), None):
            ctx.issue("info", "item-class", f"itemClass {child.get('qcode')!r} read as a text article", child)
        elif name not in _ITEM_META_READ or name == "link":
            ctx.not_mapped(child)


def _content_meta(ctx: ReadContext, book: EntityBook, meta: etree._Element, fields: dict[str, Any]) -> None:
    fields["language"] = _language(ctx, meta)
    fields.update(author_ids=[], contributor_ids=[], about_ids=[], subjects=[], keywords=[])
    for child in meta:
        name = etree.QName(child).localname if isinstance(child.tag, str) else None
        if name == "located":
            fields["located_id"] = book.ensure(child, "place")
        elif name == "infoSource":
            _info_source(ctx, book, child, fields)
        elif name in ("creator", "contributor"):
            _party(ctx, book, child, fields)
        elif name == "genre":
            _genre(ctx, child, fields)
        elif name == "subject":
            _subject(ctx, book, child, fields)
        elif name == "contentMetaExtProperty" and child.get("rel") == qcode("nxprop", "section"):
            fields["section"] = child.get("value", "")
        elif name is not None and name not in _CONTENT_META_READ | {"contentMetaExtProperty"}:
            ctx.not_mapped(child)
        elif name == "contentMetaExtProperty":
            ctx.not_mapped(child)
    _text_properties(ctx, meta, fields)


def _language(ctx: ReadContext, meta: etree._Element) -> str:
    """The first usable tag of ``contentMeta/language`` or ``@xml:lang``; both are optional in
    NewsML-G2 2.35, and an item without either is ``und`` (undetermined), as in the JSON-LD reader."""
    given = [(e.get("tag"), e) for e in meta.iter(nar("language"))] + [(ctx.item.get(xml("lang")), ctx.item)]
    for tag, element in given:
        if not tag:
            continue
        try:
            return _LANGUAGE.validate_python(tag)
        except ValidationError:
            ctx.issue("warning", "invalid-language", f"language {tag!r} is not a BCP 47 tag: not read", element)
    ctx.issue("warning", "no-language", "no usable language or xml:lang: the language is recorded as 'und' "
              "(undetermined)")
    return "und"


def _party(ctx: ReadContext, book: EntityBook, element: etree._Element, fields: dict[str, Any]) -> None:
    """A ``creator`` is an author when it has no role or an author role (``cpprole:author``,
    ``isrol:author`` ...); a creator in another role (an editor) is a contributor, reported."""
    entity_id = book.ensure(element, "person")
    if entity_id is None:
        ctx.not_mapped(element, "it names no one")
        return
    roles = ctx.role_tokens(element)
    if etree.QName(element).localname == "contributor":
        fields["contributor_ids"].append(entity_id)
    elif not roles or any(role.partition(":")[2] == "author" for role in roles):
        fields["author_ids"].append(entity_id)
    else:
        fields["contributor_ids"].append(entity_id)
        ctx.issue("info", "creator-not-author", f"creator {entity_id!r} with role {' '.join(roles)} read as a "
                  "contributor: only a creator without a role or with an author role is an author", element)


def _genre(ctx: ReadContext, element: etree._Element, fields: dict[str, Any]) -> None:
    """The model's genre is free text: a genre's name (or the end of its code); its code is
    reported, as is a second genre."""
    code = element.get("qcode") or element.get("uri")
    names = [ctx.text(label) for label in element.iterchildren(nar("name"))]
    genre = names[0] if names else (code or element.get("literal") or "").rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    if "genre" in fields:
        ctx.issue("info", "extra-value", f"another genre ({genre[:40]!r}) not mapped: the article has one", element)
        return
    fields["genre"] = genre
    if code is not None:
        ctx.issue("info", "genre-code", f"genre {code!r} read as the text {genre!r}: the article's genre has no code",
                  element)
    if len(names) > 1:
        ctx.issue("info", "extra-name", f"other names of the genre not mapped: {', '.join(map(repr, names[1:]))}", element)


def _text_properties(ctx: ReadContext, meta: etree._Element, fields: dict[str, Any]) -> None:
    for prop in TEXT_PROPERTIES:
        values = [ctx.text(e) for e in meta if isinstance(e.tag, str) and prop.matches(e)]
        if prop.many:
            fields[prop.field] = [v for v in values if v]
        elif values:
            fields[prop.field] = values[0]
            for extra in values[1:]:
                ctx.issue("info", "extra-value", f"another {prop.element} ({extra[:40]!r}) not mapped", meta)
    for element in meta.iter(nar("headline"), nar("description")):
        if not any(prop.matches(element) for prop in TEXT_PROPERTIES):
            ctx.not_mapped(element, "only the summary description and two headlines are mapped")
    if "headline" not in fields:
        ranked = sorted(meta.iter(nar("headline")), key=lambda e: int(e.get("rank") or 1))
        if ranked:
            fields["headline"] = ctx.text(ranked[0])


def _info_source(ctx: ReadContext, book: EntityBook, element: etree._Element, fields: dict[str, Any]) -> None:
    roles = ctx.role_tokens(element)
    relation = next((r.partition(":")[2] for r in roles if r.startswith("nxsrc:")), "original")
    is_source = not roles or any(r in _SOURCE_ROLES for r in roles)
    if not is_source or "source" in fields:
        entity_id = book.ensure(element, "person" if any(r.endswith(":interviewee") for r in roles) else "organization")
        ctx.issue("info", "info-source-not-source", f"infoSource with role {' '.join(roles) or '(none)'} kept as "
                  f"entity {entity_id!r} only", element)
        return
    label = element.find(nar("name"))
    remote = element.find(nar("remoteInfo"))
    name = ctx.text(label) if label is not None else (element.get("uri") or element.get("qcode") or element.get("literal"))
    url = remote.get("href") if remote is not None else element.get("uri")
    organization_id = None
    if element.get("literal") is not None:
        # Its @uri is read as the source's URL, not as a link of the organisation.
        organization_id = book.find(element) or book.ensure(element, "organization", links=False)
    fields["source"] = {"name": name or "unknown", "url": url, "relation": relation, "organization_id": organization_id}


def _subject(ctx: ReadContext, book: EntityBook, element: etree._Element, fields: dict[str, Any]) -> None:
    kind = NATURE_KINDS.get(element.get("type", ""))
    if kind is not None:
        entity_id = book.ensure(element, kind)
        relevance = (element.get("relevance") or "").strip()
        if entity_id is not None and not (relevance.isdigit() and int(relevance) < _ABOUT_THRESHOLD):
            fields["about_ids"].append(entity_id)
        return
    names = list(element.iterchildren(nar("name")))
    label = _in_language(names, fields["language"])
    links = [s for s in element.iterchildren(nar("sameAs")) if s.get("uri")]
    code = element.get("qcode")
    uri = element.get("uri") or (links[0].get("uri") if links else None)
    if uri is None and code is not None and code.partition(":")[0] not in declared_aliases():
        # A scheme IPTC's catalog does not hold: its URI (from the item's catalogs) lets the
        # subject be written as this QCode again (parties.subject_schemes).
        uri = ctx.concept_uri(code)
    if uri is not None and not is_url(uri):
        ctx.issue("warning", "same-as-not-url", f"subject uri {uri!r} is not an absolute http(s) URL or URN: not read",
                  element)
        uri = None
    subject = {"qcode": code, "uri": uri, "name": ctx.text(label) if label is not None else None}
    if subject["qcode"] is None and subject["uri"] is None:
        ctx.not_mapped(element, "a subject needs a qcode or a uri")
        return
    fields["subjects"].append(subject)
    what = f"subject {subject['qcode'] or subject['uri']}"
    others = [f"{ctx.text(n)!r} ({_language_of(n) or 'no language'})" for n in names if n is not label]
    if others:
        ctx.issue("info", "extra-name", f"{what}: other names not mapped (a subject has one): {', '.join(others)}",
                  element)
    for child in element:
        if not isinstance(child.tag, str) or child.tag == nar("name"):
            continue
        if child.tag != nar("sameAs"):
            why = NOT_MAPPED_WHY.get(etree.QName(child).localname)
            ctx.not_mapped(child, f"{what}: {why}" if why else what)
        elif child.get("uri") != uri:
            ctx.not_mapped(child, f"{what}: a subject has one URI")


def _in_language(names: list[etree._Element], language: str) -> etree._Element | None:
    """The name in the article's language (by primary subtag), else the first."""
    wanted = language.split("-")[0].lower()
    return next((n for n in names if _primary_language(n) == wanted), names[0] if names else None)


def _primary_language(element: etree._Element) -> str:
    return (_language_of(element) or "").split("-")[0].lower()


def _language_of(element: etree._Element) -> str | None:
    return next((tag for node in (element, *element.iterancestors()) if (tag := node.get(xml("lang")))), None)


def _dates(ctx: ReadContext, item_meta: etree._Element | None, content_meta: etree._Element, fields: dict[str, Any]) -> None:
    def date_of(parent: etree._Element | None, name: str) -> datetime | None:
        element = parent.find(nar(name)) if parent is not None else None
        if element is None:
            return None
        parsed = parse_datetime(element.text or "")
        if parsed is None:
            ctx.issue("warning", "date-not-mapped", f"{name} {element.text!r} is not a timezone-aware date-time (offset within ±14:00); dropped", element)
        return parsed

    version_created, first_created = date_of(item_meta, "versionCreated"), date_of(item_meta, "firstCreated")
    fields["created"] = date_of(content_meta, "contentCreated")
    fields["published"] = first_created
    modified = date_of(content_meta, "contentModified")
    # versionCreated equal to firstCreated means "never modified" (that is how we write it).
    fields["modified"] = modified or (version_created if version_created != first_created else None)


_RIGHTS_SCOPE = ("idrefs", "scope", "scopeuri", "aspect", "aspecturi")
"""Attributes that limit a ``rightsInfo`` to parts or aspects of the item (2.35 XSD: without
them, it applies to all of it)."""


def _rights(ctx: ReadContext, book: EntityBook, infos: list[etree._Element], language: str) -> dict[str, Any]:
    """The rights of every ``rightsInfo`` that applies to the whole item, as one: every usage
    term in the article's language (each a restriction that applies: joined, one a line; the
    same terms in other languages are reported), the first holder, notice and licence (another
    one is reported)."""
    rights: dict[str, Any] = {}
    terms: list[etree._Element] = []
    for info in infos:
        limits = [f"{name}={info.get(name)!r}" for name in _RIGHTS_SCOPE if info.get(name)]
        if limits:
            ctx.not_mapped(info, f"it applies to part of the item only ({', '.join(limits)})")
            continue
        for child in info:
            name = etree.QName(child).localname if isinstance(child.tag, str) else None
            if name == "usageTerms":
                terms.append(child)
            elif name == "copyrightHolder":
                _one_of(ctx, rights, "copyright_holder_id", book.ensure(child, "organization"), child)
            elif name == "copyrightNotice":
                _one_of(ctx, rights, "copyright_notice", ctx.text(child), child)
            elif name == "link" and child.get("reluri") == IANA_RELATION + "license":
                _one_of(ctx, rights, "license_url", child.get("href"), child)
            elif name is not None:
                ctx.not_mapped(child)
    chosen = _in_language(terms, language)
    kept = [t for t in terms if _primary_language(t) == _primary_language(chosen)] if chosen is not None else []
    for other in terms:
        if other not in kept:
            ctx.issue("info", "other-language", f"usageTerms in {_language_of(other) or 'no language'} not mapped "
                      f"(the article's are in {_language_of(chosen) or 'no language'}): {ctx.text(other)[:60]!r}", other)
    if kept:
        rights["usage_terms"] = "\n".join(ctx.text(t) for t in kept)
        if len(kept) > 1:
            ctx.issue("info", "usage-terms-joined", f"{len(kept)} usageTerms joined into the article's usage terms, "
                      "one a line", kept[0].getparent())
    return rights


def _one_of(ctx: ReadContext, rights: dict[str, Any], field: str, value: object, element: etree._Element) -> None:
    if field not in rights:
        rights[field] = value
    elif rights[field] != value:
        ctx.issue("info", "extra-value", f"another {etree.QName(element).localname} ({str(value)[:40]!r}) not mapped: "
                  "the article has one", element)


def _article(ctx: ReadContext, fields: dict[str, Any]) -> Article:
    try:
        return Article.model_validate(fields)
    except ValidationError as exc:
        issues = [Issue("error", str(error["type"]), f"{'.'.join(map(str, error['loc']))}: {error['msg']}",
                        xpath_of(ctx.item), ctx.item.sourceline, ctx.source, "newsml-g2-reader")
                  for error in exc.errors()]
        raise ArticleError(issues) from None
