"""parse_document takes a short way for JSON with nothing wrong in it (readers/metadata.py,
``_read_json``). Against the reader as it was (kept here as the reference: every raw
character searched, parsed, every value visited), over many broken and valid inputs: the
same Article, or the same error with the same message, line, column, field and issues; and
the model, told the strings were checked, builds the same Article as with its own search."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

import pytest

from newsml_export.errors import ArticleError, DecodeError, InputError
from newsml_export.limits import current_limits, too_big, too_deep, use_limits
from newsml_export.model import XML_CHECKED, Article
from newsml_export.readers import metadata, read_input
from newsml_export.readers.json_lines import deep_place
from newsml_export.readers.articles import article_from_document
from newsml_export.readers.metadata import Document, parse_document
from newsml_export.readers.text import refuse_empty
from newsml_export.xmlchars import refuse_in_text
from tests.batch_corpus import seed_sized

SOURCE = "article.json"


def _reference_parse(data: bytes, source: str) -> Document:
    """parse_document for JSON before the short way: the reference."""
    if len(data) > current_limits().document_bytes:
        raise too_big("document", len(data), "document_bytes", source, data)
    text = metadata._decode(data, source)
    refuse_empty(text, source)  # before either way of parsing: an empty file is said to be empty
    refuse_in_text(text, source)
    try:
        document = _reference_parse_json(text, source)
    except RecursionError:
        raise too_deep("JSON", source, *deep_place(text, current_limits().depth)) from None
    metadata._check_values(document, "json", text)
    return document  # strings_checked stays False: the model searches them itself


def _reference_parse_json(text: str, source: str) -> Document:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate key {key!r}")
            result[key] = value
        return result

    try:
        value = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise DecodeError(f"invalid JSON: {exc.msg}", source=source, line=exc.lineno, column=exc.colno) from None
    except ValueError as exc:  # a duplicate key, or an integer too long for Python to convert
        raise metadata._located_value_error(exc, text, source) from None
    return Document(value, source, json_text=text)


def _outcome(read: Any) -> tuple[Any, ...]:
    try:
        article = read()
    except InputError as exc:
        issues = [repr(issue) for issue in exc.issues] if isinstance(exc, ArticleError) else None
        return type(exc).__name__, str(exc), exc.source, exc.line, exc.column, exc.path, issues
    return "article", article.model_dump_json()


class _Counted:
    """Counts the calls of the value-by-value checks, to see which way a document went."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        for name in ("_check_values", "refuse_in_text"):
            original = getattr(metadata, name)

            def counted(*args: Any, _original: Any = original) -> Any:
                self.calls += 1
                return _original(*args)

            monkeypatch.setattr(metadata, name, counted)


def _compare(data: bytes) -> tuple[Any, ...]:
    expected = _outcome(lambda: article_from_document(_reference_parse(data, SOURCE)))
    assert _outcome(lambda: article_from_document(parse_document(data, SOURCE, syntax="json"))) == expected
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):  # what read_input reads as JSON
        assert _outcome(lambda: read_input(data, source=SOURCE, kind="article")[0]) == expected
    return expected


# -- inputs ----------------------------------------------------------------------------------

ESCAPES = ["\\u000b", "\\b", "\\f", "\\u0000", "\\u001F", "\\ud800", "\\uDC00", "\\ud83d\\ude00", "\\ud83d", "\\ufffe",
           "\\uFFFF", "\\\\b", "\\\\u000b", "\\\\\\u000b", "\\u0009", "\\n", "\\t", "\\u00e9", "\\u201d", "\\\\",
           "\\\\ud83d\\ude00", "\\ud83d\\\\ude00", "\\ud83d\\ud83d\\ude00", "\\ude00\\ud83d", "\\\\\\ud83d\\ude00", "\\uDBFF\\uDFFF"]
RAW = ["\x0b", "\x00", "\x1f", "\ufffe", "\uffff", "\x7f", "\u0085", "\t", "\ufdd0", "\U0001f600"]
TOKENS = ['{', '}', '[', ']', '"', '\\', ',', ':', ' ', '1', '-', 'null', 'NaN', 'Infinity', '-Infinity', '1e400', '9' * 5000,
          str(2 ** 70), '"headline": "x", ', '"id": "y", ', '"unknown": 1, ', '\ufeff', '\x0b', '\\u000b']
VALUES: list[Any] = [None, True, 0, -1, 1.5, 2 ** 70, float("nan"), "", "x", "x\ny", [], {}, ["a"], {"text": "t"},
                     "not a url", "http://", "https://ex ample.org", "urn:x", "2024-13-45", "2024-01-01T00:00:00",
                     "no-such-id", "q-nato-paper", "people", "a\u2028b", "\U0001f600"]


