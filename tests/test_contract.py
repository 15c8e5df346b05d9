"""Contract tests that run through every format (msgspec's tests/test_common.py is the model):

- a table of article variants, each must survive ``load(dump(a)) == a`` on every route;
- generated articles (hypothesis, fixed seed) on every route;
- across formats: JSON-LD → NewsML-G2 → JSON-LD gives the same RDF graph (canonical N-Quads,
  URDNA2015 through PyLD, not JSON text), and NewsML-G2 → JSON-LD → NewsML-G2 the same canonical
  XML (C14N). Losses are listed in docs/fidelity.md and tested where they are listed.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import timezone
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from lxml import etree
from pyld import jsonld as pyld
from pyld.documentloader.frozen import FrozenDocumentLoader

from newsml_export import Article
from newsml_export.formats import jsonld, newsml_g2
from newsml_export.formats._jsonld_table import CONTEXT_URLS
from newsml_export.roundtrip import ROUTES, roundtrip
from newsml_export.schemas import find_official

from .conftest import SHARED
from .strategies import SAMPLES, articles

CODECS = {"jsonld": jsonld, "newsml": newsml_g2}
# Every script, RTL, emoji, combining marks, markup-like text; no control characters (which
# NewsML-G2 cannot carry in names, and XML 1.0 not at all: see docs/fidelity.md).
XML_TEXT = st.one_of(
    st.sampled_from([s for s in SAMPLES if not any(unicodedata.category(c) == "Cc" for c in s)]),
    st.text(st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"), min_size=1, max_size=25),
)


def _variants(seed_article: Article) -> dict[str, Article]:
    minimal = Article(id="urn:x:minimal", language="en", headline="Only a headline")
    undated = seed_article.model_copy(update={"published": None, "modified": None, "created": None})
    return {
        "seed": seed_article,
        "minimal-dated": minimal.model_copy(update={"published": seed_article.published}),
        "no-quotes": seed_article.model_copy(update={"quotes": []}),
        "no-entities": Article.model_validate({**seed_article.model_dump(), "quotes": [], "people": [], "organizations": [],
                                               "places": [], "about_ids": [], "source": {"name": "Stern"}}),
        "rtl": Article(id="urn:x:rtl", language="ar", headline="مرحبا بالعالم", published=seed_article.published,
                       body=[{"text": "«نص» مع اقتباس"}, {"kind": "heading", "text": "שלום עולם"}]),
        "undated-jsonld-only": undated,
    }


@pytest.fixture(scope="module")
def variants(seed_article):
    return _variants(seed_article)


@pytest.mark.parametrize("route", [r[0] for r in ROUTES])
@pytest.mark.parametrize("variant", ["seed", "minimal-dated", "no-quotes", "no-entities", "rtl"])
def test_every_variant_survives_every_route(variants, route, variant):
    name, format_name, options = next(r for r in ROUTES if r[0] == route)
    codec = CODECS[format_name]
    article = variants[variant]
    assert codec.load(codec.dump(article, **options)) == article


def test_roundtrip_reports_no_change_for_the_seed(seed_article):
    assert roundtrip(seed_article) == {name: [] for name, _format, _options in ROUTES}


def test_undated_article_is_fine_in_jsonld_and_an_error_in_newsml(variants):
    from newsml_export import ExportError

    article = variants["undated-jsonld-only"]
    assert jsonld.load(jsonld.dump(article)) == article
    with pytest.raises(ExportError, match="versionCreated"):
        newsml_g2.dump(article)


# -- generated articles ------------------------------------------------------------------------

@st.composite
def xml_articles(draw: st.DrawFn) -> Article:
    """Articles every format can carry: one-line names (NewsML-G2 names are single-line), no
    XML-forbidden characters (their rule: docs/fidelity.md), and a date (versionCreated)."""
    article = draw(articles(text=XML_TEXT))
    if article.published is None and article.modified is None:
        article = article.model_copy(update={"published": draw(st.datetimes(timezones=st.just(timezone.utc)))})
    return article


@pytest.mark.parametrize("route", [r[0] for r in ROUTES])
@seed(20261126)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article=xml_articles())
def test_generated_articles_survive_every_route(route, article):
    name, format_name, options = next(r for r in ROUTES if r[0] == route)
    codec = CODECS[format_name]
    assert codec.load(codec.dump(article, **options)) == article


# -- across formats ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _loader() -> FrozenDocumentLoader:
    path = find_official("schemaorg-context")
    assert path is not None
    context = json.loads(path.read_text(encoding="utf-8"))
    return FrozenDocumentLoader({url: context for url in CONTEXT_URLS})


def canonical_nquads(document: bytes) -> str:
    return pyld.normalize(json.loads(document), {"algorithm": "URDNA2015", "format": "application/n-quads",
                                                 "documentLoader": _loader()})


def canonical_xml(document: bytes) -> bytes:
    return etree.tostring(etree.fromstring(document), method="c14n")


def jsonld_via_newsml(document: bytes, body: str) -> bytes:
    return jsonld.dump(newsml_g2.load(newsml_g2.dump(jsonld.load(document), body=body)))


def newsml_via_jsonld(document: bytes, body: str) -> bytes:
    return newsml_g2.dump(jsonld.load(jsonld.dump(newsml_g2.load(document))), body=body)


@pytest.mark.parametrize("body", ["xhtml", "nitf"])
def test_seed_jsonld_graph_survives_newsml(seed_article, body):
    original = jsonld.dump(seed_article)
    assert canonical_nquads(jsonld_via_newsml(original, body)) == canonical_nquads(original)


@pytest.mark.parametrize("body", ["xhtml", "nitf"])
def test_seed_newsml_c14n_survives_jsonld(seed_article, body):
    original = newsml_g2.dump(seed_article, body=body)
    assert canonical_xml(newsml_via_jsonld(original, body)) == canonical_xml(original)


@pytest.mark.parametrize("body", ["xhtml", "nitf"])
@seed(20261127)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article=xml_articles())
def test_generated_graphs_and_trees_survive_the_other_format(body, article):
    as_jsonld = jsonld.dump(article)
    assert canonical_nquads(jsonld_via_newsml(as_jsonld, body)) == canonical_nquads(as_jsonld)
    as_newsml = newsml_g2.dump(article, body=body)
    assert canonical_xml(newsml_via_jsonld(as_newsml, body)) == canonical_xml(as_newsml)


@pytest.mark.parametrize("listing", sorted(p.name for p in (SHARED / "iptc/newsml-g2/examples").glob("LISTING_*.xml")))
def test_official_examples_keep_their_mapped_content_through_jsonld(listing):
    """A third-party item, once imported, survives JSON-LD and back (what the import could not
    map is reported at import time, see test_newsml_g2_import.py)."""
    article = newsml_g2.load((SHARED / "iptc/newsml-g2/examples" / listing).read_bytes())
    article = article if article.published or article.modified else article.model_copy(update={"modified": article.created})
    if article.published is None and article.modified is None:
        pytest.fail(f"{listing} has no date to carry into NewsML-G2")
    ours = newsml_g2.dump(article)
    assert canonical_xml(newsml_via_jsonld(ours, "xhtml")) == canonical_xml(ours)
