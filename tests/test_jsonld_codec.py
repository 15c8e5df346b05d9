"""The JSON-LD codec's contract: the shape the issue asks for, lossless round trips over a
table of article variants, deterministic bytes, safe HTML, our errors for bad input."""

import json
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import lxml.html
import pytest

from newsml_export import ArticleError, DecodeError
from newsml_export.formats import jsonld
from newsml_export.model import Article, Block, Quote, Rights, Source, Subject
from newsml_export.validation.report import Report


def graph(article):
    return json.loads(jsonld.dump(article))["@graph"]


def by_type(nodes, type_name):
    return [n for n in nodes if n["@type"] == type_name]


def test_seed_round_trips_equal_and_silent(seed_article):
    report = Report()
    assert jsonld.load(jsonld.dump(seed_article), report=report) == seed_article
    assert report.issues == []


def test_context_and_single_graph(seed_article):
    document = json.loads(jsonld.dump(seed_article))
    assert list(document) == ["@context", "@graph"]
    assert document["@context"] == "https://schema.org"
    assert len(by_type(document["@graph"], "NewsArticle")) == 1
    assert all("@id" in node for node in document["@graph"])


def test_article_node_fields(seed_article):
    nodes = graph(seed_article)
    article = nodes[0]
    assert article["identifier"] == seed_article.id and article["@id"] == seed_article.id
    assert article["inLanguage"] == "en" and article["version"] == 1
    assert article["datePublished"] == "2022-02-05T12:00:00+01:00"
    assert article["wordCount"] == seed_article.word_count
    assert article["articleBody"] == seed_article.body_text
    assert article["creditText"] == "Stern" and article["genre"] == "Analysis"
    assert article["keywords"] == ["Russia", "China", "NATO", "Taiwan", "Ukraine"]
    source = next(n for n in nodes if n["@id"] == article["isBasedOn"]["@id"])
    assert source["name"] == "Stern" and article["translationOfWork"] == article["isBasedOn"]
    assert article["sourceOrganization"] == {"@id": f"{seed_article.id}#stern"}
    about = [ref["@id"].split("#")[1] for ref in article["about"]]
    assert about[:4] == ["putin", "xi", "russia", "china"]
    assert {"comment", "commentCount", "discussionUrl"}.isdisjoint(json.dumps(nodes).replace('"', " ").split())


def test_entities_have_stable_ids_aliases_and_same_as(seed_article):
    nodes = graph(seed_article)
    milov = next(n for n in nodes if n["@id"].endswith("#milov"))
    assert milov["@type"] == "Person" and milov["alternateName"] == ["Milow", "Milov"]
    assert milov["sameAs"] == ["https://en.wikipedia.org/wiki/Vladimir_Milov"]
    assert graph(seed_article) == nodes  # same ids on every run


def test_quotes_are_quotation_nodes_linked_both_ways(seed_article):
    nodes = graph(seed_article)
    article, quotes = nodes[0], by_type(nodes, "Quotation")
    assert len(quotes) == len(seed_article.quotes) == 13
    assert [{"@id": q["@id"]} for q in quotes] == article["hasPart"][-13:]
    master = next(q for q in quotes if q["@id"].endswith("#q-master"))
    assert master["text"] == "Here we see who is the master in this situation"
    assert master["creator"] == {"@id": f"{seed_article.id}#milov"}
    assert master["isPartOf"] == {"@id": article["@id"]}
    paper = next(q for q in quotes if q["@id"].endswith("#q-nato-paper"))
    assert "creator" not in paper
    assert {"@type": "PropertyValue", "propertyID": "newsml-export:voice", "value": "document"} in paper["identifier"]


def test_dump_is_deterministic_bytes(seed_article):
    first = jsonld.dump(seed_article)
    assert first == jsonld.dump(seed_article.model_copy(deep=True))
    assert first.endswith(b"}\n") and first.startswith(b'{\n  "@context": "https://schema.org",')


def _variant(**changes):
    base = dict(id="urn:newsml:example.org:1", language="en", headline="Headline",
                body=[Block(text="First paragraph."), Block(kind="heading", text="A heading"), Block(text="Second “quoted” part.")],
                people=[{"id": "ann", "name": "Ann Example"}], organizations=[{"id": "org", "name": "Org"}], places=[{"id": "paris", "name": "Paris"}])
    return Article.model_validate({**base, **changes})


VARIANTS = {
    "minimal": dict(body=[], people=[], organizations=[], places=[]),
    "headings and blockquotes": {},
    "body that cannot be split at blank lines": dict(body=[Block(text="one\n\ntwo"), Block(kind="blockquote", text="\nthree\n")]),
    "located quote": dict(quotes=[Quote(id="q1", text="quoted", speaker_id="ann", block=2, start=8, end=14, kind="partial",
                                        origin="extracted", confidence=0.75, rule="said-after")]),
    "unlocated quotes, every voice": dict(quotes=[Quote(id="q1", text="a", speaker_id="org"), Quote(id="q2", text="b", voice="generic"),
                                                  Quote(id="q3", text="c", voice="document"), Quote(id="q4", text="d")]),
    "source relations": dict(source=Source(name="Wire", url="https://wire.example/", relation="wire", organization_id="org")),
    "republished": dict(source=Source(name="Blog", relation="republished")),
    "rights": dict(rights=Rights(copyright_holder_id="org", copyright_notice="© 2022 Org", usage_terms="No archiving", license_url="https://creativecommons.org/licenses/by/4.0/")),
    "subjects": dict(subjects=[Subject(qcode="medtop:11000000", name="politics"), Subject(uri="http://cv.iptc.org/newscodes/mediatopic/16000000")]),
    "dates and people": dict(created=datetime(2022, 2, 4, 23, 59, 59, 123456, tzinfo=timezone(timedelta(hours=-5))),
                             modified=datetime(2022, 2, 6, tzinfo=timezone.utc), author_ids=["ann", "org"], contributor_ids=["ann"],
                             publisher_id="org", located_id="paris", about_ids=["paris", "ann"], dateline="PARIS", section="World",
                             url="https://example.org/news/1", alternative_headline="", description="Lede."),
    "id that is not an IRI": dict(id="story 42".replace(" ", "-")),
}


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_variants_round_trip(changes):
    article = _variant(**changes)
    for html in (False, True):
        report = Report()
        assert jsonld.load(jsonld.dump(article, html=html), report=report) == article
        assert report.issues == []


