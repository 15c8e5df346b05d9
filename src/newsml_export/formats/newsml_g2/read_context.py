"""What every part of the reader shares: the item, the report, text rules, and the entity book."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml import etree
from pydantic import TypeAdapter, ValidationError

from ...model import Url
from ...validation.report import Issue, Report, Severity
from .catalog import OWN_SCHEMES, iptc_catalog, referenced_catalog
from .names import nar, xml

__all__ = ["NOT_MAPPED_WHY", "EntityBook", "ReadContext", "is_url", "xpath_of"]

_XML_SPACE_RUN = re.compile(r"[ \t\n\r]+")
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_URL: TypeAdapter[str] = TypeAdapter(Url)
NOT_MAPPED_WHY = {"broader": "the model has no concept hierarchy"}


def is_url(value: str) -> bool:
    """Whether the model takes ``value`` as a URL (absolute http(s) or URN)."""
    try:
        _URL.validate_python(value)
    except ValidationError:
        return False
    return True


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def xpath_of(element: etree._Element) -> str:
    steps = []
    node: etree._Element | None = element
    while node is not None and isinstance(node.tag, str):
        parent = node.getparent()
        name = etree.QName(node).localname
        same = [c for c in parent if c.tag == node.tag] if parent is not None else [node]
        steps.append(name if len(same) == 1 else f"{name}[{same.index(node) + 1}]")
        node = parent
    return "/" + "/".join(reversed(steps))


@dataclass
class ReadContext:
    item: etree._Element
    source: str
    report: Report

    @property
    def preserve(self) -> bool:
        node: etree._Element | None = self.item
        while node is not None:
            space = node.get(xml("space"))
            if space is not None:
                return space == "preserve"
            node = node.getparent()
        return False

    @cached_property
    def schemes(self) -> dict[str, str]:
        """Scheme URI by alias: from the catalogs the item references that are held offline
        (IPTC's) and from its inline catalogs."""
        found: dict[str, str] = {}
        for ref in self.item.iterchildren(nar("catalogRef")):
            catalog = referenced_catalog(ref.get("href") or "")
            if catalog is not None:
                found.update((alias, scheme.uri) for alias, scheme in catalog.schemes.items())
        for scheme in self.item.iterfind(f"{nar('catalog')}/{nar('scheme')}"):
            alias, uri = scheme.get("alias"), scheme.get("uri")
            if alias and uri:
                found[alias] = uri
        return found

    def concept_uri(self, code: str) -> str | None:
        """``medtop:04000000`` → ``http://cv.iptc.org/newscodes/mediatopic/04000000`` through the
        item's catalogs; None when no catalog declares the alias."""
        alias, colon, rest = code.partition(":")
        base = self.schemes.get(alias) if colon else None
        return None if base is None else base + rest

    def text(self, element: etree._Element) -> str:
        """The text of a property: exact in our items (``xml:space="preserve"``), else with
        whitespace runs collapsed, as real feeds indent their text."""
        value = "".join(element.itertext())
        return value if self.preserve else _XML_SPACE_RUN.sub(" ", value).strip()

    def issue(self, severity: Severity, code: str, message: str, element: etree._Element | None = None) -> None:
        element = element if element is not None else self.item
        self.report.add(Issue(severity, code, message, xpath_of(element), element.sourceline, self.source,
                              "newsml-g2-reader"))

    def not_mapped(self, element: etree._Element, why: str = "") -> None:
        name = etree.QName(element).localname
        self.issue("info", "not-mapped", f"<{name}> is not mapped to the article{': ' + why if why else ''}", element)

    def role_tokens(self, element: etree._Element) -> list[str]:
        """The element's role QCodes, noting retired IPTC schemes and unknown (proprietary) ones."""
        tokens = (element.get("role") or "").split()
        schemes = iptc_catalog().schemes
        for token in tokens:
            alias = token.partition(":")[0]
            scheme = schemes.get(alias)
            if scheme is not None and scheme.retired:
                self.issue("info", "retired-role", f"role {token!r} is from a retired IPTC scheme ({alias}, retired "
                           f"{scheme.retired[:10]}); read by its code", element)
            elif scheme is None and alias not in {s.alias for s in OWN_SCHEMES}:
                self.issue("info", "proprietary-role", f"role {token!r} is not an IPTC code; read by its code", element)
        return tokens


@dataclass
class EntityBook:
    """Entities met while reading, keyed by how the item identifies them (``@literal``, ``@qcode``,
    ``@uri``, or the name when nothing else), in order of first appearance."""

    ctx: ReadContext
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"person": [], "organization": [], "place": []})
    ids: dict[tuple[str, str], str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    unnamed: set[str] = field(default_factory=set)
    """Entities named by their key only so far; a later ``name`` child names them."""
    _by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    @staticmethod
    def key_of(element: etree._Element) -> tuple[str, str] | None:
        for name in ("literal", "qcode", "uri"):
            value = element.get(name)
            if value:
                return name, value
        label = element.find(nar("name"))
        if label is not None and "".join(label.itertext()).strip():
            return "name", " ".join("".join(label.itertext()).split())
        return None

    def allocate(self, wanted: str) -> str:
        """An id for ``wanted``: itself if it is a valid, unused id, else a slug of it."""
        candidate = wanted if _ID.match(wanted) and len(wanted) <= 200 else self._slug(wanted)
        base, n = candidate, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate

    @staticmethod
    def _slug(value: str) -> str:
        tail = value.rstrip("/").rsplit("/", 1)[-1] if "://" in value else value
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", tail).strip("-.")[:180] or "entity"
        return slug if re.match(r"[A-Za-z_]", slug) else f"e-{slug}"

    def find(self, element: etree._Element) -> str | None:
        key = self.key_of(element)
        return None if key is None else self.ids.get(key)

    def ensure(self, element: etree._Element, kind: str, *, links: bool = True) -> str | None:
        """The id of the entity ``element`` refers to, creating a ``kind`` entity on first sight.

        With ``links`` (unless the caller reads ``@uri`` as something else), what the reference
        says of the entity is kept: ``@uri``, ``@qcode`` and ``sameAs`` as identity links, other
        names as aliases; any other child (``broader``, details) is reported, not mapped."""
        entity = self._entity(element, kind)
        if entity is None:
            return None
        if links:
            self._link(entity, element, element)
            for name in self._names(element):
                self._alias(entity, name)
            for child in element:
                if not isinstance(child.tag, str) or child.tag == nar("name"):
                    continue
                if child.tag == nar("sameAs"):
                    self._link(entity, child, element)
                else:
                    self.ctx.not_mapped(child, NOT_MAPPED_WHY.get(etree.QName(child).localname, ""))
        return str(entity["id"])

    def _entity(self, element: etree._Element, kind: str) -> dict[str, Any] | None:
        key = self.key_of(element)
        if key is None:
            return None
        names = self._names(element)
        if key in self.ids:
            entity = self._by_id[self.ids[key]]
            if names and entity["id"] in self.unnamed:
                self.unnamed.discard(entity["id"])
                entity["name"] = names[0]
            return entity
        entity = {"id": self.allocate(key[1]), "name": names[0] if names else key[1], "aliases": [], "same_as": []}
        if not names:
            self.unnamed.add(entity["id"])
        self.ids[key] = entity["id"]
        self.lists[kind].append(entity)
        self._by_id[entity["id"]] = entity
        return entity

    def _names(self, element: etree._Element) -> list[str]:
        return [name for name in (self.ctx.text(label) for label in element.iterchildren(nar("name"))) if name]

    @staticmethod
    def _alias(entity: dict[str, Any], name: str) -> None:
        if name != entity["name"] and name not in entity["aliases"]:
            entity["aliases"].append(name)

    def _link(self, entity: dict[str, Any], holder: etree._Element, where: etree._Element, *,
              exact: bool = False) -> None:
        """``holder``'s ``@uri`` and ``@qcode`` (resolved through the item's catalogs) as the
        entity's ``same_as`` links, each once (or each as written: ``exact``, for an assert's
        own sameAs list); what cannot be a link is reported."""
        add = list.append if exact else _add
        what = f"<{etree.QName(where).localname}>" + (" sameAs" if holder is not where else "")
        uri, code = holder.get("uri"), holder.get("qcode")
        if uri:
            if is_url(uri):
                add(entity["same_as"], uri)
            else:
                self.ctx.issue("warning", "same-as-not-url", f"{what} uri {uri!r} is not an absolute http(s) URL or "
                               "URN: not kept as a sameAs link", holder)
        if code:
            resolved = self.ctx.concept_uri(code)
            if resolved is not None and is_url(resolved):
                add(entity["same_as"], resolved)
            else:
                self.ctx.issue("info", "qcode-not-resolved", f"{what} QCode {code!r}: no catalog the item references "
                               f"declares its scheme, so it has no URI to keep as a sameAs link (it only made the "
                               f"id {entity['id']!r})", holder)

    def add_assert(self, element: etree._Element) -> None:
        """Names, definition, sameAs and details of a concept (our items: one per entity)."""
        kind = next((k for k, tag in (("person", "personDetails"), ("organization", "organisationDetails"),
                                      ("place", "geoAreaDetails"), ("place", "POIDetails"))
                     if element.find(nar(tag)) is not None), None)
        key = self.key_of(element)
        if key is None:
            self.ctx.not_mapped(element, "it names no concept")
            return
        if kind is None:
            kind = self._kind_from_subject(key) or "organization"
        entity = self._entity(element, kind)
        assert entity is not None  # it has a key
        names = self._names(element)
        if names:  # the assert's names are the entity's, exactly (our own items write them so)
            entity["name"], entity["aliases"] = names[0], names[1:]
            self.unnamed.discard(entity["id"])
        definition = element.find(nar("definition"))
        if definition is not None:
            entity["description"] = self.ctx.text(definition)
        for same_as in element.iterchildren(nar("sameAs")):
            self._link(entity, same_as, element, exact=True)
        self._link(entity, element, element)
        web = element.find(f"{nar(DETAILS_TAG[kind])}/{nar('contactInfo')}/{nar('web')}")
        if web is not None and kind != "place" and is_url((web.text or "").strip()):
            entity["url"] = (web.text or "").strip()
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _ASSERT_READ:
                self.ctx.not_mapped(child)

    def _kind_from_subject(self, key: tuple[str, str]) -> str | None:
        for subject in self.ctx.item.iterfind(f"{nar('contentMeta')}/{nar('subject')}"):
            if self.key_of(subject) == key:
                return NATURE_KINDS.get(subject.get("type", ""))
        return None

    def all(self) -> dict[str, list[dict[str, Any]]]:
        return {"people": self.lists["person"], "organizations": self.lists["organization"],
                "places": self.lists["place"]}


DETAILS_TAG = {"person": "personDetails", "organization": "organisationDetails", "place": "geoAreaDetails"}
NATURE_KINDS = {"cpnat:person": "person", "cpnat:organisation": "organization", "cpnat:geoArea": "place",
                "cpnat:poi": "place"}
_ASSERT_READ = {nar(t) for t in ("name", "definition", "sameAs", "personDetails", "organisationDetails",
                                 "geoAreaDetails", "POIDetails")}