def _base(index: int) -> dict[str, Any]:
    return seed_sized(index)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return document


def _dump(document: Any, rng: random.Random) -> bytes:
    text = json.dumps(document, ensure_ascii=rng.random() < 0.3, indent=rng.choice([None, 1, 2]))
    return text.encode("utf-8")


def _structural(rng: random.Random, index: int) -> bytes:
    document = _base(index)
    paths = list(_paths(document))
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["value", "delete", "add", "nest", "escape_text", "raw_text", "reference", "valid"])
        path = rng.choice(paths[1:])
        try:
            if op == "value":
                document = _set(document, path, copy.deepcopy(rng.choice(VALUES)))
            elif op == "delete":
                parent = document
                for part in path[:-1]:
                    parent = parent[part]
                del parent[path[-1]]
            elif op == "add":
                parent = document
                for part in path[:-1]:
                    parent = parent[part]
                if isinstance(parent, dict):
                    parent[rng.choice(["unknown", "headline", "rule", "aliases", "voice"])] = copy.deepcopy(rng.choice(VALUES))
            elif op == "nest":
                nested: Any = "deep"
                for _ in range(rng.choice([2, 5, 20, 99, 101, 150])):
                    nested = [nested] if rng.random() < 0.5 else {"k": nested}
                document = _set(document, path, nested)
            elif op == "reference":
                document = _set(document, rng.choice([("publisher_id",), ("author_ids",), ("quotes", 0, "speaker_id")]),
                                rng.choice(["nobody", "q-nato-paper", ["nobody"], None]))
            elif op == "raw_text":
                document["headline"] += rng.choice(RAW)
        except (KeyError, IndexError, TypeError):
            pass
    return _dump(document, rng)


def _textual(rng: random.Random, index: int) -> bytes:
    text = _dump(_base(index), rng).decode("utf-8")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        op = rng.choice(["truncate", "delete", "token", "escape", "escape", "duplicate_key", "raw"])
        if op == "truncate":
            text = text[:at]
        elif op == "delete":
            text = text[:at] + text[at + rng.randint(1, 20):]
        elif op == "token":
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif op == "escape":  # inside a string value: after an opening quote of a value
            quote = text.find(': "', at)
            if quote != -1:
                text = text[:quote + 3] + rng.choice(ESCAPES) + text[quote + 3:]
        elif op == "duplicate_key":
            brace = text.find("{", at)
            if brace != -1:
                text = text[:brace + 1] + rng.choice(['"id": "z", ', '"text": "t", ', '"name": "n", ']) + text[brace + 1:]
        elif op == "raw":
            text = text[:at] + rng.choice(RAW) + text[at:]
    data = text.encode("utf-8", "surrogatepass")
    return rng.choice([data, data, data, b"\xef\xbb\xbf" + data, data.replace(b"\xe2\x80\x93", b"\x96")])


