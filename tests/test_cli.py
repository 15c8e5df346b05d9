"""The command line as a user meets it: detection from content, stdin/stdout, exit codes,
errors on stderr without tracebacks, help with examples, official checks in use."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsml_export.cli import main
from newsml_export.schemas import SCHEMA_DIR_ENV

from .conftest import EXAMPLE

TEXT = str(EXAMPLE / "article.txt")


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("out")
    result = run("convert", TEXT, "--to", "all", "-o", str(directory))
    assert result.exit_code == 0, result.output
    nitf = run("convert", TEXT, "--to", "newsml", "--body", "nitf", "-o", str(directory / "article.nitf.xml"))
    assert nitf.exit_code == 0, nitf.output
    return directory


def test_convert_all_writes_every_format(outputs):
    assert sorted(p.name for p in outputs.iterdir()) == ["article.html", "article.jsonld", "article.nitf.xml", "article.xml"]


def test_validate_uses_the_official_schemas(outputs):
    result = run("validate", "--format", "json", *(str(p) for p in sorted(outputs.iterdir())))
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    checked = {name: set(report["checked"]) for name, report in reports.items()}
    assert {"schemaorg-vocabulary-30.0", "jsonld-profile", "google-article"} <= checked[str(outputs / "article.jsonld")]
    assert {"newsml-g2-2.35-xsd", "newsml-g2-profile-xsd", "newsml-g2-rules"} <= checked[str(outputs / "article.xml")]
    assert "nitf-3.6-xsd" in checked[str(outputs / "article.nitf.xml")]
    for report in reports.values():
        assert report["errors"] == 0 and report["valid"] is True
        for issue in report["issues"]:
            assert set(issue) >= {"severity", "code", "message", "location"}


def test_without_official_schemas_validation_says_what_it_could_not_check(outputs, tmp_path, monkeypatch):
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(tmp_path / "nothing-installed"))
    result = run("validate", "--format", "json", str(outputs / "article.xml"), str(outputs / "article.jsonld"))
    assert result.exit_code == 0, result.output
    for report in json.loads(result.stdout).values():
        infos = [i for i in report["issues"] if i["severity"] == "info"]
        assert any("schemas install" in i["message"] for i in infos), infos
    assert "newsml-g2-2.35-xsd" not in json.loads(result.stdout)[str(outputs / "article.xml")]["checked"]


def test_validate_exit_codes(outputs, tmp_path):
    broken = tmp_path / "broken.jsonld"
    document = json.loads((outputs / "article.jsonld").read_text())
    document["@graph"][0]["headlin"] = document["@graph"][0].pop("headline")
    broken.write_text(json.dumps(document))
    assert run("validate", str(outputs / "article.jsonld")).exit_code == 0
    invalid = run("validate", str(broken), str(outputs / "article.jsonld"))
    assert invalid.exit_code == 1 and "did you mean 'headline'" in invalid.stdout
    assert run("validate").exit_code == 2
    assert run("validate", "--format", "yaml", str(broken)).exit_code == 2


def test_input_kind_is_detected_from_content_not_extension(outputs, tmp_path):
    disguised = tmp_path / "feed.txt"
    disguised.write_bytes((outputs / "article.xml").read_bytes())
    result = run("convert", str(disguised), "--to", "jsonld")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["@context"] == "https://schema.org"


def test_stdin_to_stdout(outputs):
    result = run("convert", "-", "--to", "newsml", input=(outputs / "article.jsonld").read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<?xml") and "urn:newsml:example.org:20220205:putin-china" in result.stdout


def test_user_errors_go_to_stderr_without_traceback(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<newsItem><unclosed></newsItem>")
    result = run("convert", str(bad), "--to", "jsonld")
    assert result.exit_code == 1 and result.stdout == ""
    assert "bad.xml" in result.stderr and "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<newsItem><unclosed></newsItem>")
    result = run("--debug", "convert", str(bad), "--to", "jsonld")
    assert result.exit_code != 0 and result.exception is not None


def test_no_partial_output_when_a_target_fails(tmp_path):
    undated = tmp_path / "undated.yaml"
    article = json.loads(run("ingest", TEXT).stdout)
    article.pop("published")
    undated.write_text(json.dumps(article))
    result = run("convert", str(undated), "--to", "all", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "versionCreated" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("command", ["inspect", "ingest", "extract", "convert", "validate", "roundtrip", "batch",
                                     "schemas install", "schemas list"])
def test_every_command_has_help_with_examples(command):
    result = run(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout, command


def test_roundtrip_of_the_seed_reports_no_change():
    result = run("roundtrip", TEXT)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["jsonld: no change", "newsml-xhtml: no change", "newsml-nitf: no change"]


def test_version_and_broken_pipe():
    command = [sys.executable, "-m", "newsml_export"]
    assert subprocess.run([*command, "--version"], capture_output=True, text=True, check=True).stdout.startswith("newsml-export, version")
    env = {**os.environ}
    piped = subprocess.run(f"{sys.executable} -m newsml_export convert {TEXT} --to newsml | head -c 10",
                           shell=True, capture_output=True, text=True, env=env)
    assert piped.stdout == "<?xml vers" and "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr
