"""bench/RESULTS.md from the figures of bench/batch.py (targets from issue 8, side by side)."""

from __future__ import annotations

from typing import Any


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def render(f: dict[str, Any]) -> str:
    m = f["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `make bench` (`{f['command']}`): a generated corpus of {f['size']:,} seed-sized articles",
        "(canonical JSON, each with the seed's 14 blocks, 13 quotes, 4 people, 3 organisations, 7 places;",
        "`tests/batch_corpus.py`). `bench/batch.py --quick` uses 1,000. Figures vary from run to run",
        "on a shared machine; nothing here is asserted by the tests.",
        "",
        "## Machine",
        "",
        f"- {m['cpu']}, {m['memory']}; {m['os']}; Python {m['python']}",
        f"- {m['libraries']}",
        f"- what else was running: other processes used {f['load']['others_before']:.1f} cores' worth of CPU "
        f"just before the run and {f['load']['others_after']:.1f} just after (load average {f['load']['before'][0]:.2f} "
        f"before, {f['load']['after'][0]:.2f} after); on this machine those are other sessions' test suites and fuzzers",
        "",
        "## Figures",
        "",
        "| what | measured | target | |",
        "|---|---|---|---|",
        *_figures(f),
        "",
        "## Where the time goes (one seed-sized article, ms)",
        "",
        "| stage | ms |",
        "|---|---|",
        *[f"| {name} | {ms:.2f} |" for name, ms in f["stages"].items()],
        "",
        "## How to read this",
        "",
        "- *Convert + validate* is `pipeline.convert_bytes(data, targets=(\"jsonld\", \"newsml\"))` in one",
        "  process: canonical JSON read into the model (JSON Schema + pydantic), both outputs built and",
        "  serialised, the JSON-LD checked against the profile JSON Schema, the schema.org vocabulary",
        "  and Google's recommendations, the NewsML-G2 item against the profile XSD, the Schematron",
        "  rules, the QCode alias rule and the official 2.35 XSD.",
        "- The *raw floor* (bench/floor.py) makes the same bytes with the libraries alone: the input",
        "  parsed, the JSON-LD copied from a finished document and serialised by orjson (as the tool",
        "  does), the NewsML-G2 tree built element by element with lxml and serialised, then the",
        "  profile JSON Schema (jsonschema-rs) and the profile and official XSDs (lxml) on what was",
        "  built. It leaves out what only this tool checks (model, vocabulary, Google, Schematron,",
        "  QCodes) and any mapping work, so the ratio is the price of those checks and of building",
        "  from the model.",
        "- *The libraries' share alone* leaves out building too: the finished document and tree are",
        "  serialised and validated. No tool can spend less on these outputs with these libraries;",
        "  the tool writes NewsML-G2 as text and parses it once, cheaper than the floor's",
        "  element-by-element build, so the two figures bracket what the libraries cost.",
        *_target_note(f["one_worker"]),
        "- `--jobs 2` against `--jobs 1` runs `run_batch` (what the `batch` command runs) on the same folder (inputs read, files",
        "  written atomically, manifest kept). The speed-up cannot exceed the cores the workers get:",
        "  the CPU time per article shows what parallel work itself costs.",
        "- Peak RSS is the high-water mark of one process running the whole batch (`--jobs 1`), in a",
        "  fresh interpreter; with more workers each is a fork of it.",
        "",
    ]
    return "\n".join(lines)


def _figures(f: dict[str, Any]) -> list[str]:
    """The rows of the figures table: each measured value beside its target from issue 8."""
    one, jobs, cold, g2 = f["one_worker"], f["jobs"], f["cold"], f["g2_import"]
    small, full = f["rss_small"], f["rss_full"]
    ratio = one["floor"] / one["ours"]
    speedup = jobs["jobs2"] / jobs["jobs1"]
    return [
        f"| convert + validate JSON-LD and NewsML-G2, one worker ({one['articles']:,} articles, best of 3) "
        f"| {one['ours']:,.0f} articles/s ({1e3 / one['ours']:.2f} ms each) | >= 1,000 /s per core | {_met(one['ours'] >= 1000)} |",
        f"| the raw floor, same run (bench/floor.py) | {one['floor']:,.0f} articles/s ({1e3 / one['floor']:.2f} ms) | | |",
        f"| ours / floor (time) | {ratio:.1f}x | <= 2x | {_met(ratio <= 2)} |",
        f"| the libraries' share alone, same run: finished outputs serialised and validated, nothing built "
        f"| {one['checks_only']:,.0f} articles/s ({1e3 / one['checks_only']:.2f} ms); ours is {one['checks_only'] / one['ours']:.1f}x that | | |",
        f"| `batch --jobs 2` vs `--jobs 1` ({jobs['articles']:,} articles, files written) "
        f"| {jobs['jobs2']:,.0f} vs {jobs['jobs1']:,.0f} articles/s: {speedup:.2f}x (its 2 workers got "
        f"{jobs['cores']:.1f} cores; CPU per article {jobs['cpu2']:.2f} vs {jobs['cpu1']:.2f} ms) | >= 1.8x | {_met(speedup >= 1.8)} |",
        f"| peak RSS of a batch in one process (`--jobs 1`), {small['articles']:,} articles | {small['peak_mb']:.0f} MB | flat | |",
        f"| peak RSS of a batch in one process (`--jobs 1`), {full['articles']:,} articles | {full['peak_mb']:.0f} MB "
        f"| flat, <= 200 MB | {_met(full['peak_mb'] <= 200 and full['peak_mb'] <= 1.1 * small['peak_mb'])} |",
        f"| `newsml-export --version` | {cold['version']:.0f} ms | <= 150 ms | {_met(cold['version'] <= 150)} |",
        f"| one-article `convert` (the seed, text + sidecar) to JSON-LD / NewsML-G2 / all three "
        f"| {cold['convert_jsonld']:.0f} / {cold['convert_newsml']:.0f} / {cold['convert_all']:.0f} ms | <= 500 ms "
        f"| {_met(max(cold['convert_jsonld'], cold['convert_newsml'], cold['convert_all']) <= 500)} |",
        f"| NewsML-G2 import, our {g2['ours_files']} items: newsml-export vs IPTC newsmlg2 "
        f"| {g2['ours_newsml_export']:,.0f} vs {g2['ours_newsmlg2']:,.0f} items/s | | |",
        f"| NewsML-G2 import, IPTC's {g2['iptc_files']} example items: newsml-export vs newsmlg2 "
        f"| {g2['iptc_newsml_export']:,.0f} vs {g2['iptc_newsmlg2']:,.0f} items/s | | |",
    ]


def _target_note(one: dict[str, Any]) -> list[str]:
    """Why the per-core target is or is not met, in the figures of the same run."""
    if one["ours"] >= 1000:
        return []
    return [
        f"- *Against 1,000 articles/s per core*: on this machine the raw floor itself runs at {one['floor']:,.0f}/s.",
        f"  Of the tool's {1e3 / one['ours']:.2f} ms an article, the libraries' share (serialising and validating the",
        f"  finished outputs) is {1e3 / one['checks_only']:.2f} ms; the rest is reading into the model, building both",
        "  outputs from it (Python), and the checks only this tool makes (schema.org vocabulary and",
        "  QCode aliases in Python, the Schematron rules in XSLT). See *Where the time goes*.",
    ]
