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
