"""Shared builders for the NewsML-G2 tests."""

from __future__ import annotations

from newsml_export import Article


def locate_quotes(article: Article) -> Article:
    """The article with every quote found in the body given block/start/end offsets (the seed's
    sidecar lists quotes without offsets; the quotes issue locates them in the pipeline)."""
    data = article.model_dump()
    for quote in data["quotes"]:
        for index, block in enumerate(data["body"]):
            start = block["text"].find(quote["text"])
            if start >= 0:
                quote.update(block=index, start=start, end=start + len(quote["text"]))
                break
    return Article.model_validate(data)


def rich_article() -> Article:
    """Every field of the model set, including nested quotes, a block quote, mentions, rights."""
    return Article.model_validate({
        "id": "urn:newsml:example.org:20250101:rich", "version": 3, "url": "https://example.org/rich",
        "language": "de-AT", "headline": "  Spaced  headline\n", "alternative_headline": "Alt",
        "description": "", "section": "World", "genre": "Interview", "keywords": ["a", "b  c"],
        "subjects": [{"qcode": "medtop:11000000", "name": "politics"}, {"uri": "https://example.org/topic/x"},
                     {"qcode": "medtop:16000000", "uri": "http://cv.iptc.org/newscodes/mediatopic/16000000"}],
        "body": [
            {"kind": "heading", "text": "Intro"},
            {"kind": "paragraph", "text": "She said “we go now, said Bo” and left.\r\nTabs\there."},
            {"kind": "blockquote", "text": "A long quote & <markup> that is not markup."},
        ],
        "quotes": [
            {"id": "q2", "text": "said Bo", "block": 1, "start": 21, "end": 28, "speaker_id": "org1",
             "kind": "partial", "origin": "extracted", "confidence": 0.1 + 0.2, "rule": "said-after"},
            {"id": "q1", "text": "we go now, said Bo", "block": 1, "start": 10, "end": 28, "speaker_id": "p1"},
            {"id": "q3", "text": "A long quote & <markup> that is not markup.", "block": 2, "start": 0, "end": 43,
             "voice": "document", "kind": "block"},
            {"id": "q4", "text": "unplaced words", "voice": "generic"},
            {"id": "q5", "text": "more unplaced", "speaker_id": "p1"},
        ],
        "people": [{"id": "p1", "name": "Ann Example", "aliases": ["Ann", "A. E."], "description": "witness",
                    "same_as": ["https://www.wikidata.org/entity/Q1"], "url": "https://example.org/ann"},
                   {"id": "p2", "name": "Bo"}],
        "organizations": [{"id": "org1", "name": "Org", "url": "urn:isni:0000000123456789"}],
        "places": [{"id": "vienna", "name": "Vienna", "description": ""}],
        "author_ids": ["p2", "org1"], "contributor_ids": ["p1"], "publisher_id": "org1",
        "about_ids": ["vienna", "p1"],
        "source": {"name": "Wire", "url": "https://wire.example/", "relation": "wire"},
        "credit_line": "Wire/Org", "dateline": "VIENNA, Jan 1", "located_id": "vienna",
        "created": "2025-01-01T08:00:00.250000+01:00", "published": "2025-01-01T09:00:00Z",
        "modified": "2025-01-02T09:00:00-05:30",
        "rights": {"copyright_holder_id": "org1", "copyright_notice": "© Org", "usage_terms": "none",
                   "license_url": "https://creativecommons.org/licenses/by/4.0/"},
    })