def _cases(count: int, seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for number in range(count):
        yield (_structural if number % 2 else _textual)(rng, number % 7)


def test_both_ways_agree_on_many_broken_and_valid_inputs():
    kinds = {_compare(data)[0] for data in _cases(600, seed=8)}
    assert kinds == {"article", "DecodeError", "UnsafeInputError", "ArticleError"}


def test_clean_json_takes_the_short_way_and_suspect_json_the_long_one(monkeypatch):
    counted = _Counted(monkeypatch)
    short = long = 0
    for data in _cases(600, seed=9):
        before = counted.calls
        try:
            parse_document(data, SOURCE, syntax="json")
        except InputError:
            long += counted.calls > before  # the checks ran (a parse error runs the raw search first)
            continue
        if counted.calls == before:
            short += 1
        else:
            long += 1  # an escape that may be a forbidden character (\u0009, say), or deep nesting
    assert short > 50 and long > 50


@pytest.mark.parametrize("data", [
    b'{"id": "x", "id": "y"}', b'{"id": "x",\n "people": [{"id": "p", "name": "n", "name": "m"}]}',
    b'{"id": "x", "language": "en", "headline": "a\\u000bb"}', b'{"id": "x", "language": "en", "headline": "a\\bb"}',
    b'{"id": "x", "language": "en", "headline": "\\ud800"}', b'{"id": "x", "language": "en", "headline": "\xef\xbf\xbe"}',
    b'{"id": "x", "language": "en", "headline": "a\x0bb"}', b'{"id": "x", "language": "en", "head\\u0001line": "h"}',
    b'{"id": "x", "language": "en", "headline": "h", "version": ' + b"9" * 5000 + b"}",
    b'{"id": "x", "language": "en", "headline": "h", "version": NaN}', b"[]", b"null", b'"x"', b"", b"\xff{}",
    b'{"id": "x", "language": "en", "headline": "h", "keywords": ' + b"[" * 101 + b"]" * 101 + b"}",
    b'{"id": "x", "language": "en", "headline": "h", "keywords": ' + b"[" * 2000 + b"]" * 2000 + b"}",
    b'{"id": "x", "language": "en", "headline": "h", "url": "https://ex ample.org"}',
    b'{"id": "x", "id": "y", "headline": "\xef\xbf\xbf"}', b'{"a": [1, 2,]\x0b}',
])
def test_what_the_reference_refuses_is_refused_alike(data):
    assert _compare(data)[0] != "article"


def test_valid_escapes_and_characters_are_read_alike():
    document = seed_sized(0)
    document["headline"] = "tab\there \u0085 \x7f \ufdd0 \U0001f600 \u201d \\b"
    for ensure_ascii in (False, True):
        assert _compare(json.dumps(document, ensure_ascii=ensure_ascii).encode())[0] == "article"


@pytest.mark.parametrize("limits", [{"depth": 1}, {"depth": 3}, {"depth": 4}, {"depth": 5}, {"document_bytes": 100}])
def test_limits_apply_the_same(limits):
    with use_limits(**limits):
        for data in _cases(60, seed=limits.get("depth", 0)):
            _compare(data)
        # The seed nests 4 deep (article, people, person, same_as).
        expected = "article" if limits.get("depth", 4) >= 4 and "document_bytes" not in limits else "UnsafeInputError"
        assert _compare(json.dumps(seed_sized(1)).encode())[0] == expected


def test_yaml_and_str_are_read_as_before():
    import yaml

    document = seed_sized(2)
    data = yaml.safe_dump(document, allow_unicode=True).encode()
    assert article_from_document(parse_document(data, "a.yaml")) == Article.model_validate(document)
    text = json.dumps(document)
    assert parse_document(text, SOURCE).data == document and parse_document(text, SOURCE).strings_checked


def test_the_model_skips_its_own_pass_only_for_the_readers_token():
    data = {"id": "x", "language": "en", "headline": "a\x0bb"}
    for context in (None, {"xml_characters": "checked by the reader"}, dict(XML_CHECKED)):
        with pytest.raises(ValueError, match="U\\+000B"):
            Article.model_validate(data, context=context)
    # A Document the reader did not make (JSON-LD fields, say) gets the model's own search.
    with pytest.raises(ArticleError, match="U\\+000B"):
        article_from_document(Document(data, "x.jsonld"))


FRAGMENTS = ["a", "\\\\", "\\b", "\\f", "\\n", "\\u000b", "\\u0009", "\\u00e9", "\\ud83d", "\\ude00", "\\uDBFF", "\\uDFFF",
             "\\ufffe", "\\uFFFD", "b", "u", "ud83d", '\\"', "\\u005c"]


def test_escapes_forbidden_never_misses_one():
    from newsml_export.xmlchars import escapes_forbidden, find_forbidden

    rng = random.Random(8)
    said = {True: 0, False: 0}
    for _ in range(5000):
        body = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 6)))
        text = f'{{"k{rng.choice(["", body])}": ["{body}", "x"]}}'
        try:
            value = json.loads(text)
        except ValueError:
            continue
        strings = [key for key in value] + value[next(iter(value))]
        truly = any(find_forbidden(string) for string in strings)
        verdict = escapes_forbidden(text)
        assert verdict or not truly, text
        said[verdict] += 1
    assert said[True] > 500 and said[False] > 500
    assert not escapes_forbidden('["\\ud83d\\ude00", "\\\\\\ud83d\\ude00", "\\\\b", "\\\\u000b"]')


def test_json_lines_are_found_by_offset_search_as_by_counting():
    """JsonLocator looks a line up among the offsets of the line breaks (many issues in one big
    document were quadratic when each lookup counted from the start): the same line as
    counting, for every member of a document with nested containers, blank lines and strings
    holding escaped line breaks."""
    import json as json_module

    from newsml_export.readers.json_lines import JsonLocator

    document = {"a": [{"k": i, "t": "x\\ny" * i, "n": {"deep": [i, i + 1]}} for i in range(40)], "b": {"c": "d"}}
    text = json_module.dumps(document, indent=1).replace('"k"', '\n\n  "k"')
    locator = JsonLocator(text)
    checked = 0
    for index in range(40):
        for path, needle in ((("a", index, "k"), f'"k": {index},'), (("a", index, "n", "deep"), '"deep"')):
            at = text.index(needle, text.index(f'"k": {index},'))
            assert locator.line_of(path) == text.count("\n", 0, at) + 1
            checked += 1
    assert locator.line_of(("b", "c")) == text.count("\n", 0, text.index('"c"')) + 1
    assert locator.line_of(()) == 1 and locator.line_of(("missing",)) == 1 and checked == 80
