"""Reading NewsML-G2 written by others: IPTC's examples and the oddities of real feeds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsml_export import ArticleError, DecodeError, Report
from newsml_export.formats import newsml_g2
from newsml_export.formats.newsml_g2.names import NAR

from .conftest import SHARED

EXAMPLES = SHARED / "iptc" / "newsml-g2" / "examples"
EXPECTED = {
    "LISTING_1_A_NewsML-G2_News_Item.xml": (
        'Fed to halt QE to avert "bubble"', datetime(2016, 10, 18, 13, 12, 21, tzinfo=timezone(timedelta(hours=-5))),
        ["medtop:04000000", "medtop:20000523"]),
    "LISTING_2_NewsML-G2_Text_Document.xml": (
        'Fed to halt QE to avert "bubble"', None, ["medtop:04000000", "medtop:20000350", "medtop:20000379"]),
    "LISTING_27_Company_Financial_Information.xml": (
        "Acme Widgets announces annual results", datetime(2016, 10, 19, 13, 15, tzinfo=timezone.utc), []),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_official_examples_import(name):
    headline, published, subjects = EXPECTED[name]
    report = Report()
    article = newsml_g2.load((EXAMPLES / name).read_bytes(), source=name, report=report)
    assert article.headline == headline
    assert article.published == published
    assert article.modified is not None and article.modified.tzinfo is not None
    assert [s.qcode for s in article.subjects] == subjects
    assert all(issue.severity != "error" for issue in report)


def test_listing_27_organisation_comes_through_with_its_assert():
    report = Report()
    article = newsml_g2.load((EXAMPLES / "LISTING_27_Company_Financial_Information.xml").read_bytes(), report=report)
    assert [(o.id, o.name) for o in article.organizations if o.name == "Acme Widget Sales Inc"] == [("Acme-Widget", "Acme Widget Sales Inc")]
    assert article.about_ids == ["Acme-Widget"]
    assert any("hasInstrument" in i.message or "description" in i.location for i in report)


def test_listing_2_nitf_body_is_read():
    article = newsml_g2.load((EXAMPLES / "LISTING_2_NewsML-G2_Text_Document.xml").read_bytes())
    assert len(article.body) >= 2
    assert article.body[0].text.startswith("(New York, NY - October 21) Et, sent luptat")
    assert "  " not in article.body[0].text  # indentation collapsed: no xml:space="preserve"
    assert article.located_id is not None and article.source is not None and article.source.name == "Associated Press"


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
 <header><sent>2014-03-01T10:00:00Z</sent></header>
 <itemSet>
  <newsItem guid="tag:reuters.com,2014:newsml_L1" version="2" standard="NewsML-G2" standardversion="2.12" xml:lang="en">
   <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml"/>
   <itemMeta><itemClass qcode="icls:text"/><provider qcode="nprov:REUTERS"/>
    <versionCreated>2014-03-01T09:00:00Z</versionCreated></itemMeta>
   <contentMeta>
    <infoSource qcode="cRole:source" role="cRole:source"><name>Reuters</name></infoSource>
    <creator role="isrol:author"><name>Jane Reporter</name></creator>
    <headline>  First   item </headline>
   </contentMeta>
   <contentSet><inlineXML contenttype="application/xhtml+html"><html xmlns="http://www.w3.org/1999/xhtml"><body>
    <p>Lede <b>bold</b> "<q id="r1">quoted</q>".</p><div><p>Second</p></div></body></html></inlineXML></contentSet>
  </newsItem>
  <newsItem guid="stt:2" standard="NewsML-G2" standardversion="2.12">
   <itemMeta><itemClass qcode="ninat:text"/><provider literal="STT"/><versionCreated>2014-03-01T09:30:00+02:00</versionCreated></itemMeta>
   <contentMeta><language tag="fi"/><headline>Toinen</headline></contentMeta>
   <contentSet><inlineXML contenttype="xhtml/xml"><html><body><p>Teksti</p></body></html></inlineXML></contentSet>
  </newsItem>
  <packageItem guid="p" standard="NewsML-G2" standardversion="2.12"/>
 </itemSet>
</newsMessage>"""


