"""``validate`` on JSON-LD: the seed passes all three checks; broken documents each give the
expected issue code at the expected JSON pointer."""

import copy
import json

import pytest
from click.testing import CliRunner

from newsml_export.cli import main
from newsml_export.formats import jsonld
from newsml_export.schemas import SCHEMA_DIR_ENV
from newsml_export.validation import validate as validate_any
from newsml_export.validation.jsonld import validate

CHECKS = ["jsonld-profile", "schemaorg-vocabulary-30.0", "google-article"]


@pytest.fixture(scope="module")
def seed_document(seed_article):
    return jsonld.to_document(seed_article)


def test_seed_passes_all_three_checks(seed_article):
    for html in (False, True):
        report = validate(jsonld.dump(seed_article, html=html), source="seed")
        assert report.checked == CHECKS
        assert report.errors == [], report.render_text()
        codes = {i.code for i in report.warnings}
        assert {"pending", "google-image", "google-author"} <= codes  # Quotation is pending; the seed has no image or author


def test_dispatch_from_validation_package(seed_article):
    report = validate_any(jsonld.dump(seed_article), source="seed.jsonld")
    assert report.checked == CHECKS and report.ok


def test_without_vocabulary_the_check_says_so(seed_article, tmp_path, monkeypatch):
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(tmp_path / "empty"))
    report = validate(jsonld.dump(seed_article), source="seed")
    assert report.checked == ["jsonld-profile", "google-article"]
    [info] = [i for i in report.issues if i.code == "vocabulary-not-installed"]
    assert info.severity == "info" and "newsml-export schemas install" in info.message


def index(doc, fragment):
    return next(i for i, n in enumerate(doc["@graph"]) if n["@id"].endswith("#" + fragment) or n["@id"] == fragment)


def node(doc, fragment):
    return doc["@graph"][index(doc, fragment)]


def at(doc, fragment, *rest):
    return "/" + "/".join(["@graph", str(index(doc, fragment)), *map(str, rest)])


def _set(fragment, key, value):
    def mutate(doc):
        target = doc if fragment is None else node(doc, fragment)
        target[key] = value(doc) if callable(value) else value
    return mutate


A = "urn:newsml:example.org:20220205:putin-china"

