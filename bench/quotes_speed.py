"""Extraction time for the seed article (target: under 2 ms), and for supplied-quote location.

    .venv/bin/python bench/quotes_speed.py

Prints the median and the 90th percentile of many runs after a warm-up (regexes compiled,
rapidfuzz loaded). The article is the seed as ``load_article`` gives it (text + sidecar),
with the sidecar's quotes removed so that everything is extracted; and the seed as the
structured blocks of tests/data/quotes (title, credit and comment trailer gone, as ingestion
will give it). The machine is shared, so compare medians, not single runs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

from newsml_export import load_article  # noqa: E402
from newsml_export.model import Article  # noqa: E402
from newsml_export.quotes.extract import extract_quotes  # noqa: E402
from newsml_export.quotes.locate import locate_quotes  # noqa: E402

RUNS = 500


def timed(function, *args) -> list[float]:
    for _ in range(20):
        function(*args)
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function(*args)
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)


def show(label: str, samples: list[float]) -> None:
    p90 = samples[int(len(samples) * 0.9)]
    print(f"{label:<44} median {statistics.median(samples):.3f} ms   p90 {p90:.3f} ms   ({RUNS} runs)")


def main() -> None:
    article = load_article(ROOT / "examples" / "putin-china" / "article.txt")
    bare = article.model_copy(update={"quotes": []})
    words = article.word_count
    show(f"extract_quotes, seed ({words} words, people given)", timed(extract_quotes, bare))
    text_only = bare.model_copy(update={"people": [], "organizations": [], "places": [], "about_ids": []})
    show("extract_quotes, seed, text only", timed(extract_quotes, text_only))
    structured = ROOT / "tests" / "data" / "quotes" / "dev" / "00-seed-putin-china.yaml"
    seed = Article.model_validate({**yaml.safe_load(structured.read_text(encoding="utf-8")), "quotes": []})
    show(f"extract_quotes, seed as blocks ({seed.word_count} words)", timed(extract_quotes, seed))
    unlocated = article.model_copy(update={"quotes": [q.model_copy(update={"block": None, "start": None, "end": None})
                                                      for q in article.quotes]})
    show("locate_quotes, seed's 13 supplied quotes", timed(locate_quotes, unlocated))


if __name__ == "__main__":
    main()
