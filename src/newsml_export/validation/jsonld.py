"""Validate JSON-LD (or an HTML page carrying it) in three checks, each named in
``Report.checked``:

1. ``jsonld-profile``: the project's JSON Schema of what it emits (``newsarticle.schema.json``)
   plus the references inside the graph resolving;
2. ``schemaorg-vocabulary-<version>``: every term against the installed official schema.org
   vocabulary (see :mod:`.vocabulary_check`); when not installed this check does not run and
   an ``info`` issue says how to install it;
3. ``google-article``: Google's Article recommendations, as warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsonschema.exceptions import ValidationError

from ..errors import InputError
from ..formats._jsonld_graph import Graph, pointer
from ..formats._jsonld_source import read_documents
from ..limits import current_limits
from ..xmlchars import json_may_hold_forbidden
from . import google
from .json_schema import CompiledSchema, compiled
from .report import Issue, Report
from .vocabulary import vocabulary_and_context
from .vocabulary_check import UnsupportedContext, check_document, check_document_and_references

__all__ = ["PROFILE", "validate", "written_is_valid"]

PROFILE = "jsonld-profile"
FORBIDDEN = ("comment", "commentCount", "discussionUrl")
GOOGLE = "google-article"


def _profile() -> CompiledSchema:
    return compiled("newsarticle.schema.json")


def validate(data: bytes, *, source: str = "<input>", errors_only: bool = False) -> Report:
    """Every issue of every JSON-LD document in ``data`` (one JSON file, or each script block
    of an HTML page).

    ``errors_only`` is for a caller that needs the verdict alone: issues carry no line numbers,
    and the Google check, which only ever warns, does not run. The verdict is the same either
    way."""
    report = Report()
    try:
        documents = read_documents(data, source, report)
    except InputError as exc:
        report.add(Issue("error", "syntax", exc.message, exc.path or "", exc.line, source, "jsonld"))
        return report
    if not documents:
        report.add(Issue("error", "no-jsonld", "no <script type=\"application/ld+json\"> block with data in the page", "", None, source, "jsonld"))
    for_checks = [(d.document.data, _no_line if errors_only else d.line_of) for d in documents]
    return _check(report, for_checks, source, errors_only)


def written_is_valid(document: Any, data: bytes, *, source: str = "<jsonld output>") -> bool:
    """``validate(data, source=source, errors_only=True).ok`` for the JSON text ``data`` just
    written from ``document`` (JSON data: dicts with string keys, lists, strings, numbers,
    booleans, null): what the exporter runs, like the NewsML-G2 exporter validates the tree it
    serialises. A document that passes every check as it is (the profile, its references, the
    vocabulary: no error) is valid without ``data`` being parsed back; anything else, and a
    document the parser would refuse (not an object or array, or holding a character XML 1.0
    forbids), gets ``validate`` itself. tests/test_validation_written.py shows the verdicts
    equal."""
    # What parsing ``data`` could refuse that the document itself does not show: a character
    # XML 1.0 forbids (the one rule, xmlchars), or a size past the current limits.
    if (not isinstance(document, (dict, list)) or len(data) > current_limits().document_bytes
            or json_may_hold_forbidden(data)):
        return validate(data, source=source, errors_only=True).ok
    return _passes_as_is(document) or validate(data, source=source, errors_only=True).ok


def _passes_as_is(document: Any) -> bool:
    """No check of :func:`validate` would find an error in this (parsed) document. The
    vocabulary walk also collects the document's references, so that the profile's
    dangling-reference check needs no walk of its own (tests/test_validation_written.py)."""
    if not _profile().is_valid(document):
        return False
    installed = vocabulary_and_context()
    references = None
    if installed is not None:  # else the check does not run: an info, no error
        try:
            findings, references = check_document_and_references(document, *installed, errors_only=True)
        except UnsupportedContext:
            pass  # a warning, no error
        else:
            if any(f.severity == "error" for f in findings):
                return False
    return not _dangling(document, references)


def _check(report: Report, documents: list[tuple[Any, Callable[[Any], int | None]]], source: str, errors_only: bool) -> Report:
    vocab, context = vocabulary_and_context() or (None, None)
    vocab_check = f"schemaorg-vocabulary-{vocab.version}" if vocab is not None else None
    report.checked = [PROFILE] + ([vocab_check] if vocab_check else []) + ([] if errors_only else [GOOGLE])
    if vocab is None or context is None:
        report.add(Issue("info", "vocabulary-not-installed",
                         "the schema.org vocabulary check did not run: the official vocabulary is not installed "
                         "(run `newsml-export schemas install`)", "", None, source, "schemaorg-vocabulary"))
    for data, line_of in documents:
        _check_profile(data, source, report, line_of)
        if vocab is not None and context is not None:
            _check_vocabulary(data, source, report, vocab, context, vocab_check, line_of)  # type: ignore[arg-type]
        if errors_only:
            continue
        graph = Graph(data, source=source, report=None, line_of=line_of)
        for code, message, path in google.check_articles(graph):
            report.add(Issue("warning", code, message, pointer(path), line_of(path), source, GOOGLE))
    return report


def _no_line(_path: tuple[Any, ...]) -> None:
    return None


def _check_profile(data: Any, source: str, report: Report, line_of: Callable[[Any], int | None]) -> None:
    seen = set()
    for error in _profile().iter_errors(data):
        for path, code, message in _profile_issues(error, data):
            if (path, code) not in seen:
                seen.add((path, code))
                report.add(Issue("error", code, message, pointer(path), line_of(path), source, PROFILE))
    for path, target in _references(data):
        report.add(Issue("error", "profile-dangling-reference", f"@id {target!r} names no node of the graph",
                         pointer(path), line_of(path), source, PROFILE))


def _profile_issues(error: ValidationError, data: Any) -> list[tuple[tuple[Any, ...], str, str]]:
    path = tuple(error.absolute_path)
    if error.validator is None:
        # A `false` subschema (the comment properties); jsonschema leaves the key out of the
        # path, so name every forbidden key of the node.
        node = _at(data, path)
        return [(path + (key,), "profile-forbidden", f"{key!r} is never written: comments do not reach the output")
                for key in FORBIDDEN if isinstance(node, dict) and key in node]
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return [(path + (key,), "profile-unexpected-property", f"{key!r} is not part of this profile") for key in extra]
    return [(path, f"profile-{error.validator}", error.message)]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _dangling(data: Any, references: list[str] | None = None) -> bool:
    """Whether :func:`_references` finds anything: the same visit, without paths or recursion.
    ``references``, when given, are the @ids of every reference of a document holding only
    ``@context`` and ``@graph`` (what ``check_document_and_references`` found on its walk),
    which then needs no visit."""
    if not isinstance(data, dict) or not isinstance(data.get("@graph"), list):
        return False
    known = _known_ids(data["@graph"])
    if references is not None and len(data) <= 2 and ("@context" in data or len(data) == 1):
        return not known.issuperset(references)
    stack: list[Any] = [data["@graph"]]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if len(value) == 1 and isinstance(value.get("@id"), str) and value["@id"] not in known:
                return True
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def _known_ids(graph: list[Any]) -> set[str]:
    return {n["@id"] for n in graph if isinstance(n, dict) and isinstance(n.get("@id"), str)}


def _references(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    if not _dangling(data):
        return []  # the common case, known without building a path for every container
    known = _known_ids(data["@graph"])
    dangling = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        # Only containers are visited: literals cannot hold a reference (most values are literals).
        if isinstance(value, dict):
            if len(value) == 1 and isinstance(value.get("@id"), str) and value["@id"] not in known:
                dangling.append((path, value["@id"]))
            for key, item in value.items():
                if isinstance(item, (dict, list)):
                    walk(item, path + (key,))
        else:
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    walk(item, path + (index,))

    walk(data["@graph"], ("@graph",))
    return dangling


def _check_vocabulary(data: Any, source: str, report: Report, vocab: Any, context: Any, check: str,
                      line_of: Callable[[Any], int | None]) -> None:
    try:
        findings = check_document(data, vocab, context)
    except UnsupportedContext as exc:
        report.add(Issue("warning", "context-unsupported", f"vocabulary not checked: {exc}", "/@context", None, source, check))
        return
    for f in findings:
        report.add(Issue(f.severity, f.code, f.message, pointer(f.path), line_of(f.path), source, check))  # type: ignore[arg-type]
