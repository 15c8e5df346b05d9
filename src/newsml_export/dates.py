"""Dates, one way for every format: ISO 8601 (``xs:dateTime``) with a UTC offset.

The model holds only timezone-aware datetimes. Writing: the instant with its own offset, ``Z``
for UTC; an offset with seconds (historic local mean time), which neither ISO 8601 profiles
in use nor ``xs:dateTime`` can express, is written as the same instant in UTC
(docs/fidelity.md). Reading: what the model itself accepts, so a date a format reads is a date
the model keeps.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pydantic import AwareDatetime, TypeAdapter, ValidationError

__all__ = ["format_datetime", "parse_datetime"]

_AWARE = TypeAdapter(AwareDatetime)


def parse_datetime(text: str) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 text, or None when it is not one (no time zone,
    a date alone, a truncated date, or not a date at all)."""
    try:
        return _AWARE.validate_python(text.strip())
    except ValidationError:
        return None


def format_datetime(value: datetime) -> str:
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"{value!r} has no time zone")
    if offset % timedelta(minutes=1):
        value = value.astimezone(timezone.utc)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
