from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from newsml_export import Article, Block, Person, Quote

BASE = {"id": "urn:x:1", "language": "en", "headline": "H"}


def errors_of(**fields):
    with pytest.raises(ValidationError) as info:
        Article.model_validate({**BASE, **fields})
    return [(e["loc"], e["type"]) for e in info.value.errors()]


def test_minimal_article_and_defaults():
    article = Article.model_validate(BASE)
    assert article.version == 1 and article.body == [] and article.quotes == []


def test_equality_is_field_by_field():
    a = Article.model_validate({**BASE, "body": [{"text": "x"}]})
    b = Article.model_validate({**BASE, "body": [{"kind": "paragraph", "text": "x"}]})
    assert a == b
    assert a != Article.model_validate({**BASE, "body": [{"kind": "heading", "text": "x"}]})


def test_duplicate_ids_across_entities_and_quotes():
    errs = errors_of(people=[{"id": "a", "name": "A"}], places=[{"id": "a", "name": "B"}])
    assert errs == [(("places", 0, "id"), "duplicate_id")]


def test_dangling_speaker():
    errs = errors_of(quotes=[{"id": "q1", "text": "t", "speaker_id": "nobody"}])
    assert errs == [(("quotes", 0, "speaker_id"), "dangling_reference")]


def test_speaker_must_be_person_or_organisation():
    errs = errors_of(places=[{"id": "berlin", "name": "Berlin"}], quotes=[{"id": "q1", "text": "t", "speaker_id": "berlin"}])
    assert errs == [(("quotes", 0, "speaker_id"), "wrong_reference")]


def test_every_reference_field_is_checked():
    errs = errors_of(author_ids=["x"], contributor_ids=["y"], about_ids=["z"], publisher_id="p", located_id="l",
                     source={"name": "S", "organization_id": "o"}, rights={"copyright_holder_id": "c"})
    assert {loc for loc, _ in errs} == {("author_ids", 0), ("contributor_ids", 0), ("about_ids", 0), ("publisher_id",),
                                        ("located_id",), ("source", "organization_id"), ("rights", "copyright_holder_id")}


def test_quote_offsets_must_be_inside_their_block():
    body = [{"text": "He said: hello there."}]
    errs = errors_of(body=body, quotes=[{"id": "q", "text": "hello", "block": 1, "start": 0, "end": 5}])
    assert errs == [(("quotes", 0, "block"), "offset")]
    errs = errors_of(body=body, quotes=[{"id": "q", "text": "hello", "block": 0, "start": 9, "end": 99}])
    assert errs == [(("quotes", 0, "end"), "offset")]
    errs = errors_of(body=body, quotes=[{"id": "q", "text": "hello", "block": 0, "start": 0, "end": 5}])
    assert errs == [(("quotes", 0, "text"), "offset")]


def test_located_quote_that_matches_is_accepted():
    a = Article.model_validate({**BASE, "body": [{"text": "He said: hello there."}],
                                "quotes": [{"id": "q", "text": "hello", "block": 0, "start": 9, "end": 14}]})
    assert a.quotes[0].located


def test_offsets_come_together_and_in_order():
    assert errors_of(body=[{"text": "abc"}], quotes=[{"id": "q", "text": "a", "block": 0}])[0][1] == "offsets"
    assert errors_of(body=[{"text": "abc"}], quotes=[{"id": "q", "text": "a", "block": 0, "start": 2, "end": 1}])[0][1] == "offsets"


def test_quotes_in_a_block_nest_or_stay_apart():
    body = [{"text": "abcdefghij"}]
    nested = [{"id": "q1", "text": "abcdef", "block": 0, "start": 0, "end": 6}, {"id": "q2", "text": "cd", "block": 0, "start": 2, "end": 4}]
    Article.model_validate({**BASE, "body": body, "quotes": nested})
    crossing = [{"id": "q1", "text": "abcd", "block": 0, "start": 0, "end": 4}, {"id": "q2", "text": "cdef", "block": 0, "start": 2, "end": 6}]
    assert errors_of(body=body, quotes=crossing) == [(("quotes", 1, "start"), "overlap")]


def test_voice_defaults_and_consistency():
    assert Quote(id="q", text="t").voice == "unknown"
    assert Quote(id="q", text="t", speaker_id="p").voice == "speaker"
    with pytest.raises(ValidationError, match="speaker_id is required exactly when voice is 'speaker'"):
        Quote(id="q", text="t", voice="speaker")
    with pytest.raises(ValidationError):
        Quote(id="q", text="t", speaker_id="p", voice="generic")


def test_naive_datetimes_are_refused_aware_kept():
    assert errors_of(published="2022-02-05T12:00:00")[0] == (("published",), "timezone_aware")
    a = Article.model_validate({**BASE, "published": "2022-02-05T12:00:00+01:00"})
    assert a.published == datetime(2022, 2, 5, 12, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize("tag", ["en", "de-AT", "zh-Hant-TW", "sr-Latn-RS", "es-419", "x-private", "en-GB-oxendict"])
def test_language_tags_accepted(tag):
    assert Article.model_validate({**BASE, "language": tag}).language == tag


@pytest.mark.parametrize("tag", ["", "english language", "e", "en_GB", "de-", "toolongtag-x"])
def test_language_tags_refused(tag):
    assert errors_of(language=tag)[0][1] == "language_tag"


@pytest.mark.parametrize("url", ["ftp://x.org/", "/relative", "http://", "https://a b.org/", "not a url"])
def test_urls_refused(url):
    assert errors_of(url=url)[0] == (("url",), "url")


def test_urls_kept_verbatim():
    assert Article.model_validate({**BASE, "url": "https://Example.org"}).url == "https://Example.org"


def test_ids_are_xml_and_fragment_safe():
    with pytest.raises(ValidationError):
        Person(id="1abc", name="x")
    with pytest.raises(ValidationError):
        Person(id="a b", name="x")


def test_word_count_and_body_text():
    a = Article.model_validate({**BASE, "body": [Block(text="one two").model_dump(), {"kind": "heading", "text": "three"}]})
    assert a.word_count == 3 and a.body_text == "one two\n\nthree"
