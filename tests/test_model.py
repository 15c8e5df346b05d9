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


@pytest.mark.parametrize("field", ["created", "published", "modified"])
def test_offsets_beyond_fourteen_hours_are_refused_naming_the_field(field):
    """xs:dateTime offsets stay within ±14:00 (so do real time zones): an article with
    +15:00 could not become a valid NewsML-G2 item, and used to fail late, as raw XSD errors
    against the output."""
    for edge in ("+14:00", "-14:00", "+05:45"):
        assert getattr(Article.model_validate({**BASE, field: f"2022-02-05T12:00:00{edge}"}), field).utcoffset() is not None
    for beyond in ("+14:01", "-14:30", "+15:00"):
        assert errors_of(**{field: f"2022-02-05T12:00:00{beyond}"})[0] == ((field,), "time_zone_offset")
    with pytest.raises(ValidationError, match=r"offset \+14:00:30 is beyond"):
        Article.model_validate({**BASE, field: datetime(2022, 2, 5, 12, tzinfo=timezone(timedelta(hours=14, seconds=30)))})
    with pytest.raises(ValidationError, match=r"offset \+15:00 is beyond ±14:00"):
        Article.model_validate({**BASE, field: datetime(2022, 2, 5, 12, tzinfo=timezone(timedelta(hours=15)))})


def test_readers_do_not_read_a_date_beyond_fourteen_hours():
    from newsml_export.dates import parse_datetime

    assert parse_datetime("2022-02-05T12:00:00+14:00") is not None
    assert parse_datetime("2022-02-05T12:00:00+14:01") is None  # the JSON-LD and NewsML-G2 readers report it, not read


@pytest.mark.parametrize("tag", ["en", "de-AT", "zh-Hant-TW", "sr-Latn-RS", "es-419", "x-private", "en-GB-oxendict"])
def test_language_tags_accepted(tag):
    assert Article.model_validate({**BASE, "language": tag}).language == tag


@pytest.mark.parametrize("tag", ["", "english language", "e", "en_GB", "de-", "toolongtag-x"])
def test_language_tags_refused(tag):
    assert errors_of(language=tag)[0][1] == "language_tag"


@pytest.mark.parametrize("url", ["ftp://x.org/", "/relative", "http://", "https://a b.org/", "not a url"])
def test_urls_refused(url):
    assert errors_of(url=url)[0] == (("url",), "url")


def _check_url_before(value):
    """_check_url before its short way for plain http(s) URLs: the reference."""
    from urllib.parse import urlsplit

    from pydantic_core import PydanticCustomError

    from newsml_export.model import _SPACE, _URN

    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and _SPACE.search(value) is None:
        return value
    if parts.scheme == "urn" and _URN.fullmatch(value):
        return value
    raise PydanticCustomError("url", "not a valid URL (absolute http(s) URL or URN expected)")


def test_url_check_is_the_reference_on_many_strings():
    import random

    from newsml_export.model import _check_url

    rng = random.Random(8)
    parts = ["http", "https", "HTTP", "urn", "ftp", ":", "//", "/", "?", "#", "@", "[", "]", "[::1]", ":80", ":x", "a", "ex.org",
             "é", "ü.de", "\u2100", "\uff03", " ", "\t", "\n", "\x0b", "\x1c", "\x00", "\x85", "\u3000", "%20", "-", ".", "1", "~"]
    outcomes = set()
    for number in range(20000):
        pieces = [rng.choice(parts) for _ in range(rng.randint(1, 8))]
        if number % 2:
            pieces = [rng.choice(["http://", "https://", "HTTPS://", "urn:a:"]), *pieces]
        value = "".join(pieces).encode().decode("unicode_escape") if rng.random() < 0.5 else "".join(pieces)
        results = []
        for check in (_check_url_before, _check_url):
            try:
                results.append(("ok", check(value)))
            except Exception as exc:  # noqa: BLE001 - whatever it is, both must raise it alike
                results.append((type(exc).__name__, str(exc)))
        assert results[0] == results[1], value
        outcomes.add(results[0][0])
    assert outcomes == {"ok", "PydanticCustomError", "ValueError"}


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


def test_url_whitespace_regex_is_str_isspace_on_every_code_point():
    import re
    import sys

    from newsml_export.model import _SPACE

    assert _SPACE.pattern == r"\s"
    space = re.compile(r"\s")
    assert [c for c in range(sys.maxunicode + 1) if chr(c).isspace() != bool(space.match(chr(c)))] == []


