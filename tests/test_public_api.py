import subprocess
import sys

import newsml_export

INTENDED = {
    "Article", "ArticleError", "Block", "DecodeError", "ExportError", "IngestChange", "IngestReport",
    "InputError", "Issue", "Limits",
    "NewsmlExportError", "Organization", "OutputError", "Person", "Place", "Quote", "Report", "Rights",
    "SchemaError", "Source", "Subject", "UnsafeInputError", "__version__", "ingest", "ingest_file", "load_article",
    "open_article", "read_article", "jsonld", "newsml_g2", "validate", "convert_bytes", "export", "use_limits",
}


def test_all_is_the_intended_public_api():
    assert set(newsml_export.__all__) == INTENDED


def test_all_is_sorted_and_resolvable():
    assert newsml_export.__all__ == sorted(newsml_export.__all__)
    for name in newsml_export.__all__:
        assert getattr(newsml_export, name) is not None


def test_unknown_name_is_an_attribute_error():
    try:
        newsml_export.nonexistent  # noqa: B018
    except AttributeError as exc:
        assert "nonexistent" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_version_does_not_import_heavy_modules():
    code = "import sys; import newsml_export.cli; print(sorted(m for m in ('pydantic', 'lxml', 'jsonschema', 'yaml') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- misuse is a TypeError/ValueError, bad input an InputError naming the source ---------------


def _seed_record() -> bytes:
    import json

    from tests.batch_corpus import seed_sized

    return json.dumps(seed_sized(0)).encode()


def test_an_unknown_target_is_a_value_error_not_quietly_json_ld():
    import pytest

    from newsml_export import convert_bytes, export

    record = _seed_record()
    with pytest.raises(ValueError, match="unknown target 'xml': expected one of jsonld, html, newsml"):
        convert_bytes(record, targets=("xml",))
    with pytest.raises(TypeError, match=r"not the string 'newsml'"):
        convert_bytes(record, targets="newsml")
    article = newsml_export.jsonld.load(convert_bytes(record, targets=("jsonld",))["jsonld"])
    with pytest.raises(ValueError, match="unknown target 'rss'"):
        export(article, "rss")  # type: ignore[arg-type]
    assert set(convert_bytes(record, targets=("newsml", "jsonld"))) == {"newsml", "jsonld"}


def test_text_instead_of_bytes():
    import pytest

    from newsml_export import convert_bytes, validate

    record = _seed_record()
    with pytest.raises(TypeError, match="takes the input's bytes, not str"):
        convert_bytes(record.decode())
    # Bytes-like is fine: PySpark hands BinaryType values over as bytearray.
    assert convert_bytes(bytearray(record), targets=("jsonld",)) == convert_bytes(memoryview(record), targets=("jsonld",)) \
        == convert_bytes(record, targets=("jsonld",))
    with pytest.raises(TypeError, match="not int"):
        convert_bytes(5)  # type: ignore[arg-type]
    item = convert_bytes(record, targets=("newsml",))["newsml"]
    assert validate(item.decode()).ok and validate(item).checked == validate(item.decode()).checked
    with pytest.raises(TypeError, match="not int"):
        validate(5)  # type: ignore[arg-type]


def test_an_input_with_no_article_is_an_input_error_naming_it():
    import pytest

    from newsml_export import InputError, convert_bytes

    empty_message = (b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header>'
                     b'<sent>2022-01-01T00:00:00Z</sent></header><itemSet/></newsMessage>')
    cases = {
        "page.html": (b"<html><body><p>hi</p></body></html>", "no JSON-LD script block"),
        "web.jsonld": (b'{"@context": "https://schema.org", "@type": "WebPage", "name": "x"}', "no node of an Article type"),
        "feed.xml": (empty_message, "holds no text newsItem"),
    }
    for source, (data, words) in cases.items():
        with pytest.raises(InputError, match=words) as raised:
            convert_bytes(data, source=source)
        assert raised.value.source == source and str(raised.value).startswith(f"{source}: /: no article found")
