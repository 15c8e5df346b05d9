"""The ingestion corpus in tests/data/ingest: scraped articles imitating real exports, each with
what a careful editor would keep, move and remove (``*.expected.yaml``). Traps are body text
that looks like page furniture and must stay."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsml_export import ingest

DATA = Path(__file__).parent / "data" / "ingest"
CASES = sorted(p.name[: -len(".expected.yaml")] for p in DATA.glob("*.expected.yaml"))


def expected(name: str) -> dict:
    return yaml.safe_load((DATA / f"{name}.expected.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_large_enough_and_has_traps():
    assert len(CASES) >= 30
    assert sum(1 for name in CASES if expected(name)["trap"]) >= 10
    assert {p.stem for p in DATA.glob("*.txt")} == set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_case(name):
    want = expected(name)
    article, report = ingest((DATA / f"{name}.txt").read_bytes(), source=name, language="en")
    assert article.headline == want["headline"]
    if "description" in want:
        assert article.description == want["description"]
    assert article.dateline == want.get("dateline")
    assert (article.source.name if article.source else None) == want.get("source")
    if "source_relation" in want:
        assert article.source.relation == want["source_relation"]
    if "credit_line" in want:
        assert article.credit_line == want["credit_line"]
    assert (article.rights.copyright_notice if article.rights else None) == want.get("copyright_notice")
    assert [b.text for b in article.body if b.kind == "heading"] == want["headings"]
    assert [b.text for b in article.body if b.kind == "blockquote"] == want.get("blockquotes", [])
    assert [c.text for c in report.removed] == want["removed"]
    assert [c.text for c in report.moved if c.rule.startswith("credit/")] == want.get("moved", [])
    body = [b.text for b in article.body]
    for text in want.get("kept", []):
        assert text in body
    if "first_paragraph" in want:
        assert body[0] == want["first_paragraph"]
    assert len(article.body) == want["body_blocks"], body
