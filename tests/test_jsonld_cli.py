"""`convert --to jsonld | html` and `validate` on JSON-LD, through the command line."""

import json

from click.testing import CliRunner

from newsml_export.cli import main
from newsml_export.formats import jsonld

from .conftest import EXAMPLE
from .test_jsonld_import import DATA


def test_convert_to_jsonld_writes_the_seed_article(seed_article):
    result = CliRunner().invoke(main, ["convert", str(EXAMPLE / "article.txt"), "--to", "jsonld"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == jsonld.dump(seed_article)


def test_convert_to_html_then_back(seed_article, tmp_path):
    out = tmp_path / "seed.html"
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(EXAMPLE / "article.txt"), "--to", "html", "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b'<script type="application/ld+json">')
    result = runner.invoke(main, ["validate", str(out)])
    assert result.exit_code == 0 and ": valid (" in result.stdout
    back = runner.invoke(main, ["convert", str(out), "--to", "jsonld"])
    assert back.exit_code == 0 and jsonld.load(back.stdout_bytes) == seed_article


def test_convert_third_party_shows_what_was_not_mapped():
    result = CliRunner().invoke(main, ["convert", str(DATA / "single-node-http.jsonld"), "--to", "jsonld"])
    assert result.exit_code == 0
    assert "/image: warning: 'image' has no place in the article model" in result.stderr
    assert json.loads(result.stdout)["@graph"][0]["headline"] == "Storm hits the coast"


def test_convert_keeps_an_article_whose_subject_has_no_qcode(tmp_path):
    path = tmp_path / "dt.jsonld"
    path.write_text(json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "T", "inLanguage": "en",
                                "about": [{"@type": "DefinedTerm", "termCode": "sport", "name": "Sport"}]}))
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "jsonld"])
    assert result.exit_code == 0, result.output
    assert "/about/0/termCode: warning: termCode 'sport' is not a QCode" in result.stderr
    assert json.loads(result.stdout)["@graph"][0]["headline"] == "T"


def test_convert_malformed_json_ld_is_one_error_line(tmp_path):
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "https://schema.org",\n "@type": "NewsArticle",,}')
    out = tmp_path / "out.jsonld"
    result = CliRunner().invoke(main, ["convert", str(bad), "--to", "jsonld", "-o", str(out)])
    assert result.exit_code == 1 and result.stderr.startswith(f"error: {bad}:2:") and "Traceback" not in result.output
    assert not out.exists()


def test_validate_json_format_reports_checks(seed_article, tmp_path):
    path = tmp_path / "a.jsonld"
    path.write_bytes(jsonld.dump(seed_article))
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    report = json.loads(result.stdout)[str(path)]
    assert report["valid"] and report["checked"] == ["jsonld-profile", "schemaorg-vocabulary-30.0", "google-article"]


def test_validate_reports_an_empty_script_block_at_its_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!doctype html>\n<html><head>\n<script type="application/ld+json"></script>\n</head></html>')
    result = CliRunner().invoke(main, ["validate", str(page)])
    assert result.exit_code == 1
    assert f"{page}:3: warning: the JSON-LD script block at line 3 is empty: skipped [jsonld/empty-block]" in result.stdout
    assert "no <script type=\"application/ld+json\"> block with data in the page [jsonld/no-jsonld]" in result.stdout
    assert "the file is empty" not in result.output
