"""Hostile XML, through every way in (codec, validator, content detection, CLI, batch) and in
every encoding a document can hide in: refused with our error, and nothing read or fetched.

The witnesses (tests/hostile_net.py) are a listener on 127.0.0.1 that records every connection
and a FIFO that knows whether it was opened. A control test shows that both see what a
careless parser does, so their silence here means something.
"""

from __future__ import annotations

import codecs
import json
import urllib.request

import pytest
from click.testing import CliRunner
from lxml import etree

from newsml_export import DecodeError, UnsafeInputError
from newsml_export.batch import BatchOptions, Job, run_batch
from newsml_export.cli import main
from newsml_export.formats import jsonld, newsml_g2
from newsml_export.readers import read_input
from newsml_export.validation import jsonld as validate_jsonld
from newsml_export.validation.newsml_g2 import validate

from .hostile_net import Listener, WatchedFile

ITEM = ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" version="1" standard="NewsML-G2" '
        'standardversion="2.35">\n{}\n</newsItem>\n')
_LAUGHS = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "lol" * 10}">' for i in range(1, 10))
VECTORS = {
    "billion-laughs": f"<!DOCTYPE n [{_LAUGHS}]>\n" + ITEM.format("<headline>&lol9;</headline>"),
    "quadratic-blowup": f'<!DOCTYPE n [<!ENTITY a "{"x" * 20_000}">]>\n' + ITEM.format("<headline>" + "&a;" * 20_000 + "</headline>"),
    "entity-file": '<!DOCTYPE n [<!ENTITY x SYSTEM "file://{file}">]>\n' + ITEM.format("<headline>&x;</headline>"),
    "entity-http": '<!DOCTYPE n [<!ENTITY x SYSTEM "{http}/entity">]>\n' + ITEM.format("<headline>&x;</headline>"),
    "parameter-entity-file": '<!DOCTYPE n [<!ENTITY % p SYSTEM "file://{file}"> %p;]>\n' + ITEM.format("<headline>&x;</headline>"),
    "parameter-entity-http": '<!DOCTYPE n [<!ENTITY % p SYSTEM "{http}/param"> %p;]>\n' + ITEM.format("<headline>&x;</headline>"),
    "external-dtd-file": '<!DOCTYPE newsItem SYSTEM "file://{file}">\n' + ITEM.format("<headline>&x;</headline>"),
    "external-dtd-http": '<!DOCTYPE newsItem PUBLIC "-//X//DTD X//EN" "{http}/dtd">\n' + ITEM.format("<headline>&x;</headline>"),
    "xinclude-file": ITEM.format('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{file}" parse="text"/>'),
    "xinclude-http": ITEM.format('<xi:include xmlns:xi="http://www.w3.org/2003/XInclude" href="{http}/inc.xml"/>'),
    "xslt-pi-file": '<?xml-stylesheet type="text/xsl" href="file://{file}"?>\n' + ITEM.format(""),
    "xslt-pi-http": '<?xml-stylesheet type="text/xsl" href="{http}/style.xsl"?>\n' + ITEM.format(""),
}
REFUSED_FOR = {"billion-laughs": "DOCTYPE", "quadratic-blowup": "DOCTYPE", "xinclude-file": "XInclude",
               "xinclude-http": "XInclude", "xslt-pi-file": "xml-stylesheet", "xslt-pi-http": "xml-stylesheet"}


def encode(document: str, encoding: str) -> bytes:
    """The document with an XML declaration naming ``encoding``, in that encoding."""
    declared = {"utf-8-sig": "UTF-8", "utf-16-le": "UTF-16LE", "utf-32": "UTF-32"}.get(encoding, encoding.upper())
    return f'<?xml version="1.0" encoding="{declared}"?>\n{document}'.encode(encoding)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "utf-7"]


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def secret(tmp_path):
    watched = WatchedFile(tmp_path)
    yield watched
    watched.close()


def _every_way_in(data: bytes, tmp_path) -> list[str]:
    """Feed ``data`` through every entry point; returns each one's refusal message."""
    messages = []
    with pytest.raises(UnsafeInputError) as caught:
        newsml_g2.load(data, source="hostile.xml")
    assert caught.value.source == "hostile.xml" and caught.value.line is not None
    messages.append(caught.value.message)
    with pytest.raises(UnsafeInputError):
        read_input(data, source="hostile.xml")  # content detection must send it to the XML reader
    report = validate(data, source="hostile.xml")
    assert not report.ok and report.errors[0].code == "UnsafeInputError" and report.errors[0].line is not None
    messages.append(report.errors[0].message)
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    out = tmp_path / "out.jsonld"
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "jsonld", "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output and not out.exists()
    assert result.stderr.startswith(f"error: {path}:")
    summary = run_batch([Job("hostile.xml", data)], tmp_path / "batch", BatchOptions(jobs=1))
    assert summary.failed == 1 and summary.converted == 0
    assert not [p for p in (tmp_path / "batch").iterdir() if p.suffix in (".xml", ".jsonld", ".html")]
    return messages


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("vector", sorted(VECTORS))
def test_refused_everywhere_nothing_read_or_fetched(vector, encoding, listener, secret, tmp_path):
    before = len(listener.connections)
    data = encode(VECTORS[vector].format(http=listener.url, file=secret.path), encoding)
    messages = _every_way_in(data, tmp_path)
    assert all(REFUSED_FOR.get(vector, "DOCTYPE") in m for m in messages), messages
    secret.close()
    assert not secret.opened.is_set(), "a file named by the document was opened"
    assert listener.connections[before:] == [], "a connection was made to the listener"


