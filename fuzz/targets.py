"""What is fuzzed and what counts as a crash, shared by the test suite and the campaign.

A *target* feeds one input to one reader (and exports whatever it reads to both formats, and
runs the validator on the same input). The *oracle* is the issue's promise: the only exceptions
that may escape are newsml-export's own, and every input error names the input and a location
(a line, or a field/element path). Anything else (an ``IndexError`` from a reader, a
``RecursionError``, an lxml or YAML exception, an error without a location) is a crash.

The inputs are hypothesis strategies: valid seeds mutated (bytes flipped, inserted, deleted,
duplicated, spliced, hostile tokens inserted), random bytes, truncations, the seeds in wrong
encodings, deep nesting and huge strings. ``tests/test_fuzz_readers.py`` runs them with a fixed
seed and few examples; ``fuzz/run.py`` runs them for as long as it is told.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "fuzzed-input"
TEXT_SOURCE = "article.txt"
WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Crash(AssertionError):
    """The oracle's verdict: something other than a located newsml-export error happened."""


# -- the oracle ---------------------------------------------------------------------------------


def check_error(exc: BaseException, sources: Sequence[str]) -> None:
    """Raise :class:`Crash` unless ``exc`` is one of our errors naming its input and location."""
    from newsml_export.errors import ArticleError, ExportError, InputError

    if isinstance(exc, ArticleError):
        for issue in exc.issues:
            if issue.source not in sources or (issue.line is None and not issue.location):
                raise Crash(f"ArticleError issue without input or location: {issue!r}") from exc
    elif isinstance(exc, InputError):
        if exc.source not in sources or (exc.line is None and not exc.path):
            raise Crash(f"{type(exc).__name__} without input or location: {exc!s} "
                        f"(source={exc.source!r}, line={exc.line!r}, path={exc.path!r})") from exc
        if not str(exc).startswith(exc.source):
            raise Crash(f"message does not start with the input's name: {exc!s}") from exc
    elif not isinstance(exc, ExportError):
        raise Crash(f"{type(exc).__name__} escaped: {exc!s}") from exc
    if not str(exc).strip():
        raise Crash(f"{type(exc).__name__} with an empty message") from exc


def exercise(target: Target, data: bytes | str) -> str:
    """Run ``target`` on ``data``; returns the outcome (``ok`` or the error class name) or raises
    :class:`Crash`."""
    from newsml_export.errors import NewsmlExportError

    try:
        articles = target.read(data)
    except NewsmlExportError as exc:
        check_error(exc, target.sources)
        return type(exc).__name__
    except Exception as exc:  # noqa: BLE001 - that is the point: anything else is a crash
        raise Crash(f"{target.name}: {type(exc).__name__} escaped the reader: {exc!s}") from exc
    for article in articles:
        _export(article)
    return "ok"


def _export(article: object) -> None:
    from newsml_export.errors import ExportError
    from newsml_export.formats import jsonld, newsml_g2

    for dump in (lambda a: jsonld.dump(a, html=True), lambda a: newsml_g2.dump(a, version_created=WHEN)):
        try:
            dump(article)
        except ExportError as exc:
            check_error(exc, ())
        except Exception as exc:  # noqa: BLE001
            raise Crash(f"{type(exc).__name__} escaped an exporter for an article a reader accepted: {exc!s}") from exc


def check_validator(validate: Callable[..., object], data: bytes) -> None:
    """A validator never raises: whatever the input, it returns a Report whose errors say where."""
    try:
        report = validate(data, source=SOURCE)
    except Exception as exc:  # noqa: BLE001
        raise Crash(f"the validator raised {type(exc).__name__}: {exc!s}") from exc
    for issue in report.errors:  # type: ignore[attr-defined]
        if issue.source != SOURCE:
            raise Crash(f"validation issue without the input's name: {issue!r}")


# -- targets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    seeds: str
    """Which seed inputs its inputs are made from."""
    read: Callable[[bytes | str], list]
    sources: tuple[str, ...] = (SOURCE,)
    validate: Callable[..., object] | None = None
    accepts_str: bool = True


def _text(data: bytes | str) -> list:
    from newsml_export.readers import ingest

    return [ingest(data, source=SOURCE)[0]]


def _sidecar(syntax: str) -> Callable[[bytes | str], list]:
    def read(data: bytes | str) -> list:
        from newsml_export.readers import read_input
        from newsml_export.readers.metadata import parse_document

        document = parse_document(data, SOURCE, syntax=syntax)
        return read_input(seeds()["text"][1], source=TEXT_SOURCE, kind="text", sidecar=document)

    return read


def _article(data: bytes | str) -> list:
    from newsml_export.readers import read_input

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return read_input(raw, source=SOURCE, kind="article")


def _jsonld(data: bytes | str) -> list:
    from newsml_export.formats import jsonld
    from newsml_export.validation.report import Report

    return jsonld.load_all(data, source=SOURCE, report=Report())


def _newsml(data: bytes | str) -> list:
    from newsml_export.formats import newsml_g2
    from newsml_export.validation.report import Report

    return newsml_g2.load_all(data, source=SOURCE, report=Report())