def test_a_news_message_becomes_one_article_per_item_with_a_report():
    report = Report()
    first, second = newsml_g2.load_all(FEED, source="feed.xml", report=report)
    assert (first.id, first.version, first.headline) == ("tag:reuters.com,2014:newsml_L1", 2, "First item")
    assert [b.text for b in first.body] == ['Lede bold "quoted".', "Second"]
    assert first.quotes[0].id == "r1" and first.quotes[0].text == "quoted" and first.quotes[0].start == 11
    assert first.source is not None and first.source.name == "Reuters"
    assert [first.entity(a).name for a in first.author_ids] == ["Jane Reporter"]
    assert first.language == "en" and second.language == "fi" and second.body[0].text == "Teksti"
    codes = {(i.code, i.line) for i in report}
    assert ("proprietary-role", 10) in codes  # cRole:source
    assert ("retired-role", 11) in codes      # isrol:author
    assert any(c == "content-type" for c, _ in codes)  # application/xhtml+html, xhtml/xml
    assert any(c == "inline-markup-flattened" for c, _ in codes)
    assert any(c == "item-not-mapped" for c, _ in codes)  # the packageItem
    assert all(i.source == "feed.xml" and i.location for i in report)


def test_missing_headline_is_an_article_error_with_the_item_line():
    item = FEED.replace("<headline>Toinen</headline>", "")
    with pytest.raises(ArticleError) as caught:
        newsml_g2.load_all(item, source="feed.xml")
    assert caught.value.issues[0].line == 17 and "headline" in caught.value.issues[0].message
    assert caught.value.issues[0].location == "/newsMessage/itemSet/newsItem[2]"


def test_issues_of_an_item_in_a_message_are_located_in_the_message():
    report = Report()
    newsml_g2.load_all(FEED, source="feed.xml", report=report)
    where = {i.code: i.location for i in report}
    assert where["inline-markup-flattened"] == "/newsMessage/itemSet/newsItem[1]/contentSet/inlineXML/html/body/p"
    assert where["content-type"] == "/newsMessage/itemSet/newsItem[2]/contentSet/inlineXML"
    assert where["item-not-mapped"] == "/newsMessage/itemSet/packageItem"
    assert all(i.location.startswith("/newsMessage/itemSet/") for i in report)


def test_not_newsml_is_a_decode_error():
    with pytest.raises(DecodeError, match="root element is 'rss'"):
        newsml_g2.load(b"<rss/>", source="x.xml")
    with pytest.raises(DecodeError) as caught:
        newsml_g2.load(b"<newsItem>\n<unclosed>", source="x.xml")
    assert caught.value.line == 2 and caught.value.source == "x.xml"


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("body", ["xhtml", "nitf"])
def test_imported_examples_export_to_valid_items_that_read_back_equal(name, body):
    from newsml_export.validation.newsml_g2 import validate

    article = newsml_g2.load((EXAMPLES / name).read_bytes())
    data = newsml_g2.dump(article, body=body)
    assert validate(data).ok
    assert newsml_g2.load(data) == article


DATA = Path(__file__).parent / "data" / "newsml_g2"


def test_an_item_without_a_language_is_undetermined_with_a_warning():
    # NewsML-G2 2.35 makes both xml:lang and contentMeta/language optional.
    item = (DATA / "agency.xml").read_text(encoding="utf-8").replace(' xml:lang="en"', "")
    report = Report()
    article = newsml_g2.load(item, source="agency.xml", report=report)
    assert article.language == "und"
    assert [(i.severity, i.location) for i in report if i.code == "no-language"] == [("warning", "/newsItem")]


def test_an_unusable_language_tag_falls_back_to_the_next_then_to_und():
    item = (DATA / "agency.xml").read_text(encoding="utf-8").replace(
        "<headline>", '<language tag="en_GB"/><headline>')
    report = Report()
    assert newsml_g2.load(item, report=report).language == "en"  # xml:lang, after the bad tag
    assert [i.location for i in report if i.code == "invalid-language"] == ["/newsItem/contentMeta/language"]
    report = Report()
    assert newsml_g2.load(item.replace(' xml:lang="en"', ""), report=report).language == "und"
    assert {i.code for i in report} >= {"invalid-language", "no-language"}


