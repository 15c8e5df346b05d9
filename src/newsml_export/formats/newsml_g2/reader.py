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
from .catalog import qcode
from .names import IANA_RELATION, nar, xml
from .parties import MENTION_RELEVANCE, SOURCE_ROLE
from .read_context import NATURE_KINDS, EntityBook, ReadContext, xpath_of
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
    rights = item.find(nar("rightsInfo"))
    if rights is not None:
        fields["rights"] = _rights(ctx, book, rights)
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
            entity_id = book.ensure(child, "person")
            if entity_id is not None:
                fields["author_ids" if name == "creator" else "contributor_ids"].append(entity_id)
                ctx.role_tokens(child)
        elif name == "genre":
            label = child.find(nar("name"))
            code = child.get("qcode") or child.get("literal") or child.get("uri") or ""
            fields["genre"] = ctx.text(label) if label is not None else code.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
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
        organization_id = book.find(element) or book.ensure(element, "organization")
    fields["source"] = {"name": name or "unknown", "url": url, "relation": relation, "organization_id": organization_id}


def _subject(ctx: ReadContext, book: EntityBook, element: etree._Element, fields: dict[str, Any]) -> None:
    kind = NATURE_KINDS.get(element.get("type", ""))
    if kind is not None:
        entity_id = book.ensure(element, kind)
        relevance = (element.get("relevance") or "").strip()
        if entity_id is not None and not (relevance.isdigit() and int(relevance) < _ABOUT_THRESHOLD):
            fields["about_ids"].append(entity_id)
        return
    label = element.find(nar("name"))
    same_as = element.find(nar("sameAs"))
    subject = {"qcode": element.get("qcode"), "uri": element.get("uri") or (same_as.get("uri") if same_as is not None else None),
               "name": ctx.text(label) if label is not None else None}
    if subject["qcode"] is None and subject["uri"] is None:
        ctx.not_mapped(element, "a subject needs a qcode or a uri")
        return
    fields["subjects"].append(subject)


def _dates(ctx: ReadContext, item_meta: etree._Element | None, content_meta: etree._Element, fields: dict[str, Any]) -> None:
    def date_of(parent: etree._Element | None, name: str) -> datetime | None:
        element = parent.find(nar(name)) if parent is not None else None
        if element is None:
            return None
        parsed = parse_datetime(element.text or "")
        if parsed is None:
            ctx.issue("warning", "date-not-mapped", f"{name} {element.text!r} is not a timezone-aware date-time; dropped", element)
        return parsed

    version_created, first_created = date_of(item_meta, "versionCreated"), date_of(item_meta, "firstCreated")
    fields["created"] = date_of(content_meta, "contentCreated")
    fields["published"] = first_created
    modified = date_of(content_meta, "contentModified")
    # versionCreated equal to firstCreated means "never modified" (that is how we write it).
    fields["modified"] = modified or (version_created if version_created != first_created else None)


def _rights(ctx: ReadContext, book: EntityBook, info: etree._Element) -> dict[str, Any]:
    rights: dict[str, Any] = {}
    for child in info:
        name = etree.QName(child).localname if isinstance(child.tag, str) else None
        if name == "copyrightHolder":
            rights["copyright_holder_id"] = book.ensure(child, "organization")
        elif name == "copyrightNotice":
            rights["copyright_notice"] = ctx.text(child)
        elif name == "usageTerms":
            rights["usage_terms"] = ctx.text(child)
        elif name == "link" and child.get("reluri") == IANA_RELATION + "license":
            rights["license_url"] = child.get("href")
        elif name is not None:
            ctx.not_mapped(child)
    return rights


def _article(ctx: ReadContext, fields: dict[str, Any]) -> Article:
    try:
        return Article.model_validate(fields)
    except ValidationError as exc:
        issues = [Issue("error", str(error["type"]), f"{'.'.join(map(str, error['loc']))}: {error['msg']}",
                        xpath_of(ctx.item), ctx.item.sourceline, ctx.source, "newsml-g2-reader")
                  for error in exc.errors()]
        raise ArticleError(issues) from None
