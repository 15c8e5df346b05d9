"""The JSON-LD text is exactly json.dumps(..., ensure_ascii=False, indent=2) in UTF-8, though
orjson writes it: output bytes are API. Compared on arbitrary JSON values, on every character,
on floats of every magnitude, and on generated articles (the golden outputs of main are checked
by /work/briefs/golden.py)."""

from __future__ import annotations

import json
import math
import random
import struct
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import IntEnum

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from newsml_export.formats import jsonld
from newsml_export.formats.jsonld import json_text

from .strategies import articles

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

_AWKWARD = ["\u2028", "\u2029", "</script>", "\x00\x1f\x7f", "\x08\x0c\n\r\t", "é\u0301", "\"\\/", "\U0001f600", "\ufeff", "\ufffe\uffff"]
scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1])
           | st.floats(allow_nan=True, allow_infinity=True) | st.floats(-1e-3, 1e-3) | st.text() | st.sampled_from(_AWKWARD))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5) | st.sampled_from(_AWKWARD), inner, max_size=4)
                      | st.tuples(inner, inner), max_leaves=30)


def _reference(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def _same(value) -> None:
    assert json_text(value) == _reference(value)


@seed(20220205)
@SETTINGS
@given(values)
def test_same_bytes_as_json_dumps_on_any_json_value(value):
    _same(value)


@seed(20220205)
@settings(SETTINGS, max_examples=40)
@given(articles())
def test_same_bytes_on_generated_articles(article):
    document = jsonld.to_document(article)
    assert json_text(document) == _reference(document)
    assert jsonld.dump(article) == _reference(document) + b"\n"


def test_every_character_in_values_and_keys():
    characters = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, len(characters), 4096):
        chunk = characters[start:start + 4096]
        _same({"value": chunk, chunk: [chunk[:7], chunk[-7:]]})


def test_floats_of_every_magnitude():
    rng = random.Random(8)
    floats = [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(20_000)]
    floats += [rng.uniform(-1, 1) * 10.0 ** rng.randint(-30, 30) for _ in range(20_000)]
    floats += [0.0, -0.0, 5e-324, 1e-4, 9.999999999999999e-5, 1e-5, 5e-5, 1e-10, 1e-11, 1e15, 1e16, 1e22, 1.7976931348623157e308]
    for start in range(0, len(floats), 500):
        _same(floats[start:start + 500])
        _same({"a": floats[start], "b": {"c": floats[start + 1: start + 3]}})
    for value in (math.nan, math.inf, -math.inf, [1.0, math.nan], {"x": -math.inf}, 2.5e-7, {"confidence": 5e-05}):
        _same(value)


def test_empty_containers_and_nesting():
    for value in ({}, [], (), [{}], {"a": []}, [[[]]], {"a": {"b": {}}}, "", 0, None, True, [None, False]):
        _same(value)
    deep: list = []
    for _ in range(300):  # deeper than orjson writes (it refuses past 254 levels)
        deep = [deep]
    _same(deep)


def test_what_json_dumps_does_its_own_way_is_left_to_it():
    class Key(str):
        pass

    class Rank(IntEnum):
        first = 1

    class Reordered(dict):
        def items(self):  # json.dumps asks the mapping; orjson would read the dict underneath
            return reversed(list(super().items()))

    for value in (Reordered(a=1, b=2), {1: "int key", None: "none key"}, {"nested": {2.5: True}}, [math.inf, -math.inf], {Key("k"): Key("v")},
                  [Rank.first], {"big": 10**30}):
        _same(value)


@dataclass
class _Record:
    name: str


class _Unknown:
    pass


@pytest.mark.parametrize("value", [{"x": _Unknown()}, {"x": _Record("a")}, {"x": datetime(2024, 1, 1, tzinfo=timezone.utc)}, {"x": b"bytes"}])
def test_a_type_json_does_not_know_raises_as_json_dumps_does(value):
    for function in (json_text, _reference):
        with pytest.raises(TypeError, match="not JSON serializable"):
            function(value)


def test_a_lone_surrogate_cannot_be_encoded_either_way():
    for function in (json_text, _reference):
        with pytest.raises(UnicodeEncodeError):
            function({"x": "\ud800"})


def test_circular_data_raises_as_json_dumps_does():
    loop: list = []
    loop.append(loop)
    for function in (json_text, _reference):
        with pytest.raises(ValueError, match="Circular reference"):
            function(loop)
