"""Validators. Each returns a :class:`~newsml_export.validation.report.Report`; none raises on
invalid input (only on unusable input, as the readers do).

``validate`` picks the validator from the input's kind: JSON-LD (and HTML pages carrying it) go
to :mod:`.jsonld`, NewsML-G2 to :mod:`.newsml_g2`, canonical articles and text + sidecar to the
model's own checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .report import Issue, Report

if TYPE_CHECKING:
    from ..readers.detect import InputKind

__all__ = ["Issue", "Report", "validate"]


def validate(data: bytes | str, *, source: str = "<input>", kind: "InputKind | None" = None,
             meta_path: Path | None = None) -> Report:
    """Validate one input of any kind and report every issue found. Text (``str``) is read as
    its UTF-8 bytes, as the codecs' ``load`` reads it."""
    from ..errors import ArticleError, InputError
    from ..readers.detect import detect_kind

    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")  # a lone surrogate is then reported, with its position
    elif not isinstance(data, bytes):
        raise TypeError(f"validate takes bytes or str, not {type(data).__name__}")

    kind = kind or detect_kind(data, source)
    if kind in ("jsonld", "html"):
        from . import jsonld

        return jsonld.validate(data, source=source)
    if kind == "newsml":
        from . import newsml_g2

        return newsml_g2.validate(data, source=source)
    from ..readers import read_input

    report = Report(checked=["article-model"])
    try:
        read_input(data, source=source, kind=kind, meta_path=meta_path, text_path=Path(source))
    except ArticleError as exc:
        report.extend(exc.issues)
    except InputError as exc:
        report.add(Issue("error", type(exc).__name__, exc.message, exc.path or "", exc.line, exc.source or source, "reader"))
    return report
