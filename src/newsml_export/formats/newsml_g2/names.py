"""Namespaces and fixed values of NewsML-G2 2.35 and the bodies it carries."""

from __future__ import annotations

__all__ = [
    "CONTENT_TYPES",
    "IANA_RELATION",
    "NAR",
    "NITF",
    "STANDARD_VERSION",
    "XHTML",
    "XML",
    "nar",
    "nitf",
    "xhtml",
    "xml",
]

NAR = "http://iptc.org/std/nar/2006-10-01/"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
XHTML = "http://www.w3.org/1999/xhtml"
XML = "http://www.w3.org/XML/1998/namespace"
STANDARD_VERSION = "2.35"
# Link relations without an IPTC code are named by their IANA registry URI (RFC 8288), in @reluri.
IANA_RELATION = "http://www.iana.org/assignments/relation/"
CONTENT_TYPES = {"xhtml": "application/xhtml+xml", "nitf": "application/nitf+xml"}


def nar(local: str) -> str:
    return f"{{{NAR}}}{local}"


def nitf(local: str) -> str:
    return f"{{{NITF}}}{local}"


def xhtml(local: str) -> str:
    return f"{{{XHTML}}}{local}"


def xml(local: str) -> str:
    return f"{{{XML}}}{local}"
