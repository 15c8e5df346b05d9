"""Where NewsML-G2 validation spends its time, per part, on a seed-sized item as the exporter
validates it (the tree it built; bench/batch.py's corpus, XHTML and NITF bodies).

    .venv/bin/python bench/newsml_g2_validate.py

Prints milliseconds per item (CPU time, the best of many repeats: the machine may be shared) for
validate_tree and each of its parts, and what calling lxml's XSLT costs with a Schematron that
checks nothing (the floor under the rules). Needs the official schemas (installed from ../shared
into a temporary folder when missing).
"""

from __future__ import annotations

import json
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

_EMPTY_RULES = b"""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <ns prefix="nar" uri="http://iptc.org/std/nar/2006-10-01/"/>
  <pattern><rule context="nar:nothing"><assert test="true()">never</assert></rule></pattern>
</schema>"""


def per_item(function, number: int = 200, repeat: int = 15) -> float:
    return min(timeit.repeat(function, number=number, repeat=repeat, timer=time.process_time)) / number * 1e3


def main() -> None:
    from batch import _ensure_official

    _ensure_official()
    from lxml import etree, isoschematron

    from newsml_export.formats.newsml_g2.message import build_document
    from newsml_export.readers import read_input
    from newsml_export.validation import newsml_g2, newsml_g2_rules
    from newsml_export.validation.newsml_g2_qcodes import check_qcode_aliases, unavailable_catalogs
    from newsml_export.validation.report import Report
    from tests.batch_corpus import seed_sized

    article = read_input(json.dumps(seed_sized(1), ensure_ascii=False).encode(), source="bench")[0]
    empty = isoschematron.Schematron(etree.fromstring(_EMPTY_RULES), compile_params=dict(newsml_g2_rules._COMPILE))
    for body in ("xhtml", "nitf"):
        tree = etree.ElementTree(build_document([article], body=body, envelope=False, version_created=None))
        assert newsml_g2.validate_tree(tree).ok
        official = newsml_g2._official()
        assert official is not None and official.nitf is not None
        xsd = newsml_g2._wrapper_schema(official.g2, official.nitf) if body == "nitf" else newsml_g2._official_schema(official.g2)
        rules = newsml_g2_rules.schematron()
        figures = {
            "validate_tree": lambda: newsml_g2.validate_tree(tree),
            "  profile XSD": lambda: newsml_g2._profile_schema().validate(tree),
            "  rules (Schematron, QCodes, catalogs)": lambda: newsml_g2_rules.run_rules(Report(), tree, "bench"),
            "    Schematron (rules.check)": lambda: rules.check(tree),
            "    QCode aliases and catalogs": lambda: check_qcode_aliases(Report(), tree, "bench", severity="error",
                                                                         validator="rules") or unavailable_catalogs(tree),
            "  official XSD (lookup, NITF test, validation)": lambda: newsml_g2._run_official(Report(), tree, "bench"),
            "    the XSD alone": lambda: xsd.validate(tree),
            "Schematron that checks nothing (XSLT call)": lambda: empty.validate(tree),
        }
        print(f"{body} body:")
        for name, function in figures.items():
            print(f"  {name:48s} {per_item(function):.3f} ms")


if __name__ == "__main__":
    main()
