"""Batch conversion against the limits of issue 8; prints the figures and writes bench/RESULTS.md.

    .venv/bin/python bench/batch.py            (or: make bench)   full: 10,000 articles
    .venv/bin/python bench/batch.py --quick                       1,000 articles, a few minutes less

On a generated corpus of seed-sized articles (tests/batch_corpus.py: the seed's 14 blocks, 13
quotes and 14 people, organisations and places, made distinct per article), it measures:

1. convert + validate to JSON-LD and NewsML-G2 on one worker (in process), and the raw floor in
   the same run (bench/floor.py: the same bytes built, serialised and validated with lxml and
   jsonschema-rs alone);
2. ``batch --jobs 2`` against ``--jobs 1`` on the same folder (files written, manifest kept);
3. peak RSS of a batch (one process) over 1/10 of the corpus and over all of it;
4. cold start: ``newsml-export --version`` and a one-article ``convert``;
5. NewsML-G2 import against IPTC's ``newsmlg2`` reader on the same files.

Nothing here is asserted; figures vary with the machine and what else runs on it (the load
average is recorded). Needs the test extra and the official files (installed from ../shared
into a temporary folder when missing).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TWO = ("jsonld", "newsml")


def _ensure_official() -> None:
    from newsml_export.schemas import SCHEMA_DIR_ENV, find_official, install_official

    if find_official("newsml-g2-xsd") is None or find_official("schemaorg-vocabulary") is None:
        os.environ[SCHEMA_DIR_ENV] = tempfile.mkdtemp(prefix="newsml-export-bench-")
        install_official(from_dir=Path(os.environ.get("NEWSML_EXPORT_SHARED", ROOT.parent / "shared")))


def _corpus(folder: Path, count: int) -> list[Path]:
    """``count`` seed-sized articles as canonical JSON in ten sub-folders (``part-00`` holds
    the first tenth)."""
    from tests.batch_corpus import seed_sized

    files = []
    per_part = max(1, count // 10)
    for index in range(count):
        path = folder / f"part-{min(index // per_part, 9):02d}" / f"article-{index:05d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(seed_sized(index), ensure_ascii=False), encoding="utf-8")
        files.append(path)
    return files


def _rate(function, items: list, rounds: int = 3) -> float:
    """Items per second, the best of ``rounds`` passes (the machine is shared)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, time.perf_counter() - started)
    return len(items) / best


def one_worker(files: list[Path]) -> dict[str, float]:
    from floor import Floor, template

    from newsml_export.pipeline import convert_bytes
    from newsml_export.schemas import bundled_path, find_official, load_bundled_json

    inputs = [f.read_bytes() for f in files]
    ours = [convert_bytes(data, targets=TWO) for data in inputs]  # warm-up, and the floor's templates
    floor = Floor(load_bundled_json("newsarticle.schema.json"), str(bundled_path("newsml-g2-profile.xsd")),
                  str(find_official("newsml-g2-xsd")))
    templates = [template(data, out["jsonld"], out["newsml"]) for data, out in zip(inputs, ours, strict=True)]
    # The floor makes the very same bytes, or it is not the floor of this work.
    for item, out in zip(templates[:50], ours[:50], strict=True):
        if floor.convert(item) != (out["jsonld"], out["newsml"]) or floor.checks_only(item) != (out["jsonld"], out["newsml"]):
            raise SystemExit("the floor does not produce the same bytes as newsml-export")
    ours_rate = _rate(lambda data: convert_bytes(data, targets=TWO), inputs)
    floor_rate = _rate(floor.convert, templates)
    checks_rate = _rate(floor.checks_only, templates)
    return {"articles": len(inputs), "ours": ours_rate, "floor": floor_rate, "checks_only": checks_rate}


