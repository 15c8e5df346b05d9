"""Vocabulary check: the fast table walker vs expanding with PyLD, on the same documents.

    .venv/bin/python bench/vocabulary.py            (or: make bench)

Prints, per document, the time of each check (best of several runs) and the speed-up, then
the totals. Both must give the same verdicts; the script says so, or fails. Needs the test
extra (PyLD) and the official schema.org files (installed from ../shared when missing).
"""

from __future__ import annotations

import os
import sys
import tempfile
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _ensure_official() -> None:
    from newsml_export.schemas import SCHEMA_DIR_ENV, find_official, install_official

    if find_official("schemaorg-vocabulary") is None:
        os.environ[SCHEMA_DIR_ENV] = tempfile.mkdtemp(prefix="newsml-export-bench-")
        install_official(from_dir=Path(os.environ.get("NEWSML_EXPORT_SHARED", ROOT.parent / "shared")))


def _best(function, runs: int) -> float:
    return min(timeit.repeat(function, number=runs, repeat=5)) / runs


def main() -> int:
    _ensure_official()
    from tests.corpus import documents
    from tests.pyld_reference import fast_verdicts, pyld_verdicts

    corpus = documents()
    fast_verdicts(corpus["seed"]), pyld_verdicts(corpus["seed"])  # load tables and context once, as a process would
    print(f"{'document':<46} {'PyLD':>9} {'fast':>9} {'speed-up':>9}")
    total_pyld = total_fast = 0.0
    for name, document in corpus.items():
        if fast_verdicts(document) != pyld_verdicts(document):
            print(f"verdicts differ on {name}", file=sys.stderr)
            return 1
        slow = _best(lambda: pyld_verdicts(document), 3)
        fast = _best(lambda: fast_verdicts(document), 30)
        total_pyld, total_fast = total_pyld + slow, total_fast + fast
        print(f"{name[:46]:<46} {slow * 1e3:8.2f}ms {fast * 1e3:8.3f}ms {slow / fast:8.1f}x")
    print(f"{'all ' + str(len(corpus)) + ' documents (same verdicts)':<46} {total_pyld * 1e3:8.1f}ms {total_fast * 1e3:8.2f}ms {total_pyld / total_fast:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
