"""Formats. Each module is a codec with the same shape (msgspec-style):

``dump(article, **options) -> bytes`` writes one article;
``load(data, *, source="<input>", report=None) -> Article`` reads exactly one;
``load_all(data, *, source="<input>", report=None) -> list[Article]`` reads every article in the
input (a ``newsMessage``, an HTML page with several JSON-LD blocks).

Loaders are lenient: what they cannot map is added to ``report`` (when given) as ``Issue``s,
never dropped silently. Formats never import each other: a conversion is
``jsonld.dump(newsml_g2.load(data))``.
"""

from __future__ import annotations

import importlib
from typing import Any, Literal, Protocol

from ..model import Article
from ..validation.report import Report

__all__ = ["Codec", "FormatName", "FORMAT_NAMES", "get_codec"]

FormatName = Literal["jsonld", "newsml"]
FORMAT_NAMES: tuple[FormatName, ...] = ("jsonld", "newsml")
_MODULES = {"jsonld": "jsonld", "newsml": "newsml_g2"}


class Codec(Protocol):
    def dump(self, article: Article, /, **options: Any) -> bytes: ...

    def load(self, data: bytes | str, /, *, source: str = "<input>", report: Report | None = None) -> Article: ...

    def load_all(self, data: bytes | str, /, *, source: str = "<input>", report: Report | None = None) -> list[Article]: ...


def get_codec(name: FormatName) -> Codec:
    """The codec module for ``name``, imported on first use."""
    return importlib.import_module(f"{__name__}.{_MODULES[name]}")  # type: ignore[return-value]
