"""Quote detection and speaker attribution against the annotated articles in tests/data/quotes.

    .venv/bin/python bench/quotes_accuracy.py [-v]

Each article there is a canonical article whose ``quotes`` are the gold annotation (text and
speaker, written by hand; see tests/data/quotes/README.md). The extractor gets the article
without its quotes, in two modes:

* ``with people``: the people and organisations are supplied, as a sidecar would;
* ``text only``: nothing but the body: speakers must be found and named from the text.

A found quote matches a gold one when it is in the same block with the same text (quote marks,
whitespace, case and end punctuation folded). Precision, recall and F1 count matches; speaker
accuracy is the share of matched quotes with the right voice and speaker (in text-only mode
the found speaker's name must be the gold person's name, an alias or surname). Each set is
printed on its own: ``dev/`` is what the rules were developed on; ``heldout/`` was written after
the first rules (its gaps have since been fixed, so it is no longer blind); ``heldout2/`` was
written after the grammar rules and ``heldout3/`` after the fixes heldout2 led to (see
tests/data/quotes/README.md for what has been looked at).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsml_export.model import Article  # noqa: E402
from newsml_export.quotes.extract import extract_quotes  # noqa: E402
from newsml_export.quotes.marks import fold  # noqa: E402

DATA = ROOT / "tests" / "data" / "quotes"


def norm(text: str) -> str:
    return fold(text).casefold().strip(" .,;:!?\"'")


def gold_of(doc: dict[str, Any]) -> list[tuple[int, str, dict[str, Any]]]:
    blocks = [norm(b["text"]) for b in doc["body"]]
    out = []
    for quote in doc["quotes"]:
        needle = norm(quote["text"])
        block = next((i for i, text in enumerate(blocks) if needle in text), None)
        if block is None:
            raise SystemExit(f"{doc['id']}: gold quote {quote['id']} not in the body")
        out.append((block, needle, quote))
    return out


def names_of(doc: dict[str, Any], entity_id: str) -> set[str]:
    for entity in doc.get("people", []) + doc.get("organizations", []):
        if entity["id"] == entity_id:
            forms = {entity["name"], *entity.get("aliases", [])}
            return {f.casefold() for f in forms} | {f.split()[-1].casefold() for f in forms}
    return set()


def evaluate(path: Path, text_only: bool) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    gold = gold_of(doc)
    given = {k: v for k, v in doc.items() if k not in ("quotes",)}
    if text_only:
        given = {k: v for k, v in given.items() if k not in ("people", "organizations", "places", "about_ids")}
    article = Article.model_validate(given)
    found = extract_quotes(article)
    names = {e.id: e.name for e in found.people + found.organizations}
    remaining = list(gold)
    tp = right = 0
    errors = []
    for quote in found.quotes:
        key = (quote.block, norm(quote.text))
        hit = next((g for g in remaining if (g[0], g[1]) == key), None)
        if hit is None:
            errors.append(f"  + extra   b{quote.block} [{quote.rule}] {quote.text[:70]!r}")
            continue
        remaining.remove(hit)
        tp += 1
        expected = hit[2]
        want_voice = expected.get("voice", "speaker" if expected.get("speaker_id") else "unknown")
        if want_voice != "speaker":
            ok = quote.voice == want_voice
        elif quote.voice != "speaker":
            ok = False
        elif text_only:
            name = names.get(quote.speaker_id or "", quote.speaker_id or "").casefold()
            ok = bool({name, name.split()[-1]} & names_of(doc, expected["speaker_id"]))
        else:
            ok = quote.speaker_id == expected["speaker_id"]
        right += ok
        if not ok:
            errors.append(f"  ≠ speaker b{quote.block} [{quote.rule}] got {quote.speaker_id or quote.voice}, "
                          f"want {expected.get('speaker_id') or want_voice}: {quote.text[:50]!r}")
    for block, _, quote in remaining:
        errors.append(f"  - missed  b{block} {quote['text'][:70]!r}")
    return {"gold": len(gold), "found": len(found.quotes), "tp": tp, "right": right, "errors": errors}


def report(title: str, paths: list[Path], text_only: bool, verbose: bool) -> None:
    totals = {"gold": 0, "found": 0, "tp": 0, "right": 0}
    for path in paths:
        result = evaluate(path, text_only)
        for key in totals:
            totals[key] += result[key]
        if verbose and result["errors"]:
            print(f"{path.name}:")
            print("\n".join(result["errors"]))
    p = totals["tp"] / totals["found"] if totals["found"] else 0.0
    r = totals["tp"] / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = totals["right"] / totals["tp"] if totals["tp"] else 0.0
    print(f"{title:<28} articles {len(paths):>2}  quotes {totals['gold']:>3}  "
          f"precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  speaker accuracy {acc:.3f}")


SETS = ("dev", "heldout", "heldout2", "heldout3")


def main() -> None:
    verbose = "-v" in sys.argv
    for text_only in (False, True):
        mode = "text only" if text_only else "with people"
        for name in SETS:
            paths = sorted((DATA / name).glob("*.yaml"))
            if paths:
                report(f"{name}, {mode}", paths, text_only, verbose)


if __name__ == "__main__":
    main()
