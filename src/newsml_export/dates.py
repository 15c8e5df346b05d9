"""Dates, one way for every format: ISO 8601 (``xs:dateTime``) with a UTC offset.

The model holds only timezone-aware datetimes. Writing: the instant with its own offset, ``Z``
for UTC; an offset with seconds (historic local mean time), which neither ISO 8601 profiles
in use nor ``xs:dateTime`` can express, is written as the same instant in UTC
(docs/fidelity.md). Reading: what the model itself accepts, so a date a format reads is a date
the model keeps.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

__all__ = ["Instant", "format_datetime", "parse_datetime"]

MAX_OFFSET = timedelta(hours=14)


def _check_offset(value: datetime) -> datetime:
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise PydanticCustomError("time_zone_offset", "the time-zone offset {offset} is beyond ±14:00, which "
                                  "xs:dateTime (and every real time zone) stays within", {"offset": _offset_text(offset)})
    return value


def _offset_text(offset: timedelta) -> str:
    """``+15:00``, ``-14:30``, ``+14:00:30`` (seconds only when there are some)."""
    sign, rest = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    minutes, seconds = divmod(int(rest.total_seconds()), 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}" + (f":{seconds:02d}" if seconds else "")


Instant = Annotated[AwareDatetime, AfterValidator(_check_offset)]
"""A timezone-aware datetime whose offset NewsML-G2 (``xs:dateTime``) can carry: the model's
dates, and what every reader accepts as one."""

_AWARE = TypeAdapter(Instant)


def parse_datetime(text: str) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 text, or None when it is not one (no time zone,
    an offset beyond ±14:00, a date alone, a truncated date, or not a date at all)."""
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
