"""The one rule for characters XML 1.0 forbids: refused with their position, on every path.

XML 1.0 (§2.2 ``Char``) cannot carry C0 control characters other than tab, line feed and
carriage return, nor U+FFFE, U+FFFF or lone surrogates, not even as ``&#11;``. An article that
held one could not be written as NewsML-G2, so no article may hold one:

- every reader refuses input that carries one (:class:`DecodeError` with the input, line,
  field and the character's position): scraped text, YAML/JSON documents (escaped too, e.g.
  ``"\\u000b"``), JSON-LD and its HTML script blocks; XML input cannot carry them at all;
- the model refuses them in every string (pydantic error → :class:`ArticleError`);
- both exporters refuse an article that skipped validation (``model_construct``,
  ``model_copy(update=...)``) with :class:`ExportError`, before writing anything;
- a batch records such an article in ``errors.jsonl`` and writes nothing for it.

Nothing is ever replaced or dropped silently. Other discouraged but legal characters (C1
controls, DEL, non-characters such as U+FDD0) are not part of this rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, KeysView
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from types import UnionType
from typing import Any, Union, get_args, get_origin

__all__ = ["FORBIDDEN", "SUSPECT_ESCAPE", "article_problems", "check_exportable", "checked_once", "describe", "encode_text",
           "escapes_forbidden", "find_forbidden", "json_may_hold_forbidden", "refuse_in_text"]

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def find_forbidden(value: str) -> tuple[int, str] | None:
    """``(position, character)`` of the first character XML 1.0 forbids in ``value``, if any."""
    match = FORBIDDEN.search(value)
    return None if match is None else (match.start(), match.group())


def describe(char: str, position: int | None = None, *, fix: str = "remove it from the input", unit: str = "position") -> str:
    """``character U+000B at position 3 is not allowed: ...``; ``position`` is 0-based in a
    value, or a 1-based ``column`` when ``unit`` says so."""
    where = "" if position is None else f" at {unit} {position}"
    return f"character U+{ord(char):04X}{where} is not allowed: XML 1.0 cannot carry it ({fix})"


def refuse_in_text(text: str, source: str) -> None:
    """Raise :class:`DecodeError` at the line and column of the first forbidden character of a
    whole input text (scraped text, a YAML or JSON document)."""
    from .errors import DecodeError

    bad = FORBIDDEN.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise DecodeError(describe(bad.group(), column, unit="column"), source=source, line=line, column=column)


SUSPECT_ESCAPE = re.compile(r"\\(?:[bf]|u(?:00[01]|[dD][89a-fA-F]|[fF]{3}[eEfF]))")
"""A JSON escape that may stand for a forbidden character: ``\\b``, ``\\f``, ``\\u0000``-``\\u001F``,
a surrogate (paired or not) or ``\\uFFFE``/``\\uFFFF``. Wider than needed (``\\u0009`` is a tab,
``\\\\b`` a backslash and a "b", a pair is one astral character), never narrower: JSON text
without a match holds no forbidden character but what is in it raw."""


_SURROGATE_PAIR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def escapes_forbidden(json_text: str) -> bool:
    """Whether valid JSON text may hold, escaped, a character XML 1.0 forbids: every
    :data:`SUSPECT_ESCAPE` counts but an escaped backslash followed by letters (text, not an
    escape) and a surrogate pair (one astral character, as JSON writers with ``ensure_ascii``
    put an emoji). Still wider than needed (``\\u0009`` counts), never narrower."""
    paired_low = -1
    for match in SUSPECT_ESCAPE.finditer(json_text):
        at = match.start()
        if at == paired_low:
            continue
        backslashes = at
        while backslashes and json_text[backslashes - 1] == "\\":
            backslashes -= 1
        if (at - backslashes) % 2:
            continue  # this backslash is itself escaped
        if _SURROGATE_PAIR.match(json_text, at):
            paired_low = at + 6  # a high surrogate and its low one: one character, allowed
            continue
        return True
    return False


_SURROGATE = re.compile("[\ud800-\udfff]")


def encode_text(text: str, source: str) -> bytes:
    """A ``str`` input as UTF-8, refusing lone surrogates (which no encoding can carry) with
    their line and column."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        bad = _SURROGATE.search(text)
        assert bad is not None
        refuse_in_text(text[: bad.end()], source)
        raise


