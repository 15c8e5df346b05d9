"""Article in, validated output bytes out: what ``convert`` (and later ``batch``) run.

An output that fails its own validation is never returned: the exporter is strict.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from .errors import ExportError
from .fileio import output_stem  # the naming rule for outputs, here beside TARGET_SUFFIXES
from .model import Article
from .validation.report import Report

__all__ = ["TARGETS", "TARGET_SUFFIXES", "Target", "convert_bytes", "export", "export_all", "output_stem", "validate_output"]

Target = Literal["jsonld", "html", "newsml"]
TARGETS: tuple[Target, ...] = ("jsonld", "html", "newsml")
TARGET_SUFFIXES: dict[Target, str] = {"jsonld": ".jsonld", "html": ".html", "newsml": ".xml"}
BodyKind = Literal["xhtml", "nitf"]


def export(
    articles: Article | Sequence[Article],
    target: Target,
    *,
    body: BodyKind = "xhtml",
    envelope: bool = False,
    version_created: datetime | None = None,
    validate: bool = True,
) -> bytes:
    """Serialise to ``target`` and (by default) validate the result; several articles need
    ``envelope`` (a NewsML-G2 ``newsMessage``)."""
    _check_targets((target,))
    many = not isinstance(articles, Article)
    if target == "newsml":
        return _export_newsml([articles] if not many else list(articles), body=body,  # type: ignore[list-item,arg-type]
                              envelope=envelope or many, version_created=version_created, validate=validate)
    if many:
        raise ExportError(f"{target} holds one article; got {len(articles)}")  # type: ignore[arg-type]
    from .formats import jsonld

    data, document = jsonld.dump_with_document(articles, html=(target == "html"))  # type: ignore[arg-type]
    # Only the verdict is needed; the whole report (lines, warnings) only when it fails.
    if validate and not _jsonld_valid(data, document, target):
        report = validate_output(data, target)
        raise ExportError(f"the {target} output failed validation; nothing was written", report.errors)
    return data


def _jsonld_valid(data: bytes, document: dict[str, object], target: Target) -> bool:
    """The verdict of ``validate_output(data, target, errors_only=True)``. JSON-LD is validated
    as the document just serialised, not parsed back from the bytes (the verdict is the same:
    tests/test_validation_written.py); an HTML page is parsed, for its script blocks."""
    if target == "html":
        return validate_output(data, target, errors_only=True).ok
    from .limits import TRUSTED, use_limits
    from .validation.jsonld import written_is_valid

    with use_limits(TRUSTED):
        return written_is_valid(document, data, source=f"<{target} output>")


def _export_newsml(articles: list[Article], *, body: BodyKind, envelope: bool, version_created: datetime | None,
                   validate: bool) -> bytes:
    """NewsML-G2 validated as the tree of the bytes written, parsed once (cheaper than building
    the tree element by element and serialising it)."""
    from lxml import etree

    from .formats.newsml_g2.message import dump_items
    from .formats.newsml_g2.xmlbuild import tree_of
    from .validation.newsml_g2 import validate_tree

    if body not in ("xhtml", "nitf"):
        raise ValueError(f"body must be 'xhtml' or 'nitf', not {body!r}")
    from .limits import TRUSTED, use_limits

    data = dump_items(articles, body=body, envelope=envelope, version_created=version_created)
    if validate:
        with use_limits(TRUSTED):
            valid = validate_tree(etree.ElementTree(tree_of(data)), source="<newsml output>").ok
        if not valid:
            report = validate_output(data, "newsml")  # parsed, for the line of each issue
            raise ExportError("the newsml output failed validation; nothing was written", report.errors)
    return data


def validate_output(data: bytes, target: Target, *, errors_only: bool = False) -> Report:
    """Every check of ``target`` on ``data``, an output this tool made: not subject to the
    input limits (limits.py). ``errors_only`` may leave out warnings and lines (the verdict is
    the same)."""
    from .limits import TRUSTED, use_limits

    source = f"<{target} output>"
    with use_limits(TRUSTED):
        if target == "newsml":
            from .validation import newsml_g2

            return newsml_g2.validate(data, source=source)
        from .validation import jsonld

        return jsonld.validate(data, source=source, errors_only=errors_only)


def convert_bytes(
    data: bytes,
    *,
    source: str = "<input>",
    targets: Sequence[Target] = TARGETS,
    meta: bytes | None = None,
    meta_source: str | None = None,
    body: BodyKind = "xhtml",
    version_created: datetime | None = None,
) -> dict[Target, bytes]:
    """Input bytes to validated output bytes, one entry per target: a pure function (no files,
    no globals beyond per-process schema caches) that a batch runner or a distributed engine
    (Spark, Beam, Dask) can map over records. A NewsML-G2 newsMessage with several items gives
    a newsMessage back; JSON-LD and HTML targets need exactly one article.

    Raises :class:`~newsml_export.errors.InputError` for unusable input and
    :class:`~newsml_export.errors.ExportError` when an output fails validation.
    """
    from .readers import read_input
    from .readers.detect import detect_kind
    from .readers.metadata import parse_document
    from .xmlchars import checked_once

    if isinstance(data, str):
        raise TypeError("convert_bytes takes the input's bytes, not str (encode text as UTF-8)")
    if not isinstance(data, bytes):  # bytearray (PySpark's BinaryType), memoryview: bytes-like is fine
        try:
            data = bytes(memoryview(data))  # not bytes(data): bytes(5) would be five NULs
        except TypeError:
            raise TypeError(f"convert_bytes takes the input's bytes, not {type(data).__name__}") from None
    _check_targets(targets)
    sidecar = parse_document(meta, meta_source or f"{source}.meta") if meta is not None else None
    kind = detect_kind(data, source)
    articles = read_input(data, source=source, kind=kind, sidecar=sidecar)
    # A canonical article is validated from plain parsed data: the reader or the model searched
    # each of its strings for characters XML forbids, by the exporters' rule, and every part of
    # it was built by that validation, so the exporters need not search it again. (Other kinds
    # may carry parts built without validation, e.g. located quotes: searched once.)
    with checked_once(articles if kind == "article" else ()):
        return export_all(articles, targets, body=body, version_created=version_created)


def export_all(
    articles: Sequence[Article],
    targets: Sequence[Target] = TARGETS,
    *,
    body: BodyKind = "xhtml",
    envelope: bool = False,
    version_created: datetime | None = None,
) -> dict[Target, bytes]:
    """Every target for the articles read from one input: a single article as itself, several
    (from a newsMessage) as a newsMessage."""
    from .xmlchars import checked_once

    _check_targets(targets)
    subject: Article | Sequence[Article] = articles[0] if len(articles) == 1 else articles
    outputs: dict[Target, bytes] = {}
    # Every exporter refuses an article holding a character XML forbids; the same articles,
    # unchanged from one target to the next, are searched once (by the first exporter).
    with checked_once():
        for target in targets:
            if target == "html" and "jsonld" in outputs:
                outputs[target] = _html_of_validated(subject, outputs["jsonld"])
            else:
                outputs[target] = export(subject, target, body=body, envelope=envelope, version_created=version_created)
    return {target: outputs[target] for target in targets}


def _check_targets(targets: Sequence[str]) -> None:
    """Refuse an unknown target before any work: an unknown name must not quietly give JSON-LD,
    nor a bare string ("newsml") be taken letter by letter."""
    if isinstance(targets, str):
        raise TypeError(f"targets is a sequence of target names, e.g. ({targets!r},), not the string {targets!r}")
    unknown = [target for target in targets if target not in TARGETS]
    if unknown:
        raise ValueError(f"unknown target {unknown[0]!r}: expected one of {', '.join(TARGETS)}")


def _html_of_validated(article: Article | Sequence[Article], validated_jsonld: bytes) -> bytes:
    """The HTML block of an article whose JSON-LD already passed validation. Every check of an
    HTML page runs on the documents in its script blocks, so a page holding exactly one block
    that parses to the validated document has the same verdict; only that is checked here
    (anything else, which embedding should never produce, gets the full validation)."""
    import json

    from .formats._jsonld_html import embed, extract_blocks

    # What jsonld.dump(html=True) writes: the same JSON text in a script block.
    html = embed(validated_jsonld.decode("utf-8").removesuffix("\n")).encode("utf-8")
    blocks = extract_blocks(html, "<html output>")
    if len(blocks) == 1 and json.loads(blocks[0].text) == json.loads(validated_jsonld):
        return html
    return export(article, "html")
