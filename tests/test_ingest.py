"""Ingestion of scraped text: the seed's must-shows, decoding and hygiene, sidecar precedence,
defaults, and the ``ingest`` command."""

from __future__ import annotations

import codecs
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from newsml_export import ArticleError, DecodeError, IngestReport, InputError, ingest, ingest_file, load_article
from newsml_export.cli import main
from newsml_export.readers.text import decode, split_paragraphs

from .conftest import EXAMPLE, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_PARAGRAPHS = split_paragraphs(SEED_TEXT)
HEADLINE = "Vladimir Putin forges alliance with China – a dangerous fraternization"
FURNITURE = ["Leave a Reply", "Your email address will not be published. Required fields are marked *", "Latest Posts"]


@pytest.fixture(scope="module")
def seed():
    return ingest_file(SEED, language="en")


def test_seed_headline_once(seed):
    article, report = seed
    assert article.headline == HEADLINE
    assert HEADLINE not in [b.text for b in article.body]
    assert [c.rule for c in report.removed if c.text == HEADLINE] == ["structure/duplicate-headline"]


def test_seed_two_sub_headings_one_a_quotation(seed):
    article, _ = seed
    assert [b.text for b in article.body if b.kind == "heading"] == [
        "What Vladimir Putin had to offer China",
        "“It is a very tragic result of all these decades”",
    ]


def test_seed_source_is_stern_and_out_of_the_body(seed):
    article, report = seed
    assert article.source.name == "Stern" and article.credit_line == "Stern"
    assert not any("Source: Stern" in b.text for b in article.body)
    assert [(c.rule, c.action) for c in report if c.text == "Source: Stern"] == [("credit/source", "moved")]


def test_seed_furniture_gone_and_reported(seed):
    article, report = seed
    body = article.body_text
    for text in FURNITURE:
        assert text not in body
    assert [(c.text, c.line) for c in report.removed if c.rule != "structure/duplicate-headline"] == list(
        zip(FURNITURE, (37, 39, 41))
    )


def test_seed_every_other_paragraph_word_for_word(seed):
    article, _ = seed
    accounted = {HEADLINE, "Source: Stern", *FURNITURE}
    lede = SEED_PARAGRAPHS[2]
    assert article.description == lede
    expected_body = [p for p in SEED_PARAGRAPHS if p not in accounted and p != lede]
    assert [b.text for b in article.body] == expected_body
    assert len(expected_body) == 14


def test_seed_with_its_sidecar_has_no_disagreement():
    article, report = ingest_file(EXAMPLE / "article.txt")
    assert article.id == "urn:newsml:example.org:20220205:putin-china"
    assert report.by_action("overridden") == [] and report.by_action("defaulted") == []
    assert load_article(EXAMPLE / "article.txt") == article


@pytest.mark.parametrize("said", [
    "The minister said: “We must act.”",                # English
    "Der Minister sagte: „Wir müssen handeln.“",        # German
    "Der Minister sagte: »Wir müssen handeln.«",        # German books
    "Le ministre a déclaré : « Nous devons agir. »",    # French, spaced
    "Ministern sa: ”Vi måste agera.”",                  # Swedish
    "The minister said: 'We must act.'",                # ASCII
    "The minister said: “We must act!”",
])
def test_a_short_attributed_quote_ending_a_sentence_is_a_paragraph(said):
    text = f"Headline here\n\nThe government is planning a new tax, it emerged on Monday.\n\n{said}\n\nNo details yet.\n"
    article, report = ingest(text, language="en")
    assert [(b.kind, b.text) for b in article.body] == [("paragraph", said), ("paragraph", "No details yet.")]
    assert not [c for c in report if c.rule == "structure/heading"]


@pytest.mark.parametrize("heading", ["“We must act”", "„Wir müssen handeln!“", "« Nous devons agir »", "What next?"])
def test_a_whole_quotation_without_a_full_stop_may_be_a_heading(heading):
    text = f"Headline here\n\nThe government is planning a new tax, it emerged on Monday.\n\n{heading}\n\nNo details yet.\n"
    article, _ = ingest(text, language="en")
    assert [b.kind for b in article.body] == ["heading", "paragraph"]


# -- decoding and hygiene ---------------------------------------------------------------------

