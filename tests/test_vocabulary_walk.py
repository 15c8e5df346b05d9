"""The vocabulary walker plans each node shape once per process; the walker it replaced is
kept as the reference (tests/vocabulary_walk_reference.py). Both must give the same findings,
in the same order, with the same paths and messages, on the corpus, on generated articles and
on random mutations of real outputs (tests/test_validation_written.py draws them), each checked
twice so that the second run meets the plans the first one made."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, seed, settings

from newsml_export.formats import jsonld
from newsml_export.validation.vocabulary import schema_context, vocabulary
from newsml_export.validation.vocabulary_check import UnsupportedContext, check_document, check_document_and_references

from . import vocabulary_walk_reference as reference
from .corpus import documents
from .strategies import articles
from .test_validation_written import mutated

CORPUS = documents()
SETTINGS = settings(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _findings(check, document):
    try:
        return [(f.severity, f.code, f.term, f.path, f.message) for f in check(document, vocabulary(), schema_context())]
    except (UnsupportedContext, reference.UnsupportedContext) as exc:
        return ("unsupported", str(exc))


def _same(document) -> list:
    expected = _findings(reference.check_document, document)
    for _ in range(2):
        assert _findings(check_document, document) == expected
    errors = _findings(lambda *args: check_document_and_references(*args, errors_only=True)[0], document)
    assert errors == (expected if isinstance(expected, tuple) else [f for f in expected if f[0] == "error"])
    return expected


@pytest.mark.parametrize("name", CORPUS)
def test_same_findings_on_the_corpus(name):
    _same(CORPUS[name])


@seed(41)
@settings(SETTINGS, max_examples=30)
@given(articles())
def test_same_findings_on_generated_articles(article):
    _same(jsonld.to_document(article))


def test_same_findings_on_mutated_documents():
    codes: set[str] = set()

    @seed(42)
    @settings(SETTINGS, max_examples=250)
    @given(mutated())
    def same(document):
        found = _same(document)
        codes.update(f[1] for f in found if isinstance(f, tuple))

    same()
    assert {"unknown-property", "unknown-type", "dropped", "domain", "range", "foreign", "pending", "superseded",
            "range-text", "invalid-type"} <= codes, codes


def test_inline_contexts_do_not_share_plans():
    """Nodes with their own contexts: the same key means different terms in each."""
    nodes = [{"@context": {"a": "http://schema.org/name" if i % 2 else "http://example.org/a"}, "@type": "Person", "a": "x"}
             for i in range(40)]
    document = {"@context": "https://schema.org", "@graph": nodes}
    for _ in range(2):
        found = _findings(check_document, document)
        assert [f[3][1] for f in found if f[1] == "foreign"] == list(range(0, 40, 2))


def test_the_modules_offer_what_they_name():
    from newsml_export.validation import vocabulary, vocabulary_check, vocabulary_plan, vocabulary_terms

    for module in (vocabulary, vocabulary_check, vocabulary_plan, vocabulary_terms):
        assert all(hasattr(module, name) for name in module.__all__), module.__name__


def test_plans_are_bounded_by_the_keys_they_hold(monkeypatch) -> None:
    """Third-party graphs vary: 20 shapes of 500 keys each must not stay in memory because
    there are few of them (a bound on entries alone let a validator grow to gigabytes)."""
    import json
    import random

    from newsml_export.validation import vocabulary_plan
    from newsml_export.validation.jsonld import validate
    from newsml_export.validation.vocabulary import schema_context, vocabulary

    monkeypatch.setattr(vocabulary_plan, "SIZE_LIMIT", 3_000)
    properties = sorted(p for p in vocabulary().properties if p[0].islower())[:500]
    rng = random.Random(3)
    for _ in range(4):
        nodes = []
        for _ in range(5):
            rng.shuffle(properties)
            nodes.append({"@type": "Thing", **dict.fromkeys(properties, "x")})
        report = validate(json.dumps({"@context": "https://schema.org", "@graph": nodes}).encode(), errors_only=True)
        assert any(check.startswith("schemaorg-vocabulary") for check in report.checked)
        plans = schema_context().memo["plans"]
        held = sum(len(keys) * (1 + len(layouts)) for keys, (_, layouts) in plans.shapes.items())
        assert plans.size <= 3_000 and held <= 2 * 3_000
