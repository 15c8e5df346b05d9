"""The raw floor for bench/batch.py: the same two outputs built, serialised and validated with
lxml and a JSON Schema validator alone, nothing of newsml-export's code.

Per article (:meth:`Floor.convert`): parse the input JSON; build the JSON-LD document (a
C-speed copy of the finished document: cheaper than any real builder) and the NewsML-G2 tree
(element by element with lxml, from a finished tree used as a template); serialise both with
orjson and lxml (the tool writes these documents with the same calls; it falls back to
``json.dumps`` only for nulls and oddly spelled floats, which they do not hold, and
bench/batch.py checks the bytes are the same before timing); validate the JSON-LD document against the profile JSON
Schema with jsonschema-rs and the NewsML-G2 tree against the profile XSD and the official 2.35
XSD with lxml, each as built (nothing parsed back).

:meth:`Floor.checks_only` leaves the building out too: the finished document and tree
serialised and validated, the least any tool must spend on these two outputs with these
libraries. The tool writes NewsML-G2 as text and parses it once, which costs less than the
element-by-element build of ``convert``, so the two figures bracket the libraries' share.

What the floor leaves out, and the tool does: reading into the Article model (pydantic), the
schema.org vocabulary check, Google's recommendations, the Schematron rules, the QCode alias
check, and building the outputs from the model.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import orjson
from lxml import etree


@dataclass(frozen=True)
class Template:
    """What the floor rebuilds for one article: the finished outputs, as data."""

    input: bytes
    jsonld: bytes          # pickled JSON-LD document
    document: Any          # the same, as data
    newsml: etree._Element  # the finished item, walked to build a new one


def template(input_bytes: bytes, jsonld_bytes: bytes, newsml_bytes: bytes) -> Template:
    document = json.loads(jsonld_bytes)
    return Template(input_bytes, pickle.dumps(document), document, etree.fromstring(newsml_bytes))


def _rebuild(source: etree._Element, parent: etree._Element | None) -> etree._Element:
    element = (etree.Element(source.tag, dict(source.attrib), nsmap=source.nsmap) if parent is None
               else etree.SubElement(parent, source.tag, dict(source.attrib), nsmap=source.nsmap))
    element.text = source.text
    for child in source:
        if isinstance(child.tag, str):
            _rebuild(child, element).tail = child.tail
    return element


class Floor:
    def __init__(self, profile_schema: dict[str, Any], profile_xsd: str, official_xsd: str) -> None:
        self.json_schema = jsonschema_rs.validator_for(profile_schema)
        self.xsds = [etree.XMLSchema(etree.parse(path)) for path in (profile_xsd, official_xsd)]

    def convert(self, item: Template) -> tuple[bytes, bytes]:
        json.loads(item.input)
        return self._finish(pickle.loads(item.jsonld), _rebuild(item.newsml, None))

    def checks_only(self, item: Template) -> tuple[bytes, bytes]:
        return self._finish(item.document, item.newsml)

    def _finish(self, document: Any, tree: etree._Element) -> tuple[bytes, bytes]:
        jsonld = orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
        newsml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
        if not self.json_schema.is_valid(document):
            raise AssertionError("the floor's JSON-LD is invalid")
        if not all(xsd.validate(tree) for xsd in self.xsds):
            raise AssertionError("the floor's NewsML-G2 is invalid")
        return jsonld, newsml
