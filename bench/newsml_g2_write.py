"""Writing NewsML-G2, per seed-sized article (best of repeats, CPU time): the text writer against
the lxml tree builder it replaced (kept for the tests in tests/newsml_g2_reference.py), measured
in the same process so that the figures compare on a shared machine.

Run: .venv/bin/python bench/newsml_g2_write.py"""

from __future__ import annotations

import json
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def per_call(function, number: int = 300) -> float:
    function()
    return min(timeit.repeat(function, number=number, repeat=7, timer=time.process_time)) / number * 1e3


def main() -> None:
    from newsml_export.formats.newsml_g2.message import dump_items
    from newsml_export.formats.newsml_g2.xmlbuild import tree_of
    from newsml_export.readers import read_input
    from newsml_export.xmlchars import check_exportable
    from tests.batch_corpus import seed_sized
    from tests.newsml_g2_reference import dump_reference, reference_tree

    article = read_input(json.dumps(seed_sized(1), ensure_ascii=False).encode(), source="seed")[0]
    print(f"check_exportable (part of every dump)        {per_call(lambda: check_exportable(article)):.3f} ms")
    for body in ("xhtml", "nitf"):
        for envelope in (False, True):
            options = {"body": body, "envelope": envelope, "version_created": None}
            data = dump_items([article], **options)
            assert data == dump_reference([article], **options)
            kind = f"{body}{' newsMessage' if envelope else ''}"
            old = per_call(lambda: dump_reference([article], **options))
            new = per_call(lambda: dump_items([article], **options))
            print(f"{kind:17s} dump: tree builder {old:.3f} ms, text writer {new:.3f} ms ({old / new:.1f}x)")
            # What the exporter validates: the built tree (then serialised) against the bytes' tree.
            old_tree = per_call(lambda: reference_tree([article], body, envelope, None))
            new_tree = per_call(lambda: tree_of(dump_items([article], **options)))
            print(f"{'':17s} tree: built {old_tree:.3f} ms (+ tostring), written and parsed {new_tree:.3f} ms")


if __name__ == "__main__":
    main()
