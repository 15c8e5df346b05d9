"""The JSON-LD documents the vocabulary check is compared on (tests and bench/vocabulary.py):
the seed's output, the third-party fixtures (every block of an HTML page), and the broken
documents of test_jsonld_validation."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from newsml_export import load_article
from newsml_export.formats import jsonld
from newsml_export.formats._jsonld_source import read_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "jsonld"


def documents() -> dict[str, Any]:
    from .test_jsonld_validation import BROKEN

    seed = jsonld.to_document(load_article(ROOT / "examples" / "putin-china" / "article.txt"))
    out: dict[str, Any] = {"seed": seed}
    for path in sorted(DATA.iterdir()):
        for index, document in enumerate(read_documents(path.read_bytes(), path.name)):
            out[f"{path.name}#{index}"] = document.document.data
    for name, (mutate, _code, _where) in BROKEN.items():
        doc = copy.deepcopy(seed)
        mutate(doc)
        out[f"broken: {name}"] = doc
    return out
