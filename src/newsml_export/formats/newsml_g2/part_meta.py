"""Quotes as NewsML-G2 parts: one ``partMeta`` per quote (in the article's order) and one
``inlineRef`` per speaker of located quotes.

A located quote's ``partMeta/@contentrefs`` points at its ``<q id>`` in the body; an unlocated
quote has no body element, so its id is the ``partMeta/@partid`` and its text an extension
property. The speaker is an ``infoSource`` with role ``cpprole:interviewee``. What NewsML-G2 has
no property for (voice, kind, origin, confidence, rule) are ``partMetaExtProperty`` elements of
the project's ``nxprop`` scheme, written only when they differ from the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ...model import Article, Quote
from .catalog import qcode
from .parties import Entities
from .xmlbuild import Writer

__all__ = ["QUOTE_PROPERTIES", "SPEAKER_ROLES", "QuoteProperty", "write", "write_inline_refs"]

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
VOICE = QuoteProperty("voice", "voice")


def default_voice(quote: Quote) -> str:
    return "speaker" if quote.speaker_id is not None else "unknown"


def write(w: Writer, article: Article, entities: Entities) -> None:
    for index, quote in enumerate(article.quotes):
        w.open("partMeta", {"contentrefs": quote.id} if quote.located else {"partid": quote.id})
        if quote.speaker_id is not None:
            speaker = entities[quote.speaker_id]
            w.named("infoSource", {"role": SPEAKER_ROLES[0], "literal": speaker.id}, speaker.name,
                    f"quotes[{index}].speaker")
        if not quote.located:
            _property(w, QUOTATION, quote.text)
        if quote.voice != default_voice(quote):
            _property(w, VOICE, quote.voice)
        for prop in QUOTE_PROPERTIES:
            value = getattr(quote, prop.field)
            if value is not None and value != prop.default:
                _property(w, prop, repr(value) if isinstance(value, float) else str(value))
        w.close()


def _property(w: Writer, prop: QuoteProperty, value: str) -> None:
    w.leaf("partMetaExtProperty", attrs={"rel": prop.rel, "value": value})


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
