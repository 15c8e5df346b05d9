"""IPTC's own library (newsmlg2) reads every item we write and sees what we meant."""

from __future__ import annotations

import pytest

from newsml_export.formats import newsml_g2

from .newsml_helpers import locate_quotes, rich_article


def read_with_newsmlg2(data: bytes) -> dict[str, object]:
    """What newsmlg2 sees, as plain data. Its catalog store is a module-level singleton: reset it
    afterwards so its state cannot leak into anything else."""
    import NewsMLG2
    from NewsMLG2.catalogstore import CATALOG_STORE

    try:
        item = NewsMLG2.NewsMLG2Document(data).get_item()
        meta = item.contentmeta
        return {
            "guid": item.guid, "version": item.version, "standardversion": item.standardversion,
            "conformance": item.conformance, "headline": [str(h) for h in meta.headline],
            "language": [lang.tag for lang in meta.language],
            "subjects": [(s.type, s.qcode or s.uri or s.literal, str(s.name)) for s in meta.subject],
            "catalog_schemes": len(CATALOG_STORE),
            "interviewee": NewsMLG2.qcode_to_uri("cpprole:interviewee"),
        }
    finally:
        CATALOG_STORE.__init__([])


@pytest.mark.parametrize("body", ["xhtml", "nitf"])
@pytest.mark.parametrize("variant", ["seed", "rich"])
def test_newsmlg2_reads_our_items(seed_article, body, variant):
    article = locate_quotes(seed_article) if variant == "seed" else rich_article()
    seen = read_with_newsmlg2(newsml_g2.dump(article, body=body))
    assert seen["guid"] == article.id
    assert seen["version"] == str(article.version)
    assert (seen["standardversion"], seen["conformance"]) == ("2.35", "power")
    # newsmlg2 collapses whitespace whatever xml:space says; we compare what it can see.
    assert seen["headline"][0] == " ".join(article.headline.split())
    assert seen["language"] == [article.language]
    entity_subjects = [(t, ident, name) for t, ident, name in seen["subjects"] if t]
    concept_subjects = [ident for t, ident, _ in seen["subjects"] if not t]
    assert {ident for _, ident, _ in entity_subjects} == {e.id for e in article.entities()}
    assert {name for _, _, name in entity_subjects} == {" ".join(e.name.split()) for e in article.entities()}
    assert concept_subjects == [s.qcode or s.uri for s in article.subjects]
    # It found IPTC's catalog v41 offline through our catalogRef and resolves our role codes.
    assert seen["catalog_schemes"] >= 1
    assert seen["interviewee"] == "http://cv.iptc.org/newscodes/contentprodpartyrole/interviewee"


def test_newsmlg2_global_state_does_not_leak(seed_article):
    from NewsMLG2.catalogstore import CATALOG_STORE

    read_with_newsmlg2(newsml_g2.dump(seed_article))
    assert len(CATALOG_STORE) == 0
