"""NewsML-G2 validation: the project's profile XSD and Schematron rules always; the official
2.35 All-Power XSD (and NITF 3.6 for NITF bodies, through a wrapper schema) whenever installed.

Each schema is compiled once per process. Nothing is fetched: schemas are parsed with a parser
that has network, entities and DTDs off, and the Schematron's catalog lookups go through a
resolver that only knows the catalogs bundled with ``newsmlg2``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from ..errors import InputError
from ..formats.newsml_g2.catalog import catalog_for_href
from ..formats.newsml_g2.names import NAR, NITF
from ..formats.newsml_g2.safe_xml import make_parser, parse
from ..schemas import bundled_path, find_official
from .report import Issue, Report

__all__ = ["CHECKS", "validate", "validate_tree"]

PROFILE, RULES, OFFICIAL, NITF_CHECK = "newsml-g2-profile-xsd", "newsml-g2-rules", "newsml-g2-2.35-xsd", "nitf-3.6-xsd"
CHECKS = (PROFILE, RULES, OFFICIAL, NITF_CHECK)
_SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_EMPTY_CATALOG = f'<catalog xmlns="{NAR}"/>'.encode()


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
    """The checks of :func:`validate` on a tree in memory: what the exporter runs on the tree it
    built and is about to serialise, rather than parsing the bytes back (the same infoset: the
    tests compare both). A built tree has no line numbers, so neither do its issues."""
    report = report if report is not None else Report()
    _run_xsd(report, tree, _profile_schema(), PROFILE, source)
    _run_rules(report, tree, source)
    _run_official(report, tree, source)
    return report


def _schema_from(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), make_parser()))


@lru_cache(maxsize=1)
def _profile_schema() -> etree.XMLSchema:
    return _schema_from(bundled_path("newsml-g2-profile.xsd"))


@lru_cache(maxsize=4)
def _official_schema(path: Path) -> etree.XMLSchema:
    return _schema_from(path)


@lru_cache(maxsize=4)
def _wrapper_schema(g2_path: Path, nitf_path: Path) -> etree.XMLSchema:
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


class _CatalogResolver(etree.Resolver):
    """document() in the rules may only see IPTC catalogs bundled offline; anything else is an
    empty catalog, so no file or URL named by a document is ever read."""

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        return self.resolve_string(catalog_for_href(url) or _EMPTY_CATALOG, context)


@lru_cache(maxsize=1)
def _rules() -> isoschematron.Schematron:
    parser = make_parser()
    parser.resolvers.add(_CatalogResolver())
    # Parsed from bytes: the resolver is for the rules' document() calls, not for this file.
    path = bundled_path("newsml-g2-rules.sch")
    document = etree.fromstring(path.read_bytes(), parser, base_url=path.as_uri())
    return isoschematron.Schematron(document, store_report=True)


def _run_rules(report: Report, tree: etree._ElementTree, source: str) -> None:
    report.checked.append(RULES)
    rules = _rules()
    try:
        rules.validate(tree)
    except etree.XSLTApplyError as exc:  # e.g. a catalogRef href that is no URI stops document()
        report.add(Issue("error", "rules-not-run", f"the rules could not be checked: {exc}", "", None, source, RULES))
        return
    unavailable = sorted({href.strip() for href in tree.xpath("//nar:catalogRef/@href", namespaces={"nar": NAR})
                          if catalog_for_href(href) is None})
    for href in unavailable:
        report.add(Issue("info", "catalog-unavailable", f"catalog {href} is not available offline; QCodes whose alias "
                         "only it declares are reported as warnings", "", None, source, RULES))
    _check_qcode_aliases(report, tree, source, "warning" if unavailable else "error")
    for failed in rules.validation_report.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        location = failed.get("location", "")
        found = tree.xpath(location) if location else []
        node = found[0] if found else None
        line = getattr(node, "sourceline", None)
        code = failed.get("id") or "rule"
        severity = "warning" if failed.get("role") == "warning" or (code == "qcode-alias-undeclared" and unavailable) else "error"
        message = " ".join("".join(failed.findtext(f"{_SVRL}text") or "").split())
        report.add(Issue(severity, code, message, _readable(location), line, source, RULES))


_QCODE_ATTRIBUTES = ("qcode", "role", "type", "rel", "how", "why")
_ITEM, _CATALOG, _CATALOG_REF, _SCHEME = (f"{{{NAR}}}{name}" for name in ("newsItem", "catalog", "catalogRef", "scheme"))


@lru_cache(maxsize=1)
def _coded() -> etree.XPath:
    """The item's descendants in NewsML-G2's namespace that carry a QCode (catalog schemes excepted)."""
    return etree.XPath(f".//nar:*[not(self::nar:scheme)][{' or '.join('@' + a for a in _QCODE_ATTRIBUTES)}]",
                       namespaces={"nar": NAR})


def _check_qcode_aliases(report: Report, tree: etree._ElementTree, source: str, severity: str) -> None:
    """``qcode-alias-undeclared``: every QCode on an element of a newsItem (``qcode``, ``role``,
    ``type``, ``rel``, ``how``, ``why``) uses an alias declared in the item's inline catalog or in
    a catalog it references (IPTC's, read offline; any other counts as empty).

    One of the rules, but run here rather than in the Schematron: as XSLT 1.0 it re-read the
    referenced catalogs' 150 aliases for every coded element, half the cost of validating an
    item. Here each catalog's aliases are a set, built once per process."""
    for item in tree.iter(_ITEM):
        declared = _declared_aliases(item)
        for element in _coded()(item):
            values = [element.get(name) for name in _QCODE_ATTRIBUTES]
            codes = [code for value in values if value for code in value.split(" ") if code]
            # The alias is what comes before the colon; no colon, no alias (XPath's substring-before).
            bad = [code for code in codes if (code.split(":", 1)[0] if ":" in code else "") not in declared]
            if bad:
                name = etree.QName(element).localname
                report.add(Issue(severity, "qcode-alias-undeclared",  # type: ignore[arg-type]
                                 f"QCode {bad[0]} on {name} uses an alias no referenced catalog declares",
                                 _xpath_of(element), element.sourceline, source, RULES))


def _declared_aliases(item: etree._Element) -> frozenset[str]:
    inline = {scheme.get("alias") for catalog in item.iterchildren(_CATALOG) for scheme in catalog.iterchildren(_SCHEME)}
    inline.discard(None)
    referenced = (_catalog_aliases(ref.get("href", "")) for ref in item.iterchildren(_CATALOG_REF))
    return frozenset(inline).union(*referenced)  # type: ignore[arg-type]


@lru_cache(maxsize=64)
def _catalog_aliases(href: str) -> frozenset[str]:
    data = catalog_for_href(href)
    if data is None:
        return frozenset()
    root = parse(data, source=href).getroot()
    if root.tag != _CATALOG:
        return frozenset()
    return frozenset(alias for scheme in root.iterchildren(_SCHEME) if (alias := scheme.get("alias")) is not None)


def _xpath_of(element: etree._Element) -> str:
    from ..formats.newsml_g2.read_context import xpath_of

    return xpath_of(element)


def _readable(location: str) -> str:
    """``/*[local-name()='newsItem' and namespace-uri()='...']/*[...]`` → ``/newsItem/...``."""
    import re

    return re.sub(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]", r"\1", location)


def _run_official(report: Report, tree: etree._ElementTree, source: str) -> None:
    g2, xml = find_official("newsml-g2-xsd"), find_official("xml-xsd")
    if g2 is None or xml is None:
        report.add(Issue("info", "official-schema-missing", "the official NewsML-G2 2.35 XSD is not installed, so only "
                         "the project's profile was checked; run `newsml-export schemas install`", "", None, source, OFFICIAL))
        return
    has_nitf = bool(tree.xpath("//*[namespace-uri()=$ns]", ns=NITF))
    nitf_path, ruby = find_official("nitf-xsd"), find_official("nitf-ruby-xsd")
    if has_nitf and nitf_path is not None and ruby is not None:
        report.checked.append(OFFICIAL)
        _run_xsd(report, tree, _wrapper_schema(g2, nitf_path), NITF_CHECK, source, nitf_check=NITF_CHECK)
        # Errors outside the NITF body belong to the NewsML-G2 check.
        report.issues[:] = [i if i.validator != NITF_CHECK or f"{{{NITF}}}" in i.message
                            else Issue(i.severity, i.code, i.message, i.location, i.line, i.source, OFFICIAL)
                            for i in report.issues]
        return
    _run_xsd(report, tree, _official_schema(g2), OFFICIAL, source)
    if has_nitf:
        report.add(Issue("info", "nitf-schema-missing", "the NITF 3.6 XSD is not installed, so the NITF body was not "
                         "checked; run `newsml-export schemas install`", "", None, source, NITF_CHECK))
