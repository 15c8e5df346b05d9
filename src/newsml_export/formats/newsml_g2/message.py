"""One item or a ``newsMessage`` of many: the document level of the codec."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from ...errors import ArticleError, DecodeError, ExportError
from ...model import Article
from ...validation.report import Issue, Report
from ...xmlchars import check_exportable
from .body import BodyKind
from .names import NAR, nar
from .read_context import xpath_of
from .reader import load_item
from .safe_xml import parse
from .writer import version_created_of, write_item
from .xmlbuild import Writer, tree_of, xs_datetime

__all__ = ["build_document", "dump_items", "load_items", "message_quote_ids"]

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
    items = Writer(level=2)
    for article, quote_ids in zip(articles, message_quote_ids(articles)):
        write_item(items, article, body=body, version_created=version_created, quote_ids=quote_ids)
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


def message_quote_ids(articles: Sequence[Article]) -> list[dict[str, str]]:
    """For each article, the XML id of each quote whose id an earlier item of the message took.

    Quote ids are unique in one article, but XML ids are document-wide, so two items of one
    newsMessage cannot both have a ``q1`` (a reader, or two drafts of ``extract``, numbers the
    quotes of every article from ``q1``). The first item to use an id keeps it; a later one gets
    it qualified by the item's position (``i2.q1``, then ``i2.q1.2`` ... if that is taken too), and
    the item records the article's own id in ``partMeta`` (``nxprop:quoteId``), so that reading
    the message gives back every article as it was."""
    taken: set[str] = set()
    renamed: list[dict[str, str]] = []
    for position, article in enumerate(articles, start=1):
        own = [quote.id for quote in article.quotes]
        clashing = [quote_id for quote_id in own if quote_id in taken]
        taken.update(own)
        ids: dict[str, str] = {}
        for quote_id in clashing:
            base = candidate = f"i{position}.{quote_id}"
            n = 1
            while candidate in taken:
                n += 1
                candidate = f"{base}.{n}"
            ids[quote_id] = candidate
            taken.add(candidate)
        renamed.append(ids)
    return renamed


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
                                 xpath_of(child), child.sourceline, source, "newsml-g2-reader"))
        return articles
    name = etree.QName(root)
    if name.namespace == NAR and name.localname in _OTHER_ITEMS:
        raise ArticleError([Issue("error", "not-a-news-item", f"a {name.localname} holds no article", f"/{name.localname}",
                                  root.sourceline, source, "newsml-g2-reader")])
    raise DecodeError(f"not NewsML-G2: the root element is {name.localname!r} in namespace {name.namespace or 'none'!r}, "
                      f"expected newsItem or newsMessage in {NAR}", source=source, line=root.sourceline)