@pytest.mark.parametrize("vector", [v for v in sorted(VECTORS) if REFUSED_FOR.get(v, "DOCTYPE") == "DOCTYPE"])
def test_doctype_is_refused_before_libxml2_sees_the_document(vector, monkeypatch, listener, secret):
    def never(*_args, **_kwargs):
        raise AssertionError("the document reached the XML parser")

    monkeypatch.setattr(etree, "fromstring", never)
    for encoding in ENCODINGS:
        with pytest.raises(UnsafeInputError, match="DOCTYPE"):
            newsml_g2.load(encode(VECTORS[vector].format(http=listener.url, file=secret.path), encoding))


def test_the_witnesses_see_what_a_careless_client_does(listener, secret):
    """Control: a parser with entities and DTDs on reads the file; any HTTP client reaches the
    listener. (libxml2 2.14, which lxml ships, has no HTTP client left at all: a second wall
    behind ``no_network`` and the refusals above.)"""
    careless = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    tree = etree.fromstring(VECTORS["entity-file"].format(file=secret.path).encode(), careless)
    assert "SECRET" in "".join(tree.itertext())
    before = len(listener.connections)
    with urllib.request.urlopen(f"{listener.url}/entity", timeout=5) as response:
        assert b"FETCHED" in response.read()
    assert len(listener.connections) == before + 1 and listener.connections[-1].startswith(b"GET /entity")
    secret.close()
    assert secret.opened.is_set()


def test_schema_location_hints_and_catalogs_are_never_fetched(listener, secret):
    before = len(listener.connections)
    doc = ITEM.replace('guid="x"', f'guid="x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                                    f'xsi:schemaLocation="http://iptc.org/std/nar/2006-10-01/ {listener.url}/g2.xsd"').format(
        f'<catalogRef href="{listener.url}/catalog.xml"/><catalogRef href="file://{secret.path}"/>')
    report = validate(doc.encode(), source="x.xml")
    assert not report.ok  # an incomplete item; what matters is what it did not do
    secret.close()
    assert listener.connections[before:] == [] and not secret.opened.is_set()


def test_jsonld_contexts_are_never_fetched(listener):
    before = len(listener.connections)
    doc = json.dumps({"@context": f"{listener.url}/context.jsonld", "@type": "NewsArticle", "headline": "H",
                      "inLanguage": "en", "identifier": "urn:x:1"}).encode()
    assert jsonld.load(doc).headline == "H"
    validate_jsonld.validate(doc)
    assert listener.connections[before:] == []


def test_utf7_cannot_smuggle_a_doctype_past_the_scan():
    # '+ADw-' is '<' in UTF-7: the bytes hold no "<!DOCTYPE" for a byte scan to find.
    data = b'<?xml version="1.0" encoding="UTF-7"?>\n+ADw-!DOCTYPE n +AFs-+ADw-!ENTITY a +ACI-b+ACI-+AD4-+AF0-+AD4-\n+ADw-x/+AD4-'
    assert b"<!DOCTYPE" not in data
    with pytest.raises(UnsafeInputError, match="DOCTYPE") as caught:
        newsml_g2.load(data, source="u7.xml")
    assert caught.value.line == 2


@pytest.mark.parametrize("data, message", [
    (b'<?xml version="1.0" encoding="x-unknown"?><newsItem/>', "unknown encoding 'x-unknown'"),
    ('<?xml version="1.0"?><newsItem/>'.encode("cp500"), "does not start with '<'"),
    (codecs.BOM_UTF16_LE + "<newsItem>\ud800</newsItem>".encode("utf-16-le", "surrogatepass"), "not UTF-16"),
])
def test_encodings_the_scan_cannot_see_through_are_refused(data, message):
    with pytest.raises(DecodeError, match=message) as caught:
        newsml_g2.load(data, source="enc.xml")
    assert caught.value.line == 1


def test_deep_xml_is_refused_with_the_limit_named():
    deep = ITEM.format("<a>" * 150 + "</a>" * 150).encode()
    with pytest.raises(UnsafeInputError, match="depth limit of 100.*--limit depth=N") as caught:
        newsml_g2.load(deep, source="deep.xml")
    assert caught.value.line == 2
    deeper = ITEM.format("<a>" * 400 + "</a>" * 400).encode()  # past libxml2's own bound too
    with pytest.raises(UnsafeInputError, match="depth limit"):
        newsml_g2.load(deeper, source="deep.xml")
