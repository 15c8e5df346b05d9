"""The NewsML-G2 rules (check ``newsml-g2-rules``): what no XSD checks. The project's ISO
Schematron, ``schemas/newsml-g2-rules.sch``, compiled with lxml.isoschematron's XSLT, and the QCode alias
rule beside it (:mod:`.newsml_g2_qcodes`).

The Schematron is compiled once per process. Should a rule call document(), it goes through a
resolver that only knows the IPTC catalogs bundled with ``newsmlg2``; nothing is fetched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree, isoschematron

from ..formats.newsml_g2.catalog import catalog_for_href
from ..formats.newsml_g2.names import NAR
from ..formats.newsml_g2.safe_xml import make_parser
from ..schemas import bundled_path
from .newsml_g2_qcodes import check_qcode_aliases, unavailable_catalogs
from .report import Issue, Report

__all__ = ["RULES", "CatalogResolver", "CompiledRules", "run_rules", "schematron"]

RULES = "newsml-g2-rules"
_SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_FINDINGS = (f"{_SVRL}failed-assert", f"{_SVRL}successful-report")
_EMPTY_CATALOG = f'<catalog xmlns="{NAR}"/>'.encode()
# The skeleton's own options (iso_schematron_skeleton_for_xslt1.xsl, iso_svrl_for_xslt1.xsl):
# each rule's contexts gathered by one key rather than a recursive walk of the document per
# pattern, and no svrl:fired-rule element per context (nothing reads them).
_COMPILE = {"select-contexts": "key", "generate-fired-rule": "false"}


class CatalogResolver(etree.Resolver):
    """document() in the rules may only see IPTC catalogs bundled offline; anything else is an
    empty catalog, so no file or URL named by a document is ever read."""

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        return self.resolve_string(catalog_for_href(url) or _EMPTY_CATALOG, context)


class CompiledRules:
    """The Schematron compiled to XSLT as lxml.isoschematron compiles it (include, expand,
    compile with :data:`_COMPILE`), less one no-op: the SVRL skeleton's ``active-pattern``
    holds a bare ``apply-templates`` (its authors' note: "Seems that this apply-templates is
    never triggered") that walks the whole document in the default mode, where no template
    but the one that drops text matches, so it writes nothing; it cost a tenth of the
    transformation. With rule contexts selected by key, the rules fire from the root template's
    ``apply-templates select="key('M', ...)"`` alone (tests/test_newsml_g2_rules_reference.py
    holds the findings to the reference rules on the mutants corpus)."""

    __slots__ = ("_transform", "removed_walks")

    def __init__(self, schema: etree._Element) -> None:
        compiled = isoschematron.iso_svrl_for_xslt1(
            isoschematron.iso_abstract_expand(isoschematron.iso_dsdl_include(schema)),
            **{name: etree.XSLT.strparam(value) for name, value in _COMPILE.items()})
        self.removed_walks = 0
        for walk in compiled.getroot().iterfind(f"{_XSL}template[@match='/']//{_SVRL}active-pattern/{_XSL}apply-templates"):
            if walk.get("select") is None and walk.get("mode") is None:
                walk.getparent().remove(walk)
                self.removed_walks += 1
        self._transform = etree.XSLT(compiled)

    def check(self, tree: etree._ElementTree) -> etree._XSLTResultTree | None:
        """The SVRL report when the rules find anything (a failed assert or a successful
        report: both count as findings), else None."""
        svrl = self._transform(tree)
        if next(svrl.iter(*_FINDINGS), None) is not None:
            return svrl
        return None


@lru_cache(maxsize=1)
def schematron() -> CompiledRules:
    """The rules, compiled once per process."""
    parser = make_parser()
    parser.resolvers.add(CatalogResolver())
    # Parsed from bytes: the resolver is for the rules' document() calls, not for this file.
    path = bundled_path("newsml-g2-rules.sch")
    return CompiledRules(etree.fromstring(path.read_bytes(), parser, base_url=path.as_uri()))


def run_rules(report: Report, tree: etree._ElementTree, source: str) -> None:
    """Every rule's findings on ``tree``: the Schematron's, and the QCode aliases'."""
    report.checked.append(RULES)
    try:
        svrl = schematron().check(tree)
    except etree.XSLTApplyError as exc:  # e.g. a catalogRef href that is no URI stops document()
        report.add(Issue("error", "rules-not-run", f"the rules could not be checked: {exc}", "", None, source, RULES))
        return
    unavailable = unavailable_catalogs(tree)
    for href in unavailable:
        report.add(Issue("info", "catalog-unavailable", f"catalog {href} is not available offline; QCodes whose alias "
                         "only it declares are reported as warnings", "", None, source, RULES))
    check_qcode_aliases(report, tree, source, severity="warning" if unavailable else "error", validator=RULES)
    if svrl is not None:
        report.extend(_findings(svrl, tree, source))


def _findings(svrl: etree._ElementTree, tree: etree._ElementTree, source: str) -> list[Issue]:
    """The SVRL's failed asserts and successful reports as issues, each at the element its
    diagnostic "element" names (see the .sch: an SVRL location made for an attribute context
    does not say whose attribute it is)."""
    elements = list(tree.getroot().iter(etree.Element))
    issues = []
    for failed in svrl.iter(*_FINDINGS):
        position = failed.findtext(f"{_SVRL}diagnostic-reference[@diagnostic='element']")
        element = elements[int(position)] if position is not None else None
        location = _location(element) if element is not None else _readable(failed.get("location", ""))
        severity = "warning" if failed.get("role") == "warning" else "error"
        message = " ".join("".join(failed.findtext(f"{_SVRL}text") or "").split())
        issues.append(Issue(severity, failed.get("id") or "rule", message, location,
                            getattr(element, "sourceline", None), source, RULES))
    return issues


def _location(element: etree._Element) -> str:
    """The element's path as the Schematron skeleton writes an SVRL location (its template
    schematron-get-full-path: name(), or local-name() and namespace-uri(), with the position
    among siblings of that name when there are several), made readable."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        siblings = list(parent.iterchildren(etree.Element)) if parent is not None else [node]
        qname = etree.QName(node)
        if qname.namespace is None:
            step = _name(node)
            same = [s for s in siblings if _name(s) == step]
        else:
            step = f"*[local-name()='{qname.localname}' and namespace-uri()='{qname.namespace}']"
            same = [s for s in siblings if etree.QName(s).localname == qname.localname]
        steps.append(step if len(same) == 1 else f"{step}[{same.index(node) + 1}]")
        node = parent
    return _readable("/" + "/".join(reversed(steps)))


def _name(element: etree._Element) -> str:
    """XPath's name(): the name with the document's prefix, if it has one."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def _readable(location: str) -> str:
    """``/*[local-name()='newsItem' and namespace-uri()='...']/*[...]`` → ``/newsItem/...``."""
    return re.sub(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]", r"\1", location)
