"""Third-party JSON-LD (fixtures in tests/data/jsonld/) read leniently: every form the issue
lists, and whatever cannot be mapped listed in the report with its JSON pointer."""

import json
from pathlib import Path

import pytest

from newsml_export.formats import jsonld
from newsml_export.validation.jsonld import validate
from newsml_export.validation.report import Report

DATA = Path(__file__).parent / "data" / "jsonld"
FIXTURES = sorted(p.name for p in DATA.iterdir())


def read(name):
    report = Report()
    articles = jsonld.load_all((DATA / name).read_bytes(), source=name, report=report)
    return articles, {(i.code, i.location) for i in report.issues}, report


def test_single_node_http_context_author_string():
    [article], issues, _ = read("single-node-http.jsonld")
    assert article.headline == "Storm hits the coast" and article.language == "en-GB"
    assert article.url == "https://news.example.com/2024/05/storm"  # from mainEntityOfPage
    assert [p.name for p in article.people] == ["Jane Reporter"] and article.author_ids == [article.people[0].id]
    assert article.entity(article.publisher_id).name == "Example News"  # a NewsMediaOrganization
    assert article.keywords == ["storm", "weather", "power cuts"]  # one comma-separated string
    assert [b.text for b in article.body] == ["The storm arrived at dawn.", "Power lines fell across the region."]
    assert article.published.isoformat() == "2024-05-01T08:00:00+02:00"
    assert ("unmapped-property", "/image") in issues and ("unmapped-property", "/publisher/logo") in issues


def test_graph_with_id_references_and_type_list():
    [article], issues, _ = read("graph-references.jsonld")
    assert article.id == "https://blog.example.org/p/42/#article"
    assert article.entity(article.author_ids[0]).url == "https://blog.example.org/author/ann/"
    assert article.entity(article.publisher_id).name == "Example Blog GmbH"
    assert article.about_ids == ["place-city"] and article.entity("place-city").name == "Exampletown"
    assert article.entity("mayor-bob").same_as == ["https://www.wikidata.org/wiki/Q1"]
    assert ("unmapped-node", "/@graph/0") in issues  # the WebSite
    assert ("invalid-url", "/@graph/4/sameAs/1") in issues
    assert ("article-type", "/@graph/2/@type") in issues  # ["Article", "NewsArticle"]


def test_blog_posting_author_list_and_identifier_property_value():
    [article], issues, _ = read("blogposting-authors.jsonld")
    assert article.id == "post-1234"
    assert [article.entity(a).name for a in article.author_ids] == ["Ann Example", "Example Desk"]
    assert article.organizations[0].url == "https://example.net/desk"
    assert article.language == "und" and ("no-language", "") in issues
    assert article.published is None and ("invalid-date", "/datePublished") in issues  # a date without time or zone


def test_news_article_subtype_with_aliases_nested_nodes_source_and_rights():
    [article], issues, _ = read("opinion-subtype.jsonld")
    assert article.id == "https://paper.example/opinion/1"
    [claire] = article.people  # nested twice without @id: one person
    assert claire.aliases == ["C. C."] and article.author_ids == [claire.id]
    assert article.quotes[0].speaker_id == claire.id and article.quotes[0].text == "Cities must breathe"
    assert article.source.relation == "translated" and article.source.name == "Le Monde"
    assert article.rights.copyright_notice == "© Paper Ltd" and article.entity(article.rights.copyright_holder_id).name == "Paper Ltd"
    assert article.subjects[0].qcode == "medtop:06000000"
    assert {("unmapped-property", "/commentCount"), ("unmapped-node", "/about/0"), ("article-type", "/type"),
            ("unmapped-property", "/author/jobTitle")} <= issues


