"""The exporter asks JSON-LD validation for its verdict only (no lines, no Google check, which
only warns). On every document of the vocabulary corpus, valid and broken, the verdict and the
errors must be those of the full validation."""

from __future__ import annotations

import json

from newsml_export.validation.jsonld import GOOGLE, validate

from .corpus import documents


def _errors(report) -> list[tuple[str, str, str, str | None]]:
    return sorted((i.code, i.message, i.location, i.validator) for i in report.errors)


def test_errors_only_gives_the_full_verdict_and_errors():
    verdicts = set()
    for name, document in documents().items():
        data = json.dumps(document).encode()
        full, quick = validate(data, source=name), validate(data, source=name, errors_only=True)
        assert quick.ok == full.ok, name
        assert _errors(quick) == _errors(full), name
        assert all(i.line is None for i in quick.issues)
        assert GOOGLE in full.checked and GOOGLE not in quick.checked
        verdicts.add(full.ok)
    assert verdicts == {True, False}
