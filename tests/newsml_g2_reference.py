"""The NewsML-G2 writer as it was before it wrote text (commit 937cbe1): an lxml tree built
element by element, indented, then serialised by lxml. Kept for the tests only, as the
reference the string writer must match byte for byte (tests/test_newsml_g2_writer_reference.py).

Only the logic is copied here; the data (names, QCodes, the mapping table, the quote
properties, the words of a refusal) is imported, so a change to the mapping shows up in both.
The schemes of subjects are derived here too (``subject_schemes``): logic, not data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from newsml_export import __version__
from newsml_export.dates import format_datetime
from newsml_export.errors import ExportError
from newsml_export.formats.newsml_g2.body import quotes_by_block
from newsml_export.formats.newsml_g2.catalog import (OWN_CATALOG_TITLE, OWN_SCHEMES, Scheme, declared_aliases,
                                                      iptc_catalog_href, qcode)
from newsml_export.formats.newsml_g2.names import (CONTENT_TYPES, IANA_RELATION, NAR, NITF, STANDARD_VERSION, XHTML,
                                                    nar, nitf, xhtml, xml)
from newsml_export.formats.newsml_g2.parties import _undeclared  # the words of the refusal only
from newsml_export.formats.newsml_g2.part_meta import QUOTATION, QUOTE_ID, QUOTE_PROPERTIES, SPEAKER_ROLES, VOICE, default_voice
from newsml_export.formats.newsml_g2.table import TEXT_PROPERTIES
from newsml_export.model import Article
from newsml_export.xmlchars import check_exportable, describe, find_forbidden

NATURES = {"person": qcode("cpnat", "person"), "organization": qcode("cpnat", "organisation"),
           "place": qcode("cpnat", "geoArea")}
DETAILS = {"person": "personDetails", "organization": "organisationDetails", "place": "geoAreaDetails"}
_ONE_LINE = {"name", "keyword", "creditline"}
_LINE_BREAK = re.compile("[\t\n\r]")


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def subject_schemes(article: Article) -> tuple[Scheme, ...]:
    """Derived here, not imported from the writer, so that the comparison can see its mistakes.
    The rule: a subject QCode whose alias IPTC's catalog lacks needs that alias declared inline.
    Every such subject with a URI gives the scheme URI (its URI without the code, ending in one
    of ``/#:=``, the alias an NCName), and they must agree; a subject without a URI needs its
    alias given so by another subject. Refusals name the first subject at fault in that order."""
    declared = declared_aliases()
    undeclared = [(index, subject) for index, subject in enumerate(article.subjects)
                  if subject.qcode is not None and subject.qcode.split(":", 1)[0] not in declared]
    schemes: dict[str, str] = {}
    for index, subject in undeclared:
        alias, _, code = subject.qcode.partition(":")
        if subject.uri is None:
            continue
        base = subject.uri.removesuffix(code) if code and subject.uri.endswith(code) else ""
        if not base or base[-1] not in "/#:=" or not _NCNAME.fullmatch(alias) or schemes.get(alias, base) != base:
            known = Scheme(alias, schemes[alias]) if alias in schemes else None
            raise ExportError(_undeclared(index, subject.qcode, alias, code, known))
        schemes[alias] = base
    for index, subject in undeclared:
        alias, _, code = subject.qcode.partition(":")
        if subject.uri is None and alias not in schemes:
            raise ExportError(_undeclared(index, subject.qcode, alias, code, None))
    return tuple(Scheme(alias, uri) for alias, uri in schemes.items())


def dump_reference(articles: Sequence[Article], *, body: str, envelope: bool, version_created: datetime | None) -> bytes:
    root = reference_tree(articles, body, envelope, version_created)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# --- xmlbuild ----------------------------------------------------------------------------------

def checked(value: str, field: str) -> str:
    found = find_forbidden(value)
    if found is not None:
        raise ExportError(f"{field}: {describe(found[1], found[0], fix='remove it from the article')}")
    return value


def one_line(value: str, field: str) -> str:
    bad = _LINE_BREAK.search(value)
    if bad is not None:
        raise ExportError(
            f"{field}: {bad.group()!r} at position {bad.start()}: NewsML-G2 names, keywords and credit lines are "
            "single-line (g2normalizedString); replace tabs and line breaks with spaces"
        )
    return value


def sub(parent, local, text=None, *, field="", attrs=None):
    element = etree.SubElement(parent, nar(local))
    for name, value in (attrs or {}).items():
        element.set(name, checked(value, field or local))
    if text is not None:
        element.text = checked(one_line(text, field or local) if local in _ONE_LINE else text, field or local)
    return element


def xs_datetime(value: datetime, field: str) -> str:
    if value.utcoffset() is None:
        raise ExportError(f"{field}: {value.isoformat()} has no timezone")
    return format_datetime(value)


def indent(element, level=0, step="  "):
    children = list(element)
    if not children or (element.text and element.text.strip()) or any(c.tail and c.tail.strip() for c in children):
        return
    inner = "\n" + step * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        if len(child) and isinstance(child.tag, str) and child.tag.startswith(f"{{{NAR}}}") and child.tag != nar("inlineXML"):
            indent(child, level + 1, step)
    children[-1].tail = "\n" + step * level


# --- message -----------------------------------------------------------------------------------

def reference_tree(articles, body, envelope, version_created):
    if not articles:
        raise ExportError("nothing to write: no articles")
    for article in articles:
        check_exportable(article, prefix=f"{article.id}: " if len(articles) > 1 else "")
    if not envelope:
        item = _item(articles[0], body, version_created)
        indent(item)
        return item
    items = [_item(a, body, version_created, own_ids) for a, own_ids in _qualified(articles)]
    message = etree.Element(nar("newsMessage"), nsmap={None: NAR})
    header = sub(message, "header")
    sent = max(_version_created(a, version_created) for a in articles)
    sub(header, "sent", xs_datetime(sent, "modified"))
    item_set = sub(message, "itemSet")
    for item in items:
        item_set.append(item)
    indent(message)
    return message


def _qualified(articles):
    """Each article with the quote ids an earlier item took qualified by its position (i2.q1,
    i2.q1.2 ...), and the article's own ids of the renamed quotes by their new id."""
    taken = set()
    for position, article in enumerate(articles, start=1):
        clashing = {q.id for q in article.quotes} & taken
        taken |= {q.id for q in article.quotes}
        quotes, own_ids = [], {}
        for quote in article.quotes:
            if quote.id in clashing:
                new, n = f"i{position}.{quote.id}", 1
                while new in taken:
                    n += 1
                    new = f"i{position}.{quote.id}.{n}"
                taken.add(new)
                own_ids[new] = quote.id
                quote = quote.model_copy(update={"id": new})
            quotes.append(quote)
        yield article.model_copy(update={"quotes": quotes}), own_ids


# --- writer ------------------------------------------------------------------------------------

def _version_created(article, fallback):
    value = article.modified or article.published or fallback
    if value is None:
        raise ExportError(
            f"{article.id}: NewsML-G2 needs itemMeta/versionCreated but the article has no date: give it "
            "`published` or `modified` (a sidecar's `published:`, JSON-LD's datePublished), or a version-created "
            "date (--version-created ISO|now on the command line, version_created= in the library)"
        )
    return value


def _item(article, body, version_created, own_ids=None):
    versioned = _version_created(article, version_created)
    item = etree.Element(nar("newsItem"), nsmap={None: NAR})
    item.set("guid", checked(article.id, "id"))
    item.set("version", str(article.version))
    item.set("standard", "NewsML-G2")
    item.set("standardversion", STANDARD_VERSION)
    item.set("conformance", "power")
    item.set(xml("lang"), article.language)
    item.set(xml("space"), "preserve")
    sub(item, "catalogRef", attrs={"href": iptc_catalog_href()})
    own = sub(item, "catalog")
    sub(own, "title", OWN_CATALOG_TITLE)
    for scheme in (*OWN_SCHEMES, *subject_schemes(article)):
        sub(own, "scheme", attrs={"alias": scheme.alias, "uri": scheme.uri})
    if article.rights is not None:
        rights = article.rights
        info = sub(item, "rightsInfo")
        if rights.copyright_holder_id is not None:
            _party(info, "copyrightHolder", article, rights.copyright_holder_id)
        if rights.copyright_notice is not None:
            sub(info, "copyrightNotice", rights.copyright_notice, field="rights.copyright_notice")
        if rights.usage_terms is not None:
            sub(info, "usageTerms", rights.usage_terms, field="rights.usage_terms")
        if rights.license_url is not None:
            sub(info, "link", attrs={"reluri": IANA_RELATION + "license", "href": rights.license_url})
    _item_meta(item, article, versioned)
    _content_meta(item, article)
    _part_meta(item, article, own_ids or {})
    _asserts(item, article)
    _inline_refs(item, article)
    content_set = sub(item, "contentSet")
    inline = sub(content_set, "inlineXML", attrs={"contenttype": CONTENT_TYPES[body], "wordcount": str(article.word_count)})
    inline.append(_nitf_body(article) if body == "nitf" else _xhtml_body(article))
    return item


def _item_meta(item, article, versioned):
    meta = sub(item, "itemMeta")
    sub(meta, "itemClass", attrs={"qcode": qcode("ninat", "text")})
    if article.publisher_id is not None:
        _party(meta, "provider", article, article.publisher_id)
    else:
        sub(meta, "provider")
    sub(meta, "versionCreated", xs_datetime(versioned, "modified"))
    if article.published is not None:
        sub(meta, "firstCreated", xs_datetime(article.published, "published"))
    sub(meta, "pubStatus", attrs={"qcode": qcode("stat", "usable")})
    sub(meta, "generator", "newsml-export", attrs={"versioninfo": __version__})
    if article.url is not None:
        sub(meta, "link", attrs={"reluri": IANA_RELATION + "canonical", "href": article.url})


def _content_meta(item, article):
    meta = sub(item, "contentMeta")
    if article.created is not None:
        sub(meta, "contentCreated", xs_datetime(article.created, "created"))
    if article.modified is not None:
        sub(meta, "contentModified", xs_datetime(article.modified, "modified"))
    if article.located_id is not None:
        _party(meta, "located", article, article.located_id)
    if article.source is not None:
        source = article.source
        role = qcode("cpprole", "originfo")
        attrs = {"role": role if source.relation == "original" else f"{role} {qcode('nxsrc', source.relation)}"}
        if source.url is not None:
            attrs["uri"] = source.url
        if source.organization_id is not None:
            attrs["literal"] = source.organization_id
        sub(sub(meta, "infoSource", attrs=attrs), "name", source.name, field="source.name")
    for author in article.author_ids:
        _party(meta, "creator", article, author, role=qcode("cpprole", "author"))
    for contributor in article.contributor_ids:
        _party(meta, "contributor", article, contributor)
    sub(meta, "language", attrs={"tag": article.language})
    if article.genre is not None:
        sub(sub(meta, "genre"), "name", article.genre, field="genre")
    _subjects(meta, article)
    for prop in TEXT_PROPERTIES:
        value = getattr(article, prop.field)
        values = value if prop.many else ([] if value is None else [value])
        for index, text in enumerate(values):
            field = f"{prop.field}[{index}]" if prop.many else prop.field
            sub(meta, prop.element, text, field=field, attrs=dict(prop.attrs))
    if article.section is not None:
        sub(meta, "contentMetaExtProperty", attrs={"rel": qcode("nxprop", "section"),
                                                   "value": checked(article.section, "section")})


# --- parties -----------------------------------------------------------------------------------

def _kind(entity):
    return type(entity).__name__.lower()


def _party(parent, element, article, entity_id, *, role=None):
    entity = article.entity(entity_id)
    attrs = {"role": role} if role else {}
    attrs["literal"] = entity.id
    node = sub(parent, element, attrs=attrs)
    sub(node, "name", entity.name, field=f"{_kind(entity)} {entity.id}.name")
    return node


def _subjects(meta, article):
    about = set(article.about_ids)
    for entity_id in article.about_ids:
        _entity_subject(meta, article, entity_id, mention=False)
    for entity in article.entities():
        if entity.id not in about:
            _entity_subject(meta, article, entity.id, mention=True)
    for index, subject in enumerate(article.subjects):
        attrs = {"qcode": subject.qcode} if subject.qcode is not None else {"uri": subject.uri or ""}
        node = sub(meta, "subject", attrs=attrs, field=f"subjects[{index}]")
        if subject.name is not None:
            sub(node, "name", subject.name, field=f"subjects[{index}].name")
        if subject.qcode is not None and subject.uri is not None:
            sub(node, "sameAs", attrs={"uri": subject.uri})


def _entity_subject(meta, article, entity_id, *, mention):
    entity = article.entity(entity_id)
    attrs = {"type": NATURES[_kind(entity)], "literal": entity.id}
    if mention:
        attrs["relevance"] = "25"
    node = sub(meta, "subject", attrs=attrs)
    sub(node, "name", entity.name, field=f"{_kind(entity)} {entity.id}.name")


def _asserts(item, article):
    for entity in article.entities():
        kind = _kind(entity)
        where = f"{kind} {entity.id}"
        node = sub(item, "assert", attrs={"literal": entity.id})
        for index, name in enumerate([entity.name, *entity.aliases]):
            sub(node, "name", name, field=f"{where}.{'name' if index == 0 else f'aliases[{index - 1}]'}")
        if entity.description is not None:
            sub(node, "definition", entity.description, field=f"{where}.description")
        for url in entity.same_as:
            sub(node, "sameAs", attrs={"uri": url})
        details = sub(node, DETAILS[kind])
        url = getattr(entity, "url", None)
        if url is not None:
            sub(sub(details, "contactInfo"), "web", url)


# --- part_meta ---------------------------------------------------------------------------------

def _part_meta(item, article, own_ids):
    for index, quote in enumerate(article.quotes):
        where = f"quotes[{index}]"
        attrs = {"contentrefs": quote.id} if quote.located else {"partid": quote.id}
        part = sub(item, "partMeta", attrs=attrs)
        if quote.speaker_id is not None:
            speaker = article.entity(quote.speaker_id)
            node = sub(part, "infoSource", attrs={"role": SPEAKER_ROLES[0], "literal": speaker.id})
            sub(node, "name", speaker.name, field=f"{where}.speaker")
        if quote.id in own_ids:
            _property(part, QUOTE_ID, own_ids[quote.id], where)
        if not quote.located:
            _property(part, QUOTATION, quote.text, where)
        if quote.voice != default_voice(quote):
            _property(part, VOICE, quote.voice, where)
        for prop in QUOTE_PROPERTIES:
            value = getattr(quote, prop.field)
            if value is not None and value != prop.default:
                _property(part, prop, repr(value) if isinstance(value, float) else str(value), where)


def _property(part, prop, value, where):
    sub(part, "partMetaExtProperty", attrs={"rel": prop.rel, "value": checked(value, f"{where}.{prop.field}")})


def _inline_refs(item, article):
    by_speaker: dict[str, list[str]] = {}
    for quote in article.quotes:
        if quote.located and quote.speaker_id is not None:
            by_speaker.setdefault(quote.speaker_id, []).append(quote.id)
    for speaker_id, quote_ids in by_speaker.items():
        speaker = article.entity(speaker_id)
        node = sub(item, "inlineRef", attrs={"idrefs": " ".join(quote_ids), "literal": speaker.id})
        sub(node, "name", speaker.name, field=f"speaker {speaker.id}.name")


# --- bodies ------------------------------------------------------------------------------------

def _xhtml_body(article):
    html = etree.Element(xhtml("html"), nsmap={None: XHTML})
    head = etree.SubElement(html, xhtml("head"))
    etree.SubElement(head, xhtml("title")).text = checked(article.headline, "headline")
    body = etree.SubElement(html, xhtml("body"))
    located = quotes_by_block(article)
    body.text = "\n"
    for index, block in enumerate(article.body):
        if block.kind == "blockquote":
            outer = etree.SubElement(body, xhtml("blockquote"))
            element = etree.SubElement(outer, xhtml("p"))
            outer.tail = "\n"
        else:
            element = etree.SubElement(body, xhtml({"paragraph": "p", "heading": "h2"}[block.kind]))
            element.tail = "\n"
        _inline(element, block.text, located.get(index, []),
                lambda parent, quote: etree.SubElement(parent, xhtml("q"), {"id": quote.id}), f"body[{index}].text")
    return html


def _nitf_body(article):
    root = etree.Element(nitf("nitf"), nsmap={None: NITF})
    body = etree.SubElement(root, nitf("body"))
    head = etree.SubElement(body, nitf("body.head"))
    hedline = etree.SubElement(head, nitf("hedline"))
    etree.SubElement(hedline, nitf("hl1")).text = checked(article.headline, "headline")
    content = etree.SubElement(body, nitf("body.content"))
    located = quotes_by_block(article)
    names = {entity.id: entity.name for entity in article.entities()}

    def make_quote(parent, quote):
        element = etree.SubElement(parent, nitf("q"), {"id": quote.id})
        if quote.speaker_id is not None:
            element.set("quote-source", checked(names[quote.speaker_id], f"speaker {quote.speaker_id}"))
        return element

    content.text = "\n"
    for index, block in enumerate(article.body):
        if block.kind == "blockquote":
            outer = etree.SubElement(content, nitf("bq"))
            element = etree.SubElement(etree.SubElement(outer, nitf("block")), nitf("p"))
            outer.tail = "\n"
        else:
            element = etree.SubElement(content, nitf("hl2" if block.kind == "heading" else "p"))
            element.tail = "\n"
        _inline(element, block.text, located.get(index, []), make_quote, f"body[{index}].text")
    return root


def _inline(parent, text, quotes, make_quote, field):
    checked(text, field)
    _fill(parent, text, sorted(quotes, key=lambda q: (q.start, -q.end)), 0, len(text), make_quote)


def _fill(parent, text, quotes, begin, end, make_quote):
    cursor, last, index = begin, None, 0
    while index < len(quotes):
        quote = quotes[index]
        inner = []
        index += 1
        while index < len(quotes) and quotes[index].end <= quote.end:
            inner.append(quotes[index])
            index += 1
        _append_text(parent, last, text[cursor:quote.start])
        last = make_quote(parent, quote)
        _fill(last, text, inner, quote.start, quote.end, make_quote)
        cursor = quote.end
    _append_text(parent, last, text[cursor:end])


def _append_text(parent, last, text):
    if not text:
        return
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text
