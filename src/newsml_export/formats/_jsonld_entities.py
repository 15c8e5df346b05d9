"""People, organisations and places met while reading a JSON-LD article: one registry per
article, so that every reference to the same node (by ``@id``, or by name when there is none)
becomes the same entity with one stable id."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from ..model import Url
from ._jsonld_graph import Graph, GraphNode, Located, as_list, first

__all__ = ["EntityKind", "Registry", "checked_url", "fragment_id", "kind_of", "singular"]

EntityKind = Literal["people", "organizations", "places"]

# schema.org 30.0 types read as each kind; anything else is not an entity of the model.
_KINDS: dict[str, EntityKind] = {
    "Person": "people", "Patient": "people",
    **dict.fromkeys((
        "Organization", "NewsMediaOrganization", "Corporation", "GovernmentOrganization", "NGO",
        "EducationalOrganization", "CollegeOrUniversity", "LocalBusiness", "OnlineBusiness",
        "ResearchOrganization", "SportsOrganization", "SportsTeam", "PoliticalParty", "Consortium",
        "WorkersUnion", "PerformingGroup", "MusicGroup", "Airline", "LibrarySystem", "MedicalOrganization",
        "FundingScheme", "Project", "ResearchProject", "FundingAgency", "Cooperative", "SearchRescueOrganization",
    ), "organizations"),
    **dict.fromkeys((
        "Place", "AdministrativeArea", "Country", "State", "City", "SchoolDistrict", "Continent",
        "Landform", "Mountain", "BodyOfWater", "TouristAttraction", "TouristDestination", "Landmark",
        "LandmarksOrHistoricalBuildings", "CivicStructure", "Accommodation", "Residence",
    ), "places"),
}
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_URL = TypeAdapter(Url)
_FIELDS: dict[EntityKind, tuple[str, ...]] = {
    "people": ("name", "alternateName", "description", "url", "sameAs"),
    "organizations": ("name", "alternateName", "description", "url", "sameAs"),
    "places": ("name", "alternateName", "description", "sameAs"),
}


def kind_of(node: GraphNode) -> EntityKind | None:
    for type_name in node.types:
        if type_name in _KINDS:
            return _KINDS[type_name]
    return None


def fragment_id(iri: str | None, base: str | None) -> str | None:
    """The model id an ``@id`` carries: the fragment of ``<base>#<id>`` (or of any IRI)."""
    if not iri or "#" not in iri:
        return None
    head, fragment = iri.split("#", 1)
    if base is not None and head != base and _ID.fullmatch(fragment) is None:
        return None
    return fragment if _ID.fullmatch(fragment) else None


def checked_url(graph: Graph, value: Any, path: tuple[str | int, ...]) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("@id"), str):
        value = value["@id"]
    if not isinstance(value, str):
        graph.note("warning", "invalid-url", f"expected a URL, got {type(value).__name__}: not read", path)
        return None
    try:
        return _URL.validate_python(value)
    except ValidationError:
        graph.note("warning", "invalid-url", f"{value!r} is not an absolute http(s) URL or URN: not read", path)
        return None


def singular(kind: EntityKind) -> str:
    return {"people": "person", "organizations": "organisation", "places": "place"}[kind]


def _first_name(node: GraphNode) -> object:
    names = as_list(node.props["name"].value) if "name" in node.props else []
    return names[0] if names and isinstance(names[0], str) else node.order


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()
    return slug if slug and _ID.fullmatch(slug) else f"e-{slug}" if slug else "entity"