def test_node_objects_sharing_an_id_are_one_node():
    # WordPress/Yoast: the author inline with its @id and name, and in full in the @graph.
    [article], issues, report = read("yoast-split-nodes.jsonld")
    [jane] = article.people
    assert article.author_ids == [jane.id] and jane.name == "Jane Doe"
    assert jane.url == "https://news.example.org/author/jane/" and jane.same_as == ["https://twitter.com/jane"]
    publisher = article.entity(article.publisher_id)
    assert publisher.url == "https://news.example.org/"  # said only by the second description
    # A list is the union of the descriptions' values, each item reported where it is written.
    assert publisher.same_as == ["https://twitter.com/examplenews", "https://www.wikidata.org/wiki/Q2"]
    assert ("invalid-url", "/@graph/2/sameAs/2") in issues
    # Two different single values: the first (document order) is read, the other reported.
    assert publisher.name == "Example News" and ("conflicting-values", "/@graph/2/name") in issues
    assert not [i for i in report.issues if i.code == "unmapped-node"]  # both full nodes are read
    # Google's author checks see the merged node too: a typed Person with a url.
    google = {i.code for i in validate((DATA / "yoast-split-nodes.jsonld").read_bytes()).issues if i.code.startswith("google-author")}
    assert google == set()


def test_one_id_described_twice_is_one_article_and_one_quote():
    article_id = "https://news.example.org/a/2"
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "@id": article_id, "headline": "H", "inLanguage": "en", "identifier": "a-2",
         "hasPart": [{"@id": article_id + "#q1", "text": "We sail"}]},
        {"@type": "WebPage", "@id": "https://news.example.org/a/2/page",
         "mainEntity": {"@id": article_id, "@type": "NewsArticle", "dateline": "OSLO"}},
        {"@type": "Quotation", "@id": article_id + "#q1", "isPartOf": {"@id": article_id}, "creator": {"@type": "Person", "name": "Ola"}},
    ]}
    report = Report()
    [article] = jsonld.load_all(json.dumps(data), report=report)
    assert article.dateline == "OSLO"  # from the second description of the article
    [quote] = article.quotes
    assert quote.text == "We sail" and article.entity(quote.speaker_id).name == "Ola"


def test_a_page_sharing_the_articles_id_does_not_override_the_article():
    # Some sites give the WebPage and its NewsArticle one @id and list the page first.
    page_id = "https://ex.com/a"
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": page_id, "description": "Page teaser | Site", "datePublished": "2020-01-01T00:00:00Z",
         "keywords": ["site"]},
        {"@type": "NewsArticle", "@id": page_id, "headline": "H", "inLanguage": "en", "description": "Article summary",
         "datePublished": "2024-01-02T00:00:00Z", "keywords": ["news"], "mainEntityOfPage": {"@id": page_id}}]}
    report = Report()
    [article] = jsonld.load_all(json.dumps(data), report=report)
    assert article.description == "Article summary" and article.published.year == 2024
    assert article.keywords == ["news", "site"]  # a list is still the union, the article's values first
    conflicts = {i.location: i.message for i in report.issues if i.code == "conflicting-values"}
    assert set(conflicts) == {"/@graph/0/description", "/@graph/0/datePublished"}
    assert "/@graph/1/description is read" in conflicts["/@graph/0/description"]


def test_subject_without_a_qcode_is_reported_not_fatal():
    # schema.org's termCode is any code; the model's qcode is an IPTC-style QCode (scheme:code).
    about = [{"@type": "DefinedTerm", "termCode": "sport", "name": "Sport"},
             {"@type": "DefinedTerm", "termCode": "sport", "url": "https://example.org/topics/sport", "name": "Sport"},
             {"@type": "CategoryCode", "codeValue": 12, "name": ""},
             {"@type": "DefinedTerm", "termCode": "medtop:15000000", "name": "sport"}]
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "T", "inLanguage": "en", "about": about}
    report = Report()
    article = jsonld.load(json.dumps(data), report=report)
    assert article.headline == "T"
    assert [(s.qcode, s.uri, s.name) for s in article.subjects] == [
        (None, "https://example.org/topics/sport", "Sport"), ("medtop:15000000", None, "sport")]
    issues = {(i.code, i.location) for i in report.issues}
    assert {("unmapped-value", "/about/0/termCode"), ("unmapped-node", "/about/0"), ("unmapped-value", "/about/1/termCode"),
            ("unmapped-value", "/about/2/codeValue"), ("unmapped-value", "/about/2/name"), ("unmapped-node", "/about/2")} <= issues