def stages(data: bytes) -> dict[str, float]:
    """Milliseconds per stage for one article, best of many."""
    import timeit

    from lxml import etree

    from newsml_export.formats import jsonld, newsml_g2
    from newsml_export.formats.newsml_g2.message import build_document
    from newsml_export.pipeline import validate_output
    from newsml_export.readers import read_input
    from newsml_export.validation.jsonld import written_is_valid
    from newsml_export.validation.newsml_g2 import validate_tree

    article = read_input(data, source="x")[0]
    j, document = jsonld.dump_with_document(article)
    tree = etree.ElementTree(build_document([article], body="xhtml", envelope=False, version_created=None))
    # JSON-LD validated from its bytes (the validate command) and as the exporter does it (the
    # document it just wrote, for the verdict); the NewsML-G2 tree the exporter built.
    steps = {
        "read (JSON, schema, model)": lambda: read_input(data, source="x"),
        "JSON-LD dump": lambda: jsonld.dump(article),
        "JSON-LD validate (profile, vocabulary; errors only)": lambda: validate_output(j, "jsonld", errors_only=True),
        "JSON-LD validate as the exporter does (the document just written)": lambda: written_is_valid(document, j),
        "NewsML-G2 dump": lambda: newsml_g2.dump(article),
        "NewsML-G2 validate (profile XSD, rules, QCodes, official XSD)": lambda: validate_tree(tree),
    }
    return {name: min(timeit.repeat(step, number=50, repeat=5)) / 50 * 1e3 for name, step in steps.items()}


def jobs_speedup(folder: Path, work: Path) -> dict[str, float]:
    from newsml_export.batch import BatchOptions, discover, run_batch

    seconds = {1: float("inf"), 2: float("inf")}
    cpu: dict[int, float] = {}
    cores = 0.0
    for attempt in range(2):  # alternated, best of two each: the machine is shared
        for jobs in (1, 2):
            before, started = os.times(), time.perf_counter()
            summary = run_batch(discover(folder), work / f"jobs-{jobs}-{attempt}", BatchOptions(targets=TWO, jobs=jobs))
            wall, after = time.perf_counter() - started, os.times()
            workers = after.children_user - before.children_user + after.children_system - before.children_system
            own = after.user - before.user + after.system - before.system
            if wall < seconds[jobs]:
                seconds[jobs] = wall
                # All the CPU time the run took, per article: equal for 1 and 2 jobs means
                # parallel work costs nothing extra, and the speed-up is bounded by free cores.
                cpu[jobs] = (own + workers) / max(1, summary.converted) * 1e3
                if jobs == 2:
                    cores = workers / wall  # how many cores the two workers actually got
            if not summary.ok:
                raise SystemExit(f"--jobs {jobs}: {summary.failed + summary.invalid} articles failed")
    count = summary.converted
    return {"articles": count, "jobs1": count / seconds[1], "jobs2": count / seconds[2], "cores": cores,
            "cpu1": cpu[1], "cpu2": cpu[2]}


# VmHWM, not getrusage: ru_maxrss survives exec, so a child started by a big parent reports
# the parent's size.
_RSS_CHILD = """
import json, sys
from pathlib import Path
from newsml_export.batch import BatchOptions, discover, run_batch
summary = run_batch(discover(sys.argv[1]), Path(sys.argv[2]), BatchOptions(targets=("jsonld", "newsml"), jobs=1))
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"converted": summary.converted, "peak": peak}))
"""


