"""Plans for the vocabulary walker (:mod:`.vocabulary_check`): what each key of a node shape
means, worked out once per context for the whole process.

A graph, and a batch of graphs, repeat the same few dozen node shapes (the same keys, the same
types): which key names the types, what each type and property is, which findings a term
gives wherever it occurs, and which values can never give a finding (text where text is
expected, a reference where a URL will do) are the same each time. Only the values that can
are looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .vocabulary import Vocabulary

__all__ = ["GRAPH", "ID", "MEMO_LIMIT", "PROPERTY", "REVERSE", "KeyPlan", "Plans", "Verdict", "fits"]

MEMO_LIMIT = 50_000
PROPERTY, ID, GRAPH, REVERSE = range(4)
Verdict = tuple[str | None, tuple[tuple[str, str, str, str], ...]]
"""A term's schema.org name (None when unknown or foreign) and its findings (severity, code,
term, message), without the path: the same wherever the term occurs."""


@dataclass(frozen=True, slots=True)
class KeyPlan:
    """What one key of a node means in a context, on nodes of given types."""

    key: str
    action: int
    findings: tuple[tuple[str, str, str, str], ...] = ()
    prop: tuple[str | None, Any, str | None] | None = None
    """(schema.org name, PropertyInfo, type coercion) of a property."""
    text_fits: bool = True
    """A string value needs no check (no range to check, Text among the ranges, or a reference
    that fits)."""
    literal_fits: bool = True
    """No literal value needs a check (no range to check)."""
    reference_fits: bool = True
    """No reference (``{"@id": ...}``) needs a check (no range to check, or URL among them)."""
    number_fits: bool = True
    """No int or float needs a check (no range to check, or Text, Number or Float among them)."""


class Plans:
    """Per context and vocabulary, for the whole process (both are immutable): which key of a
    node shape names its types, the verdict on each type, and the plan of each key for the
    node's types. A batch meets the same few dozen shapes over and over."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.type_keys: dict[tuple[str, ...], str | None] = {}
        self.types: dict[str, Verdict] = {}
        self.layouts: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[KeyPlan, ...]] = {}

    def bound(self) -> None:
        # Hostile input (endless distinct keys) cannot grow the tables without bound.
        for table in (self.type_keys, self.types, self.layouts):
            if len(table) > MEMO_LIMIT:
                table.clear()


def fits(value: Any, plan: KeyPlan) -> bool:
    """Whether the checker's ``value`` (:mod:`.vocabulary_check`) would find nothing in ``value``, known from the plan."""
    if isinstance(value, str):
        return plan.text_fits
    if isinstance(value, dict):
        return plan.reference_fits and len(value) == 1 and "@id" in value
    if type(value) is int or type(value) is float:  # not bool, which is an int: literal_fits tells them apart
        return plan.number_fits
    return plan.literal_fits
