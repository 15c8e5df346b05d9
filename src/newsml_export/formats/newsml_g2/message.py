"""One item or a ``newsMessage`` of many: the document level of the codec."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from ...errors import ArticleError, DecodeError, ExportError
from ...model import Article
from ...validation.report import Issue, Report
from ...xmlchars import check_exportable
from .body import BodyKind
from .names import NAR, nar
from .reader import load_item
from .safe_xml import parse
from .writer import version_created_of, write_item
from .xmlbuild import Writer, tree_of, xs_datetime

__all__ = ["build_document", "dump_items", "load_items"]

_OTHER_ITEMS = ("packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem")


def dump_items(articles: Sequence[Article], *, body: BodyKind, envelope: bool, version_created: datetime | None) -> bytes:
    """The bytes of one ``newsItem``, or of a ``newsMessage`` holding one item per article."""
    if not articles:
        raise ExportError("nothing to write: no articles")
    for article in articles:
        check_exportable(article, prefix=f"{article.id}: " if len(articles) > 1 else "")
    if not envelope:
        w = Writer()
        write_item(w, articles[0], body=body, version_created=version_created)
        return w.finish()
    # The items first (newsMessage/itemSet/newsItem): an error in an item is reported before a
    # clash of quote ids, as it always was.
    items = Writer(level=2)
    for article in articles:
        write_item(items, article, body=body, version_created=version_created)
    _check_ids_unique(articles)
    # `sent` must be deterministic (output bytes are API): the latest versionCreated of the items.
    sent = max(version_created_of(a, version_created) for a in articles)
    w = Writer()
    w.open("newsMessage")
    w.open("header")
    w.leaf("sent", xs_datetime(sent, "modified"))
    w.close()
    w.open("itemSet")
    w.extend(items)
    w.close()
    w.close()
    return w.finish()


def build_document(articles: Sequence[Article], *, body: BodyKind, envelope: bool,
                   version_created: datetime | None) -> etree._Element:
    """The root element of what :func:`dump_items` writes, parsed from its bytes."""
    return tree_of(dump_items(articles, body=body, envelope=envelope, version_created=version_created))


def _check_ids_unique(articles: Sequence[Article]) -> None:
    # XML ids are document-wide: two items of one message cannot both have a quote "q1".
    counts = Counter(q.id for a in articles for q in a.quotes)
    clashes = sorted(i for i, n in counts.items() if n > 1)
    if clashes:
        raise ExportError(
            f"quote ids {', '.join(map(repr, clashes))} occur in more than one article; ids must be unique "
            "across the items of one newsMessage (XML ids are document-wide)"
        )


def load_items(data: bytes | str, *, source: str, report: Report | None) -> list[Article]:
    report = report if report is not None else Report()
    root = parse(data, source=source).getroot()
    if root.tag == nar("newsItem"):
        return [load_item(root, source=source, report=report)]
    if root.tag == nar("newsMessage"):
        articles = []
        for child in root.iterfind(f"{nar('itemSet')}/*"):
            if child.tag == nar("newsItem"):
                articles.append(load_item(child, source=source, report=report))
            elif isinstance(child.tag, str):
                report.add(Issue("warning", "item-not-mapped",
                                 f"{etree.QName(child).localname} is not a news item; skipped",
                                 f"/newsMessage/itemSet/{etree.QName(child).localname}", child.sourceline, source,
                                 "newsml-g2-reader"))
        return articles
    name = etree.QName(root)
    if name.namespace == NAR and name.localname in _OTHER_ITEMS:
        raise ArticleError([Issue("error", "not-a-news-item", f"a {name.localname} holds no article", f"/{name.localname}",
                                  root.sourceline, source, "newsml-g2-reader")])
    raise DecodeError(f"not NewsML-G2: the root element is {name.localname!r} in namespace {name.namespace or 'none'!r}, "
                      f"expected newsItem or newsMessage in {NAR}", source=source, line=root.sourceline)
