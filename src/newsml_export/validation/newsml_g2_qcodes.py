"""The QCode alias rule of the NewsML-G2 rules (``qcode-alias-undeclared``), checked in Python.

It is one of the rules in ``schemas/newsml-g2-rules.sch``'s sense, run here rather than in the
Schematron: as XSLT 1.0 it re-read the referenced catalogs' 150 aliases for every coded element,
half the cost of validating an item.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from ..formats.newsml_g2.catalog import catalog_for_href
from ..formats.newsml_g2.names import NAR
from ..formats.newsml_g2.safe_xml import parse
from .report import Issue, Report, Severity

__all__ = ["check_qcode_aliases", "unavailable_catalogs"]

_QCODE_ATTRIBUTES = ("qcode", "role", "type", "rel", "how", "why")
_QCODE_RANK = {name: rank for rank, name in enumerate(_QCODE_ATTRIBUTES)}
_ITEM, _CATALOG, _CATALOG_REF, _SCHEME = (f"{{{NAR}}}{name}" for name in ("newsItem", "catalog", "catalogRef", "scheme"))
_ANY_NAR = f"{{{NAR}}}*"


def unavailable_catalogs(tree: etree._ElementTree) -> list[str]:
    """The catalogs the document references (any ``catalogRef``) that are not held offline."""
    return sorted({href.strip() for ref in tree.iter(_CATALOG_REF)
                   if (href := ref.get("href")) is not None and not _catalog_available(href)})


def check_qcode_aliases(report: Report, tree: etree._ElementTree, source: str, *, severity: Severity, validator: str) -> None:
    """``qcode-alias-undeclared``: every QCode on an element of a newsItem (``qcode``, ``role``,
    ``type``, ``rel``, ``how``, ``why``) uses an alias declared in the item's inline catalog or in
    a catalog it references (IPTC's, read offline; any other counts as empty).

    The declared aliases are a set, built once per process for each set of catalogs. One walk
    over an item's NewsML-G2 elements finds the coded ones (an XPath with the six attributes in a
    predicate cost twice the whole check), and each distinct attribute value is checked once per
    item (an item repeats a handful: roles, types)."""
    for item in tree.iter(_ITEM):
        declared = _declared_aliases(item)
        first_bad: dict[str, str | None] = {}  # attribute value -> its first undeclared QCode
        for element in item.iterdescendants(_ANY_NAR):
            names = element.keys()
            if not names:
                continue
            bad: tuple[int, str] | None = None  # (rank, QCode): the message names the first bad
            for name in names:                  # QCode in the order qcode, role, type, rel, how, why
                rank = _QCODE_RANK.get(name)
                if rank is None:
                    continue
                value = element.get(name, "")
                code = first_bad[value] if value in first_bad else first_bad.setdefault(value, _first_undeclared(value, declared))
                if code is not None and (bad is None or rank < bad[0]):
                    bad = (rank, code)
            if bad is not None and element.tag != _SCHEME:  # a catalog's schemes declare, they do not use
                report.add(Issue(severity, "qcode-alias-undeclared",
                                 f"QCode {bad[1]} on {etree.QName(element).localname} uses an alias no referenced catalog declares",
                                 _xpath_of(element), element.sourceline, source, validator))


def _first_undeclared(value: str, declared: frozenset[str]) -> str | None:
    return next((code for code in value.split(" ") if code and _alias(code) not in declared), None)


def _alias(code: str) -> str:
    """What comes before the colon; no colon, no alias (XPath's substring-before)."""
    alias, colon, _ = code.partition(":")
    return alias if colon else ""


def _declared_aliases(item: etree._Element) -> frozenset[str]:
    """The aliases the item declares inline or in the catalogs it references."""
    inline = tuple(alias for catalog in item.iterchildren(_CATALOG) for scheme in catalog.iterchildren(_SCHEME)
                   if (alias := scheme.get("alias")) is not None)
    return _union_of_aliases(inline, tuple(ref.get("href", "") for ref in item.iterchildren(_CATALOG_REF)))


@lru_cache(maxsize=64)
def _union_of_aliases(inline: tuple[str, ...], hrefs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(inline).union(*(_catalog_aliases(href) for href in hrefs))


@lru_cache(maxsize=64)
def _catalog_aliases(href: str) -> frozenset[str]:
    data = catalog_for_href(href)
    if data is None:
        return frozenset()
    root = parse(data, source=href).getroot()
    if root.tag != _CATALOG:
        return frozenset()
    return frozenset(alias for scheme in root.iterchildren(_SCHEME) if (alias := scheme.get("alias")) is not None)


@lru_cache(maxsize=64)
def _catalog_available(href: str) -> bool:
    return catalog_for_href(href) is not None


def _xpath_of(element: etree._Element) -> str:
    from ..formats.newsml_g2.read_context import xpath_of

    return xpath_of(element)
