"""The rule table: every rule matches its examples, names are unique and documented, and
ingestion is conservative on random articles (property-based, fixed seed)."""

from __future__ import annotations

import re

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from newsml_export import InputError, ingest
from newsml_export.readers.rules import RULES, markdown_table
from newsml_export.readers.structure import STRUCTURE_RULES

from .conftest import ROOT

DOC = (ROOT / "docs" / "ingestion.md").read_text(encoding="utf-8")


def test_every_rule_matches_its_examples():
    for rule in RULES:
        assert rule.examples, rule.name
        for example in rule.examples:
            assert rule.match(example), (rule.name, example)


def test_rules_match_whole_segments_only():
    for rule in RULES:
        for example in rule.examples:
            assert not rule.match(f"In the article we read “{example}” and moved on.") or rule.kind == "head", (rule.name, example)


def test_rule_names_are_unique_and_shaped():
    names = [r.name for r in RULES] + [name for name, _ in STRUCTURE_RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+/[a-z-]+", name) for name in names)


def test_sections_and_items_fit_together():
    opened = {r.opens for r in RULES if r.kind == "section"}
    for rule in RULES:
        assert (rule.opens is not None) == (rule.kind == "section"), rule.name
        assert set(rule.within) <= opened and (bool(rule.within) == (rule.kind == "item")), rule.name


def test_docs_list_every_rule():
    assert markdown_table() in DOC, "regenerate the rule table in docs/ingestion.md from rules.markdown_table()"
    for name, _ in STRUCTURE_RULES:
        assert f"`{name}`" in DOC
    for name in ("hygiene/encoding", "hygiene/bom", "hygiene/line-ends", "hygiene/nfc", "hygiene/invisible", "hygiene/whitespace",
                 "default/id", "default/language", "sidecar/override"):
        assert f"`{name}`" in DOC


# -- conservative on random articles ----------------------------------------------------------

PROSE = [
    "The council voted on Tuesday to close the bridge to cars, ending years of arguments about traffic and the cost of repairs.",
    "“We will not leave a reply unanswered,” the mayor said, adding that readers’ comments had shaped the final plan.",
    "In the comments under the video, hundreds of viewers asked whether the footage was real; nobody from the channel replied.",
    "Die Regierung will die Förderung für private Ladestationen im kommenden Jahr deutlich ausweiten, heißt es in einem Entwurf.",
    "Les associations de locataires saluent une « avancée », mais regrettent que le calendrier des travaux soit aussi long.",
    "Los sindicatos calificaron el anuncio de insuficiente y mantienen la huelga convocada para la próxima semana en todo el país.",
    "Latest posts on the ministry’s website suggest the plan was drafted in a hurry, two officials said on Wednesday evening.",
]
FURNITURE = [e for r in RULES if r.kind in ("section", "line") for e in r.examples]
# An author box ("Written by X") admits one bio paragraph: inserted before the last paragraph
# and followed by a comment form, it takes that paragraph for a bio (docs/ingestion.md, "Not done").
INSERTABLE = [e for r in RULES if r.kind in ("section", "line") and r.opens != "profile" for e in r.examples]


@seed(20220205)
@settings(max_examples=150, deadline=None)
@given(
    body=st.lists(st.sampled_from(PROSE), min_size=3, max_size=8),
    inserted=st.lists(st.sampled_from(INSERTABLE), max_size=3),
    tail=st.lists(st.sampled_from(FURNITURE), max_size=6),
    position=st.integers(min_value=2, max_value=8),
)
def test_body_prose_always_survives_and_trailing_furniture_goes(body, inserted, tail, position):
    # Furniture-like lines inserted *inside* the body (past the head, where reading times and
    # bylines go) must stay; only the trailing run may go.
    position = min(position, len(body) - 1)
    middle = body[:position] + inserted + body[position:]
    text = "\n\n".join(["Headline of the article", *middle, *tail])
    article, report = ingest(text, language="en")
    kept = [article.description or ""] + [b.text for b in article.body]
    assert all(p in kept for p in body)
    if body[-1] == middle[-1]:
        removed_or_moved = [c.text for c in report if c.action in ("removed", "moved") and c.rule.split("/")[0] not in ("structure",)]
        assert removed_or_moved == tail


@seed(20220205)
@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_an_article_or_our_error(data):
    try:
        article, _ = ingest(data)
    except InputError as exc:
        assert str(exc)
    else:
        assert article.headline
