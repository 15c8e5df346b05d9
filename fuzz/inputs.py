"""The inputs of the fuzz targets (hypothesis strategies): valid seeds mutated byte-wise
(bits flipped, bytes inserted, deleted, duplicated, spliced, hostile tokens inserted) and
structure-wise (values replaced, removed, duplicated, retyped; XML elements removed, moved,
renamed), random bytes, truncations, the seeds in wrong encodings, deep nesting and huge
strings; ``str`` as well as bytes where a reader's API takes ``str``."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence

from hypothesis import strategies as st

from fuzz.targets import FORBIDDEN_CHARS, Target, seeds

__all__ = ["ENCODINGS", "TOKENS", "huge", "inputs", "mutated", "nested", "restructured"]

TOKENS = [
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"&#0;", b"&#11;", b"&#xFFFE;", b"&#x110000;", b"&amp;", b"<![CDATA[", b"]]>",
    b"<?xml-stylesheet href='x.xsl'?>", b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="x"/>',
    b"<q>", b"</q>", b"<p>", b"</p>", b' id="q1"', b' idrefs="q1"', b' xml:lang="en"', b" xmlns=''", b"<!--", b"-->",
    b"</script>", b"<script type='application/ld+json'>", b"\x00", b"\x0b", b"\x1f", b"\x7f", b"\xc2\x85", b"\xef\xbf\xbe",
    b"\xed\xa0\x80", b"\xff", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\n\n", b"\t", b"\\u0000", b"\\ud800", b"\\u000b",
    b'\\"', b'"', b"'", b"{", b"}", b"[", b"]", b",", b":", b": ", b"- ", b"? ", b"*a", b"&a ", b"<<: *a", b"!!python/object:os.system",
    b"!!binary", b"!!set", b"%YAML 1.1\n---\n", b"---\n", b"...\n", b"null", b"true", b"1e999", b"-0", b"NaN", b"Infinity",
    b"9" * 5000, b'"@id"', b'"@type"', b'"@graph"', b'"@context"', b'"@list"', b'"@value"', b'"@reverse"', b'"#q1"',
    b"https://schema.org/", b"urn:", b"Source: ", b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"\xc2\xab", b"\xe2\x80\xa8",
    b"Leave a Reply", b"(dpa) - ", b"\xc2\xa9 ", b"said", b"headline", b"people", b"speaker_id", b"block", b"start", b"end",
]
ENCODINGS = ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-7", "cp500", "shift_jis", "gb18030", "koi8-r"]


@st.composite
def mutated(draw: st.DrawFn, pool: Sequence[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "token", "delete", "duplicate", "splice", "truncate"]))
        if op == "flip" and data:
            index = min(at, len(data) - 1)
            data[index] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "duplicate":
            start = draw(st.integers(0, len(data)))
            data[at:at] = data[start:start + draw(st.integers(1, 200))]
        elif op == "splice":
            other = draw(st.sampled_from(pool))
            start = draw(st.integers(0, len(other)))
            data[at:] = other[start:]
        elif op == "truncate":
            del data[at:]
    return bytes(data)


# Values a structure-aware mutation puts in place of another: every JSON type, hostile text.
HOSTILE_TEXT = ["", " ", "x", "\u000b", "\ud800", "</script><!--", "&amp;&lt;", "\u2028", "e\u0301", "\u202e", "A" * 3000,
                "urn:x:1", "#q1", "q1", "anna", "https://schema.org/Person", "2024-13-45T99:99:99", "2024-01-01", "-1", "0",
                "medtop:1", "cpprole:author", "ninat:text", "Person", "NewsArticle", "Quotation", "@id", "@type", "x:y:z"]
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), st.sampled_from(HOSTILE_TEXT),
              st.text(max_size=12)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, path + (index,))
    return found


@st.composite
def restructured(draw: st.DrawFn, kind: str) -> bytes:
    """A seed parsed, changed at a few places (values replaced, removed, duplicated, retyped),
    and written back: inputs that get past the parser and into the readers' mapping code."""
    if kind == "newsml":
        return draw(_restructured_xml())
    import yaml

    syntax = {"sidecar_yaml": "yaml", "article_yaml": "yaml", "html": "html"}.get(kind, "json")
    pool = seeds()["jsonld" if kind == "html" else kind]
    data = yaml.safe_load(draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "delete", "duplicate", "wrap"]))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(path[-1], parent[path[-1]])
        elif action == "wrap":
            parent[path[-1]] = [parent[path[-1]]] if draw(st.booleans()) else {"@value": parent[path[-1]]}
    text = json.dumps(data, default=str, ensure_ascii=draw(st.booleans()))
    if syntax == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, default_flow_style=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if syntax == "html":
        return b"<html><head><script type='application/ld+json'>" + text.replace("<", "\\u003c").encode("utf-8", "surrogatepass") + b"</script>"
    return text.encode("utf-8", "surrogatepass")


XML_NAMES = ["headline", "p", "q", "h1", "blockquote", "person", "name", "subject", "creator", "contributor", "infoSource",
             "located", "dateline", "creditline", "keyword", "genre", "description", "rightsInfo", "partMeta", "inlineRef",
             "contentSet", "inlineXML", "body", "newsItem", "itemMeta", "contentMeta", "assert", "related", "sameAs"]


