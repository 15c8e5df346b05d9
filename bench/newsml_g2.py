"""NewsML-G2 throughput on the seed article: dump, load and validate, per article.

Run: .venv/bin/python bench/newsml_g2.py  (needs `newsml-export schemas install` for the
official checks; prints which checks ran)."""

from __future__ import annotations

import time
from pathlib import Path

from newsml_export import load_article
from newsml_export.formats import newsml_g2
from newsml_export.validation.newsml_g2 import validate

ROOT = Path(__file__).resolve().parent.parent


def per_call(function, repeat: int) -> float:
    function()  # warm-up: schemas compile once per process
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) / repeat * 1000


def main() -> None:
    article = load_article(ROOT / "examples" / "putin-china" / "article.txt")
    for body in ("xhtml", "nitf"):
        data = newsml_g2.dump(article, body=body)
        checks = validate(data).checked
        print(f"{body}: {len(data)} bytes; dump {per_call(lambda: newsml_g2.dump(article, body=body), 200):.2f} ms, "
              f"load {per_call(lambda: newsml_g2.load(data), 200):.2f} ms, "
              f"validate {per_call(lambda: validate(data), 100):.2f} ms ({', '.join(checks)})")
    import threading

    from newsml_export.validation import newsml_g2_rules as rules_module

    rules_module.schematron.cache_clear()
    item = newsml_g2.dump(article)
    started = time.perf_counter()
    # A new thread compiles its own XSDs (validation/newsml_g2.py), as a fresh process would.
    first = threading.Thread(target=validate, args=(item,))
    first.start()
    first.join()
    print(f"first validation with schema compilation: {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
