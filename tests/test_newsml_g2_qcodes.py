"""The QCode alias rule runs in Python for speed; it must find exactly what the Schematron rule
it replaced found. The old rule is kept here, verbatim, as the reference, and both run on items
broken in every coded attribute, with the inline catalog or the catalog reference gone."""

from __future__ import annotations

import re

import pytest
from lxml import etree, isoschematron

from newsml_export.formats import newsml_g2
from newsml_export.formats.newsml_g2.safe_xml import make_parser, parse
from newsml_export.validation.newsml_g2 import _CatalogResolver, validate

from .newsml_helpers import locate_quotes

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
    parser.resolvers.add(_CatalogResolver())
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