ARTICLE = "Headline “quoted”\n\nFirst paragraph of the article, long enough to be a paragraph.\n\nSecond one.\n"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom"])
def test_encodings_read_alike(encode):
    article, _ = ingest(encode(ARTICLE), language="en")
    assert article.headline == "Headline “quoted”"
    assert [b.text for b in article.body] == ["First paragraph of the article, long enough to be a paragraph.", "Second one."]


def test_the_default_id_does_not_depend_on_the_encoding():
    a, _ = ingest(ARTICLE.encode("utf-8"))
    b, _ = ingest(codecs.BOM_UTF16_LE + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"))
    assert a.id == b.id and a.id.startswith("urn:newsml:localhost:")
    c, _ = ingest(ARTICLE.replace("Second", "Third").encode("utf-8"))
    assert c.id != a.id


def test_latin1_bytes_are_a_clear_error_with_position_and_hint():
    data = "Überschrift\n\nDer Bär läuft.\n".encode("cp1252")
    with pytest.raises(DecodeError) as info:
        ingest(data, source="a.txt")
    assert info.value.line == 1 and info.value.column == 1
    # The message holds for every reader (convert cannot name an encoding); the likely one is data.
    assert "byte 0xdc" in str(info.value) and "cp1252" in str(info.value) and "convert it to UTF-8" in str(info.value)
    assert "--encoding" not in str(info.value) and info.value.encoding == "cp1252"
    article, report = ingest(data, source="a.txt", encoding=info.value.encoding)
    assert article.headline == "Überschrift"
    assert [c.rule for c in report if c.action == "normalised"] == ["hygiene/encoding"]


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (b"\x00\x01\x02\x03binary\x00junk", "NUL bytes"),
    ("Headline\n\nText.".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "HTML, not plain article text"),
    (bytes(range(1, 9)) * 40, "control bytes"),
])
def test_binary_input_is_refused_with_a_reason(data, message):
    with pytest.raises(DecodeError, match=message):
        ingest(data, source="x.bin")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_names_its_byte_order_as_data(codec):
    with pytest.raises(DecodeError) as info:
        ingest("Headline\n\nText of the article.".encode(codec), source="x.txt")
    assert info.value.encoding == codec and "--encoding" not in str(info.value)
    article, _ = ingest("Headline\n\nText of the article.".encode(codec), encoding=info.value.encoding)
    assert article.headline == "Headline"


def test_bytes_that_are_not_the_named_encoding_say_so():
    with pytest.raises(DecodeError, match="not UTF-8 text .*name its real encoding") as info:
        ingest(b"caf\xe9", encoding="utf-8")
    assert info.value.encoding is None


def test_hygiene_nfc_whitespace_invisible_and_quotes_kept():
    text = "Cafe\u0301 news\n\n“A quote,” she said\u00a0–\u200b and ‚low‘ «guillemets»   \ttoo.\n\nMore text here.\n\nAnd more.\n"
    article, report = ingest(text, language="en")
    assert article.headline == "Café news"
    assert article.description == "“A quote,” she said – and ‚low‘ «guillemets» too."
    assert {c.rule for c in report if c.action == "normalised"} == {"hygiene/nfc", "hygiene/invisible", "hygiene/whitespace"}


def test_crlf_and_bom_are_reported():
    _, report = ingest(codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode("utf-8"), language="en")
    assert {c.rule for c in report if c.action == "normalised"} == {"hygiene/bom", "hygiene/line-ends"}


def test_decode_counts_line_ends():
    assert decode(b"a\r\nb\rc\n", "x").line_ends == 2


# -- sidecar, defaults ------------------------------------------------------------------------


def test_sidecar_wins_and_the_report_says_where_it_disagrees():
    article, report = ingest(SEED_TEXT, metadata={"id": "urn:x:1", "language": "en", "headline": "Another headline",
                                                  "source": {"name": "Der Stern"}})
    assert article.headline == "Another headline" and article.source.name == "Der Stern"
    overridden = {c.field: c for c in report.by_action("overridden")}
    assert set(overridden) == {"headline", "source"}
    assert overridden["headline"].text == HEADLINE and "Another headline" in overridden["headline"].note


def test_sidecar_that_agrees_is_no_override():
    _, report = ingest(SEED_TEXT, metadata={"id": "urn:x:1", "language": "en", "headline": HEADLINE.upper(), "credit_line": "Stern"})
    assert report.by_action("overridden") == []


