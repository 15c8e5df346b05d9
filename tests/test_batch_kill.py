"""kill -9 in the middle of a 2,000-article batch, then ``--resume``: every article ends up
converted exactly once, and no output is partial or corrupted. A real subprocess, killed with
its workers (the whole process group, as the OOM killer or a pulled plug would), while it is
writing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from lxml import etree

from newsml_export.formats import jsonld
from newsml_export.model import Article

N = 2000
MANIFEST = ".newsml-export-manifest.jsonl"
SUFFIXES = (".jsonld", ".html", ".xml")


def _article(i: int) -> dict:
    return {
        "id": f"urn:newsml:example.org:kill:{i}", "language": "en", "headline": f"Article {i}: the council votes",
        "published": "2024-03-01T10:00:00+01:00", "keywords": [f"k{i % 7}"],
        "people": [{"id": "anna", "name": "Anna Schmidt"}],
        "body": [{"text": f"“We vote today,” said Anna Schmidt about item {i}."}, {"text": "The vote passed. " * (1 + i % 5)}],
        "quotes": [{"id": "q1", "text": "We vote today,", "speaker_id": "anna", "block": 0, "start": 1, "end": 15}],
    }


def _write_inputs(root: Path) -> dict[str, dict]:
    inputs = {}
    for i in range(N):
        key = f"{i // 250:02d}/a{i:04d}.json"
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        data = _article(i)
        path.write_text(json.dumps(data), encoding="utf-8")
        inputs[key] = data
    return inputs


def _valid_entries(manifest: Path) -> list[dict]:
    entries = []
    for line in manifest.read_bytes().split(b"\n"):
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    return entries


def _group_gone(pgid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_kill_9_mid_run_then_resume_converts_each_article_exactly_once(tmp_path):
    source, out = tmp_path / "in", tmp_path / "out"
    inputs = _write_inputs(source)
    command = [sys.executable, "-m", "newsml_export", "batch", str(source), str(out), "--jobs", "2", "--to", "all"]
    log = (tmp_path / "first.log").open("wb")
    first = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
    manifest = out / MANIFEST
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and first.poll() is None:
        if manifest.is_file() and manifest.read_bytes().count(b"\n") >= 300:
            break
        time.sleep(0.005)
    assert first.poll() is None, "the run ended before it could be killed"
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    log.close()
    assert first.returncode == -signal.SIGKILL
    assert _group_gone(first.pid), "a worker outlived the kill"
    recorded = {e["key"] for e in _valid_entries(manifest)}
    assert 300 <= len(recorded) < N

    resumed = subprocess.run(command + ["--resume"], capture_output=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    counts = re.search(rb"converted (\d+), skipped (\d+)", resumed.stderr)
    assert counts is not None, resumed.stderr.decode()[-2000:]
    converted, skipped = int(counts.group(1)), int(counts.group(2))
    # Exactly once: what the first run recorded is skipped, everything else converted, nothing twice.
    assert skipped == len(recorded) and converted + skipped == N

    entries = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]  # every line whole
    assert sorted(e["key"] for e in entries) == sorted(inputs)  # one line per article, none twice
    assert not (out / "errors.jsonl").exists() or (out / "errors.jsonl").read_bytes() == b""
    everything = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    expected = sorted([f"{key[:-5]}{suffix}" for key in inputs for suffix in SUFFIXES] + [MANIFEST]
                      + (["errors.jsonl"] if (out / "errors.jsonl").exists() else []))
    assert everything == expected  # no temporary or stray file left behind
    for entry in entries:
        base = out / entry["key"][:-5]
        outputs = {suffix: (base.parent / (base.name + suffix)).read_bytes() for suffix in SUFFIXES}
        assert {t: hashlib.sha256(outputs[s]).hexdigest() for t, s in (("jsonld", ".jsonld"), ("html", ".html"),
                                                                       ("newsml", ".xml"))} == entry["outputs"]
        article = Article.model_validate(inputs[entry["key"]])
        assert jsonld.load(outputs[".jsonld"]) == article
        assert outputs[".html"].startswith(b'<script type="application/ld+json">') and outputs[".html"].endswith(b"</script>\n")
        assert etree.fromstring(outputs[".xml"]).get("guid") == article.id
