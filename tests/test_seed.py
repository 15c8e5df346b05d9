import json

from click.testing import CliRunner

from newsml_export.cli import main

from .conftest import EXAMPLE, SEED


def test_seed_is_byte_identical_to_shared(shared):
    assert SEED.read_bytes() == (shared / "seeds" / SEED.name).read_bytes()


def test_example_text_is_the_seed():
    assert (EXAMPLE / "article.txt").read_bytes() == SEED.read_bytes()


def test_seed_example_loads(seed_article):
    assert seed_article.id == "urn:newsml:example.org:20220205:putin-china"
    assert seed_article.source.name == "Stern" and seed_article.source.relation == "translated"
    milov = seed_article.entity("milov")
    assert "Milow" in milov.aliases and "comrade-in-arms" in milov.description
    assert {q.speaker_id for q in seed_article.quotes if q.voice == "speaker"} == {"milov"}


def test_inspect_prints_headline_once_speaker_and_quote_count(seed_article):
    result = CliRunner().invoke(main, ["inspect", str(EXAMPLE / "article.txt")])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Vladimir Putin forges alliance with China") == 1
    assert "Vladimir Milov (11 quotes)" in result.stdout
    assert f"quotes:    {len(seed_article.quotes)}" in result.stdout


def test_inspect_json(seed_article):
    result = CliRunner().invoke(main, ["inspect", str(EXAMPLE / "article.txt"), "--format", "json"])
    summary = json.loads(result.stdout)
    assert summary["quotes"] == 13 and summary["voices"] == {"document": 1, "speaker": 11, "generic": 1}
