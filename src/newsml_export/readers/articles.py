"""A parsed document (:mod:`.metadata`) made into an :class:`~newsml_export.model.Article`:
the article JSON Schema first, then the model; every problem an :class:`Issue` at the
document's line for its field (``file:line: field.path: message``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, get_args

from jsonschema.exceptions import ValidationError as SchemaValidationError
from pydantic import AwareDatetime, ValidationError

from ..errors import ArticleError
from ..model import XML_CHECKED, Article
from ..validation.json_schema import CompiledSchema, compiled
from ..validation.report import Issue
from .metadata import Document, Path, format_path

__all__ = ["article_from_document", "model_issue"]


def _validator(partial: bool) -> CompiledSchema:
    # A sidecar is the article schema with nothing required at the top: the text supplies
    # the headline and body, and the merged article is checked in full afterwards.
    return compiled("article.schema.json", partial=partial)


# The model's date-time fields. Metadata built in Python (``ingest(metadata=...)``) may hold
# there what the model itself takes, a datetime; the JSON Schema knows only JSON's types.
def _holds(annotation: Any, kind: Any) -> bool:
    return annotation is kind or any(_holds(arg, kind) for arg in get_args(annotation))  # through Optional, Annotated


_DATE_TIMES = tuple(name for name, field in Article.model_fields.items() if _holds(field.annotation, AwareDatetime))


def _as_json(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as the JSON Schema sees it: a date or datetime object in a date-time field as
    its ISO 8601 text. The model is given the object itself and judges it as it judges text
    (one parser: aware datetimes only; a naive one or a date lacks a time zone)."""
    if not any(isinstance(data.get(name), date) for name in _DATE_TIMES):
        return data
    return {key: value.isoformat() if key in _DATE_TIMES and isinstance(value, date) else value for key, value in data.items()}


def article_from_document(document: Document, *, partial: bool = False, extra: Mapping[str, Any] | None = None) -> Article:
    """Validate ``document`` (a sidecar when ``partial``) and build the Article.

    ``extra`` holds what was inferred elsewhere (from the article text); the document's own
    fields win over it. Raises :class:`ArticleError` listing every problem with its line.
    """
    data = document.data
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise ArticleError([Issue("error", "type", f"expected a mapping of fields, got {kind}", "", 1, document.source)])
    issues = [_schema_issue(error, document) for error in _validator(partial).iter_errors(_as_json(data))]
    if issues:
        raise ArticleError(sorted(issues, key=lambda i: (i.line or 0, i.location)))
    merged = {**(extra or {}), **data}
    # parse_document refused forbidden characters in every string of ``data``, so the model
    # need not search them again (what ``extra`` holds comes from elsewhere: searched).
    context = XML_CHECKED if document.strings_checked and not extra else None
    try:
        return Article.model_validate(merged, context=context)
    except ValidationError as exc:
        raise ArticleError([model_issue(error, document) for error in exc.errors()]) from None


def _schema_issue(error: SchemaValidationError, document: Document) -> Issue:
    path: Path = tuple(error.absolute_path)
    message = error.message
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        path = path + (extra[0],) if extra else path
        message = f"unknown field (allowed: {', '.join(sorted(error.schema.get('properties', {})))})"
    elif error.validator == "required":
        message = f"missing required field: {error.message.split(' ')[0]}"
    elif error.validator == "type":
        message = f"expected {error.validator_value}, got {_json_type(error.instance)}"
    elif error.validator == "enum":
        message = f"must be one of {', '.join(map(str, error.validator_value))}, got {error.instance!r}"
    elif error.validator in ("anyOf", "oneOf"):
        message = _best_alternative(error)
    elif error.validator == "pattern":
        message = f"{error.instance!r} does not have the expected form ({error.validator_value})"
    return Issue("error", str(error.validator), message, format_path(path), document.line_of(path), document.source, "article-schema")


def _best_alternative(error: SchemaValidationError) -> str:
    # "x | null" fields: the interesting complaint is the non-null branch's.
    for sub in error.context or []:
        if sub.validator == "type" and sub.validator_value == "null":
            continue
        if sub.validator == "type":
            return f"expected {sub.validator_value} or null, got {_json_type(sub.instance)}"
        return sub.message
    return error.message


def _json_type(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}.get(type(value), type(value).__name__)


_PYDANTIC_MESSAGES = {
    "missing": "missing required field",
    "extra_forbidden": "unknown field",
    "timezone_aware": "date-time needs a timezone (e.g. 2022-02-05T10:00:00+01:00 or ...Z)",
}


def model_issue(error: Mapping[str, Any], document: Document) -> Issue:
    """A pydantic error as an Issue at its line in ``document``."""
    # Union and validator wrappers add tags such as "function-after[...]" to the location.
    path: Path = tuple(p for p in error["loc"] if isinstance(p, int) or "[" not in str(p))
    message = _PYDANTIC_MESSAGES.get(error["type"], error["msg"])
    message = message[:1].lower() + message[1:]
    return Issue("error", error["type"], message, format_path(path), document.line_of(path), document.source, "model")

