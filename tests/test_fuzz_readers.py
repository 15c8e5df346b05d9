"""Hostile and broken input through every reader: only newsml-export's own errors escape, and
each names the input and a location (the oracle in fuzz/targets.py). Fixed seeds and modest
example counts here; ``python fuzz/run.py`` runs the same targets for as long as it is told.

Targets: scraped text, YAML and JSON sidecars (with a text), canonical JSON and YAML articles,
JSON-LD, HTML with JSON-LD, NewsML-G2 (each also through its validator), and content
detection. Whatever a reader accepts is exported to both formats, which must not fail either.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz.inputs import ENCODINGS, huge, inputs, nested
from fuzz.targets import TARGETS, Crash, check_validator, exercise, seeds

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])


def _run(target, data) -> str:
    outcome = exercise(target, data)
    if target.validate is not None and isinstance(data, bytes):
        check_validator(target.validate, data)
    return outcome


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_generated_inputs_raise_only_located_errors_of_our_own(name):
    target = TARGETS[name]
    outcomes: Counter[str] = Counter()

    @SETTINGS
    @given(inputs(target, huge_size=50_000))
    def run(data):
        outcomes[_run(target, data)] += 1

    run()
    # The inputs reach past the parsers: some are read as articles, some are refused.
    assert outcomes["ok"] > 0 and sum(outcomes.values()) > outcomes["ok"], outcomes


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_truncation_of_the_seeds(name):
    target = TARGETS[name]
    for seed in seeds()[target.seeds][:2]:
        step = max(1, len(seed) // 40)
        for end in range(0, len(seed), step):
            _run(target, seed[:end])


@pytest.mark.parametrize("name", sorted(TARGETS))
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_seeds_in_wrong_encodings(name, encoding):
    target = TARGETS[name]
    for seed in seeds()[target.seeds][:2]:
        _run(target, seed.decode("utf-8").encode(encoding, "replace"))


@pytest.mark.parametrize("name", sorted(TARGETS))
@pytest.mark.parametrize("depth", [50, 101, 300, 5000])
def test_deep_nesting(name, depth):
    target = TARGETS[name]
    kind = "jsonld" if target.seeds == "all" else target.seeds
    outcome = _run(target, nested(kind, depth))
    if depth > 100 and kind != "text":  # beyond the default depth limit (text does not nest)
        assert outcome == "UnsafeInputError"


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_huge_strings(name):
    target = TARGETS[name]
    _run(target, huge("jsonld" if target.seeds == "all" else target.seeds, 1_000_000))


def test_the_oracle_catches_what_it_should():
    from newsml_export.errors import DecodeError

    def reader(_data):
        raise IndexError("boom")

    with pytest.raises(Crash, match="IndexError escaped"):
        exercise(TARGETS["text"].__class__("broken", "text", reader), b"x")

    def unlocated(_data):
        raise DecodeError("bad", source="fuzzed-input")

    with pytest.raises(Crash, match="without input or location"):
        exercise(TARGETS["text"].__class__("broken", "text", unlocated), b"x")
