"""The one mapping table between the canonical Article and schema.org JSON-LD.

Each :class:`Row` names an Article field, the schema.org node type and term that carry it, and
an *encoding*. The encoding is what ``_jsonld_dump`` and ``_jsonld_load`` dispatch on (each has
one function per encoding, and a test checks none is missing), and ``docs/mapping.md`` is
rendered from these rows (a test checks the file matches). Rows are in output order: the
article node's keys come out in the order of :data:`ARTICLE_ROWS`.

Where schema.org has no term for a field (a quote's offsets, its kind, a block's kind ...) the
value is a ``PropertyValue`` under ``identifier`` with ``propertyID`` ``newsml-export:<field>``:
``identifier`` is the only property of ``Thing``/``CreativeWork`` whose range admits
``PropertyValue`` (``additionalProperty``, the natural home, is not allowed on CreativeWork in
schema.org 30.0, so the vocabulary check would reject it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

__all__ = [
    "ARTICLE_ROWS",
    "ARTICLE_TYPES",
    "CONTEXT",
    "CONTEXT_URLS",
    "ENTITY_ROWS",
    "Encoding",
    "NodeIds",
    "PART_ROWS",
    "PROPERTY_ID_PREFIX",
    "Row",
    "TABLES",
    "mapping_markdown",
]

CONTEXT = "https://schema.org"
# Every spelling of the schema.org context URL a publisher uses; all mean the same context.
CONTEXT_URLS = frozenset(
    f"{scheme}://schema.org{path}"
    for scheme in ("http", "https")
    for path in ("", "/", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld")
)
PROPERTY_ID_PREFIX = "newsml-export:"

# The Article family a third-party document may use for the article itself (schema.org 30.0:
# Article, its NewsArticle subtypes, BlogPosting and the other Article subclasses).
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
    "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting",
    "SocialMediaPosting", "DiscussionForumPosting", "AdvertiserContentArticle", "SatiricalArticle",
    "ScholarlyArticle", "MedicalScholarlyArticle", "TechArticle", "APIReference", "Report",
})

Encoding = Literal[
    # generic: the field's value, converted
    "text", "integer", "datetime", "url", "texts", "ref", "refs",
    # special: the field needs more than one term, or a node of its own
    "identifier", "page", "body", "word_count", "about", "mentions", "source", "translation",
    "source_organization", "usage", "parts",
    # documentation only: written by the node-level code (entities, quotes, blocks, ...)
    "node",
]
GENERIC: frozenset[str] = frozenset({"text", "integer", "datetime", "url", "texts", "ref", "refs"})


@dataclass(frozen=True)
class Row:
    field: str
    """Path in the canonical Article (``rights.license_url``; ``quotes[].kind`` for list items)."""
    node: str
    """The schema.org type of the node carrying the value."""
    term: str
    """The schema.org term, or ``identifier → newsml-export:<name>`` for a PropertyValue."""
    encoding: Encoding
    note: str = ""


def _pv(name: str) -> str:
    return f"identifier → PropertyValue `{PROPERTY_ID_PREFIX}{name}`"


ARTICLE_ROWS: tuple[Row, ...] = (
    Row("id", "NewsArticle", "identifier", "identifier",
        "`identifier` is the id as given; `@id` is the id itself when it is an absolute IRI other than `url`, "
        "else `urn:newsml-export:<id>`"),
    Row("version", "NewsArticle", "version", "integer"),
    Row("url", "NewsArticle", "url", "url"),
    Row("url", "NewsArticle", "mainEntityOfPage", "page", "the same URL: the page whose main entity the article is (never the article's `@id`)"),
    Row("headline", "NewsArticle", "headline", "text"),
    Row("alternative_headline", "NewsArticle", "alternativeHeadline", "text"),
    Row("description", "NewsArticle", "description", "text"),
    Row("language", "NewsArticle", "inLanguage", "text", "BCP 47 tag"),
    Row("body", "NewsArticle", "articleBody", "body", "blocks joined by a blank line (`\\n\\n`): the cleaned text, no comments"),
    Row("body", "NewsArticle", "wordCount", "word_count", "derived: words of the body (a CJK character is a word: see above); not read back"),
    Row("created", "NewsArticle", "dateCreated", "datetime", "ISO 8601 with its UTC offset"),
    Row("published", "NewsArticle", "datePublished", "datetime", "ISO 8601 with its UTC offset"),
    Row("modified", "NewsArticle", "dateModified", "datetime", "ISO 8601 with its UTC offset"),
    Row("author_ids", "NewsArticle", "author", "refs", "always an array of `@id` references"),
    Row("contributor_ids", "NewsArticle", "contributor", "refs"),
    Row("publisher_id", "NewsArticle", "publisher", "ref"),
    Row("source", "NewsArticle", "isBasedOn", "source", "a `CreativeWork` node `#/source`"),
    Row("source.relation", "NewsArticle", "translationOfWork", "translation",
        "the source node again, when `relation` is `translated`"),
    Row("source.organization_id", "NewsArticle", "sourceOrganization", "source_organization"),
    Row("credit_line", "NewsArticle", "creditText", "text"),
    Row("dateline", "NewsArticle", "dateline", "text"),
    Row("located_id", "NewsArticle", "locationCreated", "ref"),
    Row("section", "NewsArticle", "articleSection", "text"),
    Row("genre", "NewsArticle", "genre", "text"),
    Row("keywords", "NewsArticle", "keywords", "texts", "always an array"),
    Row("about_ids, subjects", "NewsArticle", "about", "about",
        "`@id` references to the entities in `about_ids` (in order), then the `DefinedTerm` subject nodes"),
    Row("people, organizations, places", "NewsArticle", "mentions", "mentions",
        "every entity not in `about_ids`, in the order people, organisations, places"),
    Row("rights.copyright_holder_id", "NewsArticle", "copyrightHolder", "ref"),
    Row("rights.copyright_notice", "NewsArticle", "copyrightNotice", "text"),
    Row("rights.license_url", "NewsArticle", "license", "url"),
    Row("rights.usage_terms", "NewsArticle", "usageInfo", "usage", "a `CreativeWork` node `#/rights/usage_terms` whose `text` is the terms"),
    Row("body, quotes", "NewsArticle", "hasPart", "parts",
        "`@id` references: the `WebPageElement` block nodes, then the `Quotation` nodes"),
)

ENTITY_ROWS: tuple[Row, ...] = (
    Row("people[].id, organizations[].id, places[].id", "Person, Organization, Place", "@id", "node",
        "`<article @id>#<id>`"),
    Row("people[], organizations[], places[]", "Person, Organization, Place", "@type", "node",
        "`Person`, `Organization`, `Place`; graph order is list order"),
    Row("*.name", "Person, Organization, Place", "name", "node"),
    Row("*.aliases", "Person, Organization, Place", "alternateName", "node", "always an array"),
    Row("*.description", "Person, Organization, Place", "description", "node"),
    Row("people[].url, organizations[].url", "Person, Organization", "url", "node"),
    Row("*.same_as", "Person, Organization, Place", "sameAs", "node", "always an array"),
)

PART_ROWS: tuple[Row, ...] = (
    Row("quotes[].id", "Quotation", "@id", "node", "`<article @id>#<id>`"),
    Row("quotes[].text", "Quotation", "text", "node"),
    Row("quotes[].speaker_id", "Quotation", "creator", "node", "an `@id` reference to the speaker; present exactly when `voice` is `speaker`"),
    Row("quotes[]", "Quotation", "isPartOf", "node", "an `@id` reference to the article"),
    Row("quotes[].voice", "Quotation", _pv("voice"), "node", "only `document` and `generic`: `speaker` is `creator`, `unknown` is neither"),
    Row("quotes[].kind", "Quotation", _pv("kind"), "node", "omitted when `full`"),
    Row("quotes[].block, .start, .end", "Quotation", _pv("block") + ", `start`, `end`", "node",
        "integers, only for located quotes: offsets into the body block"),
    Row("quotes[].origin", "Quotation", _pv("origin"), "node", "omitted when `metadata`"),
    Row("quotes[].confidence", "Quotation", _pv("confidence"), "node", "a number in [0, 1]"),
    Row("quotes[].rule", "Quotation", _pv("rule"), "node"),
    Row("body[]", "WebPageElement", "@id, position, text", "node",
        "`#/body/<n>`; written for every block that is not a paragraph, and for all blocks when "
        "`articleBody` cannot be split back at blank lines (a block holding a blank line or a leading/trailing newline)"),
    Row("body[].kind", "WebPageElement", _pv("kind"), "node", "`heading` or `blockquote`; omitted for paragraphs"),
    Row("source.name, source.url", "CreativeWork", "name, url", "node", "`#/source`"),
    Row("source.relation", "CreativeWork", _pv("relation"), "node",
        "`republished` and `wire`; `translated` is `translationOfWork`, `original` is neither"),
    Row("subjects[]", "DefinedTerm", "@id", "node", "`#/subjects/<n>`"),
    Row("subjects[].qcode", "DefinedTerm", "termCode", "node", "the QCode as given, e.g. `medtop:11000000`; read back only when it is one (`scheme:code`)"),
    Row("subjects[].uri", "DefinedTerm", "url", "node"),
    Row("subjects[].name", "DefinedTerm", "name", "node"),
    Row("rights.usage_terms", "CreativeWork", "text", "node", "`#/rights/usage_terms`"),
)

TABLES: tuple[tuple[str, tuple[Row, ...]], ...] = (
    ("The article node (`NewsArticle`)", ARTICLE_ROWS),
    ("People, organisations and places", ENTITY_ROWS),
    ("Quotes, body blocks, source, subjects, usage terms", PART_ROWS),
)

_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s#<>\"{}|\\^`]+")


class NodeIds:
    """Stable ``@id``s: the article's own IRI, entity and quote ids as fragments of it, and
    structural parts as JSON-pointer fragments (``#/body/3``), which cannot collide with model
    ids (an id never starts with ``/``).

    The article's IRI is its id when that is an absolute IRI, but never its page's URL: the
    article is the ``mainEntityOfPage`` of that page, so the two must be two nodes (with one
    IRI the graph would say the article is its own page). An id that is the page URL, a
    common guid, gets the ``urn:newsml-export:`` form like an id that is no IRI."""

    def __init__(self, article_id: str, page_url: str | None = None) -> None:
        own = _ABSOLUTE_IRI.fullmatch(article_id) and article_id != page_url
        self.article = article_id if own else "urn:newsml-export:" + quote(article_id, safe="")

    def fragment(self, name: str) -> str:
        return f"{self.article}#{name}"

    def ref(self, name: str) -> dict[str, str]:
        return {"@id": self.fragment(name)}


def mapping_markdown() -> str:
    """``docs/mapping.md``'s JSON-LD section, rendered from the tables."""
    lines = []
    for title, rows in TABLES:
        lines += [f"### {title}", "", "| Article field | schema.org node | term | notes |", "|---|---|---|---|"]
        for row in rows:
            term = row.term if "→" in row.term else f"`{row.term}`"
            lines.append(f"| `{row.field}` | {row.node} | {term} | {row.note} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # print the JSON-LD tables of docs/mapping.md
    print(mapping_markdown(), end="")
