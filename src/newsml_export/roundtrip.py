"""Round trips: an article through each format and back, and every field that changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .model import Article
from .readers.metadata import format_path

__all__ = ["Change", "ROUTES", "diff_articles", "roundtrip"]

# (name, format, dump options)
ROUTES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("jsonld", "jsonld", {}),
    ("newsml-xhtml", "newsml", {"body": "xhtml"}),
    ("newsml-nitf", "newsml", {"body": "nitf"}),
)


@dataclass(frozen=True)
class Change:
    path: str
    before: Any
    after: Any

    def render(self) -> str:
        return f"{self.path}: {self.before!r} -> {self.after!r}"


def roundtrip(article: Article, *, version_created: datetime | None = None) -> dict[str, list[Change]]:
    """For each route, the changes ``load(dump(article))`` makes (empty when lossless).
    ``version_created`` is NewsML-G2's date for an undated article (it comes back as
    ``modified``: a change, reported)."""
    from .formats import get_codec
    from .limits import TRUSTED, use_limits

    results = {}
    for name, format_name, options in ROUTES:
        codec = get_codec(format_name)  # type: ignore[arg-type]
        if format_name == "newsml" and version_created is not None:
            options = {**options, "version_created": version_created}
        with use_limits(TRUSTED):  # its own outputs, like the exporters' validation (limits.py)
            back = codec.load(codec.dump(article, **options), source=f"<{name}>")
        results[name] = list(diff_articles(article, back))
    return results


def diff_articles(before: Article, after: Article) -> Iterator[Change]:
    yield from _diff(before.model_dump(mode="json"), after.model_dump(mode="json"), ())


def _diff(a: Any, b: Any, path: tuple[str | int, ...]) -> Iterator[Change]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            yield from _diff(a.get(key), b.get(key), path + (key,))
    elif isinstance(a, list) and isinstance(b, list):
        for index in range(max(len(a), len(b))):
            yield from _diff(a[index] if index < len(a) else None, b[index] if index < len(b) else None, path + (index,))
    elif a != b:
        yield Change(format_path(path) or "(article)", a, b)
