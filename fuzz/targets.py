"""What is fuzzed and what counts as a crash, shared by the test suite and the campaign.

A *target* feeds one input to one reader (and exports whatever it reads to both formats, and
runs the validator on the same input). The *oracle* is the issue's promise: the only exceptions
that may escape are newsml-export's own, and every input error names the input and a location
(a line, or a field/element path). Anything else (an ``IndexError`` from a reader, a
``RecursionError``, an lxml or YAML exception, an error without a location) is a crash.

The inputs, made from the valid seeds here, are in :mod:`fuzz.inputs`.
``tests/test_fuzz_readers.py`` runs them with a fixed seed and few examples; ``fuzz/run.py``
runs them for as long as it is told.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "fuzzed-input"
TEXT_SOURCE = "article.txt"
WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Crash(AssertionError):
    """The oracle's verdict: something other than a located newsml-export error happened."""


# -- the oracle ---------------------------------------------------------------------------------


def check_error(exc: BaseException, sources: Sequence[str]) -> None:
    """Raise :class:`Crash` unless ``exc`` is one of our errors naming its input and location."""
    from newsml_export.errors import ArticleError, ExportError, InputError

    if isinstance(exc, ArticleError):
        for issue in exc.issues:
            if issue.source not in sources or (issue.line is None and not issue.location):
                raise Crash(f"ArticleError issue without input or location: {issue!r}") from exc
    elif isinstance(exc, InputError):
        if exc.source not in sources or (exc.line is None and not exc.path):
            raise Crash(f"{type(exc).__name__} without input or location: {exc!s} "
                        f"(source={exc.source!r}, line={exc.line!r}, path={exc.path!r})") from exc
        if not str(exc).startswith(exc.source):
            raise Crash(f"message does not start with the input's name: {exc!s}") from exc
    elif not isinstance(exc, ExportError):
        raise Crash(f"{type(exc).__name__} escaped: {exc!s}") from exc
    if not str(exc).strip():
        raise Crash(f"{type(exc).__name__} with an empty message") from exc


def exercise(target: Target, data: bytes | str) -> str:
    """Run ``target`` on ``data``; returns the outcome (``ok`` or the error class name) or raises
    :class:`Crash`."""
    from newsml_export.errors import NewsmlExportError

    try:
        articles = target.read(data)
    except NewsmlExportError as exc:
        check_error(exc, target.sources)
        return type(exc).__name__
    except Exception as exc:  # noqa: BLE001 - that is the point: anything else is a crash
        raise Crash(f"{target.name}: {type(exc).__name__} escaped the reader: {exc!s}") from exc
    for article in articles:
        _export(article)
    return "ok"


def _export(article: object) -> None:
    from newsml_export.errors import ExportError
    from newsml_export.formats import jsonld, newsml_g2

    for dump in (lambda a: jsonld.dump(a, html=True), lambda a: newsml_g2.dump(a, version_created=WHEN)):
        try:
            dump(article)
        except ExportError as exc:
            check_error(exc, ())
        except Exception as exc:  # noqa: BLE001
            raise Crash(f"{type(exc).__name__} escaped an exporter for an article a reader accepted: {exc!s}") from exc


def check_validator(validate: Callable[..., object], data: bytes) -> None:
    """A validator never raises: whatever the input, it returns a Report whose errors say where."""
    try:
        report = validate(data, source=SOURCE)
    except Exception as exc:  # noqa: BLE001
        raise Crash(f"the validator raised {type(exc).__name__}: {exc!s}") from exc
    for issue in report.errors:  # type: ignore[attr-defined]
        if issue.source != SOURCE:
            raise Crash(f"validation issue without the input's name: {issue!r}")


# -- targets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    seeds: str
    """Which seed inputs its inputs are made from."""
    read: Callable[[bytes | str], list]
    sources: tuple[str, ...] = (SOURCE,)
    validate: Callable[..., object] | None = None
    accepts_str: bool = True


def _text(data: bytes | str) -> list:
    from newsml_export.readers import ingest

    return [ingest(data, source=SOURCE)[0]]


def _sidecar(syntax: str) -> Callable[[bytes | str], list]:
    def read(data: bytes | str) -> list:
        from newsml_export.readers import read_input
        from newsml_export.readers.metadata import parse_document

        document = parse_document(data, SOURCE, syntax=syntax)
        return read_input(seeds()["text"][1], source=TEXT_SOURCE, kind="text", sidecar=document)

    return read


def _article(data: bytes | str) -> list:
    from newsml_export.readers import read_input

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return read_input(raw, source=SOURCE, kind="article")


def _jsonld(data: bytes | str) -> list:
    from newsml_export.formats import jsonld
    from newsml_export.validation.report import Report

    return jsonld.load_all(data, source=SOURCE, report=Report())


