"""The per-article costs outside the formats: reading canonical JSON, the exporters' check for
characters XML 1.0 forbids, and finding the official schema files. Prints ms per call, best of
repeats (the machine may be shared: compare figures taken in the same minutes).

    .venv/bin/python bench/read.py

Reading is timed for a valid seed-sized article, the same written with ``ensure_ascii`` and an
emoji in its headline (a surrogate-pair escape), and the same with a tab written ``\\u0009``:
an escape the short way cannot tell from a forbidden one, so every value is searched (what
readers/metadata.py did for every document before).
"""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))  # this checkout's code, whatever the virtualenv points at


def _ms(function, number: int = 200, repeat: int = 7) -> float:
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e3


def figures() -> dict[str, float]:
    from batch import _ensure_official

    _ensure_official()
    from newsml_export.readers import read_input
    from newsml_export.readers.metadata import parse_document
    from newsml_export.schemas import find_official
    from newsml_export.xmlchars import check_exportable
    from tests.batch_corpus import seed_sized

    data = json.dumps(seed_sized(1), ensure_ascii=False).encode()
    emoji = json.dumps({**seed_sized(1), "headline": "Emoji \U0001f600"}, ensure_ascii=True).encode()
    tab = data.replace(b'"headline": "', b'"headline": "\\u0009', 1)
    article = read_input(data, source="x.json")[0]
    return {
        "read_input (canonical JSON, seed-sized)": _ms(lambda: read_input(data, source="x.json")),
        "  ensure_ascii with an emoji (a surrogate pair)": _ms(lambda: read_input(emoji, source="x.json")),
        "  a tab written \\u0009 (every value searched)": _ms(lambda: read_input(tab, source="x.json")),
        "  parse_document alone (JSON, line-tracking)": _ms(lambda: parse_document(data, "x.json", syntax="json")),
        "check_exportable (once per target)": _ms(lambda: check_exportable(article)),
        "find_official (about 8 per article)": _ms(lambda: find_official("newsml-g2-xsd"), number=2000),
    }


if __name__ == "__main__":
    for name, value in figures().items():
        print(f"{name:62s} {value:.4f} ms")
