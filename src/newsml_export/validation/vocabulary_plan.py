"""Plans for the vocabulary walker (:mod:`.vocabulary_check`): what each key of a node shape
means, worked out once per context for the whole process.

A graph, and a batch of graphs, repeat the same few dozen node shapes (the same keys, the same
types): which key names the types, what each type and property is, which findings a term
gives wherever it occurs, and which values can never give a finding (text where text is
expected, a reference where a URL will do) are the same each time. Only the values that can
are looked at.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .vocabulary import Vocabulary
from .vocabulary_terms import node_fits

__all__ = ["GRAPH", "ID", "MEMO_LIMIT", "PROPERTY", "SIZE_LIMIT", "REVERSE", "UNWALKED", "KeyPlan", "Plans", "Verdict"]

MEMO_LIMIT = 50_000
"""Entries a table may hold before it is emptied (hostile input: endless distinct terms)."""
SIZE_LIMIT = 200_000
"""Keys the plans may hold in all, counted over every shape and layout: a count of entries alone
would let 50,000 shapes of 500 keys each (third-party documents vary) grow to gigabytes."""
PROPERTY, ID, GRAPH, REVERSE, UNWALKED = range(5)
"""What the walker does with a key: check a property, note a node's @id, walk a @graph or
@included, check @reverse, or nothing (another keyword: only whether its value holds a
reference is noted)."""
Verdict = tuple[str | None, tuple[tuple[str, str, str, str], ...]]
"""A term's schema.org name (None when unknown or foreign) and its findings (severity, code,
term, message), without the path: the same wherever the term occurs."""


class KeyPlan(NamedTuple):
    """What one key of a node means in a context, on nodes of given types (a tuple: the walker
    unpacks it for each key it meets)."""

    key: str
    action: int
    findings: tuple[tuple[str, str, str, str], ...] = ()
    prop: tuple[str | None, Any, str | None] | None = None
    """(schema.org name, PropertyInfo, type coercion) of a property."""
    # What the checker's ``value`` would let pass without a finding, whatever the value:
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
    """Per context and vocabulary, for the whole process (both are immutable): for each node
    shape (its keys, in order), which key names its types and the plans of its keys for each
    set of types it was met with; the verdict on each type; which nested nodes need no look. A batch meets the same few dozen
    shapes over and over."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.shapes: dict[tuple[str, ...], tuple[str | None, dict[tuple[str, ...], tuple[KeyPlan, ...]]]] = {}
        self.types: dict[str, Verdict] = {}
        self.size = 0
        """Keys held by the shapes and their layouts (see :data:`SIZE_LIMIT`)."""
        self.quiet: dict[tuple[Any, ...], bool] = {}
        """Per property, node shape, type and kinds of values: whether such a nested node can
        give nothing at all (``_Checker.quiet``)."""

    def bound(self, keys: int = 0) -> None:
        """Called before an entry is added (``keys``: how many keys it holds): hostile input
        (endless distinct keys, types or shapes) cannot grow the tables without bound."""
        self.size += keys
        if self.size > SIZE_LIMIT:
            self.shapes.clear()
            self.quiet.clear()  # its entries name shapes
            self.size = keys
        for table in (self.shapes, self.types, self.quiet):
            if len(table) > MEMO_LIMIT:
                table.clear()

    def quiet_node(self, keys: tuple[str, ...], layouts: dict[tuple[str, ...], tuple[KeyPlan, ...]], raw: str | None,
                   kinds: tuple[type, ...], prop: tuple[str | None, Any, str | None] | None) -> bool:
        """Whether the walker's ``value()`` on a nested node of this shape (``keys``, planned
        with ``layouts``), with the one type ``raw`` (or none) and values of these ``kinds``,
        under ``prop``, can do nothing at all: no finding, no reference, no @id. False when
        unsure (a type or a layout not planned yet)."""
        if "@list" in keys or "@set" in keys or "@value" in keys or set(keys) <= {"@id", "id"}:
            return False  # value() reads these as other than a node
        types: list[str] = []
        if raw is not None:
            verdict = self.types.get(raw)
            if verdict is None or verdict[1]:
                return False
            if verdict[0] is not None:
                types.append(verdict[0])
        layout = layouts.get(tuple(types))
        if layout is None:
            return False
        kind_of = dict(zip(keys, kinds))
        for key, action, findings, _prop, text_fits, literal_fits, _reference_fits, number_fits in layout:
            kind = kind_of[key]
            fits = (text_fits if kind is str else number_fits if kind is int or kind is float
                    else literal_fits if kind is bool or kind is type(None) else False)  # what node() lets pass
            if action != PROPERTY or findings or not fits:
                return False
        if types and prop is not None and prop[1] is not None and prop[1].ranges:
            return node_fits(types, prop[1].ranges, self.vocab)  # what range_of_node checks
        return True