def test_non_iri_id_gets_a_urn_node_id_and_keeps_identifier():
    node = graph(_variant(id="story-42"))[0]
    assert node["@id"] == "urn:newsml-export:story-42" and node["identifier"] == "story-42"


def test_id_that_is_the_page_url_is_not_the_article_node_id():
    # A guid that is the page URL: the article is the page's main entity, not the page itself.
    url = "https://news.example.org/2024/05/storm"
    article = _variant(id=url, url=url)
    node = graph(article)[0]
    assert node["@id"] == "urn:newsml-export:https%3A%2F%2Fnews.example.org%2F2024%2F05%2Fstorm"
    assert node["identifier"] == url and node["url"] == url and node["mainEntityOfPage"] == url
    assert jsonld.load(jsonld.dump(article)) == article
    other = graph(_variant(id="https://news.example.org/guid/42", url=url))[0]
    assert other["@id"] == "https://news.example.org/guid/42"  # an IRI that is not the page keeps its own id


def test_block_kinds_are_web_page_elements():
    nodes = graph(_variant())
    [heading] = by_type(nodes, "WebPageElement")
    assert heading["position"] == 1 and heading["text"] == "A heading"
    assert heading["identifier"][0]["value"] == "heading"


# -- HTML ---------------------------------------------------------------------------------------

BREAKOUT = "</script><!-- <script>alert(1)</script> & </ScRiPt > \u2028\u2029"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script"

    def handle_data(self, data):
        if self._in:
            self.blocks.append(data)

    def handle_endtag(self, tag):
        self._in = False


def test_html_block_cannot_be_broken_out_of():
    article = _variant(headline="Headline " + BREAKOUT, body=[Block(text="Body " + BREAKOUT)])
    page = jsonld.dump(article, html=True).decode()
    script = page[len('<script type="application/ld+json">'):-len("</script>\n")]
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in script
    assert "\\u003c/script\\u003e\\u003c!--" in script
    html = f"<!doctype html><html><head><title>t</title>{page}</head><body><p>after</p></body></html>"
    # Two independent HTML parsers find one script whose text is the exact JSON.
    [from_lxml] = lxml.html.document_fromstring(html).xpath('//script[@type="application/ld+json"]')
    parser = _Scripts()
    parser.feed(html)
    assert parser.blocks == [from_lxml.text]
    data = json.loads(from_lxml.text)
    assert data["@graph"][0]["headline"] == "Headline " + BREAKOUT
    assert data["@graph"][0]["articleBody"] == "Body " + BREAKOUT
    assert lxml.html.document_fromstring(html).xpath("string(//body/p)") == "after"
    assert jsonld.load(html.encode()) == article


def test_html_page_with_several_blocks():
    first, second = _variant(id="urn:a:1"), _variant(id="urn:a:2", headline="Second")
    page = b"<html><head>" + jsonld.dump(first, html=True) + b'<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebSite", "name": "Site"}</script>' + jsonld.dump(second, html=True) + b"</head></html>"
    report = Report()
    assert jsonld.load_all(page, report=report) == [first, second]
    assert [i.code for i in report.issues] == ["unmapped-node"]
    with pytest.raises(ArticleError, match="holds 2 articles"):
        jsonld.load(page)


# -- errors -------------------------------------------------------------------------------------

def test_malformed_json_is_a_decode_error_with_line():
    with pytest.raises(DecodeError) as caught:
        jsonld.load(b'{\n  "@context": "https://schema.org",\n  "@type": "NewsArticle",\n  "headline": \n}', source="bad.jsonld")
    assert caught.value.source == "bad.jsonld" and caught.value.line == 5


def test_malformed_json_in_html_names_the_page_line():
    page = b'<html>\n<head>\n<script type="application/ld+json">\n{"@type": "NewsArticle",,}\n</script>\n</head></html>'
    with pytest.raises(DecodeError) as caught:
        jsonld.load(page, source="page.html")
    assert caught.value.line == 4


@pytest.mark.parametrize("data", [b"[]", b'{"@context": "https://schema.org", "@type": "Person", "name": "x"}', b"<html><body>no json-ld</body></html>"])
def test_no_article_is_an_article_error(data):
    with pytest.raises(ArticleError, match="holds 0 articles"):
        jsonld.load(data, source="x")


def test_not_an_object_is_a_decode_error():
    with pytest.raises(DecodeError, match="expected a JSON-LD object or array"):
        jsonld.load(b'"just a string"')


def test_article_breaking_the_model_is_an_article_error():
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "identifier": "has space", "headline": "h", "inLanguage": "en"}
    with pytest.raises(ArticleError) as caught:
        jsonld.load(json.dumps(data))
    assert caught.value.issues[0].location == "id"

