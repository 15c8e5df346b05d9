"""`newsml-export batch` from the command line: the 2,000-article run with 20 broken ones, an
interrupted run and its resumption, progress on a terminal and in a log, JSONL on stdin."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from lxml import etree

from newsml_export.batch.sinks import ERRORS, MANIFEST
from newsml_export.cli import main
from newsml_export.cli.batch import progress_line, progress_printer

from .batch_corpus import BROKEN, jsonl_lines, write_tree


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_two_thousand_articles_with_twenty_broken(tmp_path):
    root, out = tmp_path / "in", tmp_path / "out"
    broken = write_tree(root, 2000, broken=20)
    assert len(broken) == 20
    result = CliRunner().invoke(main, ["batch", str(root), str(out), "--jobs", "2", "--to", "jsonld", "--to", "newsml"])
    assert result.exit_code == 1, result.output
    errors = _lines(out / ERRORS)
    assert sorted(e["file"] for e in errors) == sorted(broken)
    for error in errors:
        _, _, outcome, stage = BROKEN[broken[error["file"]]]
        assert error["stage"] == stage and error["message"]
    converted = _lines(out / MANIFEST)
    assert len(converted) == 1980
    invalid = sum(1 for kind in broken.values() if BROKEN[kind][2] == "invalid")
    assert f"converted 1980, skipped 0, invalid {invalid}, failed {20 - invalid} in " in result.stderr
    assert f"see {out / ERRORS}" in result.stderr
    # No partial file: every output there is whole, and nothing else is.
    outputs = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name != ERRORS]
    assert len(outputs) == 1980 * 2 and _temporaries(out) == []
    for path in outputs[::20]:
        json.loads(path.read_bytes()) if path.suffix == ".jsonld" else etree.fromstring(path.read_bytes())
    for name in broken:
        stem = name.rsplit(".", 1)[0]
        assert not (out / f"{stem}.jsonld").exists() and not (out / f"{stem}.xml").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_run_leaves_whole_files_and_resume_finishes_it(tmp_path, jobs):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newsml_export", "batch", "-", str(out), "--jobs", jobs, "--to", "newsml"]
    # Its own session, so Ctrl-C can be sent as a terminal sends it: to every process of the group.
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    lines = jsonl_lines(400).splitlines(keepends=True)
    # Fed slowly, so the run is surely still going when it is interrupted.
    process.stdin.write(b"".join(lines[:50]))
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while (not (out / MANIFEST).is_file() or len((out / MANIFEST).read_text().splitlines()) < 20) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"--resume" in stderr and b"Traceback" not in stderr
    assert _temporaries(out) == []
    done = {e["key"] for e in _lines(out / MANIFEST)}
    assert 20 <= len(done) <= 50
    assert len(list(out.glob("*.xml"))) == len(done)  # the articles in flight were finished and recorded
    for path in out.glob("*.xml"):
        etree.fromstring(path.read_bytes())  # whole, or not there at all

    result = subprocess.run([*command, "--resume"], input=b"".join(lines), capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"converted {400 - len(done)}, skipped {len(done)}, invalid 0, failed 0".encode() in result.stderr
    assert len(list(out.glob("*.xml"))) == 400


def test_jsonl_on_stdin_into_a_jsonl_file(tmp_path):
    out = tmp_path / "articles.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", str(out), "--to", "jsonld", "--jobs", "1"], input=jsonl_lines(3))
    assert result.exit_code == 0, result.output
    assert [r["key"] for r in _lines(out)] == ["line-1", "line-2", "line-3"]
    assert set(_lines(out)[0]) == {"key", "input_sha256", "jsonld"}
    assert (tmp_path / "articles.errors.jsonl").read_text() == ""


def test_out_must_not_be_in(tmp_path):
    write_tree(tmp_path, 2)
    result = CliRunner().invoke(main, ["batch", str(tmp_path), str(tmp_path)])
    assert result.exit_code == 2 and "OUT must not be IN" in result.output


def test_an_out_folder_inside_in_is_left_out_of_the_inputs(tmp_path):
    write_tree(tmp_path, 3)
    runner = CliRunner()
    assert runner.invoke(main, ["batch", str(tmp_path), str(tmp_path / "out"), "--jobs", "1", "--to", "jsonld"]).exit_code == 0
    again = runner.invoke(main, ["batch", str(tmp_path), str(tmp_path / "out"), "--jobs", "1", "--to", "jsonld"])
    assert "converted 3, skipped 0" in again.stderr


def test_an_out_folder_that_in_links_to_is_left_out_of_the_inputs(tmp_path):
    """OUT outside IN, but reached through a linked folder in IN: still not read as inputs,
    or each run would convert the last one's outputs again, one level deeper."""
    root, out = tmp_path / "in", tmp_path / "out"
    write_tree(root, 2)
    out.mkdir()
    (root / "z").symlink_to(out)
    (root / "y").symlink_to(out / "part-0")      # a folder of outputs, made by the first run
    for _ in range(3):
        result = CliRunner().invoke(main, ["batch", str(root), str(out), "--jobs", "1", "--to", "jsonld"])
        assert result.exit_code == 0 and "converted 2, skipped 0" in result.stderr, result.output
    assert len(list(out.rglob("*.jsonld"))) == 2 and not (out / "z").exists()


