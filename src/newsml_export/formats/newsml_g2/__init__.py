"""IPTC NewsML-G2 2.35 codec: ``dump`` an Article (or several) to a ``newsItem`` (or a
``newsMessage``), ``load`` / ``load_all`` items back. See ``docs/mapping-newsml-g2.md`` for the
mapping and ``docs/fidelity.md`` for what does not survive.

Partner of :mod:`newsml_export.formats.jsonld`: same shape (``dump`` / ``load`` / ``load_all``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ...model import Article
from ...validation.report import Report
from .body import BodyKind

__all__ = ["dump", "load", "load_all"]


def dump(article: Article | Sequence[Article], *, body: BodyKind = "xhtml", envelope: bool = False,
         version_created: datetime | None = None) -> bytes:
    """UTF-8 bytes of a ``newsItem`` for ``article``; a ``newsMessage`` when ``envelope`` is set or
    a sequence of articles is given. Deterministic: the same input gives the same bytes.

    ``version_created`` is used for ``itemMeta/versionCreated`` only when the article has neither
    ``modified`` nor ``published``; without any of them this raises :class:`ExportError`.
    Partner of :func:`load`."""
    from .message import dump_items

    if body not in ("xhtml", "nitf"):
        raise ValueError(f"body must be 'xhtml' or 'nitf', not {body!r}")
    articles = [article] if isinstance(article, Article) else list(article)
    return dump_items(articles, body=body, envelope=envelope or not isinstance(article, Article),
                      version_created=version_created)


def load(data: bytes | str, *, source: str = "<input>", report: Report | None = None) -> Article:
    """The one Article of a ``newsItem`` (or a ``newsMessage`` holding exactly one). What could not
    be mapped is added to ``report``. Partner of :func:`dump`."""
    from ...errors import ArticleError
    from ...validation.report import Issue

    articles = load_all(data, source=source, report=report)
    if len(articles) != 1:
        raise ArticleError([Issue("error", "not-one-item", f"holds {len(articles)} news items, expected one",
                                  "/", None, source)])
    return articles[0]


def load_all(data: bytes | str, *, source: str = "<input>", report: Report | None = None) -> list[Article]:
    """Every text ``newsItem`` of the input: the item itself, or each item of a ``newsMessage``."""
    from .message import load_items

    return load_items(data, source=source, report=report)