def check_exportable(article: Any, *, prefix: str = "") -> None:
    """Raise :class:`ExportError` for the first forbidden character of ``article``: what the
    exporters run first, for articles built without validation. Inside :func:`checked_once`,
    an object that already passed is not searched again."""
    from .errors import ExportError

    passed = _PASSED.get()
    if passed is not None and passed.get(id(article)) is article:
        return
    if not _surely_clean(article):
        for path, position, char in article_problems(article):
            raise ExportError(f"{prefix}{path}: {describe(char, position, fix='remove it from the article')}")
        misfit = _type_misfit(article)
        if misfit is not None:
            raise ExportError(f"{prefix}{misfit}")
    if passed is not None:
        passed[id(article)] = article


_PASSED: ContextVar[dict[int, Any] | None] = ContextVar("newsml_export_xmlchars_passed", default=None)
"""The objects that passed :func:`check_exportable` in the current :func:`checked_once` block,
by id (the objects are kept too, so no id can pass to a new object while the block lasts; a
look-up, not a scan: a newsMessage may hold thousands of items)."""


@contextmanager
def checked_once(searched: Iterable[Any] = ()) -> Iterator[None]:
    """A block in which each object passes :func:`check_exportable` at most once: each
    exporter checks the article it is given (~0.04 ms for a seed-sized one), and a caller that
    runs several exporters on the same articles, changing nothing in between
    (``pipeline.export_all``), pays for one. The first check of an object is the full one, by
    whichever exporter comes first, so an error is the very one it raised before. Only for
    code that does not change the articles inside the block: an object is not searched again
    however it changes.

    ``searched`` are objects whose every string was searched already by the very same rule
    and that cannot have changed since: articles the model validated from plain parsed data
    (each string searched by the reader or by the model, every part built by validation), as
    ``convert_bytes`` reads a canonical article. A block inside another shares its objects."""
    passed = _PASSED.get()
    token = _PASSED.set({id(item): item for item in searched}) if passed is None else None
    if passed is not None:
        passed.update((id(item), item) for item in searched)
    try:
        yield
    finally:
        if token is not None:
            _PASSED.reset(token)


# -- the short way for a clean article ------------------------------------------------------
#
# Walking every string of an article in Python (article_problems) costs ~0.15 ms; pydantic's
# serializer writes them all as JSON in Rust in ~0.02 ms. In that JSON a forbidden character
# can only be an escape (JSON must escape U+0000-U+001F; a lone surrogate cannot be written
# at all, it raises) or a raw U+FFFE/U+FFFF. The serializer, run with warnings as errors,
# refuses any field whose value is not of its declared type, so nothing is serialized by
# guesswork; the two things it does not notice, a model field holding a model of another or
# a derived class (it would write the declared class's fields, or none) and a field missing
# altogether (it would leave it out), are checked beforehand. Anything unusual, or any hit,
# goes to article_problems, which has the last word and the message.

_SUSPECT_ESCAPE_BYTES = re.compile(SUSPECT_ESCAPE.pattern.encode("ascii"))
_NONCHARACTER = re.compile(b"\xef\xbf[\xbe\xbf]")
"""U+FFFE/U+FFFF in UTF-8 (a regex: ``bytes.__contains__`` is slow on text full of UTF-8)."""


def json_may_hold_forbidden(data: bytes) -> bool:
    """Whether UTF-8 JSON text may hold a forbidden character: an escape that may stand for one
    (:data:`SUSPECT_ESCAPE`) or a raw U+FFFE/U+FFFF (strict JSON refuses raw controls, and UTF-8
    cannot hold a lone surrogate). Never False when it does."""
    return _NONCHARACTER.search(data) is not None or _SUSPECT_ESCAPE_BYTES.search(data) is not None


def _surely_clean(article: Any) -> bool:
    """True only when no string of ``article`` holds a forbidden character; False when one
    may (or when unsure)."""
    serializer = getattr(type(article), "__pydantic_serializer__", None)
    if serializer is None or not _as_declared(article):
        return False
    try:
        data: bytes = serializer.to_json(article, warnings="error")
    except Exception:  # noqa: BLE001 - a lone surrogate, a value of the wrong type...: look closely
        return False
    return not json_may_hold_forbidden(data)