def test_defaults_are_reported_and_options_fill_in():
    article, report = ingest(ARTICLE)
    assert article.language == "und"
    assert {c.field for c in report.by_action("defaulted")} == {"id", "language"}
    article, report = ingest(ARTICLE, id="urn:x:7", language="de")
    assert (article.id, article.language) == ("urn:x:7", "de") and report.by_action("defaulted") == []
    article, _ = ingest(ARTICLE, metadata={"id": "urn:x:8", "language": "fr"}, id="urn:x:7", language="de")
    assert (article.id, article.language) == ("urn:x:8", "fr")


def test_report_renders_and_serialises(seed):
    _, report = seed
    assert isinstance(report, IngestReport)
    data = report.to_dict()
    assert data["source"] == str(SEED) and {"rule", "action", "text"} <= set(data["changes"][0])
    assert "line 37: removed [comments/leave-a-reply]: 'Leave a Reply'" in report.render_text()


# -- the command ------------------------------------------------------------------------------


def test_cli_ingest_prints_the_article():
    result = CliRunner().invoke(main, ["ingest", str(SEED), "--language", "en"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    assert article["headline"] == HEADLINE and article["source"]["name"] == "Stern"
    assert "Leave a Reply" not in result.stdout


def test_cli_ingest_report():
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE / "article.txt"), "--report"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["article"]["id"] == "urn:newsml:example.org:20220205:putin-china"
    removed = [c["text"] for c in out["report"]["changes"] if c["action"] == "removed"]
    assert FURNITURE[0] in removed and FURNITURE[2] in removed


def test_cli_no_meta_ignores_the_sidecar():
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE / "article.txt"), "--no-meta", "--id", "urn:x:9"])
    assert json.loads(result.stdout)["id"] == "urn:x:9"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE / "article.txt"), "--no-meta", "--meta", "x.yaml"])
    assert result.exit_code == 2


