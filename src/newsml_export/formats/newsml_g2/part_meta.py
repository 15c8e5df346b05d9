"""Quotes as NewsML-G2 parts: one ``partMeta`` per quote (in the article's order) and one
``inlineRef`` per speaker of located quotes.

A located quote's ``partMeta/@contentrefs`` points at its ``<q id>`` in the body; an unlocated
quote has no body element, so its id is the ``partMeta/@partid`` and its text an extension
property. The speaker is an ``infoSource`` with role ``cpprole:interviewee``. What NewsML-G2 has
no property for (voice, kind, origin, confidence, rule) are ``partMetaExtProperty`` elements of
the project's ``nxprop`` scheme, written only when they differ from the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from ...model import Article, Quote
from .catalog import qcode
from .parties import Entities
from .xmlbuild import Writer, escape_attr, escape_text, line_break, one_line

__all__ = ["QUOTATION", "QUOTE_ID", "QUOTE_PROPERTIES", "SPEAKER_ROLES", "VOICE", "QuoteProperty", "write",
           "write_inline_refs"]

SPEAKER_ROLES = (qcode("cpprole", "interviewee"), qcode("cpprole", "spokesperson"))


@dataclass(frozen=True)
class QuoteProperty:
    field: str
    code: str
    default: object = None

    @cached_property  # read for every quote written or read
    def rel(self) -> str:
        return qcode("nxprop", self.code)


QUOTE_PROPERTIES: tuple[QuoteProperty, ...] = (
    QuoteProperty("kind", "quoteKind", "full"),
    QuoteProperty("origin", "origin", "metadata"),
    QuoteProperty("confidence", "confidence"),
    QuoteProperty("rule", "rule"),
)
QUOTATION = QuoteProperty("text", "quotation")
QUOTE_ID = QuoteProperty("id", "quoteId")
"""The article's id for a quote whose XML id had to differ (in a newsMessage)."""
VOICE = QuoteProperty("voice", "voice")


def default_voice(quote: Quote) -> str:
    return "speaker" if quote.speaker_id is not None else "unknown"


def write(w: Writer, article: Article, entities: Entities, own_ids: Mapping[str, str] | None = None) -> None:
    """One ``partMeta`` per quote, each written as text in one piece (what open, named, leaf and
    close write, without a call per element). ``own_ids`` maps a quote's XML id, when it is not
    the article's id for the quote, to that id (``nxprop:quoteId``)."""
    outer = w.indent
    inner = outer + "  "
    written: list[str] = []
    for index, quote in enumerate(article.quotes):
        start = f'{outer}<partMeta {"contentrefs" if quote.located else "partid"}="{escape_attr(quote.id)}"'
        content: list[str] = []
        if quote.speaker_id is not None:
            speaker = entities[quote.speaker_id]
            if line_break(speaker.name) is not None:
                one_line(speaker.name, f"quotes[{index}].speaker")
            content.append(f'{inner}<infoSource role="{SPEAKER_ROLES[0]}" literal="{escape_attr(speaker.id)}">'
                           f"{inner}  <name>{escape_text(speaker.name)}</name>{inner}</infoSource>")
        if own_ids and quote.id in own_ids:
            content.append(_property(inner, QUOTE_ID, own_ids[quote.id]))
        if not quote.located:
            content.append(_property(inner, QUOTATION, quote.text))
        if quote.voice != default_voice(quote):
            content.append(_property(inner, VOICE, quote.voice))
        for prop in QUOTE_PROPERTIES:
            value = getattr(quote, prop.field)
            if value is not None and value != prop.default:
                content.append(_property(inner, prop, repr(value) if isinstance(value, float) else str(value)))
        if content:
            written.append(start + ">")
            written += content
            written.append(f"{outer}</partMeta>")
        else:
            written.append(start + "/>")
    w.write(written)


def _property(indent: str, prop: QuoteProperty, value: str) -> str:
    return f'{indent}<partMetaExtProperty rel="{escape_attr(prop.rel)}" value="{escape_attr(value)}"/>'


def write_inline_refs(w: Writer, article: Article, entities: Entities) -> None:
    """``inlineRef idrefs="q1 q4"`` naming the speaker of those quote elements, one per speaker
    in order of their first located quote."""
    by_speaker: dict[str, list[str]] = {}
    for quote in article.quotes:
        if quote.located and quote.speaker_id is not None:
            by_speaker.setdefault(quote.speaker_id, []).append(quote.id)
    for speaker_id, quote_ids in by_speaker.items():
        speaker = entities[speaker_id]
        w.named("inlineRef", {"idrefs": " ".join(quote_ids), "literal": speaker.id}, speaker.name,
                f"speaker {speaker.id}.name")
