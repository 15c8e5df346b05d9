"""The long fuzz campaign: every target of fuzz/targets.py, round-robin, for as long as asked.

    .venv/bin/python fuzz/run.py --minutes 30            # all targets
    .venv/bin/python fuzz/run.py --minutes 5 --targets newsml,html --json fuzz/last-run.json

Each round gives each target a fresh random seed and ``--chunk`` inputs. A crash (see the oracle
in targets.py) is shrunk to a small input by hypothesis, saved under ``fuzz/crashes/`` and
counted; the campaign goes on with the next round. At the end it prints, per target, the inputs
tried, how they ended (read as an article, or refused with which error) and the crashes. The
official schemas are installed from ``../shared`` into a temporary folder when it is there, so
the validators run every check. Exit code 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from fuzz.inputs import inputs  # noqa: E402
from fuzz.targets import TARGETS, check_validator, exercise  # noqa: E402


def _install_official() -> None:
    shared = Path(os.environ.get("NEWSML_EXPORT_SHARED", HERE.parent.parent / "shared"))
    if "NEWSML_EXPORT_SCHEMA_DIR" in os.environ or not shared.is_dir():
        return
    from newsml_export.schemas import SCHEMA_DIR_ENV, install_official

    os.environ[SCHEMA_DIR_ENV] = tempfile.mkdtemp(prefix="newsml-export-fuzz-")
    install_official(from_dir=shared)


def _round(name: str, chunk: int, round_seed: int, outcomes: Counter[str], crashes: list[dict[str, str]]) -> None:
    target = TARGETS[name]
    last: list[object] = [None]

    @seed(round_seed)
    @settings(max_examples=chunk, deadline=None, database=None, derandomize=False, print_blob=False,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    @given(inputs(target))
    def run(data: bytes | str) -> None:
        last[0] = data
        outcomes[exercise(target, data)] += 1
        if target.validate is not None and isinstance(data, bytes):
            check_validator(target.validate, data)

    try:
        run()
    except Exception as exc:  # noqa: BLE001 - a crash: record it and go on
        # Several distinct failures come as an ExceptionGroup: the first stands for them all.
        first = exc.exceptions[0] if isinstance(exc, BaseExceptionGroup) else exc
        cause = first.__cause__ or first
        data = last[0]
        raw = data if isinstance(data, bytes) else str(data).encode("utf-8", "surrogatepass")
        digest = hashlib.sha256(raw).hexdigest()[:12]
        folder = HERE / "crashes"
        folder.mkdir(exist_ok=True)
        (folder / f"{name}-{digest}.input").write_bytes(raw)
        crashes.append({"target": name, "error": f"{type(cause).__name__}: {cause}"[:500], "input": f"fuzz/crashes/{name}-{digest}.input",
                        "traceback": "".join(traceback.format_exception(cause, limit=-6))[-3000:]})
        outcomes["crash"] += 1
        print(f"CRASH in {name}: {type(cause).__name__}: {str(cause)[:300]}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--chunk", type=int, default=300, help="inputs per target per round")
    parser.add_argument("--seed", type=int, default=None, help="seed of the round seeds (default: random)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    names = [n for n in args.targets.split(",") if n]
    unknown = sorted(set(names) - set(TARGETS))
    if unknown:
        parser.error(f"unknown targets {unknown}; known: {', '.join(TARGETS)}")
    _install_official()
    rng = random.Random(args.seed)
    outcomes = {name: Counter() for name in names}
    crashes: list[dict[str, str]] = []
    started = time.monotonic()
    deadline = started + args.minutes * 60
    rounds = 0
    # SIGTERM (like Ctrl-C) ends the campaign early, still with its figures.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        while time.monotonic() < deadline:
            rounds += 1
            for name in names:
                if time.monotonic() >= deadline:
                    break
                _round(name, args.chunk, rng.randrange(2**32), outcomes[name], crashes)
            tried = sum(sum(c.values()) for c in outcomes.values())
            print(f"round {rounds}: {tried} inputs, {len(crashes)} crashes, {time.monotonic() - started:.0f} s", flush=True)
    except KeyboardInterrupt:
        print("stopped early", flush=True)
    return _report(outcomes, crashes, time.monotonic() - started, rounds, args.json)


def _report(outcomes: dict[str, Counter[str]], crashes: list[dict[str, str]], seconds: float, rounds: int, path: Path | None) -> int:
    import newsml_export

    total = sum(sum(c.values()) for c in outcomes.values())
    print(f"\nnewsml-export {newsml_export.__version__} fuzz campaign: {seconds / 60:.1f} min, {rounds} rounds")
    print(f"{'target':<14}{'inputs':>10}{'read':>9}{'DecodeError':>13}{'ArticleError':>14}{'Unsafe':>9}{'crashes':>9}")
    for name, counts in outcomes.items():
        print(f"{name:<14}{sum(counts.values()):>10}{counts['ok']:>9}{counts['DecodeError']:>13}{counts['ArticleError']:>14}"
              f"{counts['UnsafeInputError']:>9}{counts['crash']:>9}")
    print(f"inputs tried: {total}, crashes: {len(crashes)}")
    for crash in crashes:
        print(f"\n{crash['target']}: {crash['error']}\n  input: {crash['input']}\n{crash['traceback']}")
    if path is not None:
        path.write_text(json.dumps({"minutes": round(seconds / 60, 1), "rounds": rounds, "inputs": total, "crashes": crashes,
                                    "targets": {n: dict(c) for n, c in outcomes.items()}}, indent=2) + "\n")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
