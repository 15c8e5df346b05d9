"""NewsML-G2 validation: the project's profile XSD and rules (:mod:`.newsml_g2_rules`: the
Schematron and the QCode aliases) always; the official 2.35 All-Power XSD (and NITF 3.6 for NITF
bodies, through a wrapper schema) whenever installed.

Each schema is compiled once per process. Nothing is fetched: schemas are parsed with a parser
that has network, entities and DTDs off, and the Schematron's catalog lookups go through a
resolver that only knows the catalogs bundled with ``newsmlg2``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..formats.newsml_g2.names import NAR, NITF
from ..formats.newsml_g2.safe_xml import make_parser, parse
from ..schemas import SCHEMA_DIR_ENV, bundled_path, find_official
from .newsml_g2_rules import RULES, run_rules
from .report import Issue, Report

__all__ = ["CHECKS", "validate", "validate_tree"]

PROFILE, OFFICIAL, NITF_CHECK = "newsml-g2-profile-xsd", "newsml-g2-2.35-xsd", "nitf-3.6-xsd"
CHECKS = (PROFILE, RULES, OFFICIAL, NITF_CHECK)
_ANY_NITF = f"{{{NITF}}}*"


def validate(data: bytes, *, source: str = "<input>") -> Report:
    """Every issue of a NewsML-G2 document, with line numbers and the check that found it."""
    report = Report()
    try:
        tree = parse(data, source=source)
    except InputError as exc:
        report.add(Issue("error", type(exc).__name__, exc.message, exc.path or "", exc.line, source, "xml"))
        return report
    return validate_tree(tree, source=source, report=report)


def validate_tree(tree: etree._ElementTree, *, source: str = "<input>", report: Report | None = None) -> Report:
    """The checks of :func:`validate` on a tree in memory: what the exporter runs on the tree
    parsed once from the bytes it wrote (pipeline._export_newsml), and what a library caller
    runs on a tree of its own. Issues carry lines when the tree has them (a parsed tree does; a
    tree built element by element does not)."""
    report = report if report is not None else Report()
    _run_xsd(report, tree, _profile_schema(), PROFILE, source)
    run_rules(report, tree, source)
    _run_official(report, tree, source)
    return report


def _schema_from(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), make_parser()))


_THREAD = threading.local()


def _per_thread(key: tuple[object, ...], compile_schema: Callable[[], etree.XMLSchema]) -> etree.XMLSchema:
    """The schema compiled for ``key`` in this thread (once). lxml keeps a schema's error log on
    the schema object, so two threads validating with one schema read each other's errors: an
    invalid item could come back valid (``convert_bytes`` is mapped by thread pools too, e.g.
    Dask's default scheduler). Each thread compiles its own, once."""
    schemas: dict[tuple[object, ...], etree.XMLSchema] = _THREAD.__dict__.setdefault("schemas", {})
    schema = schemas.get(key)
    if schema is None:
        schema = schemas[key] = compile_schema()
    return schema


def _profile_schema() -> etree.XMLSchema:
    return _per_thread(("profile",), lambda: _schema_from(bundled_path("newsml-g2-profile.xsd")))


def _official_schema(path: Path) -> etree.XMLSchema:
    return _per_thread(("official", path), lambda: _schema_from(path))


def _wrapper_schema(g2_path: Path, nitf_path: Path) -> etree.XMLSchema:
    return _per_thread(("wrapper", g2_path, nitf_path), lambda: _compile_wrapper(g2_path, nitf_path))


def _compile_wrapper(g2_path: Path, nitf_path: Path) -> etree.XMLSchema:
    """NewsML-G2 and NITF 3.6 in one schema, so the lax-processed NITF body is checked too. Built
    in memory, importing the installed files by absolute file URI."""
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:newsml-export:wrapper">
  <xs:import namespace="{NAR}" schemaLocation="{g2_path.resolve().as_uri()}"/>
  <xs:import namespace="{NITF}" schemaLocation="{nitf_path.resolve().as_uri()}"/>
</xs:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), make_parser()))


def _run_xsd(report: Report, tree: etree._ElementTree, schema: etree.XMLSchema, check: str, source: str,
             nitf_check: str | None = None) -> None:
    report.checked.append(check)
    if schema.validate(tree):
        return
    for error in schema.error_log:
        validator = nitf_check if nitf_check and f"{{{NITF}}}" in error.message else check
        report.add(Issue("error", error.type_name.lower(), error.message, _element_path(tree, error.path),
                         error.line or None, source, validator))


def _element_path(tree: etree._ElementTree, path: str | None) -> str:
    """libxml2's ``/*/*[2]`` as ``/newsItem/catalogRef`` (the same path with names)."""
    from ..formats.newsml_g2.read_context import xpath_of

    try:
        found = tree.xpath(path) if path else []
    except etree.XPathError:  # libxml2 names elements with prefixes the document may not declare
        found = []
    return xpath_of(found[0]) if found and isinstance(found[0], etree._Element) else (path or "")


@dataclass(frozen=True)
class _Official:
    g2: Path
    nitf: Path | None  # with the ruby module it includes; None unless both are installed


_OFFICIAL: dict[str | None, _Official] = {}


def _official() -> _Official | None:
    """The installed official schemas, looked up once per process and schema folder
    ($NEWSML_EXPORT_SCHEMA_DIR): find_official checks the install on each call, four calls per
    item cost more than the official XSD itself. Only a complete install is remembered, so
    one installed later in the process is found; a compiled schema, once built from verified
    files, cannot change."""
    key = os.environ.get(SCHEMA_DIR_ENV)
    known = _OFFICIAL.get(key)
    if known is not None:
        return known
    g2, xml = find_official("newsml-g2-xsd"), find_official("xml-xsd")
    if g2 is None or xml is None:
        return None
    nitf, ruby = find_official("nitf-xsd"), find_official("nitf-ruby-xsd")
    found = _Official(g2, nitf if ruby is not None else None)
    if found.nitf is not None:
        _OFFICIAL[key] = found
    return found


def _run_official(report: Report, tree: etree._ElementTree, source: str) -> None:
    official = _official()
    if official is None:
        report.add(Issue("info", "official-schema-missing", "the official NewsML-G2 2.35 XSD is not installed, so only "
                         "the project's profile was checked; run `newsml-export schemas install`", "", None, source, OFFICIAL))
        return
    has_nitf = next(tree.iter(_ANY_NITF), None) is not None
    if has_nitf and official.nitf is not None:
        report.checked.append(OFFICIAL)
        _run_xsd(report, tree, _wrapper_schema(official.g2, official.nitf), NITF_CHECK, source, nitf_check=NITF_CHECK)
        # Errors outside the NITF body belong to the NewsML-G2 check.
        report.issues[:] = [i if i.validator != NITF_CHECK or f"{{{NITF}}}" in i.message
                            else Issue(i.severity, i.code, i.message, i.location, i.line, i.source, OFFICIAL)
                            for i in report.issues]
        return
    _run_xsd(report, tree, _official_schema(official.g2), OFFICIAL, source)
    if has_nitf:
        report.add(Issue("info", "nitf-schema-missing", "the NITF 3.6 XSD is not installed, so the NITF body was not "
                         "checked; run `newsml-export schemas install`", "", None, source, NITF_CHECK))
