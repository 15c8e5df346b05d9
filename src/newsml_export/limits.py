"""How much input the readers accept: one place for every size and nesting limit.

Defaults suit real articles with a wide margin; an input over a limit is refused with an
:class:`~newsml_export.errors.UnsafeInputError` that names the limit and how to raise it.
They are set, most specific first, by:

- the library: ``with use_limits(depth=200): ...`` (or ``use_limits(Limits(...))``), for the
  code run inside the ``with`` block, in this thread or task;
- the environment: ``NEWSML_EXPORT_LIMITS="xml_bytes=200MiB,depth=200"``, inherited by batch
  worker processes;
- the command line: ``newsml-export --limit xml_bytes=200MiB convert ...`` (it sets the
  environment variable for the run, so batch workers see it too).

Limits are read when an input is read, never cached in module state.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from .errors import UnsafeInputError

__all__ = ["ENV", "TRUSTED", "Limits", "current_limits", "parse_limits", "too_big", "too_deep", "use_limits"]

ENV = "NEWSML_EXPORT_LIMITS"
_MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Every limit; sizes in bytes, ``depth`` in levels of nesting."""

    text_bytes: int = 4 * _MiB
    """Scraped article text. Kept well under ``document_bytes``, so the canonical article and
    the JSON-LD made of a text within it read back under the default limits when its
    paragraphs are of prose length (each paragraph adds ~40 bytes of JSON: four megabytes of
    three-word paragraphs make a 19 MB article, past ``document_bytes``). A long news article
    is tens of KiB."""
    document_bytes: int = 10 * _MiB
    """A YAML or JSON document: sidecar, canonical article, JSON-LD file or one HTML script block."""
    html_bytes: int = 20 * _MiB
    """An HTML page carrying JSON-LD."""
    xml_bytes: int = 50 * _MiB
    """A NewsML-G2 item or newsMessage."""
    depth: int = 100
    """Nesting of JSON arrays/objects, YAML collections and XML elements. NewsML-G2 items and
    this tool's JSON-LD nest about 12 deep. XML cannot go past 256 whatever is set here
    (libxml2's own bound)."""

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"limit {item.name} must be a positive integer, not {value!r}")


TRUSTED = Limits(text_bytes=1 << 62, document_bytes=1 << 62, html_bytes=1 << 62, xml_bytes=1 << 62, depth=1_000)
"""For what the tool itself made or ships (an output validated before it is written, a bundled
IPTC catalog): limits guard against input, and must not refuse a large article's own output."""

_override: ContextVar[Limits | None] = ContextVar("newsml_export_limits", default=None)


def current_limits() -> Limits:
    """The limits in force: :func:`use_limits`, else ``$NEWSML_EXPORT_LIMITS``, else the defaults."""
    override = _override.get()
    if override is not None:
        return override
    return _from_env(os.environ.get(ENV, ""))


@lru_cache(maxsize=8)
def _from_env(text: str) -> Limits:
    try:
        return Limits(**parse_limits(text))
    except ValueError as exc:
        raise ValueError(f"{ENV}: {exc}") from None


@contextmanager
def use_limits(limits: Limits | None = None, /, **changes: int) -> Iterator[Limits]:
    """Run the ``with`` block under ``limits`` (or the current ones with ``changes``)."""
    chosen = replace(limits or current_limits(), **changes)
    token = _override.set(chosen)
    try:
        yield chosen
    finally:
        _override.reset(token)


_SIZE = re.compile(r"(\d+)\s*(|k|kib|kb|m|mib|mb|g|gib|gb)", re.I)
_UNITS = {"": 1, "k": 1024, "m": _MiB, "g": 1024 * _MiB}


def parse_limits(text: str) -> dict[str, int]:
    """``"xml_bytes=200MiB, depth=200"`` → ``{"xml_bytes": 209715200, "depth": 200}``.
    Sizes take an optional K/KiB, M/MiB or G/GiB suffix (binary multiples)."""
    names = {item.name for item in fields(Limits)}
    result: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = (s.strip() for s in part.partition("="))
        if not sep or name not in names:
            raise ValueError(f"{part!r} is not NAME=VALUE with NAME one of {', '.join(sorted(names))}")
        match = _SIZE.fullmatch(value)
        if match is None:
            raise ValueError(f"{name}: {value!r} is not a number (with an optional KiB/MiB/GiB suffix)")
        result[name] = int(match.group(1)) * _UNITS[match.group(2)[:1].lower()]
    return result


def format_limits(values: Mapping[str, int]) -> str:
    return ",".join(f"{name}={value}" for name, value in values.items())


def _how_to_raise(name: str) -> str:
    return f"raise it with --limit {name}=N, {ENV}={name}=N or use_limits({name}=N)"


def too_big(what: str, size: int, name: str, source: str, data: bytes | None = None) -> UnsafeInputError:
    """The error for an input of ``size`` bytes over the ``name`` limit. With ``data``, it names
    the line where the limit is crossed."""
    limit = getattr(current_limits(), name)
    line = data[:limit].count(b"\n") + 1 if data is not None else None
    return UnsafeInputError(
        f"{what} of {size:,} bytes is over the {name} limit of {limit:,} bytes (reached at line {line}); {_how_to_raise(name)}"
        if line is not None else f"{what} of {size:,} bytes is over the {name} limit of {limit:,} bytes; {_how_to_raise(name)}",
        source=source, line=line,
    )


def too_deep(what: str, source: str, line: int | None, column: int | None = None, *,
             reader_bound: str | None = None) -> UnsafeInputError:
    """The error for ``what`` (JSON, YAML, XML) nested past the ``depth`` limit at ``line``, or,
    with ``reader_bound``, past the bound of the parser itself while within the limit (then
    raising the limit cannot help, and the message must not claim the limit was crossed)."""
    limit = current_limits().depth
    where = f" (at column {column})" if column is not None else ""
    if reader_bound is not None:
        return UnsafeInputError(f"{what} nested deeper than {reader_bound} can read{where}, though within the depth "
                                f"limit of {limit}: no limit raises that bound", source=source, line=line, column=column)
    return UnsafeInputError(f"{what} nested deeper than the depth limit of {limit}{where}; {_how_to_raise('depth')}",
                            source=source, line=line, column=column)
