"""JSON Schema checks that cost microseconds: the verdict from ``jsonschema-rs``, the detailed
errors (only for an instance that fails) from ``jsonschema``.

The profile and article schemas run on every article a batch converts. Pure-Python
``jsonschema`` takes milliseconds on a seed-sized graph; ``jsonschema-rs`` takes microseconds.
Its errors carry less structure than ``jsonschema``'s (which keyword, which alternative of an
``anyOf`` came closest), and the callers' messages are built from that, so an invalid instance
is walked again by ``jsonschema`` for its errors. That path runs only for a failing article.

The verdicts are ``jsonschema``'s, exactly (``tests/test_json_schema.py``):

- ``pattern`` means what Python's ``re`` means, as for ``jsonschema``: ``jsonschema-rs``'s own
  ECMA-262 engine reads ``\\s``, ``\\d`` and ``$`` differently (U+FEFF is a space there,
  Arabic-Indic digits are not digits, ``$`` never matches before a final newline), and the
  model (pydantic) and the schema generated from it mean Python's. So a pattern is given to
  ``jsonschema-rs`` with those spelled out (:mod:`.patterns`: ``\\s`` as the explicit class of
  Python's spaces, ``$`` as ``\\n?$`` ...), or, when it uses what cannot be (``\\d``, ``\\w``,
  lookarounds ...), checked by ``re`` through a custom keyword (about ten times slower).
- A value JSON has no type for (bytes or a set from a YAML tag, a lone surrogate) makes
  ``jsonschema-rs`` raise; such an instance goes to ``jsonschema``, which reports it. (A tuple
  is read as an array by ``jsonschema-rs`` and not by ``jsonschema``; no JSON or YAML parser
  makes one, and the instances checked here come from those or from the model.)

Compiled once per process (see :func:`compiled`), so each worker of a batch compiles its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..schemas import load_bundled_json
from .patterns import engine_neutral

__all__ = ["CompiledSchema", "compiled"]

_PATTERN = "x-newsml-export-python-pattern"
# Keywords whose value is a map of names to subschemas, and keywords whose value is data.
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_DATA = frozenset({"enum", "const", "default", "examples"})


class _PythonPattern:
    """``pattern``, applied as ``jsonschema`` applies it: ``re.search`` on strings."""

    def __init__(self, parent_schema: dict[str, Any], value: str, schema_path: list[str | int]) -> None:
        self.pattern = value
        self.regex = _regex(value)

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and not self.regex.search(instance):
            raise ValueError(f"{instance!r} does not match {self.pattern!r}")


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _python_patterns(schema: Any) -> Any:
    """``schema`` with every ``pattern`` keyword read as Python reads it: spelled out for
    jsonschema-rs's engine where it can be (:mod:`.patterns`), else handed to
    :class:`_PythonPattern`."""
    if isinstance(schema, list):
        return [_python_patterns(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "pattern" and isinstance(value, str):
            neutral = engine_neutral(value)
            if neutral is None:
                out[_PATTERN] = value
            else:
                out[key] = neutral
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: _python_patterns(sub) for name, sub in value.items()}
        elif key in _DATA:
            out[key] = value
        else:
            out[key] = _python_patterns(value)
    return out


class CompiledSchema:
    """One JSON Schema (draft 2020-12), compiled for both libraries."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._fast = jsonschema_rs.validator_for(_python_patterns(schema), keywords={_PATTERN: _PythonPattern})
        self._detailed = Draft202012Validator(schema)

    def is_valid(self, instance: Any) -> bool:
        try:
            return bool(self._fast.is_valid(instance))
        except (ValueError, TypeError, OverflowError):
            # Not JSON data (bytes, a set, a lone surrogate, an integer past 64 bits...).
            return not any(True for _ in self._detailed.iter_errors(instance))

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        """Every error, as ``jsonschema`` reports it; nothing at all for a valid instance."""
        if self.is_valid(instance):
            return
        found = False
        for error in self._detailed.iter_errors(instance):
            found = True
            yield error
        if not found:  # never seen: the two agree (tests/test_json_schema.py); said rather than lost
            yield ValidationError("does not match the schema", validator="schema", instance=instance, schema={})  # type: ignore[arg-type]


@lru_cache(maxsize=8)
def _compiled(name: str, partial: bool) -> CompiledSchema:
    schema = load_bundled_json(name)
    if partial:
        schema = {**schema, "required": []}
    return CompiledSchema(schema)


def compiled(name: str, *, partial: bool = False) -> CompiledSchema:
    """The bundled schema ``name``, compiled once per process. ``partial`` drops the top-level
    ``required`` list (a metadata sidecar: the article text supplies the rest)."""
    return _compiled(name, partial)
