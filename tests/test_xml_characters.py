"""Characters XML 1.0 forbids: one rule on every path (newsml_export/xmlchars.py). They are
refused, never replaced, with the input, the line, the field and the position; the wording is
the same everywhere ("character U+000B ... is not allowed: XML 1.0 cannot carry it")."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from newsml_export import ArticleError, DecodeError, ExportError, ingest
from newsml_export.batch import BatchOptions, Job, run_batch
from newsml_export.cli import main
from newsml_export.formats import jsonld, newsml_g2
from newsml_export.model import Article
from newsml_export.readers import read_input
from newsml_export.readers.metadata import parse_document

RULE = "is not allowed: XML 1.0 cannot carry it"
TEXT = b"A headline\n\nThe first paragraph of the article.\n\nThe se\x0bcond one, with more words in it.\n"
ARTICLE = {"id": "urn:x:1", "language": "en", "headline": "H", "published": "2024-01-01T00:00:00Z", "body": [{"text": "ok"}]}
ITEM = ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" version="1" standard="NewsML-G2" '
        'standardversion="2.35">\n<contentMeta>\n<headline>{}</headline></contentMeta></newsItem>')


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"])
def test_scraped_text_names_line_and_column(char):
    data = TEXT.replace(b"\x0b", char.encode("utf-8"))
    with pytest.raises(DecodeError, match=f"U\\+{ord(char):04X} at column 7 {RULE}") as caught:
        ingest(data, source="a.txt")
    assert (caught.value.source, caught.value.line, caught.value.column) == ("a.txt", 5, 7)


def test_scraped_text_as_str_with_a_lone_surrogate():
    with pytest.raises(DecodeError, match=f"U\\+D800 at column 3 {RULE}") as caught:
        ingest("Head\n\nab\ud800c", source="s.txt")
    assert caught.value.line == 3


@pytest.mark.parametrize("data, syntax, line, path", [
    (b"id: x\nheadline: a\x0bb\n", "yaml", 2, None),                     # raw, in YAML
    (b'id: x\nheadline: "a\\vb"\n', "yaml", 2, "headline"),              # escaped, in YAML
    (b'id: x\nkeywords: ["ok", "\\x0c"]\n', "yaml", 2, "keywords[1]"),
    (b'{"id": "x",\n "headline": "a\\u000bb"}', "json", 2, "headline"),  # escaped, in JSON
    (b'{"id": "x",\n "people": [{"id": "p", "name": "\\ud800"}]}', "json", 2, "people[0].name"),
    (b'{"id": "x",\n "a\\u0001": 1}', "json", 1, "(the document)"),      # in a key
])
def test_sidecars_and_canonical_documents(data, syntax, line, path):
    with pytest.raises(DecodeError, match=RULE) as caught:
        parse_document(data, f"meta.{syntax}", syntax=syntax)
    assert (caught.value.source, caught.value.line, caught.value.path) == (f"meta.{syntax}", line, path)
    with pytest.raises(DecodeError, match=RULE):
        read_input(data, source=f"article.{syntax}", kind="article")


def test_jsonld_and_html_blocks_name_the_input_line():
    document = {"@context": "https://schema.org", "@type": "NewsArticle", "identifier": "urn:x:1", "inLanguage": "en",
                "headline": "a\x08b"}
    text = json.dumps(document, indent=1)
    with pytest.raises(DecodeError, match=f"U\\+0008 at position 1 {RULE}") as caught:
        jsonld.load(text, source="a.jsonld")
    assert (caught.value.line, caught.value.path) == (6, "headline")
    page = "<html>\n<head>\n<script type='application/ld+json'>\n" + text + "\n</script></head></html>"
    with pytest.raises(DecodeError, match=RULE) as caught:
        jsonld.load(page.encode(), source="page.html")
    assert (caught.value.source, caught.value.line, caught.value.path) == ("page.html", 9, "headline")


@pytest.mark.parametrize("headline, char", [("a&#11;b", "000B"), ("a\x0bb", "000B"), ("a&#xFFFE;b", "FFFE"), ("a\ufffeb", "FFFE"),
                                            ("&#0;", "0000")])
def test_newsml_g2_input(headline, char):
    data = ITEM.format(headline).encode("utf-8")
    with pytest.raises(DecodeError, match=f"U\\+{char} at column \\d+ {RULE}") as caught:
        newsml_g2.load(data, source="item.xml")
    assert (caught.value.source, caught.value.line) == ("item.xml", 3)


def test_the_model_refuses_them_in_every_string():
    with pytest.raises(ValidationError) as caught:
        Article.model_validate({**ARTICLE, "keywords": ["ok", "a\x0cb"], "body": [{"text": "x\x00"}]})
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [(("body", 0, "text"), "xml_char")]
    assert RULE in caught.value.errors()[0]["msg"] and "position 1" in caught.value.errors()[0]["msg"]
    with pytest.raises(ArticleError) as caught:  # fields given as data (ingest's metadata) go through the model too
        ingest(TEXT.replace(b"\x0b", b""), source="a.txt", metadata={"headline": "bad\x01"})
    assert caught.value.issues[0].location == "headline" and RULE in caught.value.issues[0].message


@pytest.mark.parametrize("update, where", [
    ({"headline": "bad\x01"}, r"headline: character U\+0001 at position 3"),
    ({"keywords": ["ok", "\ufffe"]}, r"keywords\[1\]: character U\+FFFE at position 0"),
])
def test_both_exporters_refuse_an_article_that_skipped_validation(update, where):
    article = Article.model_validate(ARTICLE).model_copy(update=update)  # model_copy does not validate
    messages = []
    for dump in (jsonld.dump, lambda a: jsonld.dump(a, html=True), newsml_g2.dump):
        with pytest.raises(ExportError, match=where) as caught:
            dump(article)
        messages.append(str(caught.value))
    assert len(set(messages)) == 1 and RULE in messages[0]  # the same words from both formats


def test_cli_and_batch(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.replace(b"\x0b", b""))
    (tmp_path / "a.meta.yaml").write_bytes(b'id: urn:x:1\nlanguage: en\ncredit_line: "dpa\\x1f"\n')
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "a.txt")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'a.meta.yaml'}:3: credit_line: character U+001F at position 3 {RULE}")
    bad = json.dumps({**ARTICLE, "headline": "a\x0bb"}, indent=1).encode()
    path = tmp_path / "bad.json"
    path.write_bytes(bad)
    out = tmp_path / "bad.jsonld"
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "jsonld", "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr == f"error: {path}:4: headline: character U+000B at position 1 {RULE} (remove it from the input)\n"
    summary = run_batch([Job("bad.json", bad), Job("good.json", json.dumps(ARTICLE).encode())], tmp_path / "out",
                        BatchOptions(targets=("jsonld", "newsml"), jobs=1))
    assert (summary.converted, summary.failed) == (1, 1)
    assert RULE in summary.failures[0]["message"] and summary.failures[0]["file"] == "bad.json"
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == \
        ["errors.jsonl", "good.jsonld", "good.xml"]


def test_what_xml_allows_passes_every_path():
    text = "tab\there, line\nfeed, NEL \u0085, DEL \x7f, U+FDD0 \ufdd0, astral \U0010fffd \U0001f600, bidi \u202e"
    article = Article.model_validate({**ARTICLE, "headline": text, "body": [{"text": text}]})
    assert jsonld.load(jsonld.dump(article)) == article
    assert jsonld.load(jsonld.dump(article, html=True)) == article
    assert newsml_g2.load(newsml_g2.dump(article)) == article