@pytest.mark.parametrize(("feed", "out", "said"), [
    ("same.jsonl", "same.jsonl", "OUT same.jsonl is IN same.jsonl"),
    ("x.errors.jsonl", "x.jsonl", "OUT's errors file x.errors.jsonl is IN x.errors.jsonl"),
    ("x.errors.ndjson", "x.ndjson", "OUT's errors file x.errors.ndjson is IN x.errors.ndjson"),
    ("out/errors.jsonl", "out", "OUT's errors file out/errors.jsonl is IN out/errors.jsonl"),
    ("out/.newsml-export-manifest.jsonl", "out", "OUT's manifest out/.newsml-export-manifest.jsonl is IN out/"),
    ("feed.jsonl", "same.jsonl", "OUT same.jsonl is IN feed.jsonl"),    # the same file by another name
])
def test_a_batch_never_overwrites_its_input(tmp_path, monkeypatch, feed, out, said):
    monkeypatch.chdir(tmp_path)
    Path(feed).parent.mkdir(exist_ok=True)
    Path(feed).write_bytes(jsonl_lines(2))
    if said.startswith("OUT ") and feed != out:
        os.link(feed, out)
    result = CliRunner().invoke(main, ["batch", feed, out, "--jobs", "1", "--to", "jsonld"])
    assert result.exit_code == 2 and said in result.output, result.output
    assert Path(feed).read_bytes() == jsonl_lines(2)


def _summary(done: int, skipped: int = 0, failed: int = 0, rate: float = 50.0) -> SimpleNamespace:
    return SimpleNamespace(done=done, skipped=skipped, failed=failed, invalid=0, rate=rate)


def test_progress_in_a_log_is_plain_lines_with_rate_and_eta():
    stream = io.StringIO()
    show = progress_printer(stream, live=False, every=0)
    show(_summary(100, failed=2), 1100)
    show(_summary(200, failed=3), 1100)
    assert stream.getvalue().splitlines() == [
        "100/1100 articles, 2 failed, 50 articles/s, ETA 0:20",
        "200/1100 articles, 3 failed, 50 articles/s, ETA 0:18",
    ]


def test_progress_on_a_terminal_is_one_bar_redrawn():
    stream = io.StringIO()
    progress_printer(stream, live=True, every=0)(_summary(550), 1100)
    assert stream.getvalue() == "\r\033[K[############............] 550/1100 articles, 0 failed, 50 articles/s, ETA 0:11"
    assert "\n" not in stream.getvalue()


def test_progress_without_a_total_has_no_eta_and_counts_skipped():
    assert progress_line(_summary(10, skipped=5), None) == "15 articles, 0 failed, 50 articles/s"
    assert progress_line(_summary(10, skipped=5, rate=1.0), 7215).endswith("ETA 2:00:00")


def test_progress_is_throttled():
    stream = io.StringIO()
    show = progress_printer(stream, live=False)  # every 5 s in a log
    for done in range(100):
        show(_summary(done), 100)
    assert stream.getvalue() == ""



