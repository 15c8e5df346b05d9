"""Where the JSON-LD export of one seed-sized article spends its time, part by part (ms, best
of repeats).

    .venv/bin/python bench/jsonld_export.py

``dump`` is what ``jsonld.dump`` runs (the character check of the article, building the
document, writing the text); ``exporter validation`` is what ``pipeline.export`` runs on that
output for its verdict; ``validate (bytes, errors only)`` is the same verdict from the bytes,
as ``validate_output`` gives it (the ``validate`` command, and the reports of a failed export).
Nothing is asserted; the machine is shared, so compare figures from the same minutes.
"""

from __future__ import annotations

import json
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _ms(step: Callable[[], object], number: int = 100) -> float:
    return min(timeit.repeat(step, number=number, repeat=7)) / number * 1e3


def parts() -> dict[str, float]:
    from batch import _ensure_official

    _ensure_official()
    from tests.batch_corpus import seed_sized

    from newsml_export.formats import jsonld
    from newsml_export.formats._jsonld_dump import build_document
    from newsml_export.formats._jsonld_source import read_documents
    from newsml_export.pipeline import export, validate_output
    from newsml_export.readers import read_input
    from newsml_export.validation import jsonld as checks
    from newsml_export.validation.vocabulary import installed, schema_context, vocabulary
    from newsml_export.validation.vocabulary_check import check_document, check_document_and_references
    from newsml_export.xmlchars import check_exportable

    article = read_input(json.dumps(seed_sized(1), ensure_ascii=False).encode(), source="x")[0]
    document = build_document(article)
    data = jsonld.dump(article)
    vocab, context = vocabulary(), schema_context()
    steps: dict[str, Callable[[], object]] = {
        "dump: check_exportable(article)": lambda: check_exportable(article),
        "dump: build_document": lambda: build_document(article),
        "dump: serialise (text + newline, UTF-8)": lambda: jsonld.json_text(document) + b"\n",
        "dump total": lambda: jsonld.dump(article),
        "validate: read_documents (parse, lines, characters)": lambda: read_documents(data, "x"),
        "validate: installed() (find_official stats)": installed,
        "validate: profile JSON Schema (jsonschema-rs)": lambda: checks._profile().is_valid(document),
        "validate: dangling references": lambda: checks._references(document),
        "validate: vocabulary check_document": lambda: check_document(document, vocab, context),  # type: ignore[arg-type]
        "exporter: vocabulary walk + references, errors only": lambda: check_document_and_references(
            document, vocab, context, errors_only=True),  # type: ignore[arg-type]
        "validate (bytes, errors only)": lambda: validate_output(data, "jsonld", errors_only=True),
        "exporter validation (the document just written)": lambda: checks.written_is_valid(document, data),
        "export(article, 'jsonld') total": lambda: export(article, "jsonld"),
    }
    return {name: _ms(step) for name, step in steps.items()}


def main() -> int:
    for name, ms in parts().items():
        print(f"{name:58s} {ms:7.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
