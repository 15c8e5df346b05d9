"""Input limits (newsml_export/limits.py): one place, set from the library, the environment or
the command line, honoured by every reader, and an error that names the limit and how to
raise it."""

from __future__ import annotations

import json
import os
import threading

import pytest
from click.testing import CliRunner

from newsml_export import Limits, UnsafeInputError, use_limits
from newsml_export.batch import BatchOptions, Job, run_batch
from newsml_export.cli import main
from newsml_export.formats import jsonld, newsml_g2
from newsml_export.limits import ENV, current_limits, parse_limits
from newsml_export.readers import ingest, read_input
from newsml_export.readers.metadata import parse_document

@pytest.fixture(autouse=True)
def _environment():
    """The CLI writes its --limit into the environment (for batch workers), behind monkeypatch's
    back: put the variable back as it was after each test."""
    before = os.environ.pop(ENV, None)
    yield
    os.environ.pop(ENV, None)
    if before is not None:
        os.environ[ENV] = before


ARTICLE = {"id": "urn:x:1", "language": "en", "headline": "H", "published": "2024-01-01T00:00:00Z", "body": [{"text": "ok"}]}
ITEM = ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" version="1" standard="NewsML-G2" '
        'standardversion="2.35">{}</newsItem>')


def test_defaults_and_parsing():
    assert current_limits() == Limits() == Limits(text_bytes=4 << 20, document_bytes=10 << 20, html_bytes=20 << 20,
                                                  xml_bytes=50 << 20, depth=100)
    assert parse_limits(" xml_bytes=200MiB, depth=7,text_bytes=3k ,document_bytes=1G") == {
        "xml_bytes": 200 << 20, "depth": 7, "text_bytes": 3 << 10, "document_bytes": 1 << 30}
    for bad in ("depth", "nesting=3", "depth=x", "depth=-1"):
        with pytest.raises(ValueError):
            parse_limits(bad)
    with pytest.raises(ValueError, match="positive"):
        Limits(depth=0)


def test_use_limits_nests_restores_and_stays_in_its_thread():
    seen = []
    with use_limits(depth=5) as outer:
        assert current_limits().depth == 5 and outer.text_bytes == Limits().text_bytes
        with use_limits(Limits(text_bytes=9)):
            assert (current_limits().text_bytes, current_limits().depth) == (9, 100)
        assert current_limits().depth == 5
        thread = threading.Thread(target=lambda: seen.append(current_limits().depth))
        thread.start()
        thread.join()
    assert current_limits() == Limits() and seen == [100]


def test_the_environment_sets_them(monkeypatch):
    monkeypatch.setenv(ENV, "text_bytes=40")
    with pytest.raises(UnsafeInputError, match="text_bytes limit of 40 bytes"):
        ingest(b"x" * 41, source="a.txt")
    with use_limits(text_bytes=100):  # the library's choice wins
        assert ingest(b"Headline\n\n" + b"word " * 10, source="a.txt", language="en")[0].headline == "Headline"


SIZE_CASES = {
    "text_bytes": lambda n: ingest(b"Headline\n\n" + b"word " * n, source="in"),
    "document_bytes": lambda n: parse_document(json.dumps({**ARTICLE, "keywords": ["k"] * n}), "in", syntax="json"),
    "html_bytes": lambda n: jsonld.load(b"<html>" + b"<p>x</p>\n" * n + b"<script type='application/ld+json'>{}</script>",
                                        source="in"),
    "xml_bytes": lambda n: newsml_g2.load(ITEM.format("<x/>\n" * n), source="in"),
}


@pytest.mark.parametrize("name", sorted(SIZE_CASES))
def test_every_size_limit_is_honoured_and_named(name):
    with use_limits(**{name: 2000}), pytest.raises(UnsafeInputError) as caught:
        SIZE_CASES[name](1000)
    message = str(caught.value)
    assert message.startswith("in:") and f"over the {name} limit of 2,000 bytes" in message
    assert f"--limit {name}=N" in message and f"{ENV}={name}=N" in message and caught.value.line is not None
    with use_limits(**{name: 1 << 20}):  # raised, the same input is read
        try:
            SIZE_CASES[name](1000)
        except UnsafeInputError:
            pytest.fail("still refused after raising the limit")
        except Exception:  # noqa: BLE001 - e.g. the HTML page holds no article: not a limit
            pass


DEPTH_CASES = {
    "JSON": lambda d: parse_document('{"a": ' * d + "1" + "}" * d, "in", syntax="json"),
    "YAML": lambda d: parse_document("".join("  " * i + "a:\n" for i in range(d)) + "  " * d + "b: 1\n", "in", syntax="yaml"),
    "XML": lambda d: newsml_g2.load(ITEM.format("<a>" * d + "</a>" * d), source="in"),
}


@pytest.mark.parametrize("syntax", sorted(DEPTH_CASES))
def test_depth_is_honoured_in_json_yaml_and_xml(syntax):
    with use_limits(depth=10):
        try:
            DEPTH_CASES[syntax](5)  # within the limit: read (whether or not it is an article)
        except UnsafeInputError:
            pytest.fail("refused within the limit")
        except Exception:  # noqa: BLE001
            pass
        with pytest.raises(UnsafeInputError, match=f"{syntax} nested deeper than the depth limit of 10") as caught:
            DEPTH_CASES[syntax](20)
    assert caught.value.source == "in" and caught.value.line is not None
    with use_limits(depth=50):
        try:
            DEPTH_CASES[syntax](20)
        except UnsafeInputError:
            pytest.fail("still refused after raising the limit")
        except Exception:  # noqa: BLE001 - not an article, but read
            pass