def peak_rss(folder: Path, out: Path) -> dict[str, float]:
    """Peak resident memory of a whole batch in one process (``--jobs 1``: reading, converting,
    writing and the ledgers all in it), in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", _RSS_CHILD, str(folder), str(out)], capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return {"articles": figures["converted"], "peak_mb": figures["peak"] / 1024}


def cold_start(work: Path) -> dict[str, float]:
    script = Path(sys.executable).with_name("newsml-export")
    example = ROOT / "examples" / "putin-china" / "article.txt"

    def best(command: list[str], runs: int = 5) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        return min(times) * 1e3

    return {
        "version": best([str(script), "--version"]),
        "convert_jsonld": best([str(script), "convert", str(example), "--to", "jsonld", "-o", str(work / "one.jsonld")]),
        "convert_newsml": best([str(script), "convert", str(example), "--to", "newsml", "-o", str(work / "one.xml")]),
        "convert_all": best([str(script), "convert", str(example), "--to", "all", "-o", str(work / "one")]),
    }


def g2_import(files: list[Path]) -> dict[str, float]:
    import NewsMLG2
    from NewsMLG2.catalogstore import CATALOG_STORE

    from newsml_export.formats import newsml_g2
    from newsml_export.pipeline import convert_bytes

    items = [convert_bytes(f.read_bytes(), targets=("newsml",))["newsml"] for f in files]
    examples = sorted((ROOT.parent / "shared" / "iptc" / "newsml-g2" / "examples").glob("*.xml"))
    official = [p.read_bytes() for p in examples]

    def iptc(data: bytes) -> None:
        NewsMLG2.NewsMLG2Document(data).get_item()

    figures = {}
    for name, corpus in (("ours", items), ("iptc", official)):
        figures[f"{name}_files"] = len(corpus)
        figures[f"{name}_newsml_export"] = _rate(lambda d: newsml_g2.load_all(d), corpus)
        figures[f"{name}_newsmlg2"] = _rate(iptc, corpus)
    CATALOG_STORE.__init__([])
    return figures


def other_cpu(seconds: float = 1.0) -> float:
    """Cores' worth of CPU used by processes other than this one over ``seconds`` (Linux)."""
    def ticks() -> dict[int, int]:
        found = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                found[int(stat.parent.name)] = int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                continue
        return found

    if not Path("/proc/self/stat").exists():
        return float("nan")
    before = ticks()
    time.sleep(seconds)
    after = ticks()
    used = sum(t - before.get(pid, t) for pid, t in after.items() if pid != os.getpid())
    return used / os.sysconf("SC_CLK_TCK") / seconds


def machine() -> dict[str, str]:
    from importlib.metadata import version

    import lxml.etree as etree

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    return {
        "cpu": f"{model}, {os.cpu_count()} cores", "memory": f"{memory} GiB",
        "os": platform.platform(), "python": platform.python_version(),
        "libraries": f"lxml {etree.__version__} (libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}, libxslt "
                     f"{'.'.join(map(str, etree.LIBXSLT_VERSION))}), jsonschema-rs {version('jsonschema-rs')}, "
                     f"pydantic {version('pydantic')}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles instead of 10,000")
    parser.add_argument("--articles", type=int, help="corpus size (overrides --quick)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="where to write the figures")
    args = parser.parse_args()
    size = args.articles or (1000 if args.quick else 10_000)
    _ensure_official()
    load_before, others_before = os.getloadavg(), other_cpu()
    from results import render

    with tempfile.TemporaryDirectory(prefix="newsml-export-bench-") as temp:
        work = Path(temp)
        print(f"generating {size} seed-sized articles ...", flush=True)
        files = _corpus(work / "corpus", size)
        sample = files[: max(200, size // 5)]
        figures: dict[str, object] = {"size": size, "command": " ".join(["bench/batch.py", *sys.argv[1:]])}
        print("one worker: convert + validate, and the raw floor ...", flush=True)
        figures["one_worker"] = one_worker(sample)
        figures["stages"] = stages(files[0].read_bytes())
        print("--jobs 2 against --jobs 1 ...", flush=True)
        figures["jobs"] = jobs_speedup(_linked(files[:2000], work / "jobs"), work)
        print("peak memory at a tenth of the corpus and at all of it ...", flush=True)
        figures["rss_small"] = peak_rss(work / "corpus" / "part-00", work / "rss-small")
        figures["rss_full"] = peak_rss(work / "corpus", work / "rss-full")
        print("cold start ...", flush=True)
        figures["cold"] = cold_start(work)
        print("NewsML-G2 import against newsmlg2 ...", flush=True)
        figures["g2_import"] = g2_import(files[:200])
    figures["load"] = {"before": load_before, "after": os.getloadavg(), "others_before": others_before, "others_after": other_cpu()}
    figures["machine"] = machine()
    text = render(figures)
    print(text)
    args.results.write_text(text, encoding="utf-8")
    print(f"written to {args.results}")
    return 0


def _linked(files: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in files:
        (folder / path.name).symlink_to(path)
    return folder


if __name__ == "__main__":
    sys.exit(main())
