"""newsml-export: news articles to validated schema.org JSON-LD and IPTC NewsML-G2, and back.

The public API is what ``__all__`` lists; everything else is internal and may change. Names are
imported on first use (PEP 562), so ``newsml-export --version`` does not pay for pydantic,
jsonschema and lxml.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "Article": ".model",
    "ArticleError": ".errors",
    "Block": ".model",
    "DecodeError": ".errors",
    "ExportError": ".errors",
    "IngestChange": ".readers",
    "IngestReport": ".readers",
    "InputError": ".errors",
    "Issue": ".validation.report",
    "Limits": ".limits",
    "NewsmlExportError": ".errors",
    "Organization": ".model",
    "OutputError": ".errors",
    "Person": ".model",
    "Place": ".model",
    "Quote": ".model",
    "Report": ".validation.report",
    "Rights": ".model",
    "SchemaError": ".errors",
    "Source": ".model",
    "Subject": ".model",
    "UnsafeInputError": ".errors",
    "ingest": ".readers",
    "ingest_file": ".readers",
    "load_article": ".readers",
    "open_article": ".readers",
    "read_article": ".readers",
    "use_limits": ".limits",
    "convert_bytes": ".pipeline",
    "export": ".pipeline",
    "validate": ".validation",
}
# The codecs are modules with the same shape (``dump``/``load``/``load_all``).
_MODULES = {
    "jsonld": ".formats.jsonld",
    "newsml_g2": ".formats.newsml_g2",
}

__all__ = sorted([*_EXPORTS, *_MODULES, "__version__"])

if TYPE_CHECKING:
    from .errors import (
        ArticleError,
        DecodeError,
        ExportError,
        InputError,
        NewsmlExportError,
        OutputError,
        SchemaError,
        UnsafeInputError,
    )
    from .formats import jsonld, newsml_g2
    from .limits import Limits, use_limits
    from .model import Article, Block, Organization, Person, Place, Quote, Rights, Source, Subject
    from .readers import IngestChange, IngestReport, ingest, ingest_file, load_article, open_article, read_article
    from .pipeline import convert_bytes, export
    from .validation import validate
    from .validation.report import Issue, Report


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name], __name__)
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    else:
        raise AttributeError(f"module 'newsml_export' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
