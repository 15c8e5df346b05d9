"""Broken NewsML-G2 documents for the differential tests of the validator: every rule's target
(IDREFs, quote speakers, partMeta pointing at quotations, language, QCode aliases and catalogs)
broken in many ways, alone and together (ids that do not exist, lists, odd spacing, references
outside any item, nested items, renamed and wrapped elements beside same-named siblings, bad
aliases, schemes, unknown catalogs), on items with XHTML and NITF bodies, a newsMessage of two
items and an item written with a prefix. Deterministic: a fixed seed, and each variant's name
says what was done to it."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator

from lxml import etree

from newsml_export import Article
from newsml_export.formats.newsml_g2.message import build_document
from newsml_export.formats.newsml_g2.names import NAR

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XHTML = "http://www.w3.org/1999/xhtml"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
_REF_ATTRIBUTES = ("contentrefs", "idrefs")
_QCODE_ATTRIBUTES = ("qcode", "role", "type", "rel", "how", "why")


def base_documents(articles: list[Article]) -> Iterator[tuple[str, etree._Element]]:
    """Each article as an item with either body, the first two in one newsMessage (their quote
    ids must differ: XML ids are document-wide), and the first with NewsML-G2 under a prefix."""
    for index, article in enumerate(articles):
        for body in ("xhtml", "nitf"):
            yield f"{index}-{body}", build_document([article], body=body, envelope=False, version_created=None)
    for body in ("xhtml", "nitf"):
        yield f"message-{body}", build_document(articles[:2], body=body, envelope=True, version_created=None)
    yield "0-xhtml-prefixed", _prefixed(build_document(articles[:1], body="xhtml", envelope=False, version_created=None))


def _prefixed(root: etree._Element) -> etree._Element:
    """The same document with NewsML-G2 elements written as nar:name (paths name prefixes)."""
    def copy_of(element: etree._Element, parent: etree._Element | None) -> etree._Element:
        nsmap = {"nar": NAR} if parent is None else {k: v for k, v in element.nsmap.items() if v != NAR}
        made = etree.Element(element.tag, dict(element.attrib), nsmap=nsmap) if parent is None else \
            etree.SubElement(parent, element.tag, dict(element.attrib), nsmap=nsmap)
        made.text, made.tail = element.text, element.tail
        for child in element:
            if isinstance(child.tag, str):
                copy_of(child, made)
            else:
                made.append(copy.deepcopy(child))
        return made
    return copy_of(root, None)


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _values(root: etree._Element) -> list[str]:
    """Values worth putting in a reference: ids and literals that exist (here or in another
    item), ones that do not, and awkward spacing (tabs, doubled and edge spaces, empty)."""
    ids = sorted({v for e in _elements(root) for v in [e.get("id")] if v})
    literals = sorted({v for e in _elements(root) for v in [e.get("literal")] if v})
    odd = ["nowhere", "", " ", "q-x  q-y", "\tq1", "q1\t", "Q1", "q1 nowhere", "nowhere q1 nowhere"]
    picks = ids + literals + odd
    if len(ids) >= 2:
        picks += [f"{ids[0]} {ids[-1]}", f" {ids[0]}  {ids[1]} ", f"{ids[0]}\t{ids[1]}"]
    return picks


def _set_attribute(rng: random.Random, root: etree._Element) -> str:
    element = rng.choice(_elements(root))
    name = rng.choice(_REF_ATTRIBUTES + ("literal", "id", "id", XML_LANG))
    value = rng.choice(_values(root))
    element.set(name, value)
    return f"set {name}={value!r} on {etree.QName(element).localname}"


def _remove_attribute(rng: random.Random, root: etree._Element) -> str:
    name = rng.choice(_REF_ATTRIBUTES + ("literal", "id", XML_LANG, "tag") + _QCODE_ATTRIBUTES)
    holders = [e for e in _elements(root) if e.get(name) is not None]
    if not holders:
        return "nothing to remove"
    element = rng.choice(holders)
    del element.attrib[name]
    return f"removed {name} of {etree.QName(element).localname}"


def _remove_element(rng: random.Random, root: etree._Element) -> str:
    names = ("assert", "subject", "language", "partMeta", "infoSource", "inlineRef", "catalog", "catalogRef",
             "scheme", "contentMeta", "contentSet", "q", "p")
    wanted = rng.choice(names)
    found = [e for e in _elements(root) if etree.QName(e).localname == wanted and e.getparent() is not None]
    if not found:
        return f"no {wanted}"
    element = rng.choice(found)
    element.getparent().remove(element)
    return f"removed a {wanted}"


def _rename_element(rng: random.Random, root: etree._Element) -> str:
    """A quotation that is no q any more, or a speaker element in another namespace."""
    found = [e for e in _elements(root) if etree.QName(e).localname in ("q", "infoSource", "inlineRef", "partMeta", "p")]
    if not found:
        return "nothing to rename"
    element = rng.choice(found)
    qname = etree.QName(element)
    namespace = rng.choice([qname.namespace, NAR, XHTML, "urn:other"])
    local = rng.choice([qname.localname, "q", "span", "Q"])
    element.tag = f"{{{namespace}}}{local}" if namespace else local
    return f"renamed {qname.localname} to {{{namespace}}}{local}"


def _copy_element(rng: random.Random, root: etree._Element) -> str:
    """A partMeta, inlineRef, assert, subject or body element copied elsewhere (another item,
    another item's body, outside any item)."""
    sources = [e for e in _elements(root) if etree.QName(e).localname in ("partMeta", "inlineRef", "assert", "subject", "q", "p", "language")]
    targets = [e for e in _elements(root) if etree.QName(e).localname in ("newsItem", "contentMeta", "contentSet", "body", "p", "itemSet", "header", "inlineXML")]
    if not sources or not targets:
        return "nothing to copy"
    source, target = rng.choice(sources), rng.choice(targets)
    if target is source or source in target.iterancestors():
        return "copy into itself skipped"
    target.insert(rng.randrange(len(target) + 1), copy.deepcopy(source))
    return f"copied {etree.QName(source).localname} into {etree.QName(target).localname}"


def _nest_item(rng: random.Random, root: etree._Element) -> str:
    """An item inside another item's body (lax XML content): the rules go by the nearest item."""
    items = [e for e in _elements(root) if e.tag == f"{{{NAR}}}newsItem"]
    inline = [e for e in _elements(root) if e.tag == f"{{{NAR}}}inlineXML"]
    if not items or not inline:
        return "nothing to nest"
    host = rng.choice(inline)
    guest = copy.deepcopy(rng.choice(items))
    if host in guest.iter():
        return "nest skipped"
    list(host)[0].append(guest) if len(host) else host.append(guest)
    return "nested an item in a body"


def _point_at_non_quote(rng: random.Random, root: etree._Element) -> str:
    """A partMeta or inlineRef referring to a body element that is no quotation."""
    inline = [e for e in _elements(root) if e.tag == f"{{{NAR}}}inlineXML"]
    pointers = [e for e in _elements(root) if e.get("contentrefs") is not None or e.get("idrefs") is not None]
    if not inline or not pointers:
        return "nothing to point"
    body = [e for e in rng.choice(inline).iter() if isinstance(e.tag, str) and etree.QName(e).localname != "q"]
    target = rng.choice(body)
    target.set("id", target.get("id") or rng.choice(["p-x", "q-master", "q1"]))
    pointer = rng.choice(pointers)
    name = "contentrefs" if pointer.get("contentrefs") is not None else "idrefs"
    pointer.set(name, target.get("id"))
    return f"{etree.QName(pointer).localname} points at {etree.QName(target).localname}"


def _both_refs(rng: random.Random, root: etree._Element) -> str:
    """An element with contentrefs and idrefs: one finding for both."""
    holders = [e for e in _elements(root) if e.get("contentrefs") is not None or e.get("idrefs") is not None]
    if not holders:
        return "no refs"
    element = rng.choice(holders)
    missing = "idrefs" if element.get("idrefs") is None else "contentrefs"
    element.set(missing, rng.choice(_values(root)))
    return f"added {missing} to {etree.QName(element).localname}"


def _outside_items(rng: random.Random, root: etree._Element) -> str:
    """An element referring to ids or naming a speaker outside any item (a newsMessage's header
    or itemSet): nothing resolves there."""
    places = [e for e in _elements(root) if etree.QName(e).localname in ("header", "itemSet")]
    holders = [e for e in _elements(root) if etree.QName(e).localname in ("partMeta", "inlineRef")]
    if not places or not holders:
        return "no place outside items"
    rng.choice(places).append(copy.deepcopy(rng.choice(holders)))
    return "copied a reference outside the items"


def _wrap(rng: random.Random, root: etree._Element) -> str:
    """An element moved into a new parent (no namespace, another namespace under a prefix, or
    NewsML-G2's) that has a sibling of the same name: paths with positions and odd names."""
    flagged = [e for e in _elements(root) if e.get("contentrefs") is not None or e.get("literal") is not None]
    element = rng.choice(flagged if flagged and rng.random() < 0.7 else [e for e in _elements(root) if e.getparent() is not None])
    if element.getparent() is None:
        return "nothing to wrap"
    if rng.random() < 0.5:
        element.set("contentrefs", "nowhere")
    tag, nsmap = rng.choice([("wrap", None), ("{urn:other}wrap", {"o": "urn:other"}), ("{urn:other}wrap", None),
                             (f"{{{NAR}}}wrap", None), ("partMeta", None)])
    wrapper = etree.Element(tag, nsmap=nsmap)
    element.addprevious(wrapper)
    wrapper.append(element)
    wrapper.addprevious(etree.Element(rng.choice([tag, "wrap", f"{{{XHTML}}}wrap"]), nsmap=nsmap))
    return f"wrapped {etree.QName(element).localname} in {tag}"


def _language(rng: random.Random, root: etree._Element) -> str:
    languages = [e for e in _elements(root) if e.tag == f"{{{NAR}}}language"]
    choice = rng.randrange(3)
    if choice == 0 and languages:
        rng.choice(languages).set("tag", rng.choice(["de", "en", "EN", "", "en-GB"]))
        return "changed a language tag"
    if choice == 1 and languages:
        first = rng.choice(languages)
        extra = etree.Element(f"{{{NAR}}}language", tag=rng.choice(["fr", "en"]))
        first.addprevious(extra)
        return "added a language before another"
    items = [e for e in _elements(root) if e.tag == f"{{{NAR}}}newsItem"]
    if items:
        rng.choice(items).set(XML_LANG, rng.choice(["de", "en", "fr-CA", ""]))
    return "changed an item's xml:lang"


def _qcode(rng: random.Random, root: etree._Element) -> str:
    coded = [(e, a) for e in _elements(root) for a in _QCODE_ATTRIBUTES if e.get(a) is not None]
    choice = rng.randrange(6)
    if choice == 0 and coded:
        element, name = rng.choice(coded)
        value = rng.choice(["nostat:usable", "usable", ":x", "stat:", "stat:usable bogus:x", "  ", "nxprop:voice", "a:b:c", "nxprop", "stat"])
        element.set(name, value)
        return f"set {name}={value!r}"
    if choice == 1:
        refs = [e for e in _elements(root) if e.tag == f"{{{NAR}}}catalogRef"]
        if refs:
            rng.choice(refs).set("href", rng.choice(["http://example.org/other.xml", "",
                                                     "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"]))
            return "changed a catalogRef"
    if choice == 2:
        element = rng.choice(_elements(root))
        name = rng.choice(_QCODE_ATTRIBUTES)
        element.set(name, rng.choice(["nxsrc:x", "bogus:y", "medtop:1"]))
        return f"added {name} to {etree.QName(element).localname}"
    schemes = [e for e in _elements(root) if e.tag == f"{{{NAR}}}scheme"]
    if choice == 3 and coded:
        # Two bad QCodes, the attributes in another order than qcode, role, type, rel, how, why.
        element, name = rng.choice(coded)
        element.set(name, "first:x")
        for other in _QCODE_ATTRIBUTES[: _QCODE_ATTRIBUTES.index(name)]:
            element.set(other, f"{other}:x")
        return f"bad QCodes before {name}"
    if choice == 4 and schemes:
        rng.choice(schemes).set(rng.choice(_QCODE_ATTRIBUTES), "bogus:x")  # a scheme is no user of QCodes
        return "a QCode on a scheme"
    if schemes:
        scheme = rng.choice(schemes)
        scheme.set("alias", rng.choice(["other", "stat", ""]))
        return "changed a scheme alias"
    return "no qcode change"


MUTATIONS: tuple[Callable[[random.Random, etree._Element], str], ...] = (
    _set_attribute, _set_attribute, _set_attribute, _remove_attribute, _remove_element, _rename_element,
    _copy_element, _nest_item, _point_at_non_quote, _point_at_non_quote, _both_refs, _outside_items, _wrap,
    _language, _qcode, _qcode,
)


def mutants(articles: list[Article], *, per_base: int, seed: int = 20250601) -> Iterator[tuple[str, etree._Element]]:
    """Each base document as it is, then ``per_base`` variants with one to three mutations."""
    rng = random.Random(seed)
    for name, root in base_documents(articles):
        yield name, root
        for index in range(per_base):
            variant = copy.deepcopy(root)
            steps = [rng.choice(MUTATIONS)(rng, variant) for _ in range(rng.choice((1, 1, 2, 3)))]
            yield f"{name}#{index}: " + "; ".join(steps), variant
