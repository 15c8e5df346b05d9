"""Whatever JSON comes in, only our own errors escape ``load``, and ``validate`` never raises
(jsonschema's fuzz_validate idea)."""

import json

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from newsml_export.errors import NewsmlExportError
from newsml_export.formats import jsonld
from newsml_export.validation.jsonld import validate
from newsml_export.validation.report import Report

KEYS = st.sampled_from([
    "@context", "@graph", "@id", "@type", "type", "id", "@value", "@list", "@reverse", "@tpye", "headline", "name",
    "author", "publisher", "about", "mentions", "hasPart", "isBasedOn", "translationOfWork", "sourceOrganization",
    "identifier", "inLanguage", "articleBody", "datePublished", "keywords", "text", "creator", "position", "url",
    "sameAs", "alternateName", "mainEntity", "mainEntityOfPage", "usageInfo", "license", "propertyID", "value",
    "termCode", "locationCreated", "copyrightHolder", "schema:headline", "https://schema.org/name", "foo:bar",
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["https://schema.org", "http://schema.org/", "NewsArticle", "Person", "Organization", "Place",
                     "Quotation", "WebPageElement", "DefinedTerm", "BlogPosting", "Persn", "#a", "urn:x:1",
                     "https://example.org/a", "2024-01-01T00:00:00Z", "en", "newsml-export:kind", "heading", ""]),
    st.text(max_size=5),
)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6), max_leaves=40)


@seed(7)
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dictionaries(KEYS, JSON, max_size=8) | st.lists(st.dictionaries(KEYS, JSON, max_size=6), max_size=3))
def test_only_our_errors_escape(document):
    data = json.dumps(document).encode()
    try:
        articles = jsonld.load_all(data, report=Report())
    except NewsmlExportError:
        articles = []
    for article in articles:
        assert jsonld.load(jsonld.dump(article)) == article
    report = validate(data, source="fuzz")
    # Either the checks ran, or the document was refused as unreadable (with where).
    assert report.checked or [i.code for i in report.errors] == ["syntax"]