def test_cli_binary_file_is_one_clear_line(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = CliRunner().invoke(main, ["ingest", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == f"error: {path}:1: binary data, not article text (this is a PNG image)"


def test_cli_unknown_encoding_is_a_usage_error():
    result = CliRunner().invoke(main, ["ingest", str(SEED), "--encoding", "klingon"])
    assert result.exit_code == 2 and "unknown encoding" in result.stderr


@pytest.mark.parametrize("command", [["convert", "--to", "jsonld"], ["validate"], ["inspect"]])
def test_cli_cp1252_error_names_no_option_the_command_lacks(tmp_path, command):
    path = tmp_path / "old.txt"
    path.write_bytes("Überschrift\n\nDer Bär läuft.\n".encode("cp1252"))
    result = CliRunner().invoke(main, [command[0], str(path), *command[1:]])
    assert result.exit_code == 1
    assert "cp1252" in result.output and "convert it to UTF-8" in result.output and "--encoding" not in result.output


def test_cli_cp1252_error_in_ingest_offers_its_encoding_option(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Überschrift\n\nDer Bär läuft.\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["ingest", str(path), "--language", "de"])
    assert result.exit_code == 1 and "(or read it as it is: --encoding cp1252)" in result.output
    read = CliRunner().invoke(main, ["ingest", str(path), "--language", "de", "--encoding", "cp1252"])
    assert read.exit_code == 0 and "Der Bär läuft." in read.output


# -- metadata given in Python ------------------------------------------------------------------

UTC_PLUS_5 = timezone(timedelta(hours=5, minutes=30))


def test_metadata_dates_may_be_aware_datetimes_as_the_model_takes_them():
    when = {"created": datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc), "published": datetime(2024, 1, 2, 9, 5, tzinfo=UTC_PLUS_5),
            "modified": datetime(2024, 1, 3, 0, 0, 0, 250000, tzinfo=timezone.utc)}
    article, _ = ingest(ARTICLE, metadata=when)
    assert {name: getattr(article, name) for name in when} == when
    assert article == ingest(ARTICLE, metadata={name: value.isoformat() for name, value in when.items()})[0]


@pytest.mark.parametrize("value", [datetime(2024, 1, 2, 3, 4), date(2024, 1, 2)])
def test_metadata_dates_without_a_time_zone_get_the_models_message(value):
    with pytest.raises(ArticleError) as info:
        ingest(ARTICLE, metadata={"published": value})
    assert [(i.location, i.message) for i in info.value.issues] == [
        ("published", "date-time needs a timezone (e.g. 2022-02-05T10:00:00+01:00 or ...Z)")]


def test_a_datetime_where_the_model_takes_none_is_still_refused():
    with pytest.raises(ArticleError, match="headline: expected string, got datetime"):
        ingest(ARTICLE, metadata={"headline": datetime(2024, 1, 2, tzinfo=timezone.utc)})


# -- documents given as text ------------------------------------------------------------------

QUOTE = "“We must act now,” Smith said."
DOCUMENTS = {
    "jsonld": ("JSON-LD", json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Tax",
                                      "articleBody": QUOTE}, indent=2)),
    "newsml": ("XML (NewsML-G2", '<?xml version="1.0" encoding="UTF-8"?>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
                                 f'guid="urn:x:1"><contentSet><inlineXML><p>{QUOTE}</p></inlineXML></contentSet></newsItem>\n'),
    "article-json": ("a canonical article", json.dumps({"id": "urn:x:1", "language": "en", "headline": "Tax",
                                                        "body": [{"text": QUOTE}]})),
    "article-yaml": ("a canonical article", f"id: urn:x:1\nlanguage: en\nheadline: Tax\nbody:\n- text: '{QUOTE}'\n"),
    "html": ("HTML", f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{QUOTE}"}}</script>\n'),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_document_given_as_scraped_text_is_refused_naming_its_kind(name):
    what, document = DOCUMENTS[name]
    with pytest.raises(DecodeError) as info:
        ingest(document, source="story.txt")
    assert str(info.value).startswith(f"story.txt:1: {what}") and "convert" in str(info.value)
    with pytest.raises(DecodeError, match=what.replace("(", r"\(")):
        ingest(codecs.BOM_UTF16_LE + document.encode("utf-16-le"), source="story.txt")


@pytest.mark.parametrize("command", ["ingest", "extract"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_cli_ingest_and_extract_refuse_a_document_naming_file_and_kind(tmp_path, command, name):
    what, document = DOCUMENTS[name]
    path = tmp_path / "story.txt"
    path.write_text(document, encoding="utf-8")
    result = CliRunner().invoke(main, [command, str(path)])
    if command == "extract" and name.startswith("article"):
        assert result.exit_code == 0, result.output  # extract reads a canonical article as it is
        assert "We must act now" in result.stdout
        return
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: {path}:1: {what}") and "`convert`" in result.stderr


@pytest.mark.parametrize("text", [
    "[Video] Putin meets Xi in Beijing\n\nThe two leaders met on Friday.\n\nMore talks follow.\n",
    "<< Back to the overview\n\nPutin meets Xi in Beijing\n\nThe two leaders met on Friday.\n",
    "{Updated} Putin meets Xi\n\nThe two leaders met on Friday, it emerged.\n\nMore talks follow.\n",
    # Starts and ends like JSON (or like a tag) without being JSON (or XML).
    "[Updated 10:32]\n\nPutin meets Xi\n\nThe two leaders met on Friday.\n\n[Reporting by Jane Doe]",
    "{Exclusive} Putin meets Xi\n\nThe two leaders met on Friday.\n\n{Editing by John Roe}\n",
    "<Reuters> Putin meets Xi\n\nThe two leaders met on Friday, it emerged.\n\nMore talks follow.\n",
])
def test_text_that_merely_starts_like_a_document_is_still_text(text):
    article, _ = ingest(text, language="en")
    assert "The two leaders met on Friday" in article.body_text + (article.description or "")


# -- empty files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "the file is empty"),
    ("empty.xml", b"", "the file is empty"),
    ("empty.yaml", b"", "the file is empty"),
    ("blank.txt", b" \n\n\t\n", "the file is empty (only whitespace)"),
    ("bom.txt", codecs.BOM_UTF8, "the file is empty"),
])
@pytest.mark.parametrize("command", [["convert", "--to", "jsonld"], ["ingest"], ["extract"], ["inspect"]])
def test_cli_an_empty_file_is_said_to_be_empty(tmp_path, command, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, [command[0], str(path), *command[1:]])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"error: {path}:1: {message}\n"


def test_an_empty_text_in_the_library_is_said_to_be_empty():
    with pytest.raises(InputError, match=r"^<text>:1: the input is empty$"):
        ingest("")
