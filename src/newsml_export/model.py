"""The canonical article: the one model every reader produces and every format consumes.

Cross-references between parts of an article are ids (``Quote.speaker_id``,
``Article.author_ids`` ...), checked by :class:`Article` itself so that a dangling reference is
a validation error with a precise location (``quotes[2].speaker_id``), never a surprise in a
format writer. Equality is field-by-field (pydantic), which the round-trip tests rely on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from difflib import get_close_matches
from types import MappingProxyType
from typing import Annotated, Final, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .dates import Instant
from .xmlchars import describe, find_forbidden
from .words import count_words

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "Entity",
    "Organization",
    "Person",
    "Place",
    "Quote",
    "QuoteKind",
    "QuoteOrigin",
    "Rights",
    "Source",
    "SourceRelation",
    "Subject",
    "Voice",
    "XML_CHECKED",
]


# ``\s`` matches exactly the characters for which ``str.isspace()`` is true (both are
# Py_UNICODE_ISSPACE; tests/test_model.py checks every code point), in one C call.
_SPACE = re.compile(r"\s")
_URN = re.compile(r"urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+")


# An http(s) URL of printable ASCII with a plain host: what urlsplit reads as scheme http(s)
# and that host as netloc, without a space; most URLs, accepted without urlsplit (~2 us each,
# ~16 per article).
_PLAIN_HTTP = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#][!-~]*)?")


def _check_url(value: str) -> str:
    # Kept as the exact string given (pydantic's HttpUrl would add a trailing slash and break
    # round trips); only absolute http(s) URLs and URNs are admitted.
    if _PLAIN_HTTP.fullmatch(value):
        return value
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and _SPACE.search(value) is None:
        return value
    if parts.scheme == "urn" and _URN.fullmatch(value):
        return value
    raise PydanticCustomError("url", "not a valid URL (absolute http(s) URL or URN expected)")


# BCP 47 language tag, well-formedness only (RFC 5646 §2.1, without grandfathered tags):
# language[-script][-region](-variant)*(-extension)*[-privateuse]
_BCP47 = re.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?"
    r"|x(?:-[A-Za-z0-9]{1,8})+"
)


def _check_language(value: str) -> str:
    if not _BCP47.fullmatch(value):
        raise PydanticCustomError("language_tag", "not a valid BCP 47 language tag (e.g. 'en', 'de-AT')")
    return value


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
LanguageTag = Annotated[str, AfterValidator(_check_language), Field(examples=["en", "de-AT"])]
# Ids become XML ids (xs:ID is an NCName) and JSON-LD fragment ids, so they share one grammar.
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_.-]*$", max_length=200)]
Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=1000)]

BlockKind = Literal["paragraph", "heading", "blockquote"]
QuoteKind = Literal["full", "partial", "block"]
QuoteOrigin = Literal["metadata", "extracted"]
Voice = Literal["speaker", "document", "generic", "unknown"]
SourceRelation = Literal["original", "republished", "translated", "wire"]


XML_CHECKED: Final[Mapping[str, str]] = MappingProxyType({"xml_characters": "checked by the reader"})
"""Validation context (``Article.model_validate(data, context=XML_CHECKED)``) for data in which
a reader has already refused every character XML 1.0 forbids, in every string and key
(``readers.metadata.parse_document`` does; ``article_from_document`` passes this for what it
read). The models then skip their own second search of the same strings, which was half the
cost of validating an article. Only this very object has that effect; any other context, or
none, gets the full check."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=False)

    @model_validator(mode="after")
    def _check_xml_characters(self, info: ValidationInfo) -> _Model:
        # One rule on every path (xmlchars.py): no string of an article holds a character
        # XML 1.0 forbids, so both formats can always write what the model admits.
        if info.context is XML_CHECKED:
            return self
        problems = []
        for name, value in self.__dict__.items():
            items = [((name,), value)] if isinstance(value, str) else (
                [((name, i), v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else [])
            for loc, text in items:
                found = find_forbidden(text)
                if found is not None:
                    problems.append(InitErrorDetails(
                        type=PydanticCustomError("xml_char", "{message}", {"message": describe(found[1], found[0])}),
                        loc=loc, input=text))
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self


class Block(_Model):
    """One block of the body, in reading order, as plain text."""

    kind: BlockKind = "paragraph"
    text: Text


class Quote(_Model):
    """A quotation in the body and who it belongs to.

    ``voice`` says whose words they are: a ``speaker`` named by ``speaker_id`` (a person or an
    organisation), a ``document`` (``"...," it says`` of a paper), a ``generic`` voice
    (``People are clear: "..."``) or ``unknown``. When located, ``block``/``start``/``end`` are
    character offsets into ``Article.body[block].text`` and ``text`` is exactly that slice,
    without the quotation marks.
    """

    id: Id
    text: Text
    speaker_id: Id | None = None
    voice: Voice = "speaker"
    kind: QuoteKind = "full"
    block: Annotated[int, Field(ge=0)] | None = None
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None
    origin: QuoteOrigin = "metadata"
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    rule: str | None = Field(default=None, description="The attribution rule that made this quote.")

    @model_validator(mode="before")
    @classmethod
    def _default_voice(cls, data: object) -> object:
        # A quote given without a speaker is not claimed to have one.
        if isinstance(data, dict) and "voice" not in data and data.get("speaker_id") is None:
            return {**data, "voice": "unknown"}
        return data

    @model_validator(mode="after")
    def _check_shape(self) -> Quote:
        if (self.voice == "speaker") != (self.speaker_id is not None):
            raise PydanticCustomError(
                "voice", "speaker_id is required exactly when voice is 'speaker'"
            )
        given = (self.block is not None) + (self.start is not None) + (self.end is not None)
        if given not in (0, 3):
            raise PydanticCustomError("offsets", "block, start and end are given together or not at all")
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise PydanticCustomError("offsets", "start must be before end")
        return self

    @property
    def located(self) -> bool:
        return self.block is not None


class Entity(_Model):
    """What people, organisations and places share: an id, names and identity links."""

    id: Id
    name: Name
    aliases: list[Name] = Field(default_factory=list, description="Other spellings, e.g. 'Milow'.")
    description: str | None = None
    same_as: list[Url] = Field(default_factory=list)


class Person(Entity):
    url: Url | None = None


class Organization(Entity):
    url: Url | None = None


class Place(Entity):
    pass


class Source(_Model):
    """Where the article comes from, when it is not original to the publisher."""

    name: Name
    url: Url | None = None
    relation: SourceRelation = "original"
    organization_id: Id | None = Field(
        default=None, description="The organisation behind the source, if listed in organizations."
    )


class Subject(_Model):
    """A subject concept: an IPTC QCode (``medtop:04000000``) and/or a URI, with a name."""

    qcode: Annotated[str, StringConstraints(pattern=r"^[^\s:]+:\S+$")] | None = None
    uri: Url | None = None
    name: Name | None = None

    @model_validator(mode="after")
    def _check_identified(self) -> Subject:
        if self.qcode is None and self.uri is None:
            raise PydanticCustomError("subject", "a subject needs a qcode or a uri")
        return self


class Rights(_Model):
    copyright_holder_id: Id | None = None
    copyright_notice: str | None = None
    usage_terms: str | None = None
    license_url: Url | None = None


class Article(_Model):
    """One news article and what is known about it: the contract between readers and formats."""

    id: Annotated[str, StringConstraints(pattern=r"^\S+$", min_length=1, max_length=1000)] = Field(
        description="Stable guid, e.g. urn:newsml:example.org:20220205:putin-china."
    )
    version: Annotated[int, Field(ge=1)] = 1
    url: Url | None = None
    language: LanguageTag
    headline: Text
    alternative_headline: str | None = None
    description: str | None = Field(default=None, description="The lede or summary.")
    body: list[Block] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    author_ids: list[Id] = Field(default_factory=list)
    contributor_ids: list[Id] = Field(default_factory=list)
    publisher_id: Id | None = None
    about_ids: list[Id] = Field(
        default_factory=list, description="Entities the article is about; the others are mentions."
    )
    source: Source | None = None
    credit_line: str | None = None
    dateline: str | None = None
    located_id: Id | None = Field(default=None, description="The place the story was filed from.")
    created: Instant | None = None
    published: Instant | None = None
    modified: Instant | None = None
    section: str | None = None
    genre: str | None = None
    keywords: list[Name] = Field(default_factory=list)
    subjects: list[Subject] = Field(default_factory=list)
    rights: Rights | None = None

    @model_validator(mode="after")
    def _check_references(self) -> Article:
        problems = list(_reference_problems(self))
        if problems:
            raise ValidationError.from_exception_data(
                "Article",
                [
                    InitErrorDetails(
                        type=PydanticCustomError(code, "{message}", {"message": message}),
                        loc=loc,
                        input=value,
                    )
                    for loc, code, message, value in problems
                ],
            )
        return self

    # -- lookups the formats share ---------------------------------------------------------

    def entity(self, entity_id: str) -> Person | Organization | Place | None:
        for entity in self.entities():
            if entity.id == entity_id:
                return entity
        return None

    def entities(self) -> Iterator[Person | Organization | Place]:
        yield from self.people
        yield from self.organizations
        yield from self.places

    @property
    def body_text(self) -> str:
        """The body as plain text, blocks separated by a blank line."""
        return "\n\n".join(block.text for block in self.body)

    @property
    def word_count(self) -> int:
        """Words of the body, by the one rule of ``words.count_words`` (a CJK character is a word)."""
        return sum(count_words(block.text) for block in self.body)


Problem = tuple[tuple[str | int, ...], str, str, object]


def _reference_problems(article: Article) -> Iterator[Problem]:
    """Every broken cross-reference, as (location, code, message, value), in document order."""
    kinds: dict[str, str] = {}  # id → the list it is first defined in
    for field, items in (("people", article.people), ("organizations", article.organizations),
                         ("places", article.places), ("quotes", article.quotes)):
        for index, item in enumerate(items):
            if item.id in kinds:
                yield (field, index, "id"), "duplicate_id", f"id {item.id!r} is used more than once", item.id
            else:
                kinds[item.id] = field

    # (location, reference, lists it may point into, what it should be), in document order.
    party, entity = ("people", "organizations"), ("people", "organizations", "places")
    refs: list[tuple[tuple[str | int, ...], str | None, tuple[str, ...], str]] = [
        (("quotes", index, "speaker_id"), quote.speaker_id, party, "person or organisation")
        for index, quote in enumerate(article.quotes) if quote.speaker_id is not None
    ]
    for field in ("author_ids", "contributor_ids", "about_ids"):
        allowed, what = (entity, "entity") if field == "about_ids" else (party, "person or organisation")
        refs += [((field, index), ref, allowed, what) for index, ref in enumerate(getattr(article, field))]
    refs.append((("publisher_id",), article.publisher_id, ("organizations",), "organisation"))
    refs.append((("located_id",), article.located_id, ("places",), "place"))
    if article.source is not None:
        refs.append((("source", "organization_id"), article.source.organization_id, ("organizations",), "organisation"))
    if article.rights is not None:
        refs.append((("rights", "copyright_holder_id"), article.rights.copyright_holder_id, party, "person or organisation"))
    for loc, ref, allowed, what in refs:
        if ref is None:
            continue
        kind = kinds.get(ref)
        if kind is None:
            close = get_close_matches(ref, [k for k, field in kinds.items() if field in allowed], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield loc, "dangling_reference", f"no {what} with id {ref!r}{hint}", ref
        elif kind not in allowed:
            yield loc, "wrong_reference", f"{ref!r} is in {kind}, expected {what}", ref
    yield from _quote_span_problems(article)


def _quote_span_problems(article: Article) -> Iterator[Problem]:
    body = article.body
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for index, quote in enumerate(article.quotes):
        block, start, end = quote.block, quote.start, quote.end
        if block is None or start is None or end is None:
            continue
        if block >= len(body):
            yield ("quotes", index, "block"), "offset", f"block {block} does not exist (the body has {len(body)})", block
            continue
        block_text = body[block].text
        if end > len(block_text):
            yield ("quotes", index, "end"), "offset", f"end {end} is past the end of block {block} ({len(block_text)} characters)", end
            continue
        if block_text[start:end] != quote.text:
            yield ("quotes", index, "text"), "offset", (
                f"text does not match body block {block} at {start}:{end} ({block_text[start:end]!r})"
            ), quote.text
        # (start, -end): the sort puts a span before the spans it holds; index breaks ties as before.
        spans.setdefault(block, []).append((start, -end, index))
    # Quotes become XML elements in the body, so two quotes in a block nest or stay apart.
    for block_spans in spans.values():
        block_spans.sort()
        open_spans: list[tuple[int, int]] = []  # (end, index)
        for start, negative_end, index in block_spans:
            while open_spans and open_spans[-1][0] <= start:
                open_spans.pop()
            if open_spans and -negative_end > open_spans[-1][0]:
                other = article.quotes[open_spans[-1][1]].id
                yield ("quotes", index, "start"), "overlap", f"overlaps quote {other!r} without nesting in it", start
            open_spans.append((-negative_end, index))
