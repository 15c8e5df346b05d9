"""The exporter validates the JSON-LD document it just serialised (``written_is_valid``), not
the bytes parsed back: its verdict must be the one ``validate(bytes, errors_only=True)`` gives,
on valid documents and on broken ones (random mutations of real outputs: unknown and misplaced
terms, wrong types and values, dangling references, other contexts, characters XML 1.0
forbids, documents that are not objects). The checks it runs on the document as it is must
agree with ``validate`` by themselves, so that the bytes are parsed only for a failing one."""

from __future__ import annotations

import copy
import json
import math

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from newsml_export.errors import ExportError
from newsml_export.formats import jsonld
from newsml_export.formats.jsonld import json_text
from newsml_export.pipeline import convert_bytes, export, validate_output
from newsml_export.validation import jsonld as checks
from newsml_export.validation.jsonld import validate, written_is_valid
from newsml_export.validation.report import Report
from newsml_export.validation.vocabulary import vocabulary_and_context
from newsml_export.validation.vocabulary_check import UnsupportedContext, check_document_and_references

from .batch_corpus import seed_sized
from .corpus import documents
from .strategies import articles

CORPUS = documents()
SETTINGS = settings(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _same_verdict(document) -> Report:
    data = json_text(document) + b"\n"
    report = validate(data, source="<jsonld output>", errors_only=True)
    assert written_is_valid(document, data) == report.ok
    if not any(i.code == "syntax" for i in report.issues):
        assert checks._passes_as_is(document) == report.ok  # the shortcut alone, both ways
        _references_found_on_the_walk(document)
    return report


REFERENCE_WALKS: list[tuple[bool, bool]] = []  # (the walk saw every reference, one dangles)


def _references_found_on_the_walk(document) -> list[str] | None:
    """The references the vocabulary walk collects tell a dangling one as the profile's own
    walk does (or are None: the walk left something unlooked-at)."""
    installed = vocabulary_and_context()
    assert installed is not None
    try:
        references = check_document_and_references(document, *installed)[1]
    except UnsupportedContext:
        return None
    dangling = checks._dangling(document)
    assert checks._dangling(document, references) == dangling
    REFERENCE_WALKS.append((references is not None, dangling))
    return references


@pytest.mark.parametrize("name", CORPUS)
def test_same_verdict_on_the_corpus(name):
    """The seed, third-party documents and every broken document of test_jsonld_validation."""
    _same_verdict(CORPUS[name])


@seed(31)
@settings(SETTINGS, max_examples=40)
@given(articles())
def test_same_verdict_on_generated_articles(article):
    document = jsonld.to_document(article)
    _same_verdict(document)
    assert _references_found_on_the_walk(document) is not None  # this tool's output needs no second walk


_KEYS = ["headline", "headlin", "name", "text", "author", "about", "wordCount", "position", "dateline", "datePublished",
         "isBasedOnUrl", "comment", "commentCount", "image", "sameAs", "url", "identifier", "value", "creator", "@type",
         "@id", "@tpye", "@context", "@graph", "@reverse", "@list", "type", "id", "schema:name", "http://example.org/x",
         "_:b", "bad\x0bkey", "\ufffekey"]
_TYPES = ["NewsArticle", "Person", "Persn", "Place", "Organisation", "Organization", "Quotation", "DefinedTerm", "Text", "PropertyValue",
          "http://example.org/T", 7]
_SCALARS = (st.text(max_size=12) | st.integers(-3, 3000) | st.floats(allow_nan=True, allow_infinity=True) | st.booleans()
            | st.none() | st.sampled_from(["2022-02-05T12:00:00+03:00", "2022-02-05", "yesterday", "https://example.org/",
                                           "tab\tand\nnewline", "\\u000b", "back\\slash", "x\x7f\x85\u2028"]))
_FORBIDDEN = ["a\x0bb", "\x00", "\x08", "\x0c", "\x1f", "\ufffe", "x\uffff"]  # what the parser refuses


def _values(ids: list[str]) -> st.SearchStrategy:
    reference = st.sampled_from(ids + ["urn:nowhere", "#frag"]).map(lambda i: {"@id": i})
    node = st.fixed_dictionaries({"@type": st.sampled_from(_TYPES)}, optional={"name": _SCALARS, "url": _SCALARS})
    return st.recursive(_SCALARS | reference | node, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3), max_leaves=6)


_CONTEXTS = ["https://schema.org", "http://schema.org", "https://schema.org/", "https://example.org/context", None,
             ["https://schema.org", {"ex": "http://example.org/"}], {"@vocab": "http://schema.org/"}, {"@import": "x"}, 5]