def _type_misfit(article: Any) -> str | None:
    """What is wrong, in words, with a value not of its field's declared type (``model_copy(update=...)``
    and ``model_construct`` skip validation), or None. The writers would otherwise print such a
    value with ``str()``: a tuple headline would become the text ``('a', 'b')``."""
    emptied = _none_in_required(article)
    if emptied is not None:
        return (f"the article holds no value in {emptied}, which needs one; it was built without validation: "
                "validate it (Article.model_validate) before exporting")
    serializer = getattr(type(article), "__pydantic_serializer__", None)
    if serializer is None:
        return None
    try:
        serializer.to_json(article, warnings="error")
    except Exception as exc:  # noqa: BLE001 - pydantic raises several kinds; each is a misfit
        words = " ".join(str(exc).split())
        # pydantic's words end "[field_name='...', input_value=..., input_type=...]"; the value
        # itself may hold anything, so the type is the last one, anchored to the end.
        field = re.search(r"field_name='([^']*)', input_value=.*, input_type=(\w+)\]\)?$", words)
        return (f"the article holds a value of the wrong type ({f'{field[1]}: {field[2]}' if field else words}); "
                "it was built without validation: validate it (Article.model_validate) before exporting")
    return None


def _none_in_required(model: Any, path: str = "") -> str | None:
    """The path (``people[0].name``) of the first field holding None though its declared type
    does not admit it, at any depth, or None. pydantic's serializer writes such a None as
    ``null`` without a warning, and the writers would fail on it (or write ``null``)."""
    fields = vars(model)
    for name in _required(type(model)):
        if name in fields and fields[name] is None:
            return f"{path}{name}"
    for name, value in fields.items():
        items = enumerate(value) if isinstance(value, list) else ((None, value),)
        for index, item in items:
            if hasattr(item, "__pydantic_fields__"):
                found = _none_in_required(item, f"{path}{name}{'' if index is None else f'[{index}]'}.")
                if found is not None:
                    return found
    return None


@lru_cache(maxsize=None)
def _required(model_class: type) -> tuple[str, ...]:
    """The fields of a model class whose declared type does not admit None."""
    names = []
    for name, field in model_class.model_fields.items():  # type: ignore[attr-defined]
        annotation = field.annotation
        members = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
        if type(None) not in members and annotation is not Any:
            names.append(name)
    return tuple(names)


_Layout = tuple[KeysView[str], tuple[tuple[str, type, bool], ...]]


@lru_cache(maxsize=None)
def _layout(model_class: type) -> _Layout | None:
    """The field names of a model class, and its fields that hold models, as (name, declared
    class, is a list); None for a shape this check does not know (then: the long way)."""
    from pydantic import BaseModel

    slots = []
    for name, field in model_class.model_fields.items():  # type: ignore[attr-defined]
        annotation, many = field.annotation, False
        if get_origin(annotation) is list:
            annotation, many = get_args(annotation)[0], True
        members = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if not models:
            continue
        if len(models) > 1 or any(m is not type(None) and m not in models for m in members):
            return None
        slots.append((name, models[0], many))
    return model_class.model_fields.keys(), tuple(slots)  # type: ignore[attr-defined]


def _as_declared(model: Any) -> bool:
    """Whether every field of ``model`` is set, None only where its type admits None, and every
    model it holds (at any depth) is of exactly its field's declared class."""
    layout = _layout(type(model))
    if layout is None:
        return False
    names, slots = layout
    fields = vars(model)
    if not names <= fields.keys() or any(fields[name] is None for name in _required(type(model))):
        return False
    for name, model_class, many in slots:
        value = fields[name]
        if many and type(value) is not list:
            return False
        items = value if many else (() if value is None else (value,))
        if not items:
            continue
        if set(map(type, items)) != {model_class}:
            return False
        inner = _layout(model_class)
        if inner is None:
            return False
        if inner[1]:
            if not all(map(_as_declared, items)):
                return False
            continue
        required = _required(model_class)
        for item in items:  # a model holding no models: only its fields need to be there, with values
            held = vars(item)
            if not inner[0] <= held.keys() or any(held[name] is None for name in required):
                return False
    return True


def article_problems(value: Any, path: str = "") -> Iterator[tuple[str, int, str]]:
    """``(field path, position, character)`` for every string of a model object (an Article or
    any part of it) holding a forbidden character, in field order. Paths read like
    ``body[2].text`` (the readers' ``format_path``)."""
    if isinstance(value, str):
        found = find_forbidden(value)
        if found is not None:
            yield path, found[0], found[1]
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from article_problems(item, f"{path}[{index}]")
    elif hasattr(value, "__pydantic_fields__"):
        for name in type(value).__pydantic_fields__:
            yield from article_problems(getattr(value, name), f"{path}.{name}" if path else name)
