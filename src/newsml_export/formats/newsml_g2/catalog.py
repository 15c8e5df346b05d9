"""QCode aliases and scheme URIs, from IPTC's own catalogs.

IPTC's ``newsmlg2`` package ships the IPTC G2 scheme catalogs (v32–v41). We read those files as
data (located without importing the package, whose catalog store is a module-level singleton)
and parse them with our safe parser into immutable :class:`Catalog` objects, cached per process.
Catalog v41, the one every item we write references, is checked against the sha256 pinned in
``schemas/official.json``. No QCode alias or scheme URI is typed by hand here except the
project's own extension schemes (:data:`OWN_SCHEMES`), which every item declares inline.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from ...errors import SchemaError
from ...limits import TRUSTED, use_limits
from .names import nar
from .safe_xml import parse

__all__ = [
    "IPTC_CATALOG_VERSION",
    "OWN_CATALOG_TITLE",
    "OWN_SCHEMES",
    "Catalog",
    "Scheme",
    "catalog_for_href",
    "declared_aliases",
    "iptc_catalog",
    "iptc_catalog_href",
    "qcode",
    "referenced_catalog",
]

IPTC_CATALOG_VERSION = 41
_IPTC_HREF = re.compile(r"^https?://www\.iptc\.org/std/catalog/catalog\.IPTC-G2-Standards_(\d+)\.xml$")


@dataclass(frozen=True)
class Scheme:
    alias: str
    uri: str
    retired: str | None = None


@dataclass(frozen=True)
class Catalog:
    href: str
    schemes: Mapping[str, Scheme] = field(default_factory=lambda: MappingProxyType({}))

    def uri_of(self, qcode_value: str) -> str | None:
        """``ninat:text`` → ``http://cv.iptc.org/newscodes/ninature/text`` (None if the alias is unknown)."""
        alias, _, code = qcode_value.partition(":")
        scheme = self.schemes.get(alias)
        return None if scheme is None else scheme.uri + code


OWN_CATALOG_TITLE = "newsml-export extension schemes"
# The project's own schemes, for what NewsML-G2 has no property or code for (quote attributes,
# section, how a source relates). They are declared in an inline <catalog> of every item.
OWN_SCHEMES: tuple[Scheme, ...] = (
    Scheme("nxprop", "https://newsml-export.dev/cv/property/"),
    Scheme("nxsrc", "https://newsml-export.dev/cv/sourcerelation/"),
)


def iptc_catalog_href(version: int = IPTC_CATALOG_VERSION) -> str:
    return f"http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_{version}.xml"


def _newsmlg2_catalog_dir() -> Path:
    spec = importlib.util.find_spec("NewsMLG2")
    if spec is None or not spec.submodule_search_locations:
        raise SchemaError("the newsmlg2 package (IPTC's catalogs) is not installed: pip install newsmlg2")
    return Path(next(iter(spec.submodule_search_locations))) / "catalogs"


@lru_cache(maxsize=None)
def catalog_bytes(version: int) -> bytes | None:
    """The bytes of IPTC catalog ``version`` as bundled by ``newsmlg2``, or None if it has none."""
    path = _newsmlg2_catalog_dir() / f"catalog.IPTC-G2-Standards_{version}.xml"
    if not path.is_file():
        return None
    data = path.read_bytes()
    if version == IPTC_CATALOG_VERSION:
        from ...schemas import official_artifacts

        pinned = next(a.sha256 for a in official_artifacts() if a.name == "iptc-catalog")
        if hashlib.sha256(data).hexdigest() != pinned:
            raise SchemaError(f"{path}: IPTC catalog v{version} does not match the pinned sha256")
    return data


def catalog_for_href(href: str) -> bytes | None:
    """The bytes of a referenced IPTC catalog we hold offline, else None (never fetched)."""
    match = _IPTC_HREF.match(href.strip())
    return catalog_bytes(int(match.group(1))) if match else None


@lru_cache(maxsize=None)
def iptc_catalog(version: int = IPTC_CATALOG_VERSION) -> Catalog:
    data = catalog_bytes(version)
    if data is None:
        raise SchemaError(f"IPTC catalog v{version} is not bundled with newsmlg2")
    return parse_catalog(data, href=iptc_catalog_href(version))


def parse_catalog(data: bytes, *, href: str) -> Catalog:
    """A catalog bundled with ``newsmlg2``: parsed safely, but not held to the input limits."""
    with use_limits(TRUSTED):
        root = parse(data, source=href).getroot()
    return Catalog(href, MappingProxyType(dict(_schemes(root.iter(nar("scheme"))))))


@lru_cache(maxsize=64)
def referenced_catalog(href: str) -> Catalog | None:
    """A catalog an item references (``catalogRef/@href``), parsed, when we hold it offline
    (IPTC's); None for any other (never fetched)."""
    data = catalog_for_href(href)
    return None if data is None else parse_catalog(data, href=href.strip())


def inline_catalog(schemes: Iterable[object], href: str = "#inline") -> Catalog:
    return Catalog(href, MappingProxyType(dict(_schemes(schemes))))


def _schemes(elements: Iterable[object]) -> Iterable[tuple[str, Scheme]]:
    for element in elements:
        alias, uri = element.get("alias"), element.get("uri")  # type: ignore[attr-defined]
        if alias and uri:
            yield alias, Scheme(alias, uri, element.get("schemeretired"))  # type: ignore[attr-defined]


@lru_cache(maxsize=None)
def declared_aliases() -> frozenset[str]:
    """The aliases every item we write declares: IPTC catalog v41's (``catalogRef``) and our own."""
    return frozenset(iptc_catalog().schemes) | {s.alias for s in OWN_SCHEMES}


@lru_cache(maxsize=None)
def qcode(alias: str, code: str) -> str:
    """``alias:code``, after checking that the alias is declared in IPTC catalog v41 or in our
    own schemes: a typo in an alias fails the first time the code runs, not in a consumer."""
    if alias not in iptc_catalog().schemes and alias not in {s.alias for s in OWN_SCHEMES}:
        raise LookupError(f"scheme alias {alias!r} is not in IPTC catalog v{IPTC_CATALOG_VERSION}")
    return f"{alias}:{code}"

