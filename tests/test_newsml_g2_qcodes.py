"""The QCode alias rule runs in Python for speed; it must find exactly what the Schematron rule
it replaced found. The old rule is kept here, verbatim, as the reference, and both run on items
broken in every coded attribute, with the inline catalog or the catalog reference gone. The
Python rule was then made faster again; its previous form is the reference for that."""

from __future__ import annotations

import re

import pytest
from lxml import etree, isoschematron

from newsml_export import Article
from newsml_export.formats import newsml_g2
from newsml_export.formats.newsml_g2.catalog import catalog_for_href
from newsml_export.formats.newsml_g2.names import NAR
from newsml_export.formats.newsml_g2.read_context import xpath_of
from newsml_export.formats.newsml_g2.safe_xml import make_parser, parse
from newsml_export.formats.newsml_g2.xmlbuild import serialize
from newsml_export.validation.newsml_g2 import validate, validate_tree
from newsml_export.validation.newsml_g2_rules import CatalogResolver

from .batch_corpus import small
from .newsml_helpers import locate_quotes, rich_article
from .newsml_mutants import mutants

REFERENCE_RULE = """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <ns prefix="nar" uri="http://iptc.org/std/nar/2006-10-01/"/>
  <ns prefix="str" uri="http://exslt.org/strings"/>
  <pattern id="qcodes">
    <rule context="nar:newsItem//nar:*[not(self::nar:scheme)][@qcode or @role or @type or @rel or @how or @why]">
      <let name="item" value="ancestor-or-self::nar:newsItem[1]"/>
      <let name="declared" value="$item/nar:catalog/nar:scheme/@alias | document($item/nar:catalogRef/@href)/nar:catalog/nar:scheme/@alias"/>
      <let name="codes" value="str:tokenize(concat(@qcode, ' ', @role, ' ', @type, ' ', @rel, ' ', @how, ' ', @why), ' ')"/>
      <assert id="qcode-alias-undeclared" test="not($codes[not(substring-before(., ':') = $declared)])">QCode <value-of select="$codes[not(substring-before(., ':') = $declared)]"/> on <name/> uses an alias no referenced catalog declares</assert>
    </rule>
  </pattern>
</schema>"""
_SVRL = "{http://purl.oclc.org/dsdl/svrl}"


@pytest.fixture(scope="module")
def reference() -> isoschematron.Schematron:
    parser = make_parser()
    parser.resolvers.add(CatalogResolver())
    return isoschematron.Schematron(etree.fromstring(REFERENCE_RULE.encode(), parser), store_report=True)


def _reference_findings(rule: isoschematron.Schematron, data: bytes) -> set[tuple[int, str]]:
    tree = parse(data, source="x")
    rule.validate(tree)
    found = set()
    for failed in rule.validation_report.iter(f"{_SVRL}failed-assert"):
        node = tree.xpath(failed.get("location"))[0]
        found.add((node.sourceline, " ".join(failed.findtext(f"{_SVRL}text").split())))
    return found


def _our_findings(data: bytes) -> set[tuple[int, str]]:
    return {(i.line, i.message) for i in validate(data, source="x").issues if i.code == "qcode-alias-undeclared"}


def _variants(item: str) -> list[str]:
    out = [item]
    attributes = list(re.finditer(r'\b(qcode|role|type|rel|how|why)="([^"]*)"', item))
    for match in attributes[::2]:
        start, end = match.span(2)
        value = match.group(2)
        out.append(item[:start] + "nostat:" + value.split(":", 1)[-1] + item[end:])  # unknown alias
        out.append(item[:start] + value + " bogus:x" + item[end:])                 # a second, bad code
        out.append(item[:start] + value.replace(":", "") + item[end:])             # no colon at all
    out.append(re.sub(r"<catalog>.*?</catalog>", "", item, flags=re.S))            # inline catalog gone
    out.append(re.sub(r'<catalogRef href="[^"]*"/>', '<catalogRef href="http://example.org/other.xml"/>', item))
    return out


@pytest.mark.parametrize("body", ["xhtml", "nitf"])
def test_python_rule_finds_what_the_schematron_rule_found(seed_article, reference, body):
    item = newsml_g2.dump(locate_quotes(seed_article), body=body).decode()
    variants = _variants(item)
    assert len(variants) > 20
    broken = 0
    for variant in variants:
        data = variant.encode()
        expected = _reference_findings(reference, data)
        assert _our_findings(data) == expected, variant[:200]
        broken += bool(expected)
    assert broken >= len(variants) - 2  # nearly every variant is broken, so the comparison means something


# The Python rule as it was before it was made faster (one XPath per item, the catalogs united per
# item), kept as the reference for the current one: the same issues, in the same order, on
# several hundred broken documents (several items, nested items, unknown catalogs, schemes).
_CODED = etree.XPath(".//nar:*[not(self::nar:scheme)][@qcode or @role or @type or @rel or @how or @why]",
                     namespaces={"nar": NAR})


def _previous_python_rule(tree: etree._ElementTree) -> list[tuple]:
    unavailable = sorted({href.strip() for href in tree.xpath("//nar:catalogRef/@href", namespaces={"nar": NAR})
                          if catalog_for_href(href) is None})
    found: list[tuple] = [("info", "catalog-unavailable", href) for href in unavailable]
    severity = "warning" if unavailable else "error"
    for item in tree.iter(f"{{{NAR}}}newsItem"):
        inline = {s.get("alias") for c in item.iterchildren(f"{{{NAR}}}catalog") for s in c.iterchildren(f"{{{NAR}}}scheme")}
        inline.discard(None)
        declared = frozenset(inline).union(*(_aliases(ref.get("href", "")) for ref in item.iterchildren(f"{{{NAR}}}catalogRef")))
        for element in _CODED(item):
            values = [element.get(name) for name in ("qcode", "role", "type", "rel", "how", "why")]
            codes = [code for value in values if value for code in value.split(" ") if code]
            bad = [code for code in codes if (code.split(":", 1)[0] if ":" in code else "") not in declared]
            if bad:
                found.append((severity, f"QCode {bad[0]} on {etree.QName(element).localname} uses an alias no referenced "
                              "catalog declares", xpath_of(element), element.sourceline))
    return found


def _aliases(href: str) -> frozenset[str]:
    data = catalog_for_href(href)
    root = parse(data, source=href).getroot() if data is not None else None
    if root is None or root.tag != f"{{{NAR}}}catalog":
        return frozenset()
    return frozenset(a for s in root.iterchildren(f"{{{NAR}}}scheme") if (a := s.get("alias")) is not None)


def _current_python_rule(report) -> list[tuple]:
    return [(i.severity, i.code, i.message.split(" ", 2)[1]) if i.code == "catalog-unavailable"
            else (i.severity, i.message, i.location, i.line)
            for i in report.issues if i.code in ("catalog-unavailable", "qcode-alias-undeclared")]


def test_python_rule_finds_what_it_found_before(seed_article):
    articles = [locate_quotes(seed_article), rich_article(), Article.model_validate(small(3))]
    documents = list(mutants(articles, per_base=25))
    findings = 0
    for name, root in documents:
        data = serialize(root)
        expected = _previous_python_rule(parse(data, source="x"))
        assert _current_python_rule(validate(data, source="x")) == expected, name
        tree = etree.ElementTree(root)
        assert _current_python_rule(validate_tree(tree, source="x")) == _previous_python_rule(tree), name
        findings += len(expected)
    assert len(documents) > 200 and findings > 200
