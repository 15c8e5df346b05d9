"""Reading the body and the quotes: ``contentSet`` markup, ``partMeta``, ``inlineRef``, and NITF
``q/@quote-source`` for items that only mark quotes in the body."""

from __future__ import annotations

from typing import Any

from lxml import etree

from . import body_nitf, body_xhtml
from .body import FoundQuote, localname
from .part_meta import QUOTATION, QUOTE_ID, QUOTE_PROPERTIES, SPEAKER_ROLES, VOICE
from .read_context import EntityBook, ReadContext

__all__ = ["read_content", "read_quotes"]

_KNOWN_TYPES = {"application/xhtml+xml": "xhtml", "application/nitf+xml": "nitf", "text/html": "xhtml"}


def read_content(ctx: ReadContext, content_set: etree._Element | None) -> tuple[list[dict[str, str]], list[FoundQuote]]:
    """Blocks and quote elements of the first ``inlineXML`` (XHTML or NITF, by its root element,
    whatever the content type says)."""
    if content_set is None:
        ctx.issue("info", "no-content", "the item has no contentSet: the article has no body")
        return [], []
    inline = None
    for child in content_set:
        if not isinstance(child.tag, str):
            continue
        if localname(child) == "inlineXML" and inline is None:
            inline = child
        else:
            ctx.not_mapped(child, "only the first inlineXML is read")
    if inline is None:
        return [], []
    root = next((c for c in inline if isinstance(c.tag, str)), None)
    if root is None:
        return [], []
    kind = "nitf" if localname(root) == "nitf" else "xhtml"
    declared = (inline.get("contenttype") or "").strip().lower()
    if _KNOWN_TYPES.get(declared) != kind:
        ctx.issue("info", "content-type", f"contenttype {declared or '(none)'!r} read as {kind.upper()} "
                  f"(from the <{localname(root)}> root)", inline)
    read = (body_nitf if kind == "nitf" else body_xhtml).read_body(root, preserve=ctx.preserve)
    for code, message, element in read.notes:
        ctx.issue("info", code, message, element if element is not None else inline)
    return read.blocks, read.quotes


def read_quotes(ctx: ReadContext, book: EntityBook, found: list[FoundQuote]) -> list[dict[str, Any]]:
    by_id = {q.id: q for q in found if q.id}
    used: set[str] = set()
    quotes: list[dict[str, Any]] = []
    for part in ctx.item.iterfind("{*}partMeta"):
        quote = _from_part_meta(ctx, book, part, by_id)
        if quote is not None:
            used.update((part.get("contentrefs") or "").split()[:1])  # the quote element it read
            quotes.append(quote)
    speakers = _inline_ref_speakers(ctx, book)
    for found_quote in found:
        if found_quote.id in used:
            continue
        quote_id = book.allocate(found_quote.id or f"q{len(quotes) + 1}")
        speaker_id = speakers.get(found_quote.id or "") or _speaker_by_name(book, found_quote.source_name)
        quotes.append({"id": quote_id, "text": found_quote.text, "block": found_quote.block, "start": found_quote.start,
                       "end": found_quote.end, "speaker_id": speaker_id,
                       "voice": "speaker" if speaker_id else "unknown"})
        if found_quote.kind is not None:
            quotes[-1]["kind"] = found_quote.kind
    return quotes


def _from_part_meta(ctx: ReadContext, book: EntityBook, part: etree._Element, by_id: dict[str | None, FoundQuote]) -> dict[str, Any] | None:
    refs = (part.get("contentrefs") or "").split()
    props = {e.get("rel"): e.get("value", "") for e in part.iterfind("{*}partMetaExtProperty")}
    own_id = props.get(QUOTE_ID.rel)  # the article's id, when the XML id had to differ
    quote: dict[str, Any]
    if refs and refs[0] in by_id:
        found = by_id[refs[0]]
        quote = {"id": book.allocate(own_id or refs[0]), "text": found.text, "block": found.block, "start": found.start,
                 "end": found.end}
        if len(refs) > 1:
            ctx.issue("warning", "contentrefs", f"partMeta refers to {len(refs)} elements; only {refs[0]!r} is read", part)
    elif QUOTATION.rel in props:
        quote = {"id": book.allocate(own_id or part.get("partid") or (refs[0] if refs else "q")),
                 "text": props[QUOTATION.rel]}
    else:
        if refs:
            ctx.issue("warning", "dangling-contentrefs", f"partMeta contentrefs {refs[0]!r} names no quote in the body", part)
        else:
            ctx.not_mapped(part, "it describes no quotation")
        return None
    speaker = next((s for s in part.iterfind("{*}infoSource")
                    if not s.get("role") or set(ctx.role_tokens(s)) & set(SPEAKER_ROLES)), None)
    quote["speaker_id"] = book.ensure(speaker, "person") if speaker is not None else None
    quote["voice"] = props.get(VOICE.rel) or ("speaker" if quote["speaker_id"] else "unknown")
    for prop in QUOTE_PROPERTIES:
        if prop.rel in props:
            quote[prop.field] = props[prop.rel]
    if "confidence" in quote:
        try:
            quote["confidence"] = float(quote["confidence"])
        except ValueError:
            ctx.issue("warning", "confidence", f"confidence {quote.pop('confidence')!r} is not a number; dropped", part)
    known = {p.rel for p in (*QUOTE_PROPERTIES, QUOTATION, VOICE, QUOTE_ID)}
    for rel in props:
        if rel not in known:
            ctx.issue("info", "not-mapped", f"partMetaExtProperty {rel!r} is not mapped", part)
    return quote


def _inline_ref_speakers(ctx: ReadContext, book: EntityBook) -> dict[str, str]:
    speakers: dict[str, str] = {}
    for ref in ctx.item.iterfind("{*}inlineRef"):
        entity_id = book.find(ref) or book.ensure(ref, "person")
        for idref in (ref.get("idrefs") or "").split():
            if entity_id is not None:
                speakers.setdefault(idref, entity_id)
    return speakers


def _speaker_by_name(book: EntityBook, name: str | None) -> str | None:
    if not name or not name.strip():
        return None
    wanted = " ".join(name.split()).casefold()
    for kind in ("person", "organization"):
        for entity in book.lists[kind]:
            if wanted in {n.casefold() for n in [entity["name"], *entity.get("aliases", [])]}:
                return entity["id"]
    from lxml.etree import Element

    from .names import nar

    stand_in = Element(nar("infoSource"))
    stand_in.set("literal", " ".join(name.split()))
    label = Element(nar("name"))
    label.text = " ".join(name.split())
    stand_in.append(label)
    return book.ensure(stand_in, "person")

