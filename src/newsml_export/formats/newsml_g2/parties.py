"""People, organisations and places: ``subject``, ``assert`` and every party reference.

An entity is keyed by ``@literal`` = its id wherever it appears (IPTC LISTING 27 pattern); its
names, description, ``sameAs`` links and web address live in one ``assert``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ...errors import ExportError
from ...model import Article, Organization, Person, Place, Source
from .catalog import IPTC_CATALOG_VERSION, OWN_SCHEMES, Scheme, declared_aliases, qcode
from .xmlbuild import Writer, escape_attr, escape_text, line_break, one_line

__all__ = [
    "DETAILS",
    "MENTION_RELEVANCE",
    "NATURES",
    "SOURCE_ROLE",
    "Entities",
    "entity_index",
    "entity_kind",
    "info_source",
    "party",
    "subject_schemes",
    "write_asserts",
    "write_subjects",
]

Entity = Person | Organization | Place
Entities = Mapping[str, Entity]

# cpnat: concept natures of IPTC; the details element that fits each kind of entity.
NATURES = {"person": qcode("cpnat", "person"), "organization": qcode("cpnat", "organisation"),
           "place": qcode("cpnat", "geoArea")}
DETAILS = {"person": "personDetails", "organization": "organisationDetails", "place": "geoAreaDetails"}
MENTION_RELEVANCE = "25"
SOURCE_ROLE = qcode("cpprole", "originfo")
_KINDS = {Person: "person", Organization: "organization", Place: "place"}


def entity_kind(entity: Entity) -> str:
    kind = _KINDS.get(type(entity))
    if kind is None:  # a subclass of one of the model's classes (the model admits them)
        kind = next(name for model_class, name in _KINDS.items() if isinstance(entity, model_class))
    return kind


def entity_index(article: Article) -> dict[str, Entity]:
    """Every entity by id, as :meth:`Article.entity` finds it (the first of an id), looked up
    once per item instead of a scan per reference."""
    index: dict[str, Entity] = {}
    for entity in article.entities():
        index.setdefault(entity.id, entity)
    return index


def party(w: Writer, element: str, entities: Entities, entity_id: str, *, role: str | None = None) -> None:
    """``<element [role] literal="id"><name>Name</name></element>`` for an entity reference."""
    entity = entities[entity_id]  # the model checked every reference
    w.named(element, {"role": role, "literal": entity.id} if role else {"literal": entity.id}, entity.name,
            f"{entity_kind(entity)} {entity.id}.name")


def info_source(w: Writer, source: Source) -> None:
    roles = SOURCE_ROLE if source.relation == "original" else f"{SOURCE_ROLE} {qcode('nxsrc', source.relation)}"
    attrs = {"role": roles}
    # The source's URL identifies the party (as in IPTC LISTING 1); a remoteInfo child would
    # crash IPTC's own newsmlg2 reader (it names that class by string), so @uri it is.
    if source.url is not None:
        attrs["uri"] = source.url
    if source.organization_id is not None:
        attrs["literal"] = source.organization_id
    w.named("infoSource", attrs, source.name, "source.name")


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_SCHEME_END = "/#:="


def subject_schemes(article: Article) -> tuple[Scheme, ...]:
    """The schemes an item must declare inline for the article's subject QCodes whose alias IPTC
    catalog v41 does not declare. NewsML-G2 resolves a QCode through a catalog the item
    references (scheme URI + code = concept URI), so such an alias is declared from the URI of
    the subjects that have one, when that URI is the scheme's URI + the code; a subject without
    a URI is then written as a QCode of that scheme. Otherwise the subject cannot be written as a
    QCode and :class:`ExportError` says why and what to do."""
    declared = declared_aliases()
    undeclared: list[tuple[int, str, str, str, str | None]] = []  # index, QCode, alias, code, URI
    for index, subject in enumerate(article.subjects):
        alias, _, code = (subject.qcode or "").partition(":")
        if subject.qcode is not None and alias not in declared:
            undeclared.append((index, subject.qcode, alias, code, subject.uri))
    found: dict[str, Scheme] = {}
    for index, value, alias, code, uri in undeclared:  # first the schemes that subjects' URIs give
        if uri is None:
            continue
        base = uri[:-len(code)] if uri.endswith(code) else ""
        known = found.get(alias)
        if base and base[-1] in _SCHEME_END and _NCNAME.fullmatch(alias) and known in (None, Scheme(alias, base)):
            found[alias] = Scheme(alias, base)
            continue
        raise ExportError(_undeclared(index, value, alias, code, known))
    for index, value, alias, code, uri in undeclared:  # then the subjects without one: their alias declared
        if uri is None and alias not in found:
            raise ExportError(_undeclared(index, value, alias, code, None))
    return tuple(found.values())


def _undeclared(index: int, value: str, alias: str, code: str, known: Scheme | None) -> str:
    where = f"subjects[{index}].qcode: {value!r}"
    if known is not None:
        return (f"{where}: its URI does not end in {code!r} after {known.uri!r}, the URI of scheme {alias!r} "
                "that an earlier subject's URI gave; one alias has one scheme URI")
    hint = " (it looks like a URI: give it as the subject's uri)" if value.startswith(("http:", "https:", "urn:")) else ""
    return (f"{where}: NewsML-G2 resolves a QCode through the catalogs the item references, and none declares the "
            f"alias {alias!r} (this tool references IPTC catalog v{IPTC_CATALOG_VERSION} and declares its own "
            f"{', '.join(s.alias for s in OWN_SCHEMES)}){hint}. Use an IPTC scheme (medtop: ...), or give the "
            f"subject its concept URI (the URI of scheme {alias!r} followed by {code!r}: the item then declares "
            f"{alias!r} from it), or keep only the uri")


def write_subjects(w: Writer, article: Article, entities: Entities) -> None:
    """Entities the article is about (in about_ids order), then the ones it mentions (marked by a
    low relevance), then subject concepts."""
    about = set(article.about_ids)
    indent = w.indent
    written = [_entity_subject(indent, entities[entity_id], "") for entity_id in article.about_ids]
    written += [_entity_subject(indent, entity, _MENTIONED) for entity in article.entities() if entity.id not in about]
    w.write(written)
    for index, subject in enumerate(article.subjects):
        w.open("subject", {"qcode": subject.qcode} if subject.qcode is not None else {"uri": subject.uri or ""})
        if subject.name is not None:
            w.leaf("name", subject.name, field=f"subjects[{index}].name")
        if subject.qcode is not None and subject.uri is not None:
            w.leaf("sameAs", attrs={"uri": subject.uri})
        w.close()


_MENTIONED = f' relevance="{MENTION_RELEVANCE}"'


def _entity_subject(indent: str, entity: Entity, relevance: str) -> str:
    """``<subject type literal [relevance]><name>`` as Writer.named writes it."""
    kind = entity_kind(entity)
    name = entity.name
    if line_break(name) is not None:
        one_line(name, f"{kind} {entity.id}.name")
    return (f'{indent}<subject type="{NATURES[kind]}" literal="{escape_attr(entity.id)}"{relevance}>'
            f"{indent}  <name>{escape_text(name)}</name>{indent}</subject>")


def write_asserts(w: Writer, article: Article) -> None:
    """One ``assert`` per entity, in people, organizations, places order: each written as text
    in one piece (what open, leaf and close write, without a call per element)."""
    outer = w.indent
    inner = outer + "  "
    deeper = inner + "  "
    written: list[str] = []
    for entity in article.entities():
        kind = entity_kind(entity)
        name = entity.name
        if line_break(name) is not None:
            one_line(name, f"{kind} {entity.id}.name")
        written.append(f'{outer}<assert literal="{escape_attr(entity.id)}">{inner}<name>{escape_text(name)}</name>')
        for index, alias in enumerate(entity.aliases):
            if line_break(alias) is not None:
                one_line(alias, f"{kind} {entity.id}.aliases[{index}]")
            written.append(f"{inner}<name>{escape_text(alias)}</name>")
        if entity.description is not None:
            written.append(f"{inner}<definition>{escape_text(entity.description)}</definition>")
        for url in entity.same_as:
            written.append(f'{inner}<sameAs uri="{escape_attr(url)}"/>')
        details = DETAILS[kind]
        url = None if isinstance(entity, Place) else entity.url
        if url is None:
            written.append(f"{inner}<{details}/>{outer}</assert>")
        else:
            written.append(f"{inner}<{details}>{deeper}<contactInfo>{deeper}  <web>{escape_text(url)}</web>"
                           f"{deeper}</contactInfo>{inner}</{details}>{outer}</assert>")
    w.write(written)
