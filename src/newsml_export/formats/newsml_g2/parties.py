"""People, organisations and places: ``subject``, ``assert`` and every party reference.

An entity is keyed by ``@literal`` = its id wherever it appears (IPTC LISTING 27 pattern); its
names, description, ``sameAs`` links and web address live in one ``assert``.
"""

from __future__ import annotations

from lxml import etree

from ...model import Article, Organization, Person, Place, Source
from .catalog import qcode
from .xmlbuild import sub

__all__ = [
    "DETAILS",
    "MENTION_RELEVANCE",
    "NATURES",
    "SOURCE_ROLE",
    "entity_kind",
    "info_source",
    "party",
    "write_asserts",
    "write_subjects",
]

# cpnat: concept natures of IPTC; the details element that fits each kind of entity.
NATURES = {"person": qcode("cpnat", "person"), "organization": qcode("cpnat", "organisation"),
           "place": qcode("cpnat", "geoArea")}
DETAILS = {"person": "personDetails", "organization": "organisationDetails", "place": "geoAreaDetails"}
MENTION_RELEVANCE = "25"
SOURCE_ROLE = qcode("cpprole", "originfo")


def entity_kind(entity: Person | Organization | Place) -> str:
    return {Person: "person", Organization: "organization", Place: "place"}[type(entity)]


def party(parent: etree._Element, element: str, article: Article, entity_id: str, *, role: str | None = None) -> etree._Element:
    """``<element [role] literal="id"><name>Name</name></element>`` for an entity reference."""
    entity = article.entity(entity_id)
    assert entity is not None  # the model checked every reference
    attrs = {"role": role} if role else {}
    attrs["literal"] = entity.id
    node = sub(parent, element, attrs=attrs)
    sub(node, "name", entity.name, field=f"{entity_kind(entity)} {entity.id}.name")
    return node


def info_source(parent: etree._Element, source: Source, article: Article) -> None:
    roles = SOURCE_ROLE if source.relation == "original" else f"{SOURCE_ROLE} {qcode('nxsrc', source.relation)}"
    attrs = {"role": roles}
    # The source's URL identifies the party (as in IPTC LISTING 1); a remoteInfo child would
    # crash IPTC's own newsmlg2 reader (it names that class by string), so @uri it is.
    if source.url is not None:
        attrs["uri"] = source.url
    if source.organization_id is not None:
        attrs["literal"] = source.organization_id
    node = sub(parent, "infoSource", attrs=attrs)
    sub(node, "name", source.name, field="source.name")


def write_subjects(meta: etree._Element, article: Article) -> None:
    """Entities the article is about (in about_ids order), then the ones it mentions (marked by a
    low relevance), then subject concepts."""
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


def _entity_subject(meta: etree._Element, article: Article, entity_id: str, *, mention: bool) -> None:
    entity = article.entity(entity_id)
    assert entity is not None
    attrs = {"type": NATURES[entity_kind(entity)], "literal": entity.id}
    if mention:
        attrs["relevance"] = MENTION_RELEVANCE
    node = sub(meta, "subject", attrs=attrs)
    sub(node, "name", entity.name, field=f"{entity_kind(entity)} {entity.id}.name")


def write_asserts(item: etree._Element, article: Article) -> None:
    """One ``assert`` per entity, in people, organizations, places order."""
    for entity in article.entities():
        kind = entity_kind(entity)
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