def _item_with_body(inline: str, *, preserve: bool = False) -> str:
    space = ' xml:space="preserve"' if preserve else ""
    return (f'<newsItem xmlns="{NAR}" guid="urn:x:br" standard="NewsML-G2" standardversion="2.35" xml:lang="en"{space}>'
            '<itemMeta><itemClass qcode="ninat:text"/><provider literal="x"/>'
            '<versionCreated>2024-01-01T00:00:00Z</versionCreated></itemMeta>'
            f'<contentMeta><headline>H</headline></contentMeta><contentSet>{inline}</contentSet></newsItem>')


XHTML_BR = ('<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
            '<p>First line <br/>\n  second <q id="a">line</q><br/></p></body></html></inlineXML>')
NITF_BR = ('<inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body>'
           '<body.content><p>First line <br/>\n  second <q id="a">line</q><br/></p></body.content></body></nitf></inlineXML>')


@pytest.mark.parametrize("inline", [XHTML_BR, NITF_BR], ids=["xhtml", "nitf"])
def test_br_in_a_paragraph_is_a_line_break_not_glued_words(inline):
    report = Report()
    article = newsml_g2.load(_item_with_body(inline), report=report)
    # Spaces around a line break are dropped, as a trailing <br> is: the quote offsets follow.
    assert article.body[0].text == "First line\nsecond line"
    quote = article.quotes[0]
    assert article.body[0].text[quote.start:quote.end] == quote.text == "line"
    assert [i.message for i in report if i.code == "line-break"] == ["<br> read as 2 line breaks in the block text"]
    assert not any(i.code == "inline-markup-flattened" for i in report)
    assert newsml_g2.load(newsml_g2.dump(article.model_copy(update={"published": datetime(2024, 1, 1, tzinfo=timezone.utc)}))).body == article.body


@pytest.mark.parametrize(("paragraph", "text", "quoted"), [
    ('<q id="q1">We can do this</q><br/>she said.', "We can do this\nshe said.", "We can do this"),
    ('<q id="q1">a</q> b', "a b", "a"),
    ('x <q id="q1"> a </q> b', "x a b", "a"),
    ('x<br/><q id="q1"><br/>a<br/></q><br/>b', "x\n\na\n\nb", "a"),
], ids=["br-after", "space-after", "spaces-inside", "breaks-inside"])
def test_a_quote_in_a_collapsed_body_takes_no_whitespace_or_break_from_beside_it(paragraph, text, quoted):
    body = f'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>{paragraph}</p></body></html></inlineXML>'
    article = newsml_g2.load(_item_with_body(body))
    quote = article.quotes[0]
    assert article.body[0].text == text
    assert text[quote.start:quote.end] == quote.text == quoted


@pytest.mark.parametrize("empty", ['<q id="q1"/>', '<q id="q1"> </q>', '<q id="q1"><br/></q>'], ids=["empty", "space", "br"])
@pytest.mark.parametrize("part_meta", [False, True], ids=["bare", "with-partMeta"])
def test_a_quotation_element_with_no_text_is_reported_not_a_failed_read(empty, part_meta):
    """Another producer's <q/> made an empty quote, and the whole item failed to read
    (quotes.0.text: at least 1 character)."""
    body = (f'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
            f'<p>He said {empty} and left.</p><p>Then <q id="q2">we go</q>.</p></body></html></inlineXML>')
    item = _item_with_body(body)
    if part_meta:
        item = item.replace("<contentSet>", '<partMeta contentrefs="q1"><infoSource role="cpprole:interviewee" literal="x"/>'
                            '</partMeta><contentSet>')
    report = Report()
    article = newsml_g2.load(item, report=report)
    assert [q.text for q in article.quotes] == ["we go"]
    assert [i.code for i in report if i.code == "empty-quote"] == ["empty-quote"]


def test_br_in_an_item_that_preserves_space_is_a_newline_in_the_exact_text():
    article = newsml_g2.load(_item_with_body(XHTML_BR, preserve=True))
    assert article.body[0].text == "First line \n\n  second line\n"


