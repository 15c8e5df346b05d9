"""Article → ``newsItem``: catalogs, rights, itemMeta, contentMeta, partMeta, assert, inlineRef,
contentSet, in the order the 2.35 schema requires (``reference/newsml-g2-notes.md`` §2)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

from ... import __version__
from ...errors import ExportError
from ...model import Article
from . import body_nitf, body_xhtml, parties, part_meta
from .body import BodyKind
from .catalog import OWN_CATALOG_TITLE, OWN_SCHEMES, iptc_catalog_href, qcode
from .names import CONTENT_TYPES, IANA_RELATION, STANDARD_VERSION
from .parties import Entities
from .table import TEXT_PROPERTIES
from .xmlbuild import Writer, xs_datetime

__all__ = ["version_created_of", "write_item"]

GENERATOR = "newsml-export"
# The attributes every item writes the same way, made once (read-only).
_CATALOG_REF = MappingProxyType({"href": iptc_catalog_href()})
_OWN_SCHEMES = tuple(MappingProxyType({"alias": scheme.alias, "uri": scheme.uri}) for scheme in OWN_SCHEMES)
_ITEM_CLASS = MappingProxyType({"qcode": qcode("ninat", "text")})
_PUB_STATUS = MappingProxyType({"qcode": qcode("stat", "usable")})
_GENERATOR = MappingProxyType({"versioninfo": __version__})
_AUTHOR_ROLE = qcode("cpprole", "author")
_SECTION = qcode("nxprop", "section")


def version_created_of(article: Article, fallback: datetime | None) -> datetime:
    value = article.modified or article.published or fallback
    if value is None:
        raise ExportError(
            f"{article.id}: NewsML-G2 needs itemMeta/versionCreated but the article has no date: give it "
            "`published` or `modified` (a sidecar's `published:`, JSON-LD's datePublished), or a version-created "
            "date (--version-created ISO|now on the command line, version_created= in the library)"
        )
    return value


def write_item(w: Writer, article: Article, *, body: BodyKind, version_created: datetime | None,
               quote_ids: Mapping[str, str] | None = None) -> None:
    """``article`` as a ``newsItem``; ``quote_ids`` gives some quotes another XML id (in a
    newsMessage, where ids are document-wide: :func:`.message.message_quote_ids`)."""
    versioned = version_created_of(article, version_created)
    own_ids: dict[str, str] = {}
    if quote_ids:
        own_ids = {new: old for old, new in quote_ids.items()}
        article = article.model_copy(update={"quotes": [
            quote.model_copy(update={"id": quote_ids[quote.id]}) if quote.id in quote_ids else quote
            for quote in article.quotes]})
    entities = parties.entity_index(article)
    # Text in this item is exact: readers must not collapse whitespace (XML 1.0 §2.10).
    w.open("newsItem", {"guid": article.id, "version": str(article.version), "standard": "NewsML-G2",
                        "standardversion": STANDARD_VERSION, "conformance": "power", "xml:lang": article.language,
                        "xml:space": "preserve"})
    w.leaf("catalogRef", attrs=_CATALOG_REF)
    w.open("catalog")
    w.leaf("title", OWN_CATALOG_TITLE)
    for scheme in _OWN_SCHEMES:
        w.leaf("scheme", attrs=scheme)
    for extra in parties.subject_schemes(article):
        w.leaf("scheme", attrs={"alias": extra.alias, "uri": extra.uri})
    w.close()
    if article.rights is not None:
        _rights_info(w, article, entities)
    _item_meta(w, article, entities, versioned)
    _content_meta(w, article, entities)
    part_meta.write(w, article, entities, own_ids)
    parties.write_asserts(w, article)
    part_meta.write_inline_refs(w, article, entities)
    w.open("contentSet")
    w.embed("inlineXML", {"contenttype": CONTENT_TYPES[body], "wordcount": str(article.word_count)},
            (body_nitf if body == "nitf" else body_xhtml).dump_body(article))
    w.close()
    w.close()


def _rights_info(w: Writer, article: Article, entities: Entities) -> None:
    rights = article.rights
    assert rights is not None
    w.open("rightsInfo")
    if rights.copyright_holder_id is not None:
        parties.party(w, "copyrightHolder", entities, rights.copyright_holder_id)
    if rights.copyright_notice is not None:
        w.leaf("copyrightNotice", rights.copyright_notice)
    if rights.usage_terms is not None:
        w.leaf("usageTerms", rights.usage_terms)
    if rights.license_url is not None:
        w.leaf("link", attrs={"reluri": IANA_RELATION + "license", "href": rights.license_url})
    w.close()


def _item_meta(w: Writer, article: Article, entities: Entities, versioned: datetime) -> None:
    w.open("itemMeta")
    w.leaf("itemClass", attrs=_ITEM_CLASS)
    if article.publisher_id is not None:
        parties.party(w, "provider", entities, article.publisher_id)
    else:
        w.leaf("provider")
    w.leaf("versionCreated", xs_datetime(versioned, "modified"))
    if article.published is not None:
        w.leaf("firstCreated", xs_datetime(article.published, "published"))
    w.leaf("pubStatus", attrs=_PUB_STATUS)
    w.leaf("generator", GENERATOR, _GENERATOR)
    if article.url is not None:
        w.leaf("link", attrs={"reluri": IANA_RELATION + "canonical", "href": article.url})
    w.close()


def _content_meta(w: Writer, article: Article, entities: Entities) -> None:
    w.open("contentMeta")
    if article.created is not None:
        w.leaf("contentCreated", xs_datetime(article.created, "created"))
    if article.modified is not None:
        w.leaf("contentModified", xs_datetime(article.modified, "modified"))
    # Administrative properties (any order among themselves), then descriptive ones.
    if article.located_id is not None:
        parties.party(w, "located", entities, article.located_id)
    if article.source is not None:
        parties.info_source(w, article.source)
    for author in article.author_ids:
        parties.party(w, "creator", entities, author, role=_AUTHOR_ROLE)
    for contributor in article.contributor_ids:
        parties.party(w, "contributor", entities, contributor)
    w.leaf("language", attrs={"tag": article.language})
    if article.genre is not None:
        w.named("genre", None, article.genre, "genre")
    parties.write_subjects(w, article, entities)
    for prop in TEXT_PROPERTIES:
        value = getattr(article, prop.field)
        values = value if prop.many else ([] if value is None else [value])
        for index, text in enumerate(values):
            w.leaf(prop.element, text, dict(prop.attrs), field=f"{prop.field}[{index}]" if prop.many else prop.field)
    if article.section is not None:
        w.leaf("contentMetaExtProperty", attrs={"rel": _SECTION, "value": article.section})
    w.close()