@pytest.mark.parametrize("first,second", [("termCode", "codeValue"), ("codeValue", "termCode")])
def test_a_subject_code_that_is_not_a_qcode_never_removes_one_that_is(first, second):
    # A term may carry both schema.org's termCode and the older codeValue; only one is a QCode.
    about = [{"@type": "DefinedTerm", first: "medtop:04000000", second: "04000000"},
             {"@type": "DefinedTerm", first: "medtop:04000000", second: "medtop:15000000"}]
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "T", "inLanguage": "en", "about": about}
    report = Report()
    article = jsonld.load(json.dumps(data), report=report)
    assert [s.qcode for s in article.subjects] == ["medtop:04000000", "medtop:04000000"]  # the first valid QCode
    issues = {(i.code, i.location) for i in report.issues if i.location.startswith("/about")}
    assert issues == {("unmapped-value", f"/about/0/{second}"), ("extra-values", f"/about/1/{second}")}


def test_html_page_with_several_blocks():
    articles, issues, report = read("page-two-blocks.html")
    assert [a.headline for a in articles] == ["First story", "Second story"]
    [crumbs] = [i for i in report.issues if i.code == "unmapped-node"]
    assert crumbs.line == 7  # the page line of the BreadcrumbList block


def test_an_empty_script_block_is_skipped_with_its_line():
    page = (b'<!doctype html>\n<html><head>\n<script type="application/ld+json"></script>\n<script type="application/ld+json">\n \n</script>\n'
            b'<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"H"}</script>\n</head></html>')
    report = Report()
    [article] = jsonld.load_all(page, source="page.html", report=report)
    assert article.headline == "H"
    empty = [(i.severity, i.line, i.message) for i in report.issues if i.code == "empty-block"]
    assert empty == [("warning", 3, "the JSON-LD script block at line 3 is empty: skipped"),
                     ("warning", 4, "the JSON-LD script block at line 4 is empty: skipped")]


@pytest.mark.parametrize("name", FIXTURES)
def test_imported_articles_export_to_valid_json_ld(name):
    for article in read(name)[0]:
        data = jsonld.dump(article)
        assert validate(data).errors == []
        assert jsonld.load(data) == article


@pytest.mark.parametrize("name", FIXTURES)
def test_third_party_documents_validate_without_crashing(name):
    report = validate((DATA / name).read_bytes(), source=name)
    assert "schemaorg-vocabulary-30.0" in report.checked
    vocabulary_errors = [i for i in report.errors if i.validator == "schemaorg-vocabulary-30.0"]
    assert vocabulary_errors == []  # real-world markup: valid schema.org, not our profile


@pytest.mark.parametrize("context", ["http://schema.org", "https://schema.org", "http://schema.org/", "https://schema.org/",
                                     {"@vocab": "https://schema.org/"}, ["https://schema.org", {"@language": "en"}]])
def test_context_spellings(context):
    data = {"@context": context, "@type": "NewsArticle", "headline": "h", "inLanguage": "en", "identifier": "urn:x:1"}
    report = Report()
    assert jsonld.load(json.dumps(data), report=report).headline == "h"
    assert not [i for i in report.issues if i.code.startswith("context")]


def test_unknown_context_is_reported():
    data = {"@context": "https://example.org/ctx", "@type": "NewsArticle", "headline": "h", "inLanguage": "en", "identifier": "urn:x:1"}
    report = Report()
    jsonld.load(json.dumps(data), report=report)
    assert ("context-unknown", "/@context") in {(i.code, i.location) for i in report.issues}
    assert any(i.code == "context-unsupported" for i in validate(json.dumps(data).encode()).issues)