def _codes_at(report: Report) -> set[tuple[str, str]]:
    return {(i.code, i.location) for i in report}


def test_an_agency_item_keeps_what_the_model_can_hold_and_reports_the_rest():
    report = Report()
    article = newsml_g2.load((DATA / "agency.xml").read_bytes(), source="agency.xml", report=report)
    people = {p.id: p for p in article.people}
    # Both rightsInfo are read: the usage restriction of the second one is not lost.
    assert article.rights is not None and article.rights.usage_terms == "Not for use in the UK"
    assert article.rights.copyright_holder_id == article.publisher_id == "x.example"
    # Every @uri naming a party is kept as its sameAs link.
    assert people["jane"].same_as == ["https://x.example/staff/jane"]
    assert people["Q567"].same_as == ["https://www.wikidata.org/entity/Q567"]
    assert article.organizations[0].same_as == ["https://x.example/"]
    # Only the author is an author; the editor is a contributor, reported.
    assert article.author_ids == ["jane"] and article.contributor_ids == ["ed"]
    # NITF bq/@quote-source: the block is a block quote of that speaker.
    [quote] = article.quotes
    assert (quote.kind, quote.speaker_id, quote.text, quote.block) == ("block", "Q567", "We can do this.", 1)
    assert article.body[1].kind == "blockquote"
    # What the model cannot hold is reported where it is.
    assert {("creator-not-author", "/newsItem/contentMeta/creator[2]"),
            ("qcode-not-resolved", "/newsItem/contentMeta/located"),
            ("not-mapped", "/newsItem/contentMeta/located/broader")} <= _codes_at(report)
    assert article.located_id == "geo-345678" and article.places[0].name == "Berlin"
    # And it exports to a valid item that reads back to the same article.
    data = newsml_g2.dump(article)
    from newsml_export.validation.newsml_g2 import validate

    assert validate(data).ok
    assert newsml_g2.load(data) == article


ITEM_41 = f"""<newsItem xmlns="{NAR}" guid="urn:x:41" standard="NewsML-G2" standardversion="2.35" xml:lang="en">
 <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>
 <catalog><scheme alias="pers" uri="https://agency.example/people/"/></catalog>
 <rightsInfo><copyrightHolder literal="agency"><name>Agency</name></copyrightHolder>
  <usageTerms>Editorial use only.</usageTerms><usageTerms>No archiving.</usageTerms></rightsInfo>
 <rightsInfo><copyrightHolder literal="other"><name>Other</name></copyrightHolder>
  <usageTerms>Not for use in the UK</usageTerms></rightsInfo>
 <rightsInfo idrefs="p1"><usageTerms>Photo: pool only</usageTerms></rightsInfo>
 <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:REUTERS"/>
  <versionCreated>2024-01-01T00:00:00Z</versionCreated></itemMeta>
 <contentMeta>
  <creator qcode="pers:jd"><name>Jane Doe</name><name xml:lang="ru">Джейн Доу</name></creator>
  <creator qcode="unknown:7"><name>Sam</name></creator>
  <creator role="cpprole:author cpprole:correspondent" uri="urn:agency:kim"><name>Kim</name></creator>
  <genre qcode="genre:Current"><name>Current</name></genre>
  <genre qcode="genre:Analysis"><name>Analysis</name></genre>
  <subject qcode="medtop:04000000"><name xml:lang="de">Wirtschaft</name><name xml:lang="en">economy</name>
   <broader qcode="medtop:1"/><sameAs uri="https://example.org/economy"/><sameAs qcode="x:y"/></subject>
  <headline>H</headline>
 </contentMeta>
</newsItem>"""


