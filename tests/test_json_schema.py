"""jsonschema-rs gives the verdicts (it is what makes validation affordable per article), so it
must agree with python-jsonschema, the reference, on valid and broken documents alike: the
outputs and canonical documents of generated articles, each of them broken in every keyword the
schemas use, the strings where regular-expression engines disagree, and values JSON has no type
for."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, seed, settings
from jsonschema import Draft202012Validator

from newsml_export.formats import jsonld
from newsml_export.schemas import load_bundled_json
from newsml_export.validation.json_schema import compiled
from newsml_export.validation.patterns import engine_neutral

from .strategies import articles

SCHEMAS = ("newsarticle.schema.json", "article.schema.json")
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _reference(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_bundled_json(name))


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    copied = copy.deepcopy(document)
    target = copied
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copied


def _delete(document: Any, path: tuple[Any, ...]) -> Any:
    copied = copy.deepcopy(document)
    target = copied
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return copied


def broken_variants(document: Any, limit: int = 40) -> list[Any]:
    """The document broken in many ways: wrong types, empty and malformed strings, a key
    removed, an unknown or forbidden key added, a list emptied."""
    variants = []
    for index, (path, value) in enumerate(_leaves(document)):
        if not path or index % 3:
            continue
        if isinstance(value, str):
            variants += [_set(document, path, 42), _set(document, path, ""), _set(document, path, "has space"), _set(document, path, "x\x1cy"),
                         _set(document, path, value + "\n")]
        elif isinstance(value, dict):
            variants += [_set(document, path, {**value, "comment": "x"}), _set(document, path, {**value, "zzUnknown": 1})]
        elif isinstance(value, list):
            variants += [_set(document, path, []), _set(document, path, [None])]
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            variants += [_set(document, path, -1), _set(document, path, "1")]
        if isinstance(path[-1], str):
            variants.append(_delete(document, path))
    return variants[:: max(1, len(variants) // limit)]


def _agree(name: str, document: Any) -> bool:
    fast = compiled(name).is_valid(document)
    reference = not any(True for _ in _reference(name).iter_errors(document))
    assert fast == reference, f"{name}: jsonschema-rs says {fast}, jsonschema says {reference} on {json.dumps(document)[:300]}"
    return fast


@seed(20220205)
@SETTINGS
@given(articles())
def test_same_verdicts_on_generated_articles_and_their_broken_variants(article):
    outputs = {
        "newsarticle.schema.json": jsonld.to_document(article),
        "article.schema.json": article.model_dump(mode="json", exclude_none=True),
    }
    for name, document in outputs.items():
        assert _agree(name, document), f"a valid {name} document was rejected"
        for variant in broken_variants(document):
            _agree(name, variant)


def test_the_corpus_holds_both_verdicts(seed_article):
    verdicts = set()
    for variant in broken_variants(jsonld.to_document(seed_article), limit=200):
        verdicts.add(_agree("newsarticle.schema.json", variant))
    assert verdicts == {True, False}


# Where ECMA-262 (jsonschema-rs's own engine) and Python's re read a pattern differently:
# U+FEFF is a space to ECMA, Arabic-Indic digits are digits to Python, "$" matches before a
# final newline in Python, \x1c-\x1f are spaces to Python.
ODD_STRINGS = ["urn:x:\ufeff</script>", "a\x1cb", "٢٠٢٢-٠٢-٠٥T12:00:00Z", "2022-02-05T12:00:00Z\n", "en\n",
               "https://example.org/\u2028x", "urn:isbn:\u00a0", "x\u3000y", "\U0001d7ce"]


@pytest.mark.parametrize("value", ODD_STRINGS)
def test_same_verdicts_where_regular_expression_engines_differ(seed_article, value):
    document = jsonld.to_document(seed_article)
    node = document["@graph"][0]
    for key in ("@id", "inLanguage", "datePublished", "url"):
        _agree("newsarticle.schema.json", {**document, "@graph": [{**node, key: value}, *document["@graph"][1:]]})
    article = seed_article.model_dump(mode="json", exclude_none=True)
    for key in ("id", "language", "published", "url"):
        _agree("article.schema.json", {**article, key: value})
    _agree("article.schema.json", {**article, "people": [{**article["people"][0], "id": value}]})


# (A tuple is the one value read differently: an array to jsonschema-rs, not to jsonschema. No
# JSON or YAML parser makes one; the documents checked come from those, or from the model.)
@pytest.mark.parametrize("value", [b"bytes from !!binary", {"a", "b"}, "\ud800", 10**30, float("nan")])
def test_values_json_has_no_type_for_are_reported_not_raised(seed_article, value):
    article = seed_article.model_dump(mode="json", exclude_none=True)
    for key in ("headline", "keywords", "version"):
        instance = {**article, key: value}
        verdict = _agree("article.schema.json", instance)
        assert verdict == (not list(compiled("article.schema.json").iter_errors(instance)))


def test_errors_are_jsonschemas_and_only_for_invalid_documents(seed_article):
    schema = compiled("newsarticle.schema.json")
    document = jsonld.to_document(seed_article)
    assert list(schema.iter_errors(document)) == []
    document["@graph"][0]["headline"] = 42
    [error] = list(schema.iter_errors(document))
    assert (error.validator, list(error.absolute_path)) == ("type", ["@graph", 0, "headline"])


@pytest.mark.parametrize("name", SCHEMAS)
def test_compiled_once_per_process(name):
    assert compiled(name) is compiled(name)
    assert compiled(name, partial=True) is not compiled(name)


def _bundled_patterns() -> list[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "pattern" and isinstance(item, str):
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name in SCHEMAS:
        walk(load_bundled_json(name))
    return sorted(found)


def _examples(pattern: str) -> list[str]:
    """Strings the pattern matches, to set characters into."""
    samples = ["x", "urn:newsml:example.org:1#a", "https://example.org/a?b#c", "newsml-export:voice", "en-GB", "a_b.c-1",
               "2022-02-05T12:00:00+03:00", "urn:isbn:123"]
    return [s for s in samples if re.search(pattern, s)]


@pytest.mark.parametrize("pattern", [p for p in _bundled_patterns() if engine_neutral(p) is not None])
def test_a_respelt_pattern_matches_what_python_matches_on_every_character(pattern):
    """Every character of the BMP and a sample of the others (digits and letters of other
    scripts, emoji), alone, inside and at the end of matching strings, before a final newline."""
    checker = jsonschema_rs.validator_for({"type": "string", "pattern": engine_neutral(pattern)})
    regex = re.compile(pattern)
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + ["\U0001d7ce", "\U000104a0", "\U0001f600", "\U00020000"]
    examples = _examples(pattern)
    assert examples, pattern
    for char in characters:
        for text in (char, char + "\n", examples[0][:3] + char + examples[0][3:], examples[-1] + char, examples[-1] + char + "\n"):
            assert checker.is_valid(text) == bool(regex.search(text)), (pattern, text)
    for example in examples:
        for text in (example, example + "\n", example + "\n\n", example + "\r\n", "\n" + example, example + "\u2028"):
            assert checker.is_valid(text) == bool(regex.search(text)), (pattern, text)


def test_python_has_no_whitespace_outside_the_basic_multilingual_plane():
    assert not [c for c in range(0x10000, 0x110000) if chr(c).isspace()]


def test_patterns_are_respelt_only_when_every_part_is_understood():
    assert engine_neutral(r"^\d{4}$") is None and engine_neutral(r"^\w+$") is None and engine_neutral("a(?=b)") is None
    assert engine_neutral("a$b") is None and engine_neutral("a^") is None and engine_neutral("[]a]") is None
    assert engine_neutral("[a--b]") is None and engine_neutral("[[a]]") is None and engine_neutral("a{,2") is None
    assert engine_neutral("[\\S]") is None and engine_neutral("[a") is None
    assert engine_neutral("^a.b$") == "^a[^\\n]b\\n?$"
    assert engine_neutral("^[A-Za-z_][A-Za-z0-9_.-]*$") == "^[A-Za-z_][A-Za-z0-9_.-]*\\n?$"