def _newsml(data: bytes | str) -> list:
    from newsml_export.formats import newsml_g2
    from newsml_export.validation.report import Report

    return newsml_g2.load_all(data, source=SOURCE, report=Report())


def _detected(data: bytes | str) -> list:
    from newsml_export.readers import read_input

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return read_input(raw, source=SOURCE)


def _validate_jsonld(data: bytes, *, source: str) -> object:
    from newsml_export.validation import jsonld

    return jsonld.validate(data, source=source)


def _validate_newsml(data: bytes, *, source: str) -> object:
    from newsml_export.validation import newsml_g2

    return newsml_g2.validate(data, source=source)


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("text", "text", _text),
    Target("sidecar-yaml", "sidecar_yaml", _sidecar("yaml"), sources=(SOURCE, TEXT_SOURCE)),
    Target("sidecar-json", "sidecar_json", _sidecar("json"), sources=(SOURCE, TEXT_SOURCE)),
    Target("article-json", "article_json", _article),
    Target("article-yaml", "article_yaml", _article),
    Target("jsonld", "jsonld", _jsonld, validate=_validate_jsonld),
    Target("html", "html", _jsonld, validate=_validate_jsonld),
    Target("newsml", "newsml", _newsml, validate=_validate_newsml),
    Target("detect", "all", _detected, accepts_str=False),
)}


# -- seeds --------------------------------------------------------------------------------------

_SHORT_TEXT = (
    "Council backs the new tram line\n\n"
    "BERLIN (dpa) - The city council voted on Monday for the tram line.\n\n"
    "“It is a good day,” said Mayor Anna Schmidt. „Wir bauen“, sagte sie.\n\n"
    "Source: Stern\n"
).encode()


@lru_cache(maxsize=1)
def seeds() -> dict[str, list[bytes]]:
    """Valid inputs of every kind: the seed example and a small article in each format."""
    import yaml

    from newsml_export import load_article
    from newsml_export.formats import jsonld, newsml_g2
    from newsml_export.model import Article

    example = ROOT / "examples" / "putin-china"
    seed = load_article(example / "article.txt")
    small = Article.model_validate({
        "id": "urn:x:1", "language": "en", "headline": "Council backs the tram", "published": "2024-01-01T10:00:00+01:00",
        "body": [{"text": "“It is a good day,” said Anna Schmidt."}, {"kind": "heading", "text": "Next"}],
        "people": [{"id": "anna", "name": "Anna Schmidt", "aliases": ["Schmidt"], "same_as": ["https://example.org/anna"]}],
        "organizations": [{"id": "dpa", "name": "dpa"}], "places": [{"id": "berlin", "name": "Berlin"}],
        "quotes": [{"id": "q1", "text": "It is a good day,", "speaker_id": "anna", "block": 0, "start": 1, "end": 18}],
        "author_ids": ["anna"], "publisher_id": "dpa", "located_id": "berlin", "keywords": ["tram"],
        "subjects": [{"qcode": "medtop:11000000", "name": "politics"}], "rights": {"copyright_notice": "© dpa"},
        "source": {"name": "dpa", "relation": "wire", "organization_id": "dpa"}, "credit_line": "dpa",
    })
    sidecar = (example / "article.meta.yaml").read_bytes()
    sidecar_data = yaml.safe_load(sidecar)
    small_data = small.model_dump(mode="json", exclude_defaults=True)
    third_party = sorted((ROOT / "tests" / "data" / "jsonld").iterdir())
    found: dict[str, list[bytes]] = {
        "text": [(example / "article.txt").read_bytes(), _SHORT_TEXT],
        "sidecar_yaml": [sidecar, b"id: urn:x:2\nlanguage: de\nkeywords: [a, b]\npeople:\n  - {id: p, name: P}\n"],
        "sidecar_json": [json.dumps(sidecar_data, default=str).encode(), json.dumps({"id": "urn:x:2", "language": "de"}).encode()],
        "article_json": [json.dumps(small_data).encode(), seed.model_dump_json(exclude_defaults=True).encode()],
        "article_yaml": [yaml.safe_dump(small_data, allow_unicode=True).encode()],
        "jsonld": [jsonld.dump(small), jsonld.dump(seed)] + [p.read_bytes() for p in third_party if p.suffix == ".jsonld"],
        "html": [b"<!doctype html><html><head>" + jsonld.dump(small, html=True) + b"</head><body><p>x</p></body></html>"]
                + [p.read_bytes() for p in third_party if p.suffix == ".html"],
        "newsml": [newsml_g2.dump(small), newsml_g2.dump(small, body="nitf"), newsml_g2.dump(seed),
                   newsml_g2.dump([small, small.model_copy(update={"id": "urn:x:2", "quotes": []})])],
    }
    found["all"] = [data for kind in list(found) for data in found[kind]]
    return found
