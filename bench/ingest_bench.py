"""Removal precision/recall of text ingestion over tests/data/ingest, and ingest time per article.

    .venv/bin/python bench/ingest_bench.py [--repeat N]

Precision and recall count segments: a removed segment is a true positive when the case's
``*.expected.yaml`` lists it as furniture (``removed``), a false positive otherwise; furniture
left in the body is a false negative. Credit lines moved to ``source`` are scored the same way
against ``moved``. Times are wall-clock per article for ``ingest(bytes)`` (decode, segment,
clean, structure, build and validate the Article), best of N runs per case.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from newsml_export import ingest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "ingest"
SEED = ROOT / "seeds" / "000_5cd9a95bfabd7cde.txt"


def score(predicted: list[str], truth: list[str]) -> tuple[int, int, int]:
    hits = sum((Counter(predicted) & Counter(truth)).values())
    return hits, len(predicted) - hits, len(truth) - hits


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def timed(data: bytes, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        ingest(data, language="en")
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    totals = {"all": [0, 0, 0], "traps": [0, 0, 0], "credits": [0, 0, 0]}
    times: list[float] = []
    misses: list[str] = []
    cases = sorted(DATA.glob("*.expected.yaml"))
    for path in cases:
        name = path.name[: -len(".expected.yaml")]
        want = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = (DATA / f"{name}.txt").read_bytes()
        _, report = ingest(data, source=name, language="en")
        removed = score([c.text for c in report.removed], want["removed"])
        credits = score([c.text for c in report.moved if c.rule.startswith("credit/")], want.get("moved", []))
        for key, counts in (("all", removed), ("credits", credits)) + ((("traps", removed),) if want["trap"] else ()):
            totals[key] = [t + c for t, c in zip(totals[key], counts)]
        if removed[1] or removed[2]:
            misses.append(f"  {name}: {removed[1]} wrongly removed, {removed[2]} furniture kept")
        times.append(timed(data, args.repeat))
    traps = sum(1 for p in cases if yaml.safe_load(p.read_text(encoding="utf-8"))["trap"])
    print(f"cases: {len(cases)} ({traps} traps)")
    for key, label in (("all", "furniture removal"), ("traps", "  on trap cases"), ("credits", "credit lines moved")):
        tp, fp, fn = totals[key]
        print(f"{label:<20} precision {ratio(tp, tp + fp)}  recall {ratio(tp, tp + fn)}  (tp {tp}, fp {fp}, fn {fn})")
    print("\n".join(misses) or "  no case with a wrong removal or a kept piece of furniture")
    ms = sorted(t * 1000 for t in times)
    print(f"ingest time per article (best of {args.repeat}): median {statistics.median(ms):.2f} ms, "
          f"p95 {ms[int(len(ms) * 0.95) - 1]:.2f} ms, max {ms[-1]:.2f} ms")
    seed = SEED.read_bytes()
    print(f"seed article ({len(seed)} bytes): {timed(seed, args.repeat) * 1000:.2f} ms")
    paragraphs = seed.split(b"\n\n")
    big = b"\n\n".join(paragraphs[:-4] * 1 + paragraphs[4:-4] * 60 + paragraphs[-4:])
    count = big.count(b"\n\n") + 1
    print(f"long article ({len(big) // 1024} KiB, {count} paragraphs): {timed(big, max(1, args.repeat // 5)) * 1000:.1f} ms")
    # Adversarial: thousands of furniture-looking lines before the last body paragraph.
    prose = "A body paragraph that no rule explains, long enough to be read as prose by the rules."
    hostile = "\n\n".join(["Headline"] + ["Tags: a, b", "Share this:"] * 2500 + [prose, "Leave a Reply"]).encode()
    print(f"adversarial article (5,000 furniture-like lines mid-body): {timed(hostile, 1) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