def test_rights_qcodes_names_and_genres_of_other_producers():
    report = Report()
    article = newsml_g2.load(ITEM_41, report=report)
    entities = {e.id: e for e in article.entities()}
    # Every usage term of the item's rightsInfo applies: joined, one a line; one holder.
    assert article.rights.usage_terms == "Editorial use only.\nNo archiving.\nNot for use in the UK"
    assert article.rights.copyright_holder_id == "agency"
    # A QCode is resolved through the catalogs the item references (IPTC's, its own inline one).
    assert entities[article.publisher_id].same_as == ["http://cv.iptc.org/newscodes/newsprovider/REUTERS"]
    assert entities["pers-jd"].same_as == ["https://agency.example/people/jd"]
    assert entities["pers-jd"].aliases == ["Джейн Доу"]
    assert entities["unknown-7"].same_as == []
    assert entities["urn-agency-kim"].same_as == ["urn:agency:kim"]
    assert article.author_ids == ["pers-jd", "unknown-7", "urn-agency-kim"]  # no role, or an author role among others
    # The subject's name in the article's language; the code of a genre is not kept, the first genre is.
    assert [(s.qcode, s.uri, s.name) for s in article.subjects] == [
        ("medtop:04000000", "https://example.org/economy", "economy")]
    assert article.genre == "Current"
    messages = {(i.code, i.location): i.message for i in report}
    meta = "/newsItem/contentMeta"
    assert "Wirtschaft' (de)" in messages[("extra-name", f"{meta}/subject")]
    assert ("not-mapped", f"{meta}/subject/broader") in messages
    assert ("not-mapped", f"{meta}/subject/sameAs[2]") in messages
    assert "'genre:Current'" in messages[("genre-code", f"{meta}/genre[1]")]
    assert "'Analysis'" in messages[("extra-value", f"{meta}/genre[2]")]
    assert "'unknown:7'" in messages[("qcode-not-resolved", f"{meta}/creator[2]")]
    assert "'other'" in messages[("extra-value", "/newsItem/rightsInfo[2]/copyrightHolder")]
    assert ("not-mapped", "/newsItem/rightsInfo[3]") in messages
    assert ("usage-terms-joined", "/newsItem/rightsInfo[1]") in messages


def _item_with_rights(rights: str, lang: str = "en") -> str:
    return (f'<newsItem xmlns="{NAR}" guid="urn:x:ri" standard="NewsML-G2" standardversion="2.35" xml:lang="{lang}">'
            f'{rights}<itemMeta><itemClass qcode="ninat:text"/><provider literal="x"/>'
            '<versionCreated>2024-01-01T00:00:00Z</versionCreated></itemMeta>'
            '<contentMeta><headline>H</headline></contentMeta></newsItem>')


@pytest.mark.parametrize("limit", ['idrefs="p1"', 'scope="riscope:visual"', 'scopeuri="http://cv.iptc.org/newscodes/riscope/visual"',
                                   'aspect="riaspect:x"', 'aspecturi="http://cv.iptc.org/newscodes/riaspect/x"'])
def test_a_rights_info_for_part_of_the_item_is_reported_not_read_as_the_articles(limit):
    report = Report()
    article = newsml_g2.load(_item_with_rights(f'<rightsInfo {limit}><usageTerms>Photos: editorial use only</usageTerms>'
                                               '</rightsInfo><rightsInfo><usageTerms>No archiving</usageTerms></rightsInfo>'),
                             report=report)
    assert article.rights.usage_terms == "No archiving"
    [issue] = [i for i in report if i.location == "/newsItem/rightsInfo[1]"]
    assert issue.code == "not-mapped" and limit.split("=")[0] in issue.message


@pytest.mark.parametrize(("lang", "kept"), [("en-GB", "Not for UK use\nEditorial only"), ("de", "Nicht in GB verwenden")])
def test_usage_terms_in_several_languages_are_read_in_the_articles(lang, kept):
    report = Report()
    # One restriction given in two languages, and another one: terms match by primary subtag.
    rights = ('<rightsInfo><usageTerms xml:lang="en">Not for UK use</usageTerms>'
              '<usageTerms xml:lang="de">Nicht in GB verwenden</usageTerms>'
              '<usageTerms xml:lang="en-US">Editorial only</usageTerms></rightsInfo>')
    article = newsml_g2.load(_item_with_rights(rights, lang), report=report)
    assert article.rights.usage_terms == kept
    others = [i.message for i in report if i.code == "other-language"]
    assert len(others) == 3 - len(kept.split("\n"))
