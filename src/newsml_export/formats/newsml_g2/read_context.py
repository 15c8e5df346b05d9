"""What every part of the reader shares: the item, the report, text rules, and the entity book."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ...validation.report import Issue, Report, Severity
from .catalog import OWN_SCHEMES, iptc_catalog
from .names import nar, xml

__all__ = ["EntityBook", "ReadContext", "xpath_of"]

_XML_SPACE_RUN = re.compile(r"[ \t\n\r]+")
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_URL = re.compile(r"^(?:https?://\S+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+)$")


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

    def ensure(self, element: etree._Element, kind: str) -> str | None:
        """The id of the entity ``element`` refers to, creating a ``kind`` entity on first sight."""
        key = self.key_of(element)
        if key is None:
            return None
        label = element.find(nar("name"))
        name = self.ctx.text(label) if label is not None else ""
        if key in self.ids:
            entity_id = self.ids[key]
            if name and entity_id in self.unnamed:
                self.unnamed.discard(entity_id)
                next(e for es in self.lists.values() for e in es if e["id"] == entity_id)["name"] = name
            return entity_id
        entity: dict[str, Any] = {"id": self.allocate(key[1]), "name": name or key[1]}
        if not name:
            self.unnamed.add(entity["id"])
        self.ids[key] = entity["id"]
        self.lists[kind].append(entity)
        return entity["id"]

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
        entity_id = self.ensure(element, kind)
        entity = next(e for entities in self.lists.values() for e in entities if e["id"] == entity_id)
        names = [self.ctx.text(n) for n in element.findall(nar("name"))]
        names = [n for n in names if n]
        if names:
            entity["name"], entity["aliases"] = names[0], names[1:]
            self.unnamed.discard(entity["id"])
        definition = element.find(nar("definition"))
        if definition is not None:
            entity["description"] = self.ctx.text(definition)
        same_as = [s.get("uri", "") for s in element.findall(nar("sameAs"))]
        entity["same_as"] = [u for u in same_as if _URL.match(u)]
        if len(entity["same_as"]) != len(same_as):
            self.ctx.issue("warning", "same-as-not-url", "sameAs without an absolute http(s) URI or URN dropped", element)
        web = element.find(f"{nar(DETAILS_TAG[kind])}/{nar('contactInfo')}/{nar('web')}")
        if web is not None and kind != "place" and _URL.match((web.text or "").strip()):
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