def _reference_problems_before(article):
    """model._reference_problems as it was before it was made faster: the reference."""
    from collections import Counter
    from difflib import get_close_matches

    kinds, seen = {}, Counter()
    for field, items in (("people", article.people), ("organizations", article.organizations),
                         ("places", article.places), ("quotes", article.quotes)):
        for index, item in enumerate(items):
            seen[item.id] += 1
            if seen[item.id] > 1:
                yield (field, index, "id"), "duplicate_id", f"id {item.id!r} is used more than once", item.id
            kinds.setdefault(item.id, field)

    def expect(loc, ref, allowed, what):
        if ref is None:
            return
        if ref not in kinds:
            close = get_close_matches(ref, [k for k, field in kinds.items() if field in allowed], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield loc, "dangling_reference", f"no {what} with id {ref!r}{hint}", ref
        elif kinds[ref] not in allowed:
            yield loc, "wrong_reference", f"{ref!r} is in {kinds[ref]}, expected {what}", ref

    party = ("people", "organizations")
    for index, quote in enumerate(article.quotes):
        yield from expect(("quotes", index, "speaker_id"), quote.speaker_id, party, "person or organisation")
    for field in ("author_ids", "contributor_ids", "about_ids"):
        allowed = ("people", "organizations", "places") if field == "about_ids" else party
        for index, ref in enumerate(getattr(article, field)):
            yield from expect((field, index), ref, allowed, "person or organisation" if len(allowed) == 2 else "entity")
    yield from expect(("publisher_id",), article.publisher_id, ("organizations",), "organisation")
    yield from expect(("located_id",), article.located_id, ("places",), "place")
    if article.source is not None:
        yield from expect(("source", "organization_id"), article.source.organization_id, ("organizations",), "organisation")
    if article.rights is not None:
        yield from expect(("rights", "copyright_holder_id"), article.rights.copyright_holder_id, party, "person or organisation")
    yield from _quote_span_problems_before(article)


def _quote_span_problems_before(article):
    spans = {}
    for index, quote in enumerate(article.quotes):
        if quote.block is None or quote.start is None or quote.end is None:
            continue
        loc = ("quotes", index)
        if quote.block >= len(article.body):
            yield loc + ("block",), "offset", f"block {quote.block} does not exist (the body has {len(article.body)})", quote.block
            continue
        block_text = article.body[quote.block].text
        if quote.end > len(block_text):
            yield loc + ("end",), "offset", f"end {quote.end} is past the end of block {quote.block} ({len(block_text)} characters)", quote.end
            continue
        if block_text[quote.start:quote.end] != quote.text:
            yield loc + ("text",), "offset", (
                f"text does not match body block {quote.block} at {quote.start}:{quote.end} "
                f"({block_text[quote.start:quote.end]!r})"
            ), quote.text
        spans.setdefault(quote.block, []).append((quote.start, quote.end, index))
    for block_spans in spans.values():
        block_spans.sort(key=lambda s: (s[0], -s[1]))
        open_spans = []
        for start, end, index in block_spans:
            while open_spans and open_spans[-1][1] <= start:
                open_spans.pop()
            if open_spans and end > open_spans[-1][1]:
                other = article.quotes[open_spans[-1][2]].id
                yield ("quotes", index, "start"), "overlap", f"overlaps quote {other!r} without nesting in it", start
            open_spans.append((start, end, index))


def test_reference_problems_are_those_of_the_reference_on_random_articles():
    import random

    from newsml_export.model import Organization, Place, Rights, Source, _reference_problems

    rng = random.Random(8)
    ids = ["a", "b", "c", "ab", "q1", "q2", "berlin", "dpa"]
    pick = lambda: rng.choice(ids)  # noqa: E731
    maybe = lambda: pick() if rng.random() < 0.7 else None  # noqa: E731
    codes: set[str] = set()
    for _ in range(600):
        article = Article.model_construct(
            id="x", language="en", headline="h", body=[Block(text=BLOCK_TEXT), Block(text=BLOCK_TEXT[::-1])],
            people=[Person.model_construct(id=pick(), name="p") for _ in range(rng.randint(0, 3))],
            organizations=[Organization.model_construct(id=pick(), name="o") for _ in range(rng.randint(0, 3))],
            places=[Place.model_construct(id=pick(), name="l") for _ in range(rng.randint(0, 2))],
            quotes=[_random_quote(rng, pick(), maybe()) for _ in range(rng.randint(0, 4))],
            author_ids=[pick() for _ in range(rng.randint(0, 2))], contributor_ids=[pick() for _ in range(rng.randint(0, 2))],
            about_ids=[pick() for _ in range(rng.randint(0, 2))], publisher_id=maybe(), located_id=maybe(),
            source=rng.choice([None, Source.model_construct(name="s", organization_id=maybe())]),
            rights=rng.choice([None, Rights.model_construct(copyright_holder_id=maybe())]),
        )
        expected = list(_reference_problems_before(article))
        assert list(_reference_problems(article)) == expected
        codes |= {code for _, code, _, _ in expected}
    assert codes == {"duplicate_id", "dangling_reference", "wrong_reference", "offset", "overlap"}


BLOCK_TEXT = "one two three four five"


def _random_quote(rng, quote_id, speaker_id):
    block = rng.choice([None, 0, 0, 0, 1, 2])
    start = rng.randrange(0, 22)
    end = start + rng.randint(1, 8)
    text = BLOCK_TEXT[start:end] if rng.random() < 0.8 or block is None else "nope"
    if block == 1:
        text = BLOCK_TEXT[::-1][start:end]
    return Quote.model_construct(id=quote_id, text=text, speaker_id=speaker_id, block=block, start=start, end=end)
