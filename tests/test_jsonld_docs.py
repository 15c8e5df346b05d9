"""docs/mapping.md is generated from the one mapping table; docs/fidelity.md lists every loss,
and each listed loss is proven here."""

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from newsml_export.formats import _jsonld_dump, _jsonld_load, jsonld
from newsml_export.formats._jsonld_table import TABLES, mapping_markdown
from newsml_export.model import Article, Block, Rights
from newsml_export.validation.jsonld import validate
from newsml_export.validation.report import Report

from .conftest import ROOT


def test_mapping_doc_holds_the_generated_table():
    text = (ROOT / "docs" / "mapping.md").read_text(encoding="utf-8")
    start = text.index("-->\n", text.index("<!-- jsonld-table:start")) + len("-->\n")
    end = text.index("<!-- jsonld-table:end -->")
    assert text[start:end] == mapping_markdown(), "regenerate with: python -m newsml_export.formats._jsonld_table"


def test_every_encoding_has_a_writer_and_a_reader():
    encodings = {row.encoding for _title, rows in TABLES for row in rows}
    assert encodings <= set(_jsonld_dump.ENCODERS) and encodings <= set(_jsonld_load.DECODERS)


def test_every_model_field_is_in_the_table():
    mapped = " ".join(row.field for _title, rows in TABLES for row in rows)
    for name in Article.model_fields:
        assert name in mapped, name


def test_fidelity_doc_names_a_test_that_exists_for_each_loss():
    import re

    text = (ROOT / "docs" / "fidelity.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^def (test_\w+)", "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")), re.M))
    named = set(re.findall(r"\b(test_\w+)", text)) - {name for name in re.findall(r"\b(test_\w+)\.py", text)}
    assert named, "docs/fidelity.md names no tests"
    assert named <= defined, sorted(named - defined)


def _article(**fields):
    return Article(id="urn:x:1", language="en", headline="h", **fields)


def test_loss_empty_rights():
    assert jsonld.load(jsonld.dump(_article(rights=Rights()))).rights is None


def test_loss_named_time_zone():
    original = _article(published=datetime(2022, 2, 5, 12, tzinfo=ZoneInfo("Europe/Berlin")))
    back = jsonld.load(jsonld.dump(original))
    assert back == original and back.published.utcoffset() == timedelta(hours=1)
    assert back.published.tzinfo != original.published.tzinfo


def test_loss_offset_with_seconds():
    original = _article(published=datetime(1890, 1, 1, tzinfo=timezone(timedelta(minutes=53, seconds=28))))
    data = jsonld.dump(original)
    assert json.loads(data)["@graph"][0]["datePublished"] == "1889-12-31T23:06:32Z"
    assert jsonld.load(data) == original and validate(data).errors == []


def test_word_count_is_derived():
    data = json.loads(jsonld.dump(_article(body=[Block(text="three words here")])))
    assert data["@graph"][0]["wordCount"] == 3
    data["@graph"][0]["wordCount"] = 99
    report = Report()
    assert jsonld.load(json.dumps(data), report=report).word_count == 3 and report.issues == []


def test_import_losses_are_reported():
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://x.example/#site", "name": "Site"},
            {"@type": "ReportageNewsArticle", "@id": "https://x.example/a#article", "headline": "h",
             "image": "https://x.example/i.jpg", "datePublished": "2024-01-02", "keywords": "a, b",
             "author": [{"@type": "Person", "name": "Jane Reporter", "jobTitle": "Reporter", "url": "/jane"}],
             "publisher": [{"@type": "Organization", "name": "P1"}, {"@type": "Organization", "name": "P2"}],
             "about": [{"@type": "Thing", "name": "stuff"}], "mentions": "someone"},
        ],
    }
    report = Report()
    article = jsonld.load(json.dumps(document), report=report)
    found = {(i.code, i.location) for i in report.issues}
    assert {
        ("unmapped-node", "/@graph/0"), ("article-type", "/@graph/1/@type"), ("unmapped-property", "/@graph/1/image"),
        ("invalid-date", "/@graph/1/datePublished"), ("unmapped-property", "/@graph/1/author/0/jobTitle"),
        ("invalid-url", "/@graph/1/author/0/url"), ("extra-values", "/@graph/1/publisher"),
        ("unmapped-node", "/@graph/1/about/0"), ("unmapped-value", "/@graph/1/mentions"),
        ("no-language", "/@graph/1"), ("id-from-node", "/@graph/1"),
    } <= found
    assert article.id == "https://x.example/a#article" and article.language == "und"
    assert article.keywords == ["a", "b"] and article.author_ids == ["jane-reporter"]
    assert article.entity(article.publisher_id).name == "P1"
    assert [o.name for o in article.organizations] == ["P1"]
