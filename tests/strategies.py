"""Hypothesis strategies for whole, valid Articles: every script, RTL, emoji, combining
marks, optional fields absent or present, many speakers, located and unlocated quotes."""

from __future__ import annotations

from datetime import timedelta, timezone

from hypothesis import strategies as st

from newsml_export.model import Article, Block, Organization, Person, Place, Quote, Rights, Source, Subject

SAMPLES = [
    "Vladimir Milov", "Владимир Милов", "مرحبا بالعالم", "שלום עולם", "中文新闻报道", "日本語のニュース",
    "Ελληνικά νέα", "हिन्दी समाचार", "한국어 뉴스", "👩‍👩‍👧 family 🇺🇦", "e\u0301e\u0300 combining", "Zürich – “quoted”",
    "</script><!-- <b>&amp;</b>", "line\u2028separator\u2029para", "tab\tand\r\nCRLF", " leading space", "x",
]
# Every character the model admits: all but what XML 1.0 forbids (newsml_export.xmlchars).
xml_char = st.characters(exclude_categories=("Cs",), exclude_characters="\ufffe\uffff" + "".join(
    chr(c) for c in range(32) if chr(c) not in "\t\n\r"))
TEXT = st.one_of(st.sampled_from(SAMPLES), st.text(xml_char, min_size=1, max_size=30))
ident = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,8}", fullmatch=True)
url = st.sampled_from(["https://example.org/", "https://de.wikipedia.org/wiki/Stern_(Zeitschrift)", "http://x.test/a?b=1#c", "urn:isbn:0451450523"])
zones = st.sampled_from([timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))])
when = st.none() | st.datetimes(timezones=zones)
article_id = st.sampled_from(["urn:newsml:example.org:20220205:putin-china", "https://example.org/news/1", "plain-id-42", "id#with-hash"])


@st.composite
def articles(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> Article:
    """``text`` is what free text is drawn from (default: every script, and the characters
    JSON can carry but XML cannot)."""
    maybe_text = st.none() | st.just("") | text
    ids = draw(st.lists(ident, min_size=0, max_size=14, unique=True))
    n_people, n_orgs, n_places = (draw(st.integers(0, max(0, len(ids) // 3))) for _ in range(3))
    people_ids, org_ids = ids[:n_people], ids[n_people:n_people + n_orgs]
    place_ids = ids[n_people + n_orgs:n_people + n_orgs + n_places]
    quote_ids = ids[n_people + n_orgs + n_places:]

    def entity_fields() -> dict:
        return {"name": draw(text), "aliases": draw(st.lists(text, max_size=2)), "description": draw(maybe_text),
                "same_as": draw(st.lists(url, max_size=2))}

    people = [Person(id=i, url=draw(st.none() | url), **entity_fields()) for i in people_ids]
    orgs = [Organization(id=i, url=draw(st.none() | url), **entity_fields()) for i in org_ids]
    places = [Place(id=i, **entity_fields()) for i in place_ids]
    body = draw(st.lists(st.builds(Block, kind=st.sampled_from(["paragraph", "paragraph", "heading", "blockquote"]),
                                   text=st.one_of(text, text.map(lambda t: t + "\n\nsecond"), st.just("\nedge\n"))), max_size=5))
    parties = people_ids + org_ids
    quotes, located_blocks = [], set()
    for quote_id in quote_ids:
        fields: dict = {"id": quote_id, "kind": draw(st.sampled_from(["full", "partial", "block"])),
                        "origin": draw(st.sampled_from(["metadata", "extracted"])),
                        "confidence": draw(st.none() | st.floats(0, 1)), "rule": draw(st.none() | text)}
        free = [i for i, b in enumerate(body) if i not in located_blocks and len(b.text) >= 2]
        if free and draw(st.booleans()):
            block = draw(st.sampled_from(free))
            start = draw(st.integers(0, len(body[block].text) - 1))
            end = draw(st.integers(start + 1, len(body[block].text)))
            located_blocks.add(block)
            fields.update(block=block, start=start, end=end, text=body[block].text[start:end])
        else:
            fields["text"] = draw(text)
        if parties and draw(st.booleans()):
            fields.update(speaker_id=draw(st.sampled_from(parties)), voice="speaker")
        else:
            fields["voice"] = draw(st.sampled_from(["document", "generic", "unknown"]))
        quotes.append(Quote(**fields))
    everything = people_ids + org_ids + place_ids
    source = draw(st.none() | st.builds(Source, name=text, url=st.none() | url,
                                        relation=st.sampled_from(["original", "republished", "translated", "wire"]),
                                        organization_id=st.none() | st.sampled_from(org_ids) if org_ids else st.none()))
    rights = draw(st.none() | st.builds(
        Rights, copyright_holder_id=st.sampled_from(parties) if parties else st.none(), copyright_notice=maybe_text,
        usage_terms=maybe_text, license_url=st.none() | url))
    if rights is not None and rights == Rights():
        rights = None  # an empty Rights is a documented loss (docs/fidelity.md)
    return Article(
        id=draw(article_id), version=draw(st.integers(1, 10**6)), url=draw(st.none() | url),
        language=draw(st.sampled_from(["en", "ar", "he", "zh-Hans-CN", "de-AT", "und"])), headline=draw(text),
        alternative_headline=draw(maybe_text), description=draw(maybe_text), body=body, quotes=quotes,
        people=people, organizations=orgs, places=places,
        author_ids=draw(st.lists(st.sampled_from(parties), max_size=3)) if parties else [],
        contributor_ids=draw(st.lists(st.sampled_from(parties), max_size=2)) if parties else [],
        publisher_id=draw(st.none() | st.sampled_from(org_ids)) if org_ids else None,
        about_ids=draw(st.lists(st.sampled_from(everything), max_size=3, unique=True)) if everything else [],
        source=source, credit_line=draw(maybe_text), dateline=draw(maybe_text),
        located_id=draw(st.none() | st.sampled_from(place_ids)) if place_ids else None,
        created=draw(when), published=draw(when), modified=draw(when), section=draw(maybe_text), genre=draw(maybe_text),
        keywords=draw(st.lists(text, max_size=3)),
        subjects=draw(st.lists(st.builds(Subject, qcode=st.sampled_from(["medtop:11000000", "subj:04000000"]), uri=st.none() | url, name=st.none() | text), max_size=2)),
        rights=rights,
    )