class Registry:
    def __init__(self, graph: Graph, base: str | None, taken: set[str]) -> None:
        self.graph = graph
        self.base = base
        self.taken = taken  # ids used by quotes and entities of this article
        self.entities: dict[str, tuple[EntityKind, dict[str, Any], float]] = {}
        self._keys: dict[object, str] = {}
        self._unnamed_order = 1e9

    def resolve(self, located: Located, index: int | None, default: EntityKind, allowed: tuple[EntityKind, ...]) -> str | None:
        """The id of the entity a value names (registering it), or None (with an issue)."""
        if index is not None and index >= len(as_list(located.value)):
            return None  # an empty list where one value is read: nothing to resolve
        value = located.value if index is None else as_list(located.value)[index]
        path = located.at(index)
        if isinstance(value, str):
            if not value:
                return None
            return self._register(("name", default, value), default, {"name": value}, None, path, allowed)
        node = self.graph.node_of(value)
        if node is None:
            self.graph.note("warning", "unmapped-value", f"expected a {singular(default)} (a name or a node), got {type(value).__name__}: not read", path)
            return None
        kind = kind_of(node) or (default if not node.types else None)
        if kind is None:
            self.graph.note("warning", "unmapped-node", f"a {'/'.join(node.types)} is not a person, organisation or place: not read", path)
            return None
        if not node.props and node.id is not None:
            self.graph.note("warning", "unresolved-reference", f"@id {node.id!r} names no node in the document: not read", path)
            return None
        # Nodes without an @id are told apart by name: a publisher nesting the same person
        # under author and under a quote's creator means one person.
        key: object = ("node", node.id) if node.id is not None else ("name", kind, _first_name(node))
        return self._register(key, kind, None, node, path, allowed)

    def _register(self, key: object, kind: EntityKind, fields: dict[str, Any] | None, node: GraphNode | None,
                  path: tuple[str | int, ...], allowed: tuple[EntityKind, ...]) -> str | None:
        entity_id = self._keys.get(key)
        if entity_id is None:
            if node is not None:
                fields = self._read_node(node, kind)
                if fields is None:
                    return None
            assert fields is not None
            entity_id = self._new_id(node, fields["name"])
            order = float(node.order) if node is not None else self._next_unnamed()
            self.entities[entity_id] = (kind, {"id": entity_id, **fields}, order)
            self._keys[key] = entity_id
        if self.entities[entity_id][0] not in allowed:
            wanted = " or ".join(singular(k) for k in allowed)
            self.graph.note("warning", "wrong-entity-type", f"expected a {wanted} here, got a {singular(self.entities[entity_id][0])}: not read", path)
            return None
        return entity_id

    def _next_unnamed(self) -> float:
        self._unnamed_order += 1
        return self._unnamed_order

    def _new_id(self, node: GraphNode | None, name: str) -> str:
        candidate = fragment_id(node.id, self.base) if node is not None else None
        candidate = candidate or _slug(name)
        unique, n = candidate, 1
        while unique in self.taken:
            n += 1
            unique = f"{candidate}-{n}"
        self.taken.add(unique)
        return unique

    def _read_node(self, node: GraphNode, kind: EntityKind) -> dict[str, Any] | None:
        graph, fields = self.graph, {}
        for name, located in node.props.items():
            if name not in _FIELDS[kind]:
                graph.note("warning", "unmapped-property", f"{name!r} of a {singular(kind)} has no place in the article model: not read", located.path)
        names = [v for v in as_list(node.props["name"].value) if isinstance(v, str) and v] if "name" in node.props else []
        aliases = [v for v in as_list(node.props["alternateName"].value) if isinstance(v, str) and v] if "alternateName" in node.props else []
        if not names:
            if not aliases:
                graph.note("warning", "missing-name", "a node without a name cannot become an entity: not read", node.path)
                return None
            names = [aliases.pop(0)]
        fields["name"] = names[0]
        fields["aliases"] = names[1:] + aliases
        if "description" in node.props:
            description = node.props["description"].value
            if isinstance(description, str):
                fields["description"] = description
            else:
                graph.note("warning", "unmapped-value", "description is not text: not read", node.props["description"].path)
        if "url" in node.props and "url" in _FIELDS[kind]:
            fields["url"] = checked_url(graph, first(node.props["url"].value), node.props["url"].path)
        if "sameAs" in node.props:
            located = node.props["sameAs"]
            urls = [checked_url(graph, v, located.at(i)) for i, v in enumerate(as_list(located.value))]
            fields["same_as"] = [u for u in urls if u is not None]
        return {k: v for k, v in fields.items() if v is not None}

    def lists(self) -> dict[EntityKind, list[dict[str, Any]]]:
        out: dict[EntityKind, list[dict[str, Any]]] = {"people": [], "organizations": [], "places": []}
        for kind, fields, _order in sorted(self.entities.values(), key=lambda e: e[2]):
            out[kind].append(fields)
        return out
