"""JSON Schema checks that cost microseconds: the verdict from ``jsonschema-rs``, the detailed
errors (only for an instance that fails) from ``jsonschema``.

The profile and article schemas run on every article a batch converts. Pure-Python
``jsonschema`` takes milliseconds on a seed-sized graph; ``jsonschema-rs`` takes microseconds
and gives the same verdicts (``tests/test_json_schema.py`` checks both on a corpus of valid and
broken documents). Its errors carry less structure than ``jsonschema``'s (which keyword, which
alternative of an ``anyOf`` came closest), and the callers' messages are built from that, so an
invalid instance is walked again by ``jsonschema`` for its errors. That path runs only for a
failing article.

Where the two libraries read a ``pattern`` differently, JSON Schema's rule wins: patterns are
ECMA-262 regular expressions, in which ``$`` matches only at the very end of the string (Python's
``re`` also matches it before a final newline). The Python side is told the same, so both say
``"2022-02-05\\n"`` does not match ``^\\d{4}-\\d{2}-\\d{2}$``.

Compiled once per process (see :func:`compiled`), so each worker of a batch compiles its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from ..schemas import load_bundled_json

__all__ = ["CompiledSchema", "compiled", "ecma_regex"]


def ecma_regex(pattern: str) -> str:
    """``pattern`` for Python's ``re`` with ECMA-262's ``$``: every ``$`` outside a character
    class and not escaped becomes ``\\Z`` (end of string, never before a final newline)."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


@lru_cache(maxsize=256)
def _compiled_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_regex(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _compiled_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_EcmaDraft202012Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


class CompiledSchema:
    """One JSON Schema (draft 2020-12), compiled for both libraries."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._fast = jsonschema_rs.validator_for(schema)
        self._detailed = _EcmaDraft202012Validator(schema)

    def is_valid(self, instance: Any) -> bool:
        return bool(self._fast.is_valid(instance))

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        """Every error, as ``jsonschema`` reports it; nothing at all for a valid instance. Should
        the two libraries ever disagree on an invalid one, ``jsonschema-rs``'s own errors are
        given (converted), so an instance it rejects never passes for lack of a message."""
        if self.is_valid(instance):
            return
        found = False
        for error in self._detailed.iter_errors(instance):
            found = True
            yield error
        if not found:
            for fast in self._fast.iter_errors(instance):
                yield ValidationError(
                    fast.message, validator=fast.schema_path[-1] if fast.schema_path else "schema",  # type: ignore[arg-type]
                    path=list(fast.instance_path), schema_path=list(fast.schema_path),
                    instance=_at(instance, fast.instance_path), schema={},
                )


def _at(data: Any, path: Any) -> Any:
    for part in path:
        data = data[part]
    return data


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