BROKEN = {
    # name: (mutation, code, pointer)
    "http context": (_set(None, "@context", "http://schema.org"), "profile-const", lambda d: "/@context"),
    "no @graph": (lambda d: (d.update(d["@graph"][0]), d.pop("@graph")), "profile-required", lambda d: ""),
    "two articles": (lambda d: d["@graph"].append({**d["@graph"][0], "@id": "urn:other"}), "profile-maxContains", lambda d: "/@graph"),
    "comment": (_set(A, "comment", []), "profile-forbidden", lambda d: at(d, A, "comment")),
    "commentCount": (_set(A, "commentCount", 3), "profile-forbidden", lambda d: at(d, A, "commentCount")),
    "discussionUrl": (_set(A, "discussionUrl", "https://example.org/c"), "profile-forbidden", lambda d: at(d, A, "discussionUrl")),
    "naive date": (_set(A, "datePublished", "2022-02-05T12:00:00"), "profile-pattern", lambda d: at(d, A, "datePublished")),
    "author not an array": (_set(A, "author", {"@id": A + "#milov"}), "profile-type", lambda d: at(d, A, "author")),
    "dangling author": (_set(A, "author", [{"@id": A + "#nobody"}]), "profile-dangling-reference", lambda d: at(d, A, "author", 0)),
    "no headline": (lambda d: d["@graph"][0].pop("headline"), "profile-required", lambda d: at(d, A)),
    "image not in profile": (_set(A, "image", "https://example.org/a.jpg"), "profile-unexpected-property", lambda d: at(d, A, "image")),
    "misspelt property": (_set(A, "headlin", "x"), "unknown-property", lambda d: at(d, A, "headlin")),
    "misspelt type": (_set("milov", "@type", "Persn"), "unknown-type", lambda d: at(d, "milov", "@type")),
    "misspelt quote property": (lambda d: node(d, "q-master").update(txt=node(d, "q-master").pop("text")), "unknown-property", lambda d: at(d, "q-master", "txt")),
    "keyword-like key": (_set(A, "@tpye", "NewsArticle"), "dropped", lambda d: at(d, A, "@tpye")),
    "property on the wrong type": (_set("milov", "dateline", "MOSCOW"), "domain", lambda d: at(d, "milov", "dateline")),
    "text where a number is expected": (_set(A, "wordCount", "many"), "range", lambda d: at(d, A, "wordCount")),
    "node where text is expected": (_set(A, "headline", {"@type": "Person", "name": "x"}), "range", lambda d: at(d, A, "headline")),
    "reference of the wrong type": (_set(A, "sourceOrganization", {"@id": A + "#moscow"}), "range", lambda d: at(d, A, "sourceOrganization")),
    "place that is a person": (_set(A, "locationCreated", {"@id": A + "#putin"}), "range", lambda d: at(d, A, "locationCreated")),
    "not a date": (_set(A, "dateModified", "yesterday"), "range", lambda d: at(d, A, "dateModified")),
    "superseded term": (_set(A, "isBasedOnUrl", "https://www.stern.de/"), "superseded", lambda d: at(d, A, "isBasedOnUrl")),
    "foreign term": (_set(A, "http://example.org/custom", 1), "foreign", lambda d: at(d, A, "http:~1~1example.org~1custom")),
    "author without url": (lambda d: (node(d, "navalny").pop("sameAs"), _set(A, "author", [{"@id": A + "#navalny"}])(d)),
                           "google-author-url", lambda d: at(d, "navalny")),
    "naive date for Google": (_set(A, "datePublished", "2022-02-05"), "google-date-timezone", lambda d: at(d, A, "datePublished")),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_broken_document(seed_document, case):
    mutate, code, where = case
    doc = copy.deepcopy(seed_document)
    mutate(doc)
    report = validate(json.dumps(doc).encode(), source="broken.jsonld")
    found = {(i.code, i.location) for i in report.issues}
    assert (code, where(doc)) in found, report.render_text()


def test_unknown_terms_come_with_a_suggestion(seed_document):
    doc = copy.deepcopy(seed_document)
    doc["@graph"][0]["headlin"] = "x"
    text = json.dumps(doc, indent=2)
    [issue] = [i for i in validate(text.encode()).issues if i.code == "unknown-property"]
    assert issue.severity == "error" and "did you mean 'headline'?" in issue.message
    assert issue.line == text[: text.index('"headlin"')].count("\n") + 1


def test_third_party_vocabulary_issues_without_graph():
    doc = {"@context": "http://schema.org/", "@type": "BlogPosting", "headline": "h", "athor": "Ann", "author": "Ann"}
    report = validate(json.dumps(doc).encode())
    codes = {(i.code, i.location) for i in report.issues}
    assert ("unknown-property", "/athor") in codes and ("range-text", "/author") in codes


def test_html_syntax_error_is_reported_not_raised():
    report = validate(b'<html><script type="application/ld+json">{"@type": }</script></html>', source="p.html")
    assert not report.ok and report.issues[0].code == "syntax"


def test_cli_validate_exit_codes(seed_article, tmp_path, seed_document):
    good, bad = tmp_path / "good.jsonld", tmp_path / "bad.jsonld"
    good.write_bytes(jsonld.dump(seed_article))
    doc = copy.deepcopy(seed_document)
    doc["@graph"][0]["headlin"] = "x"
    bad.write_text(json.dumps(doc))
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(good)])
    assert result.exit_code == 0 and "valid (jsonld-profile, schemaorg-vocabulary-30.0, google-article; 0 errors" in result.stdout
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1 and "did you mean 'headline'?" in result.stdout
