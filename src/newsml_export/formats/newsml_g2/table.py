"""The mapping table: one typed row per Article field, read by the writer, the reader and the
docs (``docs/mapping-newsml-g2.md`` is generated from :data:`ROWS` and a test keeps it in step).

Simple text properties of ``contentMeta`` are fully driven by their row (:class:`TextProperty`:
element, identifying attributes, one or many); structured parts (parties, quotes, body) name the
module that handles them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .catalog import qcode
from .names import nar

__all__ = ["ROWS", "TEXT_PROPERTIES", "Row", "TextProperty", "mapping_markdown"]


@dataclass(frozen=True)
class TextProperty:
    """A ``contentMeta`` child holding one text value of the Article (or one per list item)."""

    field: str
    element: str
    attrs: tuple[tuple[str, str], ...] = ()
    many: bool = False

    def matches(self, element: etree._Element) -> bool:
        if element.tag != nar(self.element):
            return False
        if self.element == "headline":
            # The main headline is unranked (or rank 1); rank 2 is the alternative headline.
            rank = element.get("rank") or "1"
            return rank == ("2" if self.attrs else "1")
        return all(_has_token(element.get(name), value) for name, value in self.attrs)


def _has_token(actual: str | None, wanted: str) -> bool:
    return actual is not None and wanted in actual.split()


TEXT_PROPERTIES: tuple[TextProperty, ...] = (
    TextProperty("keywords", "keyword", many=True),
    TextProperty("headline", "headline"),
    TextProperty("alternative_headline", "headline", (("rank", "2"),)),
    TextProperty("dateline", "dateline"),
    TextProperty("credit_line", "creditline"),
    TextProperty("description", "description", (("role", qcode("drol", "summary")),)),
)


@dataclass(frozen=True)
class Row:
    field: str
    newsml: str
    note: str = ""
    handled_by: str = field(default="table")


ROWS: tuple[Row, ...] = (
    Row("id", "`newsItem/@guid`", handled_by="writer"),
    Row("version", "`newsItem/@version`", handled_by="writer"),
    Row("language", "`newsItem/@xml:lang` and `contentMeta/language/@tag`", handled_by="writer"),
    Row("url", "`itemMeta/link[@reluri=\"http://www.iana.org/assignments/relation/canonical\"]/@href`",
        "IANA link relation by URI: IPTC has no item-relation code for a canonical URL", "writer"),
    Row("publisher_id", "`itemMeta/provider` (`@literal` = entity id, `name`)",
        "no publisher: an empty `<provider/>` (provider is required; an empty one claims nothing)", "parties"),
    Row("created", "`contentMeta/contentCreated`", handled_by="writer"),
    Row("published", "`itemMeta/firstCreated`", handled_by="writer"),
    Row("modified", "`contentMeta/contentModified`, and `itemMeta/versionCreated`",
        "versionCreated = modified, else published, else `--version-created`; read back as modified only when "
        "it differs from firstCreated and there is no contentModified", "writer"),
    Row("located_id", "`contentMeta/located` (`@literal`, `name`)", handled_by="parties"),
    Row("source", "`contentMeta/infoSource[@role~=\"cpprole:originfo\"]`: `name`, `@uri` (url), "
        "`@literal` (organization_id), relation as a second role `nxsrc:republished|translated|wire`",
        handled_by="parties"),
    Row("author_ids", "`contentMeta/creator[@role=\"cpprole:author\"]` (`@literal`, `name`)",
        "on import, a creator without a role is an author too; one in another role (editor) is a contributor",
        "parties"),
    Row("contributor_ids", "`contentMeta/contributor` (`@literal`, `name`)", handled_by="parties"),
    Row("genre", "`contentMeta/genre/name`", "free text, so no QCode is claimed", "writer"),
    Row("people / organizations / places",
        "`contentMeta/subject[@type=\"cpnat:person|organisation|geoArea\"]` (`@literal` = id, `name`) and "
        "`assert[@literal]` (`name`s: the name then the aliases, `definition`, `sameAs/@uri`, "
        "`personDetails|organisationDetails|geoAreaDetails` with `contactInfo/web` = url)",
        "on import, any reference's `@uri`, `sameAs/@uri` and `@qcode` (as the URI its catalog gives) are "
        "`same_as` links", "parties"),
    Row("about_ids", "subjects without `@relevance`, in about_ids order",
        "mentions are subjects with `relevance=\"25\"`; on import a relevance under 50 means a mention",
        "parties"),
    Row("subjects", "`contentMeta/subject` (`@qcode` or `@uri`, `name`; both: `@qcode` + `sameAs/@uri`)",
        "an alias IPTC's catalog lacks is declared in the inline `<catalog>` from the uri (= scheme URI + code) of "
        "the subjects that have one, else it is an export error", "parties"),
    Row("keywords", "`contentMeta/keyword` (one each)"),
    Row("headline", "`contentMeta/headline` (unranked)"),
    Row("alternative_headline", "`contentMeta/headline[@rank=\"2\"]`"),
    Row("dateline", "`contentMeta/dateline`"),
    Row("credit_line", "`contentMeta/creditline`"),
    Row("description", "`contentMeta/description[@role=\"drol:summary\"]`"),
    Row("section", "`contentMeta/contentMetaExtProperty[@rel=\"nxprop:section\"]/@value`",
        "no NewsML-G2 property; an extension property with the project's own scheme", "writer"),
    Row("rights", "`rightsInfo`: `copyrightHolder` (`@literal`, `name`), `copyrightNotice`, `usageTerms`, "
        "`link[@reluri=\"http://www.iana.org/assignments/relation/license\"]/@href`",
        "on import, the usage terms (in the article's language) of every item-wide `rightsInfo` (no `@idrefs`, "
        "`@scope`, `@aspect` or their URI forms) are joined one a line", "writer"),
    Row("body", "`contentSet/inlineXML`: XHTML (`p`, `h2`, `blockquote/p`) or NITF 3.6 (`p`, `hl2`, `bq/block/p`)",
        "`@wordcount` is written from the body and not read back", "body_xhtml / body_nitf"),
    Row("quotes (located)", "`<q id>` in the body at the quote's offsets; `partMeta[@contentrefs]`; "
        "`inlineRef[@idrefs]` per speaker",
        "in a newsMessage (XML ids are document-wide) a quote id an earlier item took is qualified by the item's "
        "position (`i2.q1`), with `partMetaExtProperty[@rel=\"nxprop:quoteId\"]/@value` = the article's id "
        "(also for unlocated quotes' `@partid`)", "part_meta"),
    Row("quotes (unlocated)", "`partMeta[@partid]` with `partMetaExtProperty[@rel=\"nxprop:quotation\"]/@value`",
        handled_by="part_meta"),
    Row("quote speaker", "`partMeta/infoSource[@role=\"cpprole:interviewee\"]` (`@literal`, `name`); "
        "NITF also `q/@quote-source` (the name)",
        "on import, NITF `bq/@quote-source` makes each block of the `bq` a block quote of that speaker", "part_meta"),
    Row("quote voice / kind / origin / confidence / rule",
        "`partMetaExtProperty[@rel=\"nxprop:voice|quoteKind|origin|confidence|rule\"]/@value`, written when not "
        "the default (voice: `speaker` with a speaker, else `unknown`; kind `full`; origin `metadata`)",
        handled_by="part_meta"),
)


def mapping_markdown() -> str:
    lines = [
        "## NewsML-G2",
        "",
        "Generated from `src/newsml_export/formats/newsml_g2/table.py` (a test checks this file is current).",
        "Entities are keyed by `@literal` = their id everywhere they are referenced (`subject`, `assert`,",
        "`creator`, `infoSource`, `located`, `provider`, `copyrightHolder`, `inlineRef`), the pattern of",
        "IPTC's LISTING 27. The project's own schemes (`nxprop`, `nxsrc`) are declared in an inline",
        "`<catalog>` in every item, with the schemes of subjects IPTC has none for; every other QCode",
        "alias is IPTC's (catalog v41, `catalogRef`).",
        "",
        "| Article | NewsML-G2 2.35 | note |",
        "|---|---|---|",
    ]
    lines += [f"| {row.field} | {row.newsml} | {row.note} |" for row in ROWS]
    return "\n".join(lines) + "\n"
