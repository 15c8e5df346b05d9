"""newsml-export: news articles to validated schema.org JSON-LD and IPTC NewsML-G2, and back.

The public API is what ``__all__`` lists; everything else is internal and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    ArticleError,
    DecodeError,
    ExportError,
    InputError,
    NewsmlExportError,
    SchemaError,
    UnsafeInputError,
)
from .model import Article, Block, Organization, Person, Place, Quote, Rights, Source, Subject
from .readers import IngestChange, IngestReport, ingest, ingest_file, load_article, open_article, read_article
from .validation.report import Issue, Report

__all__ = [
    "Article",
    "ArticleError",
    "Block",
    "DecodeError",
    "ExportError",
    "IngestChange",
    "IngestReport",
    "InputError",
    "Issue",
    "NewsmlExportError",
    "Organization",
    "Person",
    "Place",
    "Quote",
    "Report",
    "Rights",
    "SchemaError",
    "Source",
    "Subject",
    "UnsafeInputError",
    "__version__",
    "ingest",
    "ingest_file",
    "load_article",
    "open_article",
    "read_article",
]