def test_the_command_line_sets_them_for_the_run_and_its_workers(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    path = tmp_path / "a.json"
    path.write_text(json.dumps({**ARTICLE, "keywords": ["k"] * 50}))
    runner = CliRunner()
    result = runner.invoke(main, ["--limit", "document_bytes=200", "convert", str(path), "--to", "jsonld"])
    assert result.exit_code == 1 and "over the document_bytes limit of 200 bytes" in result.stderr
    monkeypatch.delenv(ENV, raising=False)
    assert runner.invoke(main, ["--limit", "depth=3", "convert", str(path), "--to", "jsonld"]).exit_code == 0
    monkeypatch.delenv(ENV, raising=False)
    result = runner.invoke(main, ["--limit", "nesting=3", "convert", str(path)])
    assert result.exit_code == 2 and "nesting=3" in result.stderr
    monkeypatch.setenv(ENV, "depth=zero")
    result = runner.invoke(main, ["convert", str(path)])
    assert result.exit_code == 2 and ENV in result.stderr
    # Batch workers are other processes: they read the limit from the environment.
    monkeypatch.setenv(ENV, "document_bytes=200")
    summary = run_batch([Job("a.json", path.read_bytes()), Job("b.json", json.dumps(ARTICLE).encode())], tmp_path / "out",
                        BatchOptions(targets=("jsonld",), jobs=2))
    assert (summary.converted, summary.failed) == (1, 1) and "document_bytes" in summary.failures[0]["message"]


def test_read_input_refuses_deep_jsonld_in_html_with_the_page_line():
    page = b"<html>\n<head>\n<script type='application/ld+json'>\n" + b"[" * 200 + b"]" * 200 + b"\n</script>"
    with pytest.raises(UnsafeInputError, match="depth limit of 100") as caught:
        read_input(page, source="page.html")
    assert caught.value.line == 4


def test_what_the_tool_makes_of_a_prose_text_within_its_limit_reads_back_under_the_default_limits():
    """A text just under ``text_bytes`` (prose with quotation marks and line breaks, which JSON
    escapes) gives a canonical article, JSON-LD, an HTML block and a NewsML-G2 item that the
    tool reads back as inputs under the same default limits: outputs must not be refused as
    too big by the tool that made them. Built from blocks (not read as text: the text reader
    is slow at this size, and the sizes are what is tested)."""
    from newsml_export.model import Article
    from newsml_export.pipeline import export

    limits = Limits()
    paragraph = 'The minister said: "We will act\\now." It rained; the "talks" go on. ' * 40
    count = limits.text_bytes // len(paragraph.encode()) - 1
    article = Article.model_validate({**ARTICLE, "body": [{"kind": "paragraph", "text": paragraph.strip()}] * count})
    assert limits.text_bytes * 0.99 < sum(len(b.text.encode()) for b in article.body) < limits.text_bytes
    canonical = article.model_dump_json(exclude_none=True).encode()
    assert len(canonical) <= limits.document_bytes
    assert parse_document(canonical, "article.json", syntax="json")
    for target, load in (("jsonld", jsonld.load), ("html", jsonld.load), ("newsml", newsml_g2.load)):
        data = export(article, target)
        assert load(data, source=f"article.{target}").body == article.body, target


def test_roundtrip_reads_its_own_outputs_whatever_the_input_limits():
    """A user who raised text_bytes for a long article must be able to round-trip it: the
    route's own outputs are not inputs (as the exporters' own validation)."""
    from newsml_export.model import Article
    from newsml_export.roundtrip import roundtrip

    article = Article.model_validate({**ARTICLE, "body": [{"kind": "paragraph", "text": "word " * 400 + "end"}] * 4})
    with use_limits(document_bytes=1000, html_bytes=1000, xml_bytes=1000):
        assert all(changes == [] for changes in roundtrip(article).values())


def test_nesting_past_the_parsers_own_bound_does_not_claim_the_limit_was_crossed():
    """With the depth limit raised past what a parser can nest (libxml2: 256; Python's JSON
    parser: its recursion limit), the error says so; "raise the limit" would not help."""
    from newsml_export.formats.newsml_g2.safe_xml import parse

    with use_limits(depth=100_000):
        for read, data in ((lambda d: parse_document(d, "deep.json", syntax="json"), b"[" * 5000 + b"]" * 5000),
                           (lambda d: parse(d, source="deep.xml"), b"<a>" * 300 + b"</a>" * 300)):
            with pytest.raises(UnsafeInputError, match="can read.*though within the depth limit of 100000") as raised:
                read(data)
            assert "raise it with" not in str(raised.value)
    with use_limits(depth=50), pytest.raises(UnsafeInputError, match="deeper than the depth limit of 50; raise it"):
        parse(b"<a>" * 60 + b"</a>" * 60, source="deep.xml")
