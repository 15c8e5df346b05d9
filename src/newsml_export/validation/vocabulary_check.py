"""Check every term of a JSON-LD document against the schema.org vocabulary, without a JSON-LD
processor.

Keys and ``@type`` values are expanded the way JSON-LD expansion does it with the schema.org
context (terms, ``type``/``id`` aliases, compact IRIs, ``@vocab``, keyword-like keys dropped),
then looked up in the :class:`~.vocabulary.Vocabulary` tables. On documents that use the
schema.org context this gives the same verdicts as expanding with PyLD and checking the IRIs
(``bench/vocabulary.py`` and ``tests/test_vocabulary_agreement.py`` show both), at a small
fraction of the cost: no context processing per document, no expanded copy. What a node shape
means (its keys and types, in a context) is worked out once per process
(:mod:`.vocabulary_plan`), and only values that can give a finding are looked at.

Findings: ``unknown-type`` / ``unknown-property`` (errors, with a suggestion), ``pending`` and
``superseded`` (warnings), ``dropped`` (a key JSON-LD ignores: error), ``foreign`` (a term
outside schema.org: warning), ``domain`` (property not expected on the node's types: error),
``range`` (a value that fits none of the expected types: error) and ``range-text`` (text where
a node is expected, which schema.org tolerates: warning).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .vocabulary import Context, Vocabulary, process_context
from .vocabulary_plan import GRAPH, ID, MEMO_LIMIT, PROPERTY, REVERSE, UNWALKED, KeyPlan, Plans, Verdict
from .vocabulary_terms import expand_term, judge, literal_fits, node_fits

__all__ = ["Finding", "check_document", "check_document_and_references", "expand_term", "literal_fits", "node_fits"]

Path = tuple[str | int, ...]
_CONTEXT_URLS = frozenset(f"{s}://schema.org{p}" for s in ("http", "https") for p in ("", "/", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld"))


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str
    code: str
    term: str
    """The schema.org name (``headline``), or the full IRI of a foreign term."""
    path: Path
    message: str


class UnsupportedContext(ValueError):
    pass


class _Checker:
    def __init__(self, vocab: Vocabulary, schema: Context, errors_only: bool = False) -> None:
        self.vocab = vocab
        self.schema = schema
        self.findings: list[Finding] = []
        self.errors_only = errors_only
        self.types_by_id: dict[str, list[str]] = {}
        self.references: list[tuple[Any, Path, tuple[str | None, Any, str | None] | None]] = []
        # For the profile's dangling-reference check, in the same pass: the @id of every
        # reference met (a dict holding a string "@id" alone), and whether a container went
        # unlooked-at (then the list may be short, and the caller walks the document itself).
        self.ids: list[str] = []
        self.unseen = False
        self._allowed: dict[Any, bool] = vocab.memo.setdefault("allowed", {})
        self._terms: dict[Any, Verdict] = vocab.memo.setdefault("terms", {})
        self._last: tuple[Context | None, Plans | None] = (None, None)  # most nodes share their parent's context

    def plans(self, ctx: Context) -> Plans:
        plans = ctx.memo.get("plans")
        if plans is None or plans.vocab is not self.vocab:
            plans = ctx.memo["plans"] = Plans(self.vocab)
        self._last = (ctx, plans)
        return plans  # type: ignore[no-any-return]

    def allowed(self, prop: str, types: list[str]) -> bool:
        memo = (prop, tuple(types))
        allowed = self._allowed.get(memo)
        if allowed is None:
            if len(self._allowed) > MEMO_LIMIT:
                self._allowed.clear()
            # Kept in a local: another thread may empty the table before it is read back.
            allowed = self._allowed[memo] = self.vocab.allowed_on(prop, types)
        return allowed

    def add(self, severity: str, code: str, term: str, path: Path, message: str) -> None:
        if not self.errors_only or severity == "error":
            self.findings.append(Finding(severity, code, term, path, message))

    def seen(self, iri: Any) -> None:
        """A reference (``{"@id": iri}`` alone) met on the walk."""
        if isinstance(iri, str):
            self.ids.append(iri)
        elif isinstance(iri, (dict, list)):
            self.unseen = True

    def emit(self, findings: tuple[tuple[str, str, str, str], ...], path: Path) -> None:
        for severity, code, term, message in findings:
            if not self.errors_only or severity == "error":
                self.findings.append(Finding(severity, code, term, path, message))

    # -- contexts -----------------------------------------------------------------------------

    def context(self, raw: Any, active: Context) -> Context:
        for item in raw if isinstance(raw, list) else [raw]:
            if item is None:
                active = Context({}, None, frozenset())
            elif isinstance(item, str):
                if item not in _CONTEXT_URLS:
                    raise UnsupportedContext(f"remote context {item!r} is not available offline")
                active = self.schema if not active.terms else Context(
                    {**active.terms, **self.schema.terms}, self.schema.vocab, active.prefixes | self.schema.prefixes)
            elif isinstance(item, dict):
                try:
                    active = process_context(item, active)
                except ValueError as exc:
                    raise UnsupportedContext(str(exc)) from None
            else:
                raise UnsupportedContext(f"a @context entry of type {type(item).__name__}")
        return active

    # -- terms --------------------------------------------------------------------------------

    def term(self, iri: str | None, key: str, path: Path, kind: str, node_types: list[str]) -> str | None:
        """Check one term; return its schema.org name when it is a known one."""
        name, findings = self.verdict(iri, key, kind, node_types)
        self.emit(findings, path)
        return name

    def verdict(self, iri: str | None, key: str, kind: str, node_types: list[str]) -> Verdict:
        memo = (iri, key if iri is None else "", kind, tuple(node_types))
        verdict = self._terms.get(memo)
        if verdict is None:
            if len(self._terms) > MEMO_LIMIT:  # hostile input cannot grow it without bound
                self._terms.clear()
            verdict = self._terms[memo] = judge(self.vocab, iri, key, kind, node_types)
        return verdict

    # -- plans --------------------------------------------------------------------------------

    def _type_key(self, keys: tuple[str, ...], ctx: Context) -> str | None:
        return next((k for k in keys if expand_term(k, ctx) == "@type"), None)

    def _layout(self, keys: tuple[str, ...], type_key: str | None, types: list[str], ctx: Context) -> tuple[KeyPlan, ...]:
        """The plan of every key of a node but its types and context, in the node's order."""
        plans = []
        for key in keys:
            if key == type_key or key == "@context":
                continue
            iri = expand_term(key, ctx)
            if iri == "@id":
                plans.append(KeyPlan(key, ID))
            elif iri in ("@graph", "@included"):
                plans.append(KeyPlan(key, GRAPH))
            elif iri == "@reverse":
                plans.append(KeyPlan(key, REVERSE))
            elif iri is None or not iri.startswith("@"):
                plans.append(self._property_plan(key, iri, types, ctx))
            else:
                plans.append(KeyPlan(key, UNWALKED))  # another keyword: not a term to check
        return tuple(plans)

    def _property_plan(self, key: str, iri: str | None, types: list[str], ctx: Context) -> KeyPlan:
        name, findings = self.verdict(iri, key, "property", types)
        info = self.vocab.properties.get(name) if name else None
        if name and types and not self.allowed(name, types):
            expected = ", ".join(sorted(info.domains))  # type: ignore[union-attr]
            findings += (("error", "domain", name, f"{name!r} is not expected on {'/'.join(types)} (domain: {expected})"),)
        coercion = ctx.terms.get(key, (None, None))[1]
        if info is None or not info.ranges:
            return KeyPlan(key, PROPERTY, findings, (name, info, coercion))  # no value can be out of range
        # What range_of_literal and range_of_reference let pass without a look at the value.
        reference_fits = "URL" in info.ranges
        text_fits = reference_fits if coercion in ("@id", "@vocab") else info.takes_text
        number_fits = bool(info.ranges & self.vocab.datatypes & (self.vocab.text_types | {"Number", "Float"}))
        return KeyPlan(key, PROPERTY, findings, (name, info, coercion), text_fits, False, reference_fits, number_fits)

    # -- walking ------------------------------------------------------------------------------

    def top(self, value: Any, ctx: Context, path: Path) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict) and len(item) > 1:  # a node of a graph: the common case, inline
                    self.node(item, ctx, path + (index,))
                else:
                    self.top(item, ctx, path + (index,))
        elif isinstance(value, dict):
            if len(value) == 1 and "@id" in value:
                self.seen(value["@id"])
            self.node(value, ctx, path)

    def node(self, value: dict[str, Any], ctx: Context, path: Path) -> list[str]:
        if "@context" in value:
            ctx = self.context(value["@context"], ctx)
            self.unseen |= isinstance(value["@context"], (dict, list))
        plans = self._last[1] if ctx is self._last[0] else self.plans(ctx)
        keys = tuple(value)
        shape = plans.shapes.get(keys)
        if shape is None:
            plans.bound(len(keys))
            shape = plans.shapes[keys] = (self._type_key(keys, ctx), {})
        type_key, layouts = shape
        types: list[str] = []
        if type_key is not None:
            raw_types = value[type_key]
            verdict = plans.types.get(raw_types) if isinstance(raw_types, str) else None
            if verdict is not None:  # one type, judged before: the common case
                if verdict[1]:
                    self.emit(verdict[1], path + (type_key,))
                if verdict[0] is not None:
                    types.append(verdict[0])
            else:
                self._types(raw_types, type_key, types, plans, ctx, path)
        layout = layouts.get(tuple(types))
        if layout is None:
            plans.bound(len(keys))  # should it empty the tables, this shape's layouts go with them
            layout = layouts[tuple(types)] = self._layout(keys, type_key, types, ctx)
        for plan in layout:
            key, action, findings, prop, text_fits, literal_fits, reference_fits, number_fits = plan
            item = value[key]
            if action == PROPERTY:
                if findings:
                    self.emit(findings, path + (key,))
                # One value, inline (most are text that fits); a list, value by value in each().
                if isinstance(item, str):
                    if not text_fits:
                        self.value(item, ctx, path + (key,), prop)
                elif isinstance(item, dict):
                    if reference_fits and len(item) == 1 and "@id" in item:
                        self.seen(item["@id"])
                    else:
                        self.value(item, ctx, path + (key,), prop)
                elif isinstance(item, list):
                    self.each(item, ctx, path + (key,), plan)
                elif not (number_fits if type(item) is int or type(item) is float else literal_fits):
                    self.value(item, ctx, path + (key,), prop)
            elif action == ID:
                self.identified(item, types)
            elif action == GRAPH:
                self.top(item, ctx, path + (key,))
            elif action == REVERSE and isinstance(item, dict):
                for rkey, ritem in item.items():
                    self.term(expand_term(rkey, ctx), rkey, path + (key, rkey), "property", [])
                    self.values(ritem, ctx, path + (key, rkey), None)
            elif isinstance(item, (dict, list)):  # under another keyword, or a @reverse list
                self.unseen = True
        return types

    def identified(self, iri: Any, types: list[str]) -> None:
        """A node's @id: the types it names, for the references checked at the end."""
        if isinstance(iri, str) and types:
            known = self.types_by_id.get(iri)
            if known is None and len(types) == 1:  # the first node with this @id, one type
                self.types_by_id[iri] = [types[0]]
            else:
                known = self.types_by_id.setdefault(iri, [])
                known.extend(t for t in types if t not in known)
        elif isinstance(iri, (dict, list)):
            self.unseen = True

    def _types(self, raw_types: Any, type_key: str, types: list[str], plans: Plans, ctx: Context, path: Path) -> None:
        for index, item in enumerate(raw_types if isinstance(raw_types, list) else [raw_types]):
            item_path = path + ((type_key, index) if isinstance(raw_types, list) else (type_key,))
            if not isinstance(item, str):
                self.add("error", "invalid-type", str(item), item_path, "@type values must be strings")
                continue
            verdict = plans.types.get(item)
            if verdict is None:
                plans.bound()
                verdict = plans.types[item] = self.verdict(expand_term(item, ctx), item, "type", [])
            self.emit(verdict[1], item_path)
            if verdict[0] is not None:
                types.append(verdict[0])

    def each(self, items: list[Any], ctx: Context, list_path: Path, plan: KeyPlan) -> None:
        """The values of a property in a list: what :meth:`values` does, without looking at the
        values the plan says cannot give a finding (most of them: text where text is expected)."""
        _key, _action, _findings, prop, text_fits, literal_fits, reference_fits, number_fits = plan
        for index, value in enumerate(items):
            if isinstance(value, str):
                if text_fits:
                    continue
            elif isinstance(value, dict):
                if len(value) == 1 and "@id" in value:  # a reference: what value() would do with it
                    self.seen(value["@id"])
                    if not reference_fits:
                        self.references.append((value["@id"], list_path + (index,), prop))
                    continue
                if self.quiet(value, ctx, prop):
                    continue
            elif type(value) is int or type(value) is float:  # not bool (an int): literal_fits tells them apart
                if number_fits:
                    continue
            elif literal_fits:
                continue
            self.value(value, ctx, list_path + (index,), prop)

    def quiet(self, value: dict[str, Any], ctx: Context, prop: tuple[str | None, Any, str | None] | None) -> bool:
        """Whether :meth:`value` on this nested node can do nothing at all (no finding, no
        reference, no @id): told by its keys, its one type and the kinds of its values, once per
        process. The property values a graph holds most of (PropertyValues under identifier)
        are such nodes."""
        if "@context" in value:
            return False
        plans = self._last[1] if ctx is self._last[0] else self.plans(ctx)
        keys = tuple(value)
        shape = plans.shapes.get(keys)
        if shape is None:
            return False  # a shape never met: the walk plans it
        raw = value[shape[0]] if shape[0] is not None else None
        if raw is not None and type(raw) is not str:
            return False
        memo = (prop[0] if prop is not None else None, keys, raw, tuple(map(type, value.values())))
        quiet = plans.quiet.get(memo)
        if quiet is None:
            plans.bound()
            quiet = plans.quiet[memo] = plans.quiet_node(keys, shape[1], raw, memo[3], prop)
        return quiet

    def values(self, item: Any, ctx: Context, path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if isinstance(item, list):
            for index, value in enumerate(item):
                self.value(value, ctx, path + (index,), prop)
        else:
            self.value(item, ctx, path, prop)

    def value(self, value: Any, ctx: Context, value_path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if isinstance(value, dict):
            if "@list" in value or "@set" in value:
                container = "@list" if "@list" in value else "@set"
                self.unseen |= len(value) > 1
                self.values(value[container], ctx, value_path + (container,), prop)
            elif "@value" in value:
                self.unseen = True
                self.range_of_literal(value["@value"], value_path, prop)
            elif len(value) == 1 and "@id" in value or set(value) <= {"@id", "id"}:
                if len(value) == 1 and "@id" in value:
                    self.seen(value["@id"])
                else:
                    self.unseen = True
                self.references.append((value.get("@id", value.get("id")), value_path, prop))
            else:
                types = self.node(value, ctx, value_path)
                if types and prop is not None and prop[1] is not None and prop[1].ranges:
                    self.range_of_node(types, value_path, prop)
        elif prop is not None and prop[2] in ("@id", "@vocab") and isinstance(value, str):
            self.references.append((value, value_path, prop))
        else:
            self.unseen |= isinstance(value, list)  # a list in a list
            self.range_of_literal(value, value_path, prop)

    # -- ranges -------------------------------------------------------------------------------

    def range_of_literal(self, literal: Any, path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if prop is None or prop[1] is None or not prop[1].ranges or (prop[1].takes_text and isinstance(literal, str)):
            return
        name, info = prop[0], prop[1]
        fits = literal_fits(literal, info.ranges, self.vocab)
        if fits is None and isinstance(literal, str):
            self.add("warning", "range-text", name, path, f"{name!r} expects {_expected(info)}; text is tolerated")  # type: ignore[arg-type]
        elif not fits:
            self.add("error", "range", name, path, f"{literal!r:.60} does not fit {name!r} (expected {_expected(info)})")  # type: ignore[arg-type]

    def range_of_node(self, types: list[str], path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if prop is None or prop[1] is None or not prop[1].ranges or not types:
            return
        if not node_fits(types, prop[1].ranges, self.vocab):
            self.add("error", "range", prop[0], path, f"a {'/'.join(types)} does not fit {prop[0]!r} (expected {_expected(prop[1])})")  # type: ignore[arg-type]

    def range_of_reference(self, iri: Any, path: Path, prop: tuple[str | None, Any, str | None] | None) -> None:
        if prop is None or prop[1] is None or not prop[1].ranges:
            return
        ranges = prop[1].ranges
        if "URL" in ranges:
            return  # any IRI is a URL, whatever the node it names is
        types = self.types_by_id.get(iri) if isinstance(iri, str) else None
        if types:
            self.range_of_node(types, path, prop)
        elif not ranges - self.vocab.datatypes:
            self.add("error", "range", prop[0], path, f"a reference does not fit {prop[0]!r} (expected {_expected(prop[1])})")  # type: ignore[arg-type]


def _expected(info: Any) -> str:
    return " or ".join(sorted(info.ranges))


def check_document(document: Any, vocab: Vocabulary, schema: Context) -> list[Finding]:
    """Every finding for one parsed JSON-LD document. Raises :class:`UnsupportedContext` when
    the document's context is not one this checker can apply offline."""
    return check_document_and_references(document, vocab, schema)[0]


def check_document_and_references(document: Any, vocab: Vocabulary, schema: Context, *,
                                  errors_only: bool = False) -> tuple[list[Finding], list[str] | None]:
    """:func:`check_document`, and the ``@id`` of every reference in the document (every
    object holding a string ``@id`` alone, at any depth), found on the same walk; None when the
    walk left a container unlooked-at (a keyword's value, a list in a list ...: never in this
    tool's output), so that the caller looks for references itself. ``errors_only`` leaves the
    warnings out (a verdict needs none; this tool's own output has a dozen pending terms)."""
    checker = _Checker(vocab, schema, errors_only)
    checker.top(document, Context({}, None, frozenset()), ())
    # References are checked last, when the types of every node with an @id are known.
    for iri, path, prop in checker.references:
        checker.range_of_reference(iri, path, prop)
    return checker.findings, None if checker.unseen else checker.ids

