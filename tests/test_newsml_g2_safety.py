"""Hostile XML is refused with a clear error, and nothing it names is read or fetched."""

from __future__ import annotations

import http.server
import os
import threading
import time

import pytest

from newsml_export import DecodeError, UnsafeInputError
from newsml_export.formats import newsml_g2
from newsml_export.validation.newsml_g2 import validate

ITEM = '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" standard="NewsML-G2" standardversion="2.35">{}</newsItem>'
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
                  + ']>\n' + ITEM.format("<headline>&lol9;</headline>"))


def _load(data: str | bytes) -> None:
    newsml_g2.load(data, source="hostile.xml")


def test_billion_laughs_is_refused_before_any_entity_is_expanded(monkeypatch):
    """Refused at the DOCTYPE, by our scan, before lxml parses anything (so nothing expands)."""
    from lxml import etree

    from newsml_export.formats.newsml_g2.catalog import iptc_catalog
    from newsml_export.formats.newsml_g2.message import load_items  # noqa: F401 - imported before lxml is fenced off

    iptc_catalog()  # the bundled catalog is parsed once per process, before the fence goes up

    def no_parsing(*args, **kwargs):
        raise AssertionError("lxml was asked to parse a document with a DOCTYPE")

    monkeypatch.setattr(etree, "fromstring", no_parsing)
    monkeypatch.setattr(etree, "XML", no_parsing)
    monkeypatch.setattr(etree, "parse", no_parsing)
    with pytest.raises(UnsafeInputError, match="DOCTYPE") as caught:
        _load(BILLION_LAUGHS)
    assert caught.value.source == "hostile.xml" and caught.value.line == 2


def test_external_entity_to_a_local_file_is_never_opened(tmp_path):
    """A FIFO stands for the file: if the parser opened it for reading, our probe (opening it
    for writing without blocking) would succeed while the parse runs."""
    fifo = tmp_path / "secret"
    os.mkfifo(fifo)
    opened = threading.Event()
    stop = threading.Event()

    def probe() -> None:
        while not stop.is_set():
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                opened.set()
            except OSError:
                time.sleep(0.001)

    thread = threading.Thread(target=probe)
    thread.start()
    try:
        doc = f'<!DOCTYPE n [<!ENTITY x SYSTEM "file://{fifo}">]>' + ITEM.format("<headline>&x;</headline>")
        with pytest.raises(UnsafeInputError, match="DOCTYPE"):
            _load(doc)
        report = validate(doc.encode(), source="hostile.xml")
        assert not report.ok and report.errors[0].code == "UnsafeInputError"
        time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert not opened.is_set()


@pytest.fixture
def listener():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "pwned">')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("template", [
    '<!DOCTYPE n [<!ENTITY x SYSTEM "{url}/entity">]>' + ITEM.format("<headline>&x;</headline>"),
    '<!DOCTYPE newsItem SYSTEM "{url}/dtd">' + ITEM.format("<headline>&x;</headline>"),
    '<!DOCTYPE n [<!ENTITY % p SYSTEM "{url}/param"> %p;]>' + ITEM.format(""),
])
def test_external_entities_and_dtds_fetch_nothing(listener, template):
    url, hits = listener
    doc = template.format(url=url)
    with pytest.raises(UnsafeInputError, match="DOCTYPE"):
        _load(doc)
    assert not validate(doc.encode()).ok
    time.sleep(0.05)
    assert hits == []


def test_catalog_refs_in_a_document_are_never_fetched(listener):
    url, hits = listener
    doc = ITEM.format(f'<catalogRef href="{url}/catalog.xml"/><catalogRef href="file:///etc/passwd"/>'
                      '<itemMeta><itemClass qcode="ninat:text"/></itemMeta>')
    report = validate(doc.encode(), source="x.xml")
    assert any(i.code == "catalog-unavailable" for i in report)
    time.sleep(0.05)
    assert hits == []


def test_xinclude_is_refused():
    doc = ITEM.format('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>')
    with pytest.raises(UnsafeInputError, match="XInclude") as caught:
        _load(doc)
    assert caught.value.line == 1


def test_size_limit():
    from newsml_export.limits import use_limits

    with use_limits(xml_bytes=100), pytest.raises(UnsafeInputError, match="over the xml_bytes limit of 100 bytes"):
        _load(ITEM.format("<x>" + "a" * 200 + "</x>"))


def test_undefined_entity_is_a_decode_error_not_an_lxml_exception():
    with pytest.raises(DecodeError, match="not well-formed") as caught:
        _load(ITEM.format("<headline>&nope;</headline>"))
    assert caught.value.line == 1