def test_a_missing_input_is_one_error_line(tmp_path):
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "nowhere"), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere'}: no such file or folder"


def test_an_output_that_cannot_be_a_folder_is_one_error_line(tmp_path):
    write_tree(tmp_path / "in", 2)
    (tmp_path / "taken").write_text("a file, not a folder")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), str(tmp_path / "taken")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {tmp_path / 'taken'}: cannot make the output folder")


def test_a_single_file_that_is_not_jsonl_is_refused_with_a_hint(tmp_path):
    text = tmp_path / "article.txt"
    text.write_text("Hello world headline\n\nA line of text.\n")
    result = CliRunner().invoke(main, ["batch", str(text), str(tmp_path / "out"), "--to", "jsonld"])
    assert result.exit_code == 2 and "must be JSONL (named .jsonl or .ndjson)" in result.output
    assert f"newsml-export convert {text}" in result.output and not (tmp_path / "out").exists()


def test_ndjson_is_jsonl_in_and_out(tmp_path):
    feed, out = tmp_path / "feed.ndjson", tmp_path / "out.ndjson"
    feed.write_bytes(jsonl_lines(2) + b"not json\n")
    result = CliRunner().invoke(main, ["batch", str(feed), str(out), "--to", "jsonld", "--jobs", "1"])
    assert result.exit_code == 1 and "converted 2, skipped 0, invalid 0, failed 1" in result.stderr
    assert [r["key"] for r in _lines(out)] == ["line-1", "line-2"]
    assert [e["file"] for e in _lines(tmp_path / "out.errors.ndjson")] == ["line-3"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_while_stdin_is_idle_stops_at_once_and_cleanly(tmp_path, jobs):
    # A feed that stays open and sends nothing: the first Ctrl-C must not wait for a next line.
    out, log = tmp_path / "out", tmp_path / "stderr"
    command = [sys.executable, "-m", "newsml_export", "batch", "-", str(out), "--jobs", jobs, "--to", "jsonld"]
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=stderr, start_new_session=True)
    try:
        process.stdin.write(jsonl_lines(2))
        process.stdin.flush()
        deadline = time.monotonic() + 60
        while (not (out / MANIFEST).is_file() or len((out / MANIFEST).read_text().splitlines()) < 2) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # the reader is blocked on the pipe again
        os.killpg(process.pid, signal.SIGINT)
        returncode = process.wait(timeout=20)  # stdin still open
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stdin.close()
    stderr_text = log.read_text()
    assert returncode == 130, stderr_text
    assert "--resume" in stderr_text and "Traceback" not in stderr_text and "Fatal" not in stderr_text
    assert [e["key"] for e in _lines(out / MANIFEST)] == ["line-1", "line-2"]
    assert _temporaries(out) == []


def test_version_created_on_the_command_line_as_convert_takes_it(tmp_path):
    from .batch_corpus import EXAMPLE

    root = tmp_path / "in"
    root.mkdir()
    (root / "undated.txt").write_bytes((EXAMPLE / "article.txt").read_bytes())  # no sidecar: no date
    runner = CliRunner()
    refused = runner.invoke(main, ["batch", str(root), str(tmp_path / "out"), "--to", "newsml", "--jobs", "1"])
    assert refused.exit_code == 1 and "--version-created ISO|now on the command line" in (tmp_path / "out" / ERRORS).read_text()
    ok = runner.invoke(main, ["batch", str(root), str(tmp_path / "out"), "--to", "newsml", "--jobs", "2",
                              "--version-created", "2024-05-06T07:08:09+02:00"])
    assert ok.exit_code == 0, ok.output
    assert b"<versionCreated>2024-05-06T07:08:09+02:00</versionCreated>" in (tmp_path / "out" / "undated.xml").read_bytes()
    bad = runner.invoke(main, ["batch", str(root), str(tmp_path / "out"), "--version-created", "yesterday"])
    assert bad.exit_code == 2 and "not 'now' or an ISO 8601 date-time" in bad.output and "--version-created" in bad.output


def test_out_cannot_be_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["batch", "-", "-"], input=jsonl_lines(1))
    assert result.exit_code == 2 and "OUT cannot be - (stdout)" in result.output
    assert list(tmp_path.iterdir()) == []
