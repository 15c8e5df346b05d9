"""Scraped text to article fields plus an :class:`IngestReport`, and the merge with a sidecar.

The steps, each in its own module: decode and clean the text (:mod:`.text`), take the
headline off (:mod:`.structure`), remove head and tail page furniture and collect credit lines
(:mod:`.cleaning`, rules in :mod:`.rules`), recover lede, dateline and sub-headings
(:mod:`.structure`), then turn the credits into ``source``/``credit_line``/``rights``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ..errors import DecodeError
from ..model import Article
from ..xmlchars import encode_text
from .changes import IngestChange, IngestReport
from .cleaning import Credit, clean_head, clean_tail, is_own_line
from .detect import InputKind, document_kind
from .articles import article_from_document
from .metadata import Document
from .structure import recover, split_headline
from .text import Decoded, decode, segment

__all__ = ["DEFAULT_LANGUAGE", "content_id", "decode_scraped", "infer", "ingest", "ingest_document"]

DEFAULT_LANGUAGE = "und"
"""BCP 47 for "undetermined": what an article without a known language is tagged with."""


# What a document given as text is, and where to take it instead.
_AS_IT_IS = "`convert` and `inspect` read it as it is (read_input() in Python)"
_DOCUMENTS: dict[InputKind, str] = {
    "article": f"a canonical article (YAML/JSON), not scraped text: {_AS_IT_IS}",
    "jsonld": f"JSON-LD, not scraped text: {_AS_IT_IS}",
    "newsml": f"XML (NewsML-G2?), not scraped text: {_AS_IT_IS}",
    "html": "HTML, not plain article text: save the page as text, or extract its text first (`convert` and `inspect` "
            "read the JSON-LD of a page)",
}


def decode_scraped(data: bytes, source: str, *, encoding: str | None = None) -> Decoded:
    """Scraped text, decoded as :func:`~newsml_export.readers.text.decode` does. A document
    given as text (JSON-LD, NewsML-G2, an HTML page, a canonical article: by content, see
    :func:`~newsml_export.readers.detect.document_kind`) is refused: read as text, its
    headline would be ``{`` and its quotes attribute values. Decoded first, so that an empty
    file is said to be empty and a document in any encoding is recognised."""
    decoded = decode(data, source, encoding=encoding)
    kind = document_kind(decoded.text.encode("utf-8", "surrogatepass"))
    if kind is not None:
        raise DecodeError(_DOCUMENTS[kind], source=source, line=1)
    return decoded


def content_id(text: str) -> str:
    """A deterministic id for an article that has none: the SHA-256 of its decoded text."""
    return "urn:newsml:localhost:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def infer(decoded: Decoded, source: str) -> tuple[dict[str, Any], IngestReport]:
    """Article fields recovered from decoded text, and what was changed to get them."""
    report = IngestReport(source)
    _hygiene(decoded, report)
    segments, invisible, respaced = segment(decoded.text, is_own_line)
    if invisible:
        report.add(IngestChange("hygiene/invisible", "normalised", f"{invisible} invisible or control characters removed"))
    if respaced:
        report.add(IngestChange("hygiene/whitespace", "normalised", f"whitespace collapsed in {respaced} lines"))
    headline, rest, changes = split_headline(segments)
    report.changes.extend(changes)
    head = clean_head(rest)
    tail = clean_tail(head.segments)
    structure = recover(headline, tail.segments)
    for change in head.changes + tail.changes + structure.changes:
        report.add(change)
    fields: dict[str, Any] = {}
    if structure.headline is not None:
        fields["headline"] = structure.headline
    if structure.description is not None:
        fields["description"] = structure.description
    if structure.dateline is not None:
        fields["dateline"] = structure.dateline
    fields["body"] = [{"kind": block.kind, "text": block.text} for block in structure.body]
    fields.update(_credit_fields(structure.credits + head.credits + tail.credits))
    return fields, report


def _hygiene(decoded: Decoded, report: IngestReport) -> None:
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        report.add(IngestChange("hygiene/encoding", "normalised", f"decoded as {decoded.encoding.upper()}"))
    if decoded.bom:
        report.add(IngestChange("hygiene/bom", "normalised", "byte-order mark removed"))
    if decoded.line_ends:
        report.add(IngestChange("hygiene/line-ends", "normalised", f"{decoded.line_ends} CR or CR LF line ends made LF"))
    if decoded.nfc:
        report.add(IngestChange("hygiene/nfc", "normalised", "text normalised to Unicode NFC"))


def _credit_fields(credits: list[Credit]) -> dict[str, Any]:
    """``source``, ``credit_line`` and ``rights`` from the credits, in priority order: an
    explicit credit line, then an agency dateline, then a copyright line naming an agency."""
    fields: dict[str, Any] = {}
    named = [c for c in credits if not c.copyright and c.rule != "structure/dateline"]
    wire = [c for c in credits if c.wire]
    chosen = named[0] if named else (wire[0] if wire else None)
    if chosen is not None:
        relation = "wire" if chosen.wire else "republished"
        fields["source"] = {"name": chosen.name, **({"url": chosen.url} if chosen.url else {}), "relation": relation}
        fields["credit_line"] = chosen.name
    notices = [c for c in credits if c.copyright]
    if notices:
        fields["rights"] = {"copyright_notice": notices[0].text}
        fields.setdefault("credit_line", notices[0].name)
    return fields


# -- with a sidecar ---------------------------------------------------------------------------

_COMPARED = ("headline", "description", "dateline", "credit_line", "body", "source", "rights")


def ingest_document(
    decoded: Decoded, source: str, sidecar: Document | None, *, id: str | None = None, language: str | None = None
) -> tuple[Article, IngestReport]:
    """The article from decoded text and an optional parsed sidecar; the sidecar wins.

    ``id`` and ``language`` are used where the sidecar gives none; failing those, the id is
    :func:`content_id` and the language ``und``, each recorded as ``defaulted``.
    """
    fields, report = infer(decoded, source)
    data = sidecar.data if sidecar is not None and isinstance(sidecar.data, dict) else {}
    for name in _COMPARED:
        if name in fields and name in data:
            _compare(name, fields[name], data[name], report)
    if "id" not in data:
        fields["id"] = id or content_id(decoded.text)
        if id is None:
            report.add(IngestChange("default/id", "defaulted", fields["id"], field="id", note="SHA-256 of the text; give an id in the sidecar or with --id"))
    if "language" not in data:
        fields["language"] = language or DEFAULT_LANGUAGE
        if language is None:
            report.add(IngestChange("default/language", "defaulted", DEFAULT_LANGUAGE, field="language",
                                    note="BCP 47 'undetermined'; give a language in the sidecar or with --language"))
    document = sidecar if sidecar is not None else Document({}, source)
    article = article_from_document(document, partial=True, extra=fields)
    from ..quotes.locate import locate_quotes  # the quotes package imports the readers

    return locate_quotes(article, document), report


def _compare(name: str, inferred: Any, given: Any, report: IngestReport) -> None:
    if isinstance(inferred, dict) and isinstance(given, dict):
        # The sidecar may say more (a url, the relation); it disagrees only where both speak.
        keys = [k for k in inferred if k != "relation"]
        if all(_same(inferred[k], given.get(k)) for k in keys if k in given or k != "url"):
            return
        shown = ", ".join(f"{k}={inferred[k]!r}" for k in keys)
        report.add(IngestChange("sidecar/override", "overridden", shown, field=name, note=f"the sidecar's {name} wins: {_brief(given)}"))
    elif name == "body":
        if inferred != given:
            report.add(IngestChange("sidecar/override", "overridden", f"{len(inferred)} blocks inferred", field=name,
                                    note=f"the sidecar gives its own body ({_count(given)} blocks)"))
    elif not _same(inferred, given):
        report.add(IngestChange("sidecar/override", "overridden", str(inferred), field=name, note=f"the sidecar's {name} wins: {_brief(given)}"))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    return bool(a == b)


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:119] + "…"


def ingest(
    data: bytes | str,
    *,
    source: str = "<text>",
    metadata: Mapping[str, Any] | None = None,
    id: str | None = None,
    language: str | None = None,
    encoding: str | None = None,
) -> tuple[Article, IngestReport]:
    """Scraped article text (bytes or str) to an :class:`Article` and its :class:`IngestReport`.

    ``metadata`` holds sidecar fields, which win over what the text suggests (dates as ISO 8601
    text or timezone-aware ``datetime`` objects, as the model takes them); ``id`` and
    ``language`` fill in when ``metadata`` has none. Bytes are decoded as in
    :func:`~newsml_export.readers.text.decode` (``encoding`` overrides). Raises
    :class:`~newsml_export.errors.InputError` subclasses for unusable input (an empty text, an
    article document such as JSON-LD or NewsML-G2 rather than text); a
    :class:`~newsml_export.errors.DecodeError` whose ``encoding`` is set names the encoding the
    bytes look like (``cp1252``), to pass here as ``encoding``.
    """
    raw = encode_text(data, source) if isinstance(data, str) else data
    decoded = decode_scraped(raw, source, encoding=None if isinstance(data, str) else encoding)
    sidecar = Document(dict(metadata), source) if metadata is not None else None
    return ingest_document(decoded, source, sidecar, id=id, language=language)
