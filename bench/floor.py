"""The raw floor for bench/batch.py: the same two outputs built, serialised and validated with
lxml and a JSON Schema validator alone, nothing of newsml-export's code.

Per article: parse the input JSON; build the JSON-LD document (a C-speed copy of the finished
document: cheaper than any real builder) and the NewsML-G2 tree (element by element with lxml,
from a finished tree used as a template); serialise both exactly as the tool does; parse them
back and validate the JSON-LD against the profile JSON Schema with jsonschema-rs and the
NewsML-G2 item against the profile XSD and the official 2.35 XSD with lxml.

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
from lxml import etree


@dataclass(frozen=True)
class Template:
    """What the floor rebuilds for one article: the finished outputs, as data."""

    input: bytes
    jsonld: bytes          # pickled JSON-LD document
    newsml: etree._Element  # the finished item, walked to build a new one


def template(input_bytes: bytes, jsonld_bytes: bytes, newsml_bytes: bytes) -> Template:
    return Template(input_bytes, pickle.dumps(json.loads(jsonld_bytes)), etree.fromstring(newsml_bytes))


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
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True)

    def convert(self, item: Template) -> tuple[bytes, bytes]:
        json.loads(item.input)
        document = pickle.loads(item.jsonld)
        jsonld = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        newsml = etree.tostring(_rebuild(item.newsml, None), xml_declaration=True, encoding="UTF-8") + b"\n"
        if not self.json_schema.is_valid(json.loads(jsonld)):
            raise AssertionError("the floor's JSON-LD is invalid")
        tree = etree.fromstring(newsml, self.parser)
        if not all(xsd.validate(tree) for xsd in self.xsds):
            raise AssertionError("the floor's NewsML-G2 is invalid")
        return jsonld, newsml
