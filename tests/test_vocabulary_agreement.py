"""The fast vocabulary check gives the same verdicts as expanding with PyLD and checking the
expanded IRIs (schemaorg-notes.md §6), on every document of the corpus and on generated
articles."""

import pytest
from hypothesis import given, seed, settings

from newsml_export.formats import jsonld

from .corpus import documents
from .pyld_reference import fast_verdicts, pyld_verdicts
from .strategies import articles

CORPUS = documents()


@pytest.mark.parametrize("name", CORPUS)
def test_same_verdicts_as_pyld(name):
    assert fast_verdicts(CORPUS[name]) == pyld_verdicts(CORPUS[name])


def test_the_corpus_exercises_every_verdict():
    codes = {code for name in CORPUS for code, _term in fast_verdicts(CORPUS[name])[0]}
    assert {"unknown-property", "unknown-type", "pending", "superseded", "foreign", "domain", "range", "range-text"} <= codes
    assert any(fast_verdicts(doc)[1] for doc in CORPUS.values())  # a dropped key


@seed(5)
@settings(max_examples=25, deadline=None, derandomize=True)
@given(articles())
def test_same_verdicts_on_generated_articles(article):
    document = jsonld.to_document(article)
    assert fast_verdicts(document) == pyld_verdicts(document)
