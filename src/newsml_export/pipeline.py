"""Article in, validated output bytes out: what ``convert`` (and later ``batch``) run.

An output that fails its own validation is never returned: the exporter is strict.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from .errors import ExportError
from .model import Article
from .validation.report import Report

__all__ = ["Target", "TARGETS", "TARGET_SUFFIXES", "export", "validate_output"]

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
    many = not isinstance(articles, Article)
    if target == "newsml":
        from .formats import newsml_g2

        data = newsml_g2.dump(articles, body=body, envelope=envelope or many, version_created=version_created)
    else:
        if many:
            raise ExportError(f"{target} holds one article; got {len(articles)}")  # type: ignore[arg-type]
        from .formats import jsonld

        data = jsonld.dump(articles, html=(target == "html"))  # type: ignore[arg-type]
    if validate:
        report = validate_output(data, target)
        if not report.ok:
            raise ExportError(f"the {target} output failed validation; nothing was written", report.errors)
    return data


def validate_output(data: bytes, target: Target) -> Report:
    source = f"<{target} output>"
    if target == "newsml":
        from .validation import newsml_g2

        return newsml_g2.validate(data, source=source)
    from .validation import jsonld

    return jsonld.validate(data, source=source)
