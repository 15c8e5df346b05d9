"""The fast indented JSON writer gives exactly json.dumps(..., ensure_ascii=False, indent=2):
output bytes are API."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from newsml_export.formats import jsonld
from newsml_export.formats._json_text import dumps_indented

from .strategies import articles

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=True, allow_infinity=True)
           | st.text() | st.sampled_from(["\u2028", "</script>", "\x00\x1f\x7f", "é\u0301", "\ud800"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
                      | st.tuples(inner, inner), max_leaves=30)


def _reference(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@seed(20220205)
@SETTINGS
@given(values)
def test_same_text_as_json_dumps_on_any_json_value(value):
    assert dumps_indented(value) == _reference(value)


@seed(20220205)
@settings(SETTINGS, max_examples=40)
@given(articles())
def test_same_text_on_generated_articles(article):
    document = jsonld.to_document(article)
    assert dumps_indented(document) == _reference(document)


def test_what_json_dumps_does_its_own_way_is_left_to_it():
    for value in ({1: "int key", None: "none key"}, {"nested": {2.5: True}}, [math.inf, -math.inf]):
        assert dumps_indented(value) == _reference(value)


class _Unknown:
    pass


def test_a_type_json_does_not_know_raises_as_json_dumps_does():
    for function in (dumps_indented, _reference):
        try:
            function({"x": _Unknown()})
        except TypeError as exc:
            assert "not JSON serializable" in str(exc)
        else:
            raise AssertionError("expected TypeError")
