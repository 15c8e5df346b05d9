"""Writing XML: element helpers that refuse what XML 1.0 cannot carry, dates, deterministic bytes.

Characters XML 1.0 forbids follow the one rule of :mod:`newsml_export.xmlchars`: ``dump`` checks
the whole article first; :func:`checked` is the last line of defence for every value written.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from ...dates import format_datetime
from ...errors import ExportError
from ...xmlchars import describe, find_forbidden
from .names import NAR, nar

__all__ = ["attr", "checked", "indent", "serialize", "sub", "xs_datetime"]

def checked(value: str, field: str) -> str:
    """``value`` if XML 1.0 can carry it, else an ExportError naming ``field`` and the position."""
    found = find_forbidden(value)
    if found is not None:
        raise ExportError(f"{field}: {describe(found[1], found[0], fix='remove it from the article')}")
    return value


# Elements of type IntlStringType (g2normalizedString, pattern [\S ]*): one line of text.
_ONE_LINE = {"name", "keyword", "creditline"}
_LINE_BREAK = re.compile("[\t\n\r]")


def one_line(value: str, field: str) -> str:
    bad = _LINE_BREAK.search(value)
    if bad is not None:
        raise ExportError(
            f"{field}: {bad.group()!r} at position {bad.start()}: NewsML-G2 names, keywords and credit lines are "
            "single-line (g2normalizedString); replace tabs and line breaks with spaces"
        )
    return value


def attr(element: etree._Element, name: str, value: str, field: str) -> None:
    element.set(name, checked(value, field))


def sub(parent: etree._Element, local: str, text: str | None = None, *, field: str = "",
        attrs: dict[str, str] | None = None) -> etree._Element:
    """A NAR child element with attributes (in the given order) and optional text."""
    element = etree.SubElement(parent, nar(local))
    for name, value in (attrs or {}).items():
        attr(element, name, value, field or local)
    if text is not None:
        element.text = checked(one_line(text, field or local) if local in _ONE_LINE else text, field or local)
    return element


def xs_datetime(value: datetime, field: str) -> str:
    """An ``xs:dateTime`` with its offset (the model only holds timezone-aware datetimes)."""
    if value.utcoffset() is None:
        raise ExportError(f"{field}: {value.isoformat()} has no timezone")
    return format_datetime(value)


def indent(element: etree._Element, level: int = 0, *, step: str = "  ") -> None:
    """Pretty-print the NewsML-G2 structure only: elements whose content is elements alone.

    Text-bearing and mixed elements (headlines, body paragraphs) are left byte-exact, and the
    body inside ``inlineXML`` is never re-indented, so indentation cannot change content."""
    children = list(element)
    if not children or (element.text and element.text.strip()) or any(c.tail and c.tail.strip() for c in children):
        return
    inner = "\n" + step * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        tag = child.tag
        # len(child): a leaf has nothing to indent (most elements are leaves).
        if len(child) and isinstance(tag, str) and tag.startswith(_NAR_PREFIX) and tag != _INLINE_XML:
            indent(child, level + 1, step=step)
    children[-1].tail = "\n" + step * level


_NAR_PREFIX, _INLINE_XML = f"{{{NAR}}}", nar("inlineXML")


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
