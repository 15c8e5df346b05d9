"""Article → ``newsItem``: catalogs, rights, itemMeta, contentMeta, partMeta, assert, inlineRef,
contentSet, in the order the 2.35 schema requires (``reference/newsml-g2-notes.md`` §2)."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from ... import __version__
from ...errors import ExportError
from ...model import Article
from . import body_nitf, body_xhtml, parties, part_meta
from .body import BodyKind
from .catalog import OWN_CATALOG_TITLE, OWN_SCHEMES, iptc_catalog_href, qcode
from .names import CONTENT_TYPES, IANA_RELATION, NAR, STANDARD_VERSION, nar, xml
from .table import TEXT_PROPERTIES
from .xmlbuild import attr, checked, sub, xs_datetime

__all__ = ["build_item", "version_created_of"]

GENERATOR = "newsml-export"


def version_created_of(article: Article, fallback: datetime | None) -> datetime:
    value = article.modified or article.published or fallback
    if value is None:
        raise ExportError(
            f"{article.id}: NewsML-G2 needs itemMeta/versionCreated but the article has no date: set "
            "`published` (or `modified`) in the sidecar, or pass --version-created ISO|now"
        )
    return value


def build_item(article: Article, *, body: BodyKind, version_created: datetime | None) -> etree._Element:
    versioned = version_created_of(article, version_created)
    item = etree.Element(nar("newsItem"), nsmap={None: NAR})
    attr(item, "guid", article.id, "id")
    item.set("version", str(article.version))
    item.set("standard", "NewsML-G2")
    item.set("standardversion", STANDARD_VERSION)
    item.set("conformance", "power")
    item.set(xml("lang"), article.language)
    # Text in this item is exact: readers must not collapse whitespace (XML 1.0 §2.10).
    item.set(xml("space"), "preserve")
    sub(item, "catalogRef", attrs={"href": iptc_catalog_href()})
    own = sub(item, "catalog")
    sub(own, "title", OWN_CATALOG_TITLE)
    for scheme in OWN_SCHEMES:
        sub(own, "scheme", attrs={"alias": scheme.alias, "uri": scheme.uri})
    if article.rights is not None:
        _rights_info(item, article)
    _item_meta(item, article, versioned)
    _content_meta(item, article)
    part_meta.write(item, article)
    parties.write_asserts(item, article)
    part_meta.write_inline_refs(item, article)
    content_set = sub(item, "contentSet")
    inline = sub(content_set, "inlineXML", attrs={"contenttype": CONTENT_TYPES[body],
                                                  "wordcount": str(article.word_count)})
    inline.append((body_nitf if body == "nitf" else body_xhtml).dump_body(article))
    return item


def _rights_info(item: etree._Element, article: Article) -> None:
    rights = article.rights
    assert rights is not None
    info = sub(item, "rightsInfo")
    if rights.copyright_holder_id is not None:
        parties.party(info, "copyrightHolder", article, rights.copyright_holder_id)
    if rights.copyright_notice is not None:
        sub(info, "copyrightNotice", rights.copyright_notice, field="rights.copyright_notice")
    if rights.usage_terms is not None:
        sub(info, "usageTerms", rights.usage_terms, field="rights.usage_terms")
    if rights.license_url is not None:
        sub(info, "link", attrs={"reluri": IANA_RELATION + "license", "href": rights.license_url})


def _item_meta(item: etree._Element, article: Article, versioned: datetime) -> None:
    meta = sub(item, "itemMeta")
    sub(meta, "itemClass", attrs={"qcode": qcode("ninat", "text")})
    if article.publisher_id is not None:
        parties.party(meta, "provider", article, article.publisher_id)
    else:
        sub(meta, "provider")
    sub(meta, "versionCreated", xs_datetime(versioned, "modified"))
    if article.published is not None:
        sub(meta, "firstCreated", xs_datetime(article.published, "published"))
    sub(meta, "pubStatus", attrs={"qcode": qcode("stat", "usable")})
    sub(meta, "generator", GENERATOR, attrs={"versioninfo": __version__})
    if article.url is not None:
        sub(meta, "link", attrs={"reluri": IANA_RELATION + "canonical", "href": article.url})


def _content_meta(item: etree._Element, article: Article) -> None:
    meta = sub(item, "contentMeta")
    if article.created is not None:
        sub(meta, "contentCreated", xs_datetime(article.created, "created"))
    if article.modified is not None:
        sub(meta, "contentModified", xs_datetime(article.modified, "modified"))
    # Administrative properties (any order among themselves), then descriptive ones.
    if article.located_id is not None:
        parties.party(meta, "located", article, article.located_id)
    if article.source is not None:
        parties.info_source(meta, article.source, article)
    for author in article.author_ids:
        parties.party(meta, "creator", article, author, role=qcode("cpprole", "author"))
    for contributor in article.contributor_ids:
        parties.party(meta, "contributor", article, contributor)
    sub(meta, "language", attrs={"tag": article.language})
    if article.genre is not None:
        sub(sub(meta, "genre"), "name", article.genre, field="genre")
    parties.write_subjects(meta, article)
    for prop in TEXT_PROPERTIES:
        value = getattr(article, prop.field)
        values = value if prop.many else ([] if value is None else [value])
        for index, text in enumerate(values):
            field = f"{prop.field}[{index}]" if prop.many else prop.field
            sub(meta, prop.element, text, field=field, attrs=dict(prop.attrs))
    if article.section is not None:
        sub(meta, "contentMetaExtProperty", attrs={"rel": qcode("nxprop", "section"),
                                                   "value": checked(article.section, "section")})
