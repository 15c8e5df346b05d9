"""JSON-LD in HTML: no article text can end the script block, start a comment or a new
element, or change the data, whatever field it is in.

The judge is html5lib, which tokenizes as the WHATWG HTML standard (and so browsers) do,
including the script data escaped and double-escaped states that ``<!--`` and ``<script``
inside a script block open. Python's ``html.parser`` (what :func:`jsonld.load` uses) and
libxml2's HTML parser must agree.
"""

from __future__ import annotations

import json

import html5lib
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml_export.errors import DecodeError
from newsml_export.formats import jsonld
from newsml_export.model import Article

# Every way known to leave or confuse a script element, or JSON inside one.
BREAKOUTS = [
    "</script>", "</SCRIPT>", "</ScRiPt >", "</script\t", "</script\n", "</script/>", "</script x=1>", "</script",
    "</script\u00a0>", "</scr\u200bipt>", "<!--", "-->", "<!-->", "<!--<script>", "<!--<script></script>-->",
    "<!-- </script> -->", "<script>", "<script>alert(1)</script>", "<script src=//x.test/a.js></script>",
    "<svg><script>alert(1)</script></svg>", "<![CDATA[</script>]]>", "]]>", "</style>", "</title>", "</template>",
    "<\\/script>", "\\u003c/script>", "&lt;/script&gt;", "&#60;/script&#62;", "<?php ?>", "<!DOCTYPE html>", "<",
    "</", "\u2028", "\u2029", "<\u2028/script>", '"</script>"', "'</script>'", "\\", "\\\\</script>", '\\"</script>',
    "\u0085</script>", "\ufeff</script>", "</script\r\n>", "&amp;", "&", ">", "}]}</script>",
]


def _article(payload: str) -> Article:
    """The payload in every text field of an article, ids and URLs included."""
    unspaced = "".join(payload.split()) or "x"  # ids and URLs hold no whitespace
    return Article.model_validate({
        "id": f"urn:x:{unspaced}", "language": "en", "headline": f"H {payload}",
        "alternative_headline": payload, "description": payload, "credit_line": payload, "dateline": payload,
        "section": payload, "genre": payload, "keywords": [payload, "k"], "url": f"https://example.org/{unspaced}",
        "body": [{"text": f"A {payload} B"}, {"kind": "blockquote", "text": payload + "!"}, {"kind": "heading", "text": payload + "?"}],
        "people": [{"id": "p", "name": f"N {payload}", "aliases": [payload + "."], "description": payload}],
        "organizations": [{"id": "o", "name": payload + " Org"}], "author_ids": ["p"], "publisher_id": "o",
        "quotes": [{"id": "q", "text": payload + " said", "speaker_id": "p"}],
        "source": {"name": payload + " Source", "relation": "republished"},
        "subjects": [{"uri": "https://example.org/s", "name": payload + " S"}],
        "rights": {"copyright_notice": payload, "usage_terms": payload},
    })


def _page(block: bytes) -> str:
    return "<!doctype html><html><head><title>t</title>" + block.decode("utf-8") + "</head><body><p id=after>after</p></body></html>"


def _check_contained(article: Article) -> None:
    block = jsonld.dump(article, html=True)
    text = block.decode("utf-8")
    content = text[text.index(">") + 1:text.rindex("</script>")]
    # The content holds nothing an HTML tokenizer could act on, nor JavaScript line breaks.
    assert not any(c in content for c in "<>&\u2028\u2029"), content
    page = _page(block)
    document = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    scripts = document.findall(".//script")
    assert len(scripts) == 1 and scripts[0].get("type") == "application/ld+json"
    assert scripts[0].text == content
    assert json.loads(scripts[0].text) == jsonld.to_document(article)
    assert [p.get("id") for p in document.iter("p")] == ["after"] and document.find(".//body/p").text == "after"
    tree = lxml.html.document_fromstring(page)
    assert len(tree.findall(".//script")) == 1 and json.loads(tree.find(".//script").text) == jsonld.to_document(article)
    assert jsonld.load(page.encode("utf-8")) == article


@pytest.mark.parametrize("payload", BREAKOUTS)
def test_no_text_can_leave_the_script_block(payload):
    _check_contained(_article(payload))


PIECES = st.sampled_from(BREAKOUTS + ["a", " ", "é", "“", "\n", "\t", "/", "!", "-", "script", "SCRIPT", "\\u"])


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.lists(PIECES, min_size=1, max_size=8).map("".join))
def test_generated_breakouts_stay_inside(payload):
    _check_contained(_article(payload))


def test_a_careless_third_party_block_is_an_error_with_its_line_not_a_crash():
    # Written without escaping, the text ends the block early: what is left is not JSON.
    page = ('<html><head>\n<script type="application/ld+json">\n{"@context": "https://schema.org", "@type": "NewsArticle",\n'
            ' "headline": "</script><script>alert(1)</script>"}\n</script></head></html>').encode()
    with pytest.raises(DecodeError) as caught:
        jsonld.load(page, source="page.html")
    assert caught.value.source == "page.html" and caught.value.line == 4
