import newsml_export

INTENDED = {
    "Article", "ArticleError", "Block", "DecodeError", "ExportError", "IngestChange", "IngestReport",
    "InputError", "Issue",
    "NewsmlExportError", "Organization", "Person", "Place", "Quote", "Report", "Rights",
    "SchemaError", "Source", "Subject", "UnsafeInputError", "__version__", "ingest", "ingest_file", "load_article",
    "open_article", "read_article",
}


def test_all_is_the_intended_public_api():
    assert set(newsml_export.__all__) == INTENDED


def test_all_is_sorted_and_resolvable():
    assert newsml_export.__all__ == sorted(newsml_export.__all__, )
    for name in newsml_export.__all__:
        assert getattr(newsml_export, name) is not None
