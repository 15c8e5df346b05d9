"""The rules (``schemas/newsml-g2-rules.sch``) were rewritten to be cheap under libxslt: one
pattern, attribute contexts, a key for body ids, the skeleton's key-based context selection.
They must find exactly what the rules found before. The earlier file is kept as the reference
(``tests/data/newsml_g2/rules-reference.sch``) and run the way the validator ran it then
(lxml.isoschematron's defaults; each finding located by evaluating its SVRL location). Both run
on several hundred broken documents (``tests/newsml_mutants.py``), parsed from bytes (with lines)
and as built trees: same codes, severities, messages, locations and lines.

One difference is allowed, in lines: the reference found a finding's node by evaluating its SVRL
location, and the skeleton numbers a step among the siblings of the same local name in any
namespace while the step's predicate keeps one namespace, so beside a same-named sibling in
another namespace the location selects nothing or another element (whose line it gave). The
validator now gets the element itself. Where the reference's location does not lead back to an
element of that location, any line is accepted; everywhere else the lines must be equal."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, isoschematron

from newsml_export import Article
from newsml_export.formats.newsml_g2.names import NAR
from newsml_export.formats.newsml_g2.safe_xml import make_parser, parse
from newsml_export.formats.newsml_g2.xmlbuild import serialize
from newsml_export.schemas import bundled_path
from newsml_export.validation.newsml_g2 import validate, validate_tree
from newsml_export.validation.newsml_g2_rules import RULES, CatalogResolver, _location

from .batch_corpus import small
from .newsml_helpers import locate_quotes, rich_article
from .newsml_mutants import mutants

REFERENCE = Path(__file__).parent / "data" / "newsml_g2" / "rules-reference.sch"
_SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_CODES = ("idref-unresolved", "speaker-undeclared", "quote-element", "language-mismatch")

Finding = tuple[str, str, str, str, "int | None"]


@pytest.fixture(scope="module")
def reference() -> isoschematron.Schematron:
    parser = make_parser()
    parser.resolvers.add(CatalogResolver())
    return isoschematron.Schematron(etree.fromstring(REFERENCE.read_bytes(), parser), store_report=True)


@pytest.fixture(scope="module")
def documents(seed_article) -> list[tuple[str, etree._Element]]:
    articles = [locate_quotes(seed_article), rich_article(), Article.model_validate(small(3))]
    return list(mutants(articles, per_base=30))


def _readable(location: str) -> str:
    return re.sub(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]", r"\1", location)


def _reference_findings(rules: isoschematron.Schematron, tree: etree._ElementTree) -> list[Finding]:
    """What the validator reported from the reference rules (its code then, verbatim), the line
    None where the location does not lead back to an element of that location."""
    rules.validate(tree)
    found = []
    for failed in rules.validation_report.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        location = failed.get("location", "")
        nodes = tree.xpath(location) if location else []
        line = getattr(nodes[0] if nodes else None, "sourceline", None)
        if nodes and _location(nodes[0]) != _readable(location):
            line = None  # another element than the one the rule fired on
        severity = "warning" if failed.get("role") == "warning" else "error"
        message = " ".join("".join(failed.findtext(f"{_SVRL}text") or "").split())
        found.append((severity, failed.get("id"), message, _readable(location), line))
    return sorted(found, key=repr)


def _our_findings(report, reference: list[Finding]) -> list[Finding]:
    ours = sorted(((i.severity, i.code, i.message, i.location, i.line) for i in report.issues
                   if i.validator == RULES and i.code in _CODES), key=repr)
    # Any line where the reference has none (see the module's docstring).
    unplaced = {finding[:4] for finding in reference if finding[4] is None}
    return sorted(((*f[:4], None) if f[:4] in unplaced else f for f in ours), key=repr)


def test_the_rules_find_what_the_reference_rules_found(reference, documents):
    everything: list[Finding] = []
    for name, root in documents:
        data = serialize(root)
        expected = _reference_findings(reference, parse(data, source="x"))
        assert _our_findings(validate(data, source="x"), expected) == expected, name
        # The tree itself too: serialising may change it (a no-namespace element under a
        # default namespace comes back in that namespace).
        tree = etree.ElementTree(root)
        from_tree = _reference_findings(reference, tree)
        assert _our_findings(validate_tree(tree, source="x"), from_tree) == from_tree, name
        everything += expected
    # Every rule is broken many times over, with lines, in newsMessages and beside same-named
    # siblings, so the comparison means something.
    seen = Counter(f[1] for f in everything)
    assert len(documents) > 250 and all(seen[code] >= 20 for code in _CODES), seen
    assert sum(f[4] is not None for f in everything) > 150
    assert any(f[3].startswith("/newsMessage/itemSet/newsItem[2]/") for f in everything)
    assert any("wrap[" in f[3] for f in everything)


def test_each_assert_names_its_element():
    """The validator locates a finding at the element the diagnostic "element" names; an assert
    without it would be reported without a line and with a bare attribute path."""
    schema = etree.parse(str(bundled_path("newsml-g2-rules.sch")))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    asserts = schema.xpath("//sch:assert | //sch:report", namespaces=ns)
    assert asserts and all(a.get("diagnostics") == "element" for a in asserts)
    assert {a.get("id") for a in asserts} == set(_CODES)


def test_a_finding_on_an_attribute_is_located_at_its_element(seed_article):
    from newsml_export.formats import newsml_g2

    item = newsml_g2.dump(locate_quotes(seed_article)).decode()
    broken = item.replace('<partMeta contentrefs="q-master">', '<partMeta contentrefs="q-master q-nowhere">', 1)
    [issue] = [i for i in validate(broken.encode(), source="x").issues if i.code == "idref-unresolved"]
    assert issue.location == "/newsItem/partMeta[2]" and issue.message == "partMeta refers to q-nowhere, which is no element of the body"
    assert broken.splitlines()[issue.line - 1].strip() == '<partMeta contentrefs="q-master q-nowhere">'
    assert etree.fromstring(broken.encode()).xpath("/nar:newsItem/nar:partMeta[2]/@contentrefs", namespaces={"nar": NAR}) == ["q-master q-nowhere"]


def test_the_compiled_rules_write_what_isoschematron_writes(documents):
    """The validator compiles the rules as lxml.isoschematron does, less the skeleton's no-op
    walk of the document (newsml_g2_rules.CompiledRules): the SVRL must be the same, byte for
    byte, and the walk must really be gone (else the compilation changed under us)."""
    from newsml_export.validation.newsml_g2_rules import _COMPILE, schematron

    path = bundled_path("newsml-g2-rules.sch")
    stock = isoschematron.Schematron(etree.parse(str(path)), store_report=True, compile_params=dict(_COMPILE))
    ours = schematron()
    assert ours.removed_walks == 1
    failing = 0
    for name, root in documents:
        tree = etree.ElementTree(root)
        valid = stock.validate(tree)
        svrl = ours.check(tree)
        assert (svrl is None) == valid, name
        if svrl is not None:
            assert etree.tostring(svrl) == etree.tostring(stock.validation_report), name
            failing += 1
    assert failing > 100