@st.composite
def _restructured_xml(draw: st.DrawFn) -> bytes:
    from lxml import etree

    root = etree.fromstring(draw(st.sampled_from(seeds()["newsml"])))
    xml_text = [t for t in HOSTILE_TEXT if not FORBIDDEN_CHARS.search(t)]
    elements = list(root.iter(etree.Element))
    for _ in range(draw(st.integers(1, 4))):
        element = draw(st.sampled_from(elements))
        action = draw(st.sampled_from(["text", "attribute", "remove", "duplicate", "move", "rename", "child"]))
        if action == "text":
            element.text = draw(st.sampled_from(xml_text) | st.text(st.characters(
                exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"), max_size=10))
        elif action == "attribute":
            names = list(element.attrib) + ["id", "idrefs", "qcode", "role", "type", "literal", "uri", "contentrefs", "xml:lang"]
            name = draw(st.sampled_from(names))
            name = "{http://www.w3.org/XML/1998/namespace}lang" if name == "xml:lang" else name
            if draw(st.booleans()) and name in element.attrib:
                del element.attrib[name]
            else:
                element.set(name, draw(st.sampled_from(xml_text)))
        elif action == "remove" and element.getparent() is not None:
            element.getparent().remove(element)
        elif action == "duplicate" and element.getparent() is not None:
            element.addnext(copy.deepcopy(element))
        elif action == "move" and element.getparent() is not None:
            target = draw(st.sampled_from(elements))
            if element not in target.iterancestors() and element is not target:
                target.append(element)
        elif action == "rename":
            element.tag = etree.QName(element).namespace and f"{{{etree.QName(element).namespace}}}{draw(st.sampled_from(XML_NAMES))}" \
                or draw(st.sampled_from(XML_NAMES))
        elif action == "child":
            etree.SubElement(element, element.tag.split("}")[0] + "}" + draw(st.sampled_from(XML_NAMES))
                             if "}" in element.tag else draw(st.sampled_from(XML_NAMES)))
        elements = list(root.iter(etree.Element))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _reencoded(data: bytes, encoding: str) -> bytes:
    return data.decode("utf-8", "replace").encode(encoding, "replace")


def nested(kind: str, depth: int) -> bytes:
    if kind == "newsml":
        return (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" version="1" standard="NewsML-G2" '
                b'standardversion="2.35">' + b"<a>" * depth + b"</a>" * depth + b"</newsItem>")
    if kind in ("sidecar_yaml", "article_yaml"):
        return b"id: x\nkeywords:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, depth)) + b"  " * depth + b"- x\n"
    if kind == "html":
        return b"<script type='application/ld+json'>" + b"[" * depth + b"]" * depth + b"</script>"
    if kind == "text":
        return "“„‚".encode() * depth + b" said" + "’“”".encode() * depth
    return b'{"@graph": ' + b'{"a": [' * depth + b"1" + b"]}" * depth + b"}"


def huge(kind: str, size: int) -> bytes:
    big = "Ab “c” d\u00e9 " * (size // 12)
    if kind == "newsml":
        return seeds()["newsml"][0].replace(b"<h1>", b"<h1>" + big.encode(), 1).replace(
            b"Council backs the tram</headline>", big.encode() + b"</headline>", 1)
    if kind in ("text",):
        return b"Headline\n\n" + big.encode() + b"\n\n" + big.replace(" ", "\n").encode()
    if kind in ("sidecar_yaml", "article_yaml"):
        return b"id: x\nlanguage: en\nheadline: " + json.dumps(big).encode() + b"\nkeywords: [" + b"k, " * 5_000 + b"k]\n"
    if kind == "html":
        return b"<html><head>" + seeds()["html"][0] + b"<p>" + big.encode() * 2 + b"</p>"
    document = json.loads(seeds()[kind][0]) if kind not in ("all",) else {}
    if isinstance(document, dict) and "@graph" in document:
        document["@graph"][0]["headline"] = big
        document["@graph"][0]["keywords"] = ["k"] * 5_000
    elif isinstance(document, dict):
        document["headline"] = big
        document["keywords"] = ["k"] * 5_000
    return json.dumps(document).encode()


def inputs(target: Target, *, huge_size: int = 200_000) -> st.SearchStrategy[bytes | str]:
    """Every kind of input for ``target``; str as well as bytes where its API takes str (with
    lone surrogates from undecodable bytes)."""
    pool = seeds()[target.seeds]
    kind = target.seeds
    structured = [restructured(kind)] * 3 if kind not in ("text", "all") else []
    raw = st.one_of(
        *structured,
        mutated(pool),
        mutated(pool),
        mutated(pool),
        st.binary(max_size=512),
        st.tuples(st.sampled_from(pool), st.integers(0, 5000)).map(lambda p: p[0][: p[1]]),
        st.tuples(st.sampled_from(pool), st.sampled_from(ENCODINGS)).map(lambda p: _reencoded(*p)),
        st.integers(2, 3000).map(lambda d: nested("jsonld" if kind == "all" else kind, d)),
        st.just(kind).map(lambda k: huge("jsonld" if k == "all" else k, huge_size)),
    )
    if not target.accepts_str:
        return raw
    return st.tuples(raw, st.booleans()).map(lambda p: p[0].decode("utf-8", "surrogateescape") if p[1] else p[0])