@st.composite
def mutated(draw):
    base = copy.deepcopy(draw(st.sampled_from([CORPUS["seed"], CORPUS[next(n for n in CORPUS if n.startswith("broken"))]])))
    graph = base["@graph"]
    ids = [n["@id"] for n in graph if isinstance(n, dict) and "@id" in n]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["set", "set", "set", "delete", "type", "context", "append", "set", "forbidden"]))
        target = graph[draw(st.just(0) | st.integers(0, len(graph) - 1))]  # the article node, often
        if kind == "set" and isinstance(target, dict):
            target[draw(st.sampled_from(_KEYS))] = draw(_values(ids))
        elif kind == "delete" and isinstance(target, dict) and target:
            target.pop(draw(st.sampled_from(sorted(target))))
        elif kind == "type" and isinstance(target, dict):
            target["@type"] = draw(st.sampled_from(_TYPES) | st.lists(st.sampled_from(_TYPES), max_size=2))
        elif kind == "context":
            base["@context"] = draw(st.sampled_from(_CONTEXTS))
        elif kind == "forbidden" and isinstance(target, dict):
            if draw(st.booleans()):
                target[draw(st.sampled_from(_KEYS))] = draw(st.sampled_from(_FORBIDDEN))
            else:
                target[draw(st.sampled_from(_FORBIDDEN))] = "in a key"
        elif kind == "append":
            graph.append(draw(_values(ids)))
    return draw(st.sampled_from([base] * 20 + [[base], "a string", 3, None]))  # sometimes not an object


def test_same_verdict_on_mutated_documents():
    codes: set[str] = set()

    @seed(32)
    @settings(SETTINGS, max_examples=250)
    @given(mutated())
    def same(document):
        codes.update(i.code for i in _same_verdict(document).issues)

    REFERENCE_WALKS.clear()
    same()
    # Dangling references found on the vocabulary walk, and walks that had to leave it to _dangling.
    assert {(True, True), (True, False), (False, True), (False, False)} <= set(REFERENCE_WALKS)
    # The mutations are only worth their examples if they break documents in all these ways.
    assert {"syntax", "profile-dangling-reference", "profile-type", "profile-forbidden", "unknown-property", "unknown-type",
            "dropped", "domain", "range", "foreign", "context-unsupported"} <= codes, codes


def test_the_exporter_uses_the_written_document_and_refuses_what_the_bytes_path_refuses(seed_article):
    data = export(seed_article, "jsonld")
    assert data == jsonld.dump(seed_article)
    assert validate_output(data, "jsonld", errors_only=True).ok
    broken = seed_article.model_copy(update={"headline": ""})  # the profile wants a headline of one character or more
    bytes_verdict = validate_output(jsonld.dump(broken), "jsonld", errors_only=True)
    with pytest.raises(ExportError) as raised:
        export(broken, "jsonld")
    assert not bytes_verdict.ok
    assert {i.code for i in raised.value.issues} == {i.code for i in bytes_verdict.errors}


def test_a_valid_document_is_not_parsed_back(seed_article, monkeypatch):
    documents = [jsonld.to_document(seed_article), CORPUS["seed"]]
    monkeypatch.setattr(checks, "read_documents", None)  # any parse would fail
    for document in documents:
        assert written_is_valid(document, json_text(document) + b"\n")


def test_nan_survives_both_paths():
    _same_verdict({"@context": "https://schema.org", "@graph": [{"@type": "Quotation", "text": math.nan}]})


@seed(33)
@settings(SETTINGS, max_examples=300)
@given(st.lists(st.integers(0, 30) | st.text(alphabet="a~/0 1@", max_size=4), max_size=5))
def test_pointer_escapes_as_rfc_6901_says(path):
    from newsml_export.formats._jsonld_graph import pointer

    assert pointer(tuple(path)) == "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def test_text_written_by_another_writer_gets_the_full_validation() -> None:
    """written_is_valid is public: text escaped by another writer (``ensure_ascii``) may hide a
    character XML forbids as an escape orjson never writes, and the current limits apply."""
    from newsml_export.limits import use_limits

    document = json.loads(convert_bytes(json.dumps(seed_sized(1)).encode(), targets=("jsonld",))["jsonld"])
    for bad in ("\ufffe", "\uffff", "\ud800", "\x0b"):
        spoiled = json.loads(json.dumps(document))
        spoiled["@graph"][0]["headline"] = "x" + bad
        data = json.dumps(spoiled, ensure_ascii=True, indent=2).encode()
        assert written_is_valid(spoiled, data) is validate(data, errors_only=True).ok is False
    data = json.dumps(document, indent=2).encode()
    with use_limits(document_bytes=1000):
        assert written_is_valid(document, data) is validate(data, errors_only=True).ok is False