def _detected(data: bytes | str) -> list:
    from newsml_export.readers import read_input

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return read_input(raw, source=SOURCE)


def _validate_jsonld(data: bytes, *, source: str) -> object:
    from newsml_export.validation import jsonld

    return jsonld.validate(data, source=source)


def _validate_newsml(data: bytes, *, source: str) -> object:
    from newsml_export.validation import newsml_g2

    return newsml_g2.validate(data, source=source)


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("text", "text", _text),
    Target("sidecar-yaml", "sidecar_yaml", _sidecar("yaml"), sources=(SOURCE, TEXT_SOURCE)),
    Target("sidecar-json", "sidecar_json", _sidecar("json"), sources=(SOURCE, TEXT_SOURCE)),
    Target("article-json", "article_json", _article),
    Target("article-yaml", "article_yaml", _article),
    Target("jsonld", "jsonld", _jsonld, validate=_validate_jsonld),
    Target("html", "html", _jsonld, validate=_validate_jsonld),
    Target("newsml", "newsml", _newsml, validate=_validate_newsml),
    Target("detect", "all", _detected, accepts_str=False),
)}


# -- seeds --------------------------------------------------------------------------------------

_SHORT_TEXT = (
    "Council backs the new tram line\n\n"
    "BERLIN (dpa) - The city council voted on Monday for the tram line.\n\n"
    "“It is a good day,” said Mayor Anna Schmidt. „Wir bauen“, sagte sie.\n\n"
    "Source: Stern\n"
).encode()


@lru_cache(maxsize=1)
def seeds() -> dict[str, list[bytes]]:
    """Valid inputs of every kind: the seed example and a small article in each format."""
    import yaml

    from newsml_export import load_article
    from newsml_export.formats import jsonld, newsml_g2
    from newsml_export.model import Article

    example = ROOT / "examples" / "putin-china"
    seed = load_article(example / "article.txt")
    small = Article.model_validate({
        "id": "urn:x:1", "language": "en", "headline": "Council backs the tram", "published": "2024-01-01T10:00:00+01:00",
        "body": [{"text": "“It is a good day,” said Anna Schmidt."}, {"kind": "heading", "text": "Next"}],
        "people": [{"id": "anna", "name": "Anna Schmidt", "aliases": ["Schmidt"], "same_as": ["https://example.org/anna"]}],
        "organizations": [{"id": "dpa", "name": "dpa"}], "places": [{"id": "berlin", "name": "Berlin"}],
        "quotes": [{"id": "q1", "text": "It is a good day,", "speaker_id": "anna", "block": 0, "start": 1, "end": 18}],
        "author_ids": ["anna"], "publisher_id": "dpa", "located_id": "berlin", "keywords": ["tram"],
        "subjects": [{"qcode": "medtop:11000000", "name": "politics"}], "rights": {"copyright_notice": "© dpa"},
        "source": {"name": "dpa", "relation": "wire", "organization_id": "dpa"}, "credit_line": "dpa",
    })
    sidecar = (example / "article.meta.yaml").read_bytes()
    sidecar_data = yaml.safe_load(sidecar)
    small_data = small.model_dump(mode="json", exclude_defaults=True)
    third_party = sorted((ROOT / "tests" / "data" / "jsonld").iterdir())
    found: dict[str, list[bytes]] = {
        "text": [(example / "article.txt").read_bytes(), _SHORT_TEXT],
        "sidecar_yaml": [sidecar, b"id: urn:x:2\nlanguage: de\nkeywords: [a, b]\npeople:\n  - {id: p, name: P}\n"],
        "sidecar_json": [json.dumps(sidecar_data, default=str).encode(), json.dumps({"id": "urn:x:2", "language": "de"}).encode()],
        "article_json": [json.dumps(small_data).encode(), seed.model_dump_json(exclude_defaults=True).encode()],
        "article_yaml": [yaml.safe_dump(small_data, allow_unicode=True).encode()],
        "jsonld": [jsonld.dump(small), jsonld.dump(seed)] + [p.read_bytes() for p in third_party if p.suffix == ".jsonld"],
        "html": [b"<!doctype html><html><head>" + jsonld.dump(small, html=True) + b"</head><body><p>x</p></body></html>"]
                + [p.read_bytes() for p in third_party if p.suffix == ".html"],
        "newsml": [newsml_g2.dump(small), newsml_g2.dump(small, body="nitf"), newsml_g2.dump(seed),
                   newsml_g2.dump([small, small.model_copy(update={"id": "urn:x:2", "quotes": []})])],
    }
    found["all"] = [data for kind in list(found) for data in found[kind]]
    return found


# -- inputs -------------------------------------------------------------------------------------

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


def _nested(kind: str, depth: int) -> bytes:
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


def _huge(kind: str, size: int) -> bytes:
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
        st.integers(2, 3000).map(lambda d: _nested("jsonld" if kind == "all" else kind, d)),
        st.just(kind).map(lambda k: _huge("jsonld" if k == "all" else k, huge_size)),
    )
    if not target.accepts_str:
        return raw
    return st.tuples(raw, st.booleans()).map(lambda p: p[0].decode("utf-8", "surrogateescape") if p[1] else p[0])
