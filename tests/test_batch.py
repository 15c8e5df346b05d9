"""Batch conversion through the library: every input kind, a failure at each stage, resume,
JSONL in and out, and the pure function a distributed engine maps over."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from functools import partial
from pathlib import Path

import pytest

from newsml_export.batch import BatchOptions, Job, count_inputs, discover, run_batch
from newsml_export.batch.sinks import ERRORS, MANIFEST
from newsml_export.formats import jsonld, newsml_g2
from newsml_export.pipeline import convert_bytes, validate_output

from .batch_corpus import BROKEN, jsonl_lines, small, write_tree
from .conftest import EXAMPLE

ALL = ("jsonld", "html", "newsml")
TWO = ("jsonld", "newsml")


def _errors(path: Path) -> dict[str, dict]:
    return {e["file"]: e for e in map(json.loads, path.read_text().splitlines())}


def _manifest(out: Path) -> dict[str, dict]:
    return {e["key"]: e for e in map(json.loads, (out / MANIFEST).read_text().splitlines())}


def _outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name != ERRORS)


@pytest.fixture
def mixed(tmp_path, seed_article) -> Path:
    """One input of every kind, in sub-folders."""
    root = tmp_path / "in"
    (root / "text").mkdir(parents=True)
    shutil.copy(EXAMPLE / "article.txt", root / "text" / "putin.txt")
    shutil.copy(EXAMPLE / "article.meta.yaml", root / "text" / "putin.meta.yaml")
    (root / "canonical").mkdir()
    (root / "canonical" / "small.json").write_text(json.dumps(small(1)))
    (root / "canonical" / "other.yaml").write_text("\n".join(f"{k}: {json.dumps(v)}" for k, v in small(2).items()))
    (root / "feeds").mkdir()
    (root / "feeds" / "graph.jsonld").write_bytes(jsonld.dump(seed_article))
    (root / "feeds" / "page.html").write_bytes(b"<html><body>" + jsonld.dump(seed_article, html=True) + b"</body></html>")
    (root / "feeds" / "item.xml").write_bytes(newsml_g2.dump(seed_article))
    (root / ".hidden.json").write_text(json.dumps(small(3)))   # hidden: not an input
    (root / "notes.md").write_text("not an article")          # unknown suffix: not an input
    return root


def test_every_input_kind_converts_into_a_mirrored_tree(mixed, tmp_path):
    out = tmp_path / "out"
    summary = run_batch(discover(mixed), out, BatchOptions(targets=ALL, jobs=1))
    assert (summary.converted, summary.invalid, summary.failed) == (6, 0, 0)
    keys = {"text/putin.txt", "canonical/small.json", "canonical/other.yaml", "feeds/graph.jsonld", "feeds/page.html", "feeds/item.xml"}
    assert set(_manifest(out)) == keys
    # a/b.ext → a/b.jsonld, a/b.html, a/b.xml; each output is what validation passed.
    assert (out / "text" / "putin.xml").is_file() and (out / "feeds" / "graph.html").is_file()
    assert (out / "feeds" / "item.jsonld").is_file()
    for path in _outputs(out):
        target = {".jsonld": "jsonld", ".html": "html", ".xml": "newsml"}[path.suffix]
        assert validate_output(path.read_bytes(), target).ok, path  # type: ignore[arg-type]
    assert (out / ERRORS).read_text() == ""
    assert oct((out / "text" / "putin.xml").stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode


def test_a_failure_at_each_stage_is_one_line_and_the_rest_converts(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for kind, (suffix, data, _, _) in BROKEN.items():
        (root / f"{kind}{suffix}").write_bytes(data(7))
    (root / "good.json").write_text(json.dumps(small(1)))
    # Two inputs whose outputs would have the same names: the second is refused, not overwritten.
    (root / "twin.json").write_text(json.dumps(small(2)))
    (root / "twin.yaml").write_text(json.dumps(small(3)))
    out = tmp_path / "out"
    # An output path that is a folder cannot be written.
    (out / "unwritable.jsonld").mkdir(parents=True)
    (root / "unwritable.json").write_text(json.dumps(small(4)))
    summary = run_batch(discover(root), out, BatchOptions(targets=TWO, jobs=1))
    errors = _errors(out / ERRORS)
    for kind, (suffix, _, _outcome, stage) in BROKEN.items():
        assert errors[f"{kind}{suffix}"]["stage"] == stage, errors[f"{kind}{suffix}"]
        assert errors[f"{kind}{suffix}"]["message"]
    assert errors["twin.yaml"]["stage"] == "plan" and "same name" in errors["twin.yaml"]["message"]
    assert errors["unwritable.json"]["stage"] == "write"
    expected_invalid = sum(1 for _, _, outcome, _ in BROKEN.values() if outcome == "invalid")
    assert (summary.converted, summary.invalid, summary.failed) == (2, expected_invalid, len(BROKEN) - expected_invalid + 2)
    assert not summary.ok
    assert summary.failures == [{"file": k, **{f: v for f, v in e.items() if f != "file"}} for k, e in errors.items()]
    assert set(_manifest(out)) == {"good.json", "twin.json"}
    assert not (out / "unwritable.xml").exists()  # nothing of a failed article is left


def test_an_internal_error_is_reported_not_raised(tmp_path, monkeypatch):
    root = tmp_path / "in"
    root.mkdir()
    for i in range(3):
        (root / f"a{i}.json").write_text(json.dumps(small(i)))

    def buggy(data, **kwargs):
        if kwargs["source"] == "a1.json":
            raise ZeroDivisionError("division by zero")
        return convert_bytes(data, **kwargs)

    monkeypatch.setattr("newsml_export.pipeline.convert_bytes", buggy)
    summary = run_batch(discover(root), tmp_path / "out", BatchOptions(targets=("jsonld",), jobs=1))
    assert (summary.converted, summary.failed) == (2, 1)
    assert _errors(tmp_path / "out" / ERRORS)["a1.json"] == {
        "file": "a1.json", "stage": "internal", "error": "ZeroDivisionError", "message": "internal error: ZeroDivisionError: division by zero"}


def _run(root: Path, out: Path, **options) -> object:
    return run_batch(discover(root), out, BatchOptions(**{"targets": TWO, "jobs": 1, **options}))


def test_resume_skips_what_is_current_and_redoes_what_is_not(tmp_path):
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    for i in range(6):
        (root / f"a{i}.json").write_text(json.dumps(small(i)))
    (root / "bad.json").write_text("{")
    first = _run(root, out)
    assert (first.converted, first.failed) == (6, 1)
    stamps = {p: p.stat().st_mtime_ns for p in _outputs(out)}

    again = _run(root, out, resume=True)
    assert (again.skipped, again.converted, again.failed) == (6, 0, 1)
    assert {p: p.stat().st_mtime_ns for p in _outputs(out)} == stamps  # nothing rewritten
    assert list(_errors(out / ERRORS)) == ["bad.json"]                 # this run's errors only

    (root / "a0.json").write_text(json.dumps({**small(0), "headline": "Changed"}))  # input changed
    (out / "a1.xml").unlink()                                                       # output deleted
    (out / "a2.jsonld").write_text("{}")                                            # output modified
    (root / "bad.json").write_text(json.dumps(small(9)))                            # fixed
    third = _run(root, out, resume=True)
    assert (third.skipped, third.converted, third.failed) == (3, 4, 0)
    assert json.loads((out / "a2.jsonld").read_text())["@graph"][0]["headline"] == "Council report 2"
    assert b"Changed" in (out / "a0.xml").read_bytes()
    assert (out / ERRORS).read_text() == ""
    # Different options are different outputs: everything is redone.
    assert _run(root, out, resume=True, body="nitf").converted == 7
    # Resuming compacts the manifest: one line per article, however many runs came before.
    assert len((out / MANIFEST).read_text().splitlines()) == 14
    assert _run(root, out, resume=True, body="nitf").skipped == 7
    assert len((out / MANIFEST).read_text().splitlines()) == 7


def test_without_resume_everything_is_redone(tmp_path):
    root, out = tmp_path / "in", tmp_path / "out"
    write_tree(root, 4)
    _run(root, out)
    assert _run(root, out).converted == 4


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path):
    root, out = tmp_path / "in", tmp_path / "out"
    write_tree(root, 2)
    (out / "part-0").mkdir(parents=True)
    stale = out / "part-0" / ".article-00000.jsonld.x1y2.tmp"
    stale.write_text('{"half": ')
    _run(root, out)
    assert not stale.exists()


def test_jsonl_in_and_out(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl_lines(3) + b"\n" + b'{"broken": \n' + jsonl_lines(1))
    assert count_inputs(feed) == 6  # lines, blank ones included
    keys = [job.key for job in discover(feed)]
    assert keys == ["line-1", "line-2", "line-3", "line-5", "line-6"]
    out = tmp_path / "out.jsonl"
    summary = run_batch(discover(feed), out, BatchOptions(targets=TWO, jobs=1))
    assert (summary.converted, summary.failed) == (4, 1)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["key"] for r in records] == ["line-1", "line-2", "line-3", "line-6"]
    first = convert_bytes(jsonl_lines(1).strip(), source="line-1", targets=TWO)
    # Each output is carried as a string: byte for byte what was validated.
    assert records[0]["jsonld"].encode() == first["jsonld"] and records[0]["newsml"].encode() == first["newsml"]
    assert list(_errors(tmp_path / "out.errors.jsonl")) == ["line-5"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_jsonl_output_resume_carries_current_lines_over(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl_lines(4))
    out = tmp_path / "out.jsonl"
    run_batch(discover(feed), out, BatchOptions(targets=("jsonld",), jobs=1))
    before = {json.loads(line)["key"]: line for line in out.read_text().splitlines()}
    lines = jsonl_lines(4).splitlines()
    lines[2] = json.dumps({**small(2), "headline": "Changed"}).encode()
    feed.write_bytes(b"\n".join(lines) + b"\n")
    summary = run_batch(discover(feed), out, BatchOptions(targets=("jsonld",), jobs=1, resume=True))
    assert (summary.skipped, summary.converted) == (3, 1)
    after = {json.loads(line)["key"]: line for line in out.read_text().splitlines()}
    assert set(after) == set(before)
    assert all(after[k] == before[k] for k in ("line-1", "line-2", "line-4"))
    assert "Changed" in json.loads(after["line-3"])["jsonld"]


def test_an_interrupted_jsonl_run_leaves_the_previous_file(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl_lines(3))
    out = tmp_path / "out.jsonl"
    run_batch(discover(feed), out, BatchOptions(targets=("jsonld",), jobs=1))
    previous = out.read_bytes()

    def interrupted():
        yield from list(discover(feed))[:2]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(interrupted(), out, BatchOptions(targets=("jsonld",), jobs=1))
    assert out.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_several_workers_give_the_same_outputs_as_one(tmp_path):
    root = tmp_path / "in"
    write_tree(root, 40, broken=6)
    one, two = tmp_path / "one", tmp_path / "two"
    s1 = run_batch(discover(root), one, BatchOptions(targets=TWO, jobs=1))
    s2 = run_batch(discover(root), two, BatchOptions(targets=TWO, jobs=2))
    assert (s1.converted, s1.invalid, s1.failed) == (s2.converted, s2.invalid, s2.failed) == (34, 1, 5)
    assert [p.relative_to(one) for p in _outputs(one)] == [p.relative_to(two) for p in _outputs(two)]
    assert all(p.read_bytes() == (two / p.relative_to(one)).read_bytes() for p in _outputs(one))
    assert _errors(one / ERRORS) == _errors(two / ERRORS)


def test_discovery_is_sorted_and_counted_cheaply(mixed):
    jobs = list(discover(mixed))
    assert [j.key for j in jobs] == sorted(j.key for j in jobs)
    assert count_inputs(mixed) == len(jobs) == 6
    text = next(j for j in jobs if j.key.endswith(".txt"))
    assert text.meta is not None and text.meta_source.endswith("putin.meta.yaml")
    assert count_inputs("-") is None


def test_an_output_folder_inside_the_input_is_not_read_as_input(mixed):
    out = mixed / "converted"
    run_batch(discover(mixed, exclude=out), out, BatchOptions(targets=("jsonld",), jobs=1))
    assert count_inputs(mixed, exclude=out) == 6
    assert all(not j.key.startswith("converted/") for j in discover(mixed, exclude=out))


# -- the pure function ------------------------------------------------------------------------

def test_convert_bytes_is_pure_and_maps_over_records_in_other_processes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    records = [json.dumps(small(i)).encode() for i in range(6)]
    convert = partial(convert_bytes, targets=TWO)
    here = [convert(r) for r in records]
    assert here == [convert(r) for r in records]           # deterministic
    with multiprocessing.get_context("spawn").Pool(2) as pool:  # what an engine does: pickle and map
        there = pool.map(convert, records)
    assert there == here
    assert os.listdir(tmp_path) == []                       # no files, no side effects



def test_errors_cross_process_boundaries_whole():
    """Engines send a record's exception back to the driver by pickle: each error type must
    come back as itself, with its fields (ArticleError once broke the pool's result thread, and
    Pool.map hung for ever)."""
    import pickle

    from newsml_export.errors import (ArticleError, DecodeError, ExportError, InputError, OutputError, SchemaError,
                                      UnsafeInputError)
    from newsml_export.validation.report import Issue

    issue = Issue("error", "missing", "headline: missing required field", "/headline", 3, "a.yaml")
    errors = [ArticleError([issue, issue]), OutputError("disk full", path="out/a.xml"), ExportError("bad", [issue]),
              InputError("m", source="s", line=2, column=3, path="/x"), DecodeError("d", source="s", line=1),
              UnsafeInputError("u", source="s"), SchemaError("schema")]
    for error in errors:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error) and vars(back) == vars(error)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        outcome = pool.map_async(_converted_or_raised, [b"headline: x\n", json.dumps(small(1)).encode()]).get(timeout=120)
    assert outcome[0][0] == "ArticleError"
    assert outcome[1][0] == "ok"
    with multiprocessing.get_context("spawn").Pool(1) as pool, pytest.raises(ArticleError) as raised:
        pool.map_async(partial(convert_bytes, targets=TWO), [b"headline: x\n"]).get(timeout=120)
    assert raised.value.issues and raised.value.source


def _converted_or_raised(record: bytes) -> tuple[str, str]:
    try:
        convert_bytes(record, targets=TWO)
    except Exception as exc:  # noqa: BLE001 - the test looks at which
        return type(exc).__name__, str(exc)
    return "ok", ""


def test_workers_started_by_spawn_compile_their_own_schemas(tmp_path, monkeypatch):
    # macOS and Windows start workers by spawn: nothing is inherited, each warms itself up.
    import newsml_export.batch.pool as pool

    monkeypatch.setattr(pool, "_context", lambda: multiprocessing.get_context("spawn"))
    root = tmp_path / "in"
    write_tree(root, 6, broken=1)
    summary = run_batch(discover(root), tmp_path / "out", BatchOptions(targets=TWO, jobs=2))
    assert (summary.converted, summary.failed) == (5, 1)
    reference = run_batch(discover(root), tmp_path / "one", BatchOptions(targets=TWO, jobs=1))
    assert all(p.read_bytes() == (tmp_path / "one" / p.relative_to(tmp_path / "out")).read_bytes()
               for p in _outputs(tmp_path / "out"))
    assert reference.converted == 5


def test_an_article_that_kills_its_worker_fails_alone(tmp_path, monkeypatch):
    # A crash in a C library, or the OOM killer, ends a worker process and every article it had
    # in flight; the others are redone, and only the one that kills its worker is reported.
    root = tmp_path / "in"
    root.mkdir()
    for i in range(12):
        (root / f"a{i:02d}.json").write_text(json.dumps(small(i)))

    def crashing(data, **kwargs):
        if kwargs["source"] == "a05.json":
            os._exit(3)
        return convert_bytes(data, **kwargs)

    monkeypatch.setattr("newsml_export.pipeline.convert_bytes", crashing)  # forked workers inherit it
    summary = run_batch(discover(root), tmp_path / "out", BatchOptions(targets=("jsonld",), jobs=2))
    assert (summary.converted, summary.failed) == (11, 1)
    assert _errors(tmp_path / "out" / ERRORS)["a05.json"]["error"] == "WorkerCrashed"
    assert len(_manifest(tmp_path / "out")) == 11


def test_html_beside_validated_json_ld_is_the_same_document(seed_article):
    # export_all checks the HTML block against the JSON-LD it validated instead of validating
    # the same document twice; the bytes are what export() gives, and both validate.
    from newsml_export.pipeline import export, export_all

    outputs = export_all([seed_article], ("jsonld", "html"))
    assert outputs["html"] == export(seed_article, "html")
    assert validate_output(outputs["html"], "html").ok
    assert list(outputs) == ["jsonld", "html"]


@pytest.mark.parametrize("index", range(3))
def test_html_beside_json_ld_is_byte_for_byte_what_export_writes(index):
    from newsml_export.pipeline import export
    from newsml_export.readers import read_input

    from .batch_corpus import seed_sized

    [article] = read_input(json.dumps(seed_sized(index)).encode(), source="x")
    assert convert_bytes(json.dumps(seed_sized(index)).encode(), targets=("jsonld", "html"))["html"] == export(article, "html")


def test_an_article_that_now_fails_loses_its_earlier_outputs(tmp_path):
    """The folder mirrors the inputs: an input edited into one that no longer converts must not
    leave last run's valid-looking outputs for a downstream reader to take as current. Outputs
    of another input (a refused name clash) are never touched."""
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    for i in range(3):
        (root / f"a{i}.json").write_text(json.dumps(small(i)))
    assert _run(root, out, targets=ALL).converted == 3          # an earlier run with more targets
    (root / "a1.json").write_text("{")                      # now unreadable
    (root / "a2.json").write_text(json.dumps({**small(2), "published": None, "modified": None}))  # no date: no NewsML-G2
    (root / "a0.txt").write_text("A clash with a0.json")    # would write a0.jsonld and a0.xml too
    for resume in (False, True):
        summary = _run(root, out, resume=resume)
        errors = _errors(out / ERRORS)
        assert (summary.converted + summary.skipped, summary.invalid, summary.failed) == (1, 1, 2)
        assert errors["a0.txt"]["stage"] == "plan" and "removed" not in errors["a0.txt"]
        assert {p.name for p in _outputs(out)} == {"a0.jsonld", "a0.xml", "a0.html"}
        if not resume:  # the first run after the edit removes them; the next finds nothing left
            assert errors["a1.json"]["removed"] == ["a1.jsonld", "a1.html", "a1.xml"]
            assert errors["a2.json"]["removed"] == ["a2.jsonld", "a2.html", "a2.xml"]
        else:
            assert "removed" not in errors["a1.json"] and "removed" not in errors["a2.json"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_input_that_cannot_be_read_is_one_failure_and_the_rest_converts(tmp_path, monkeypatch, jobs):
    # Tests may run as root, where chmod 000 does not stop reading: a dangling link, a pipe, a
    # file removed between listing and reading, and a sidecar that vanished stand in for it.
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a.json", "c.json", "gone.json", "z.json"):
        (root / name).write_text(json.dumps(small(len(name))))
    (root / "b.json").symlink_to(tmp_path / "nowhere")
    os.mkfifo(root / "fifo.json")
    shutil.copy(EXAMPLE / "article.txt", root / "text.txt")
    (root / "text.meta.yaml").write_text("headline: x\n")
    monkeypatch.setattr("newsml_export.batch.inputs.find_sidecar", lambda file: root / "text.meta.yaml")

    def removed_while_running():
        jobs = discover(root)
        yield next(jobs)                 # the folder is listed by now
        (root / "gone.json").unlink()
        (root / "text.meta.yaml").unlink()
        yield from jobs

    summary = run_batch(removed_while_running(), tmp_path / "out", BatchOptions(targets=("jsonld",), jobs=jobs))
    errors = _errors(tmp_path / "out" / ERRORS)
    assert {k: (e["stage"], e["message"]) for k, e in errors.items()} == {
        "b.json": ("read", f"{root / 'b.json'}: no such file"),
        "fifo.json": ("read", f"{root / 'fifo.json'}: not a regular file"),
        "gone.json": ("read", f"{root / 'gone.json'}: no such file"),
        "text.txt": ("read", f"{root / 'text.meta.yaml'}: no such file"),
    }
    assert (summary.converted, summary.failed) == (3, 4)
    assert set(_manifest(tmp_path / "out")) == {"a.json", "c.json", "z.json"}


def test_an_unreadable_input_claims_its_name_and_removes_only_its_own_outputs(tmp_path):
    """An input that cannot be read still claims its output names: where a sibling that
    converted owns them, it fails at planning and removes nothing; where it owns them (it
    converted in an earlier run), its stale outputs go."""
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "a.json").write_text(json.dumps(small(1)))
    (root / "a.txt").symlink_to(tmp_path / "nowhere")     # would write a.jsonld and a.xml too
    (root / "b.json").write_text(json.dumps(small(2)))
    assert _run(root, out).converted == 2
    (root / "b.json").unlink()
    (root / "b.json").symlink_to(tmp_path / "nowhere")    # converted before, unreadable now
    for resume in (False, True):
        summary = _run(root, out, resume=resume)
        errors = _errors(out / ERRORS)
        assert (summary.converted + summary.skipped, summary.failed) == (1, 2)
        assert errors["a.txt"]["stage"] == "plan" and "removed" not in errors["a.txt"]
        assert errors["b.json"]["stage"] == "read"
        assert errors["b.json"].get("removed") == (None if resume else ["b.jsonld", "b.xml"])
        assert {p.name for p in _outputs(out)} == {"a.jsonld", "a.xml"}
        assert set(_manifest(out)) == {"a.json"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_ledger_names_the_error_class_and_its_fields(tmp_path, jobs):
    """An error reaches the ledger as the reader raised it, across processes too: its class,
    its message rendered once, and its line, column, location and encoding as data."""
    from newsml_export.errors import DecodeError, UnsafeInputError

    unsafe = UnsafeInputError("not a regular file", source="in/fifo.json")
    undecodable = DecodeError("not UTF-8", source="in/b.json", line=3, column=7, path="/headline", encoding="cp1252")
    given = [Job("fifo.json", b"", unreadable=unsafe), Job("b.json", b"", unreadable=undecodable),
             Job("c.json", b'{"id": "x",\n  "language": [}')]
    summary = run_batch(given, tmp_path / "out", BatchOptions(targets=("jsonld",), jobs=jobs))
    errors = _errors(tmp_path / "out" / ERRORS)
    assert errors["fifo.json"] == {"file": "fifo.json", "stage": "read", "error": "UnsafeInputError",
                                   "message": "in/fifo.json: not a regular file"}
    assert errors["b.json"] == {"file": "b.json", "stage": "read", "error": "DecodeError", "message": str(undecodable),
                                "line": 3, "column": 7, "location": "/headline", "encoding": "cp1252"}
    assert errors["c.json"]["error"] == "DecodeError" and errors["c.json"]["line"] == 2
    assert summary.failures == [errors[key] for key in ("fifo.json", "b.json", "c.json")]


def test_a_named_pipe_beside_a_text_is_a_read_error_not_a_run_blocked_for_ever(tmp_path):
    import signal

    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(EXAMPLE / "article.txt", root / "article.txt")
    os.mkfifo(root / "article.meta.yaml")
    (root / "z.json").write_text(json.dumps(small(1)))
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked on the pipe"))
    signal.alarm(30)
    try:
        summary = run_batch(discover(root), tmp_path / "out", BatchOptions(targets=("jsonld",), jobs=1))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (summary.converted, summary.failed) == (1, 1)
    error = _errors(tmp_path / "out" / ERRORS)["article.txt"]
    assert error["stage"] == "read" and error["message"].startswith(f"{root / 'article.meta.yaml'}: is not a regular file")


def test_an_input_that_cannot_be_read_from_the_command_line(tmp_path):
    from click.testing import CliRunner

    from newsml_export.cli import main

    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(EXAMPLE / "article.txt", root / "article.txt")
    shutil.copy(EXAMPLE / "article.meta.yaml", root / "article.meta.yaml")
    (root / "b.txt").symlink_to(tmp_path / "nowhere")
    (root / "c.json").write_text(json.dumps(small(1)))
    result = CliRunner().invoke(main, ["batch", str(root), str(tmp_path / "out"), "--jobs", "2", "--to", "jsonld"])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "converted 2, skipped 0, invalid 0, failed 1" in result.stderr
    assert _errors(tmp_path / "out" / ERRORS)["b.txt"]["message"] == f"{root / 'b.txt'}: no such file"


def test_a_file_name_that_is_not_utf8_converts_and_the_ledgers_stay_utf8(tmp_path):
    # Latin-1 "café.json": Python names it with a lone surrogate for the byte 0xE9 (os.fsdecode).
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    latin = os.fsdecode(b"caf\xe9")
    (root / f"{latin}.json").write_text(json.dumps(small(1)))
    (root / f"{latin}-broken.json").write_text("{")
    (root / "z.json").write_text(json.dumps(small(2)))
    summary = _run(root, out)
    assert (summary.converted, summary.failed) == (2, 1)
    assert os.fsencode(out / f"{latin}.xml").endswith(b"/caf\xe9.xml") and (out / f"{latin}.xml").is_file()
    for ledger in (out / MANIFEST, out / ERRORS):
        ledger.read_bytes().decode("utf-8")                           # strict UTF-8
        assert b'"caf\\udce9' in ledger.read_bytes()                 # the JSON escape of U+DCE9
    assert set(_manifest(out)) == {f"{latin}.json", "z.json"}         # read back as the same names
    assert _errors(out / ERRORS)[f"{latin}-broken.json"]["stage"] == "read"
    assert _run(root, out, resume=True).skipped == 2

    jsonl = tmp_path / "out.jsonl"
    run_batch(discover(root), jsonl, BatchOptions(targets=("jsonld",), jobs=1))
    assert [json.loads(line)["key"] for line in jsonl.read_bytes().decode("utf-8").splitlines()] == [f"{latin}.json", "z.json"]
    assert list(_errors(tmp_path / "out.errors.jsonl")) == [f"{latin}-broken.json"]
    assert run_batch(discover(root), jsonl, BatchOptions(targets=("jsonld",), jobs=1, resume=True)).skipped == 2


def test_a_jsonl_line_that_is_not_a_json_document_is_a_read_error_for_that_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"Hello world headline\n" + jsonl_lines(1) + b"headline: YAML is not JSONL\n\n" + jsonl_lines(1))
    summary = run_batch(discover(feed), tmp_path / "out.jsonl", BatchOptions(targets=("jsonld",), jobs=1))
    assert (summary.converted, summary.failed) == (2, 2)
    errors = _errors(tmp_path / "out.errors.jsonl")
    assert list(errors) == ["line-1", "line-3"]
    assert errors["line-3"]["stage"] == "read" and errors["line-3"]["message"].startswith("line-3: not a JSON object")
    assert [json.loads(line)["key"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == ["line-2", "line-5"]


def test_version_created_lets_undated_articles_become_newsml_and_is_an_option_of_the_run(tmp_path):
    from datetime import datetime, timezone

    from .batch_corpus import _no_date

    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "undated.json").write_text(json.dumps(_no_date(1)))
    (root / "dated.json").write_text(json.dumps(small(2)))
    assert _run(root, out).invalid == 1                                  # no date, no NewsML-G2
    fixed = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    summary = _run(root, out, resume=True, version_created=fixed)
    assert (summary.converted, summary.invalid) == (2, 0)                # a new option: both redone
    assert b"<versionCreated>2024-01-02T03:04:05Z</versionCreated>" in (out / "undated.xml").read_bytes()
    assert _run(root, out, resume=True, version_created=fixed).skipped == 2
    later = datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert _run(root, out, resume=True, version_created=later).converted == 2
    # "now" is the run's start for every article, and the same option to every later --resume.
    assert _run(root, out, resume=True, version_created="now").converted == 2
    stamped = (out / "undated.xml").read_bytes()
    assert b"2025-01-01" not in stamped and b"<versionCreated>" in stamped
    assert _run(root, out, resume=True, version_created="now").skipped == 2
    assert (out / "undated.xml").read_bytes() == stamped


def test_an_interrupted_jsonl_run_keeps_the_previous_errors_too(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl_lines(2) + b"{\n")
    out = tmp_path / "out.jsonl"
    run_batch(discover(feed), out, BatchOptions(targets=("jsonld",), jobs=1))
    previous = (tmp_path / "out.errors.jsonl").read_bytes()
    assert list(_errors(tmp_path / "out.errors.jsonl")) == ["line-3"]

    def interrupted():
        yield Job("line-1", b"{")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(interrupted(), out, BatchOptions(targets=("jsonld",), jobs=1))
    assert (tmp_path / "out.errors.jsonl").read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_jsonl_output_that_is_a_folder_is_refused_before_any_work(tmp_path):
    from newsml_export.errors import OutputError

    (tmp_path / "out.jsonl").mkdir()
    converted = []
    jobs = (converted.append(i) or Job(f"line-{i}", json.dumps(small(i)).encode()) for i in range(3))
    with pytest.raises(OutputError, match="is a folder: a JSONL output is one file"):
        run_batch(jobs, tmp_path / "out.jsonl", BatchOptions(targets=("jsonld",), jobs=1))
    assert converted == []


def test_linked_folders_are_followed_once_each_without_looping(tmp_path):
    root, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    (root / "real").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "real" / "a.json").write_text(json.dumps(small(1)))
    (elsewhere / "b.json").write_text(json.dumps(small(2)))
    (root / "linked").symlink_to(elsewhere)
    (root / "no-more").symlink_to(elsewhere)      # a second link to the same folder
    (root / "real" / "loop").symlink_to(root)       # back up the tree
    keys = [job.key for job in discover(root)]
    assert keys == ["linked/b.json", "real/a.json"]
    assert count_inputs(root) == 2
    assert _run(root, tmp_path / "out").converted == 2 and (tmp_path / "out" / "linked" / "b.xml").is_file()


def test_jsonl_output_is_in_input_order_with_any_workers_and_after_resume(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl_lines(60) + b"{\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(discover(feed), one, BatchOptions(targets=("jsonld",), jobs=1))
    run_batch(discover(feed), two, BatchOptions(targets=("jsonld",), jobs=2))
    assert [json.loads(line)["key"] for line in one.read_text().splitlines()] == [f"line-{i}" for i in range(1, 61)]
    assert two.read_bytes() == one.read_bytes()
    assert (tmp_path / "two.errors.jsonl").read_bytes() == (tmp_path / "one.errors.jsonl").read_bytes()
    # A resumed run carries the current lines over in their places: the same file as a fresh run.
    lines = feed.read_bytes().splitlines(keepends=True)
    for i in range(0, 60, 3):
        lines[i] = json.dumps({**small(i), "headline": f"Changed {i}"}).encode() + b"\n"
    feed.write_bytes(b"".join(lines))
    fresh = tmp_path / "fresh.jsonl"
    run_batch(discover(feed), fresh, BatchOptions(targets=("jsonld",), jobs=2))
    summary = run_batch(discover(feed), two, BatchOptions(targets=("jsonld",), jobs=2, resume=True))
    assert (summary.skipped, summary.converted, summary.failed) == (40, 20, 1)
    assert two.read_bytes() == fresh.read_bytes()


def test_results_wait_in_order_for_a_slow_article_in_a_bounded_buffer(tmp_path, monkeypatch):
    # Ordered output must not cost memory: while the first article takes long, the others that
    # finish wait for it, but at most 16 per worker, and no more input is read meanwhile.
    import time

    from newsml_export.batch.pool import READ_AHEAD

    root = tmp_path / "in"
    root.mkdir()
    for i in range(400):
        (root / f"a{i:03d}.json").write_text(json.dumps(small(i)))

    def slow_first(data, **kwargs):
        if kwargs["source"] == "a000.json":
            time.sleep(2)
        return convert_bytes(data, **kwargs)

    monkeypatch.setattr("newsml_export.pipeline.convert_bytes", slow_first)  # forked workers inherit it
    read = []

    def counted():
        for job in discover(root):
            read.append(job.key)
            yield job

    read_by_first_result: list[int] = []
    summary = run_batch(counted(), tmp_path / "out", BatchOptions(targets=("jsonld",), jobs=2),
                        progress=lambda summary, total: read_by_first_result.append(len(read)))
    assert summary.converted == 400
    limit = 2 * READ_AHEAD
    assert read_by_first_result[0] <= 2 * limit + 2, read_by_first_result[0]  # in flight or waiting, plus the read-ahead queue
    assert list(_manifest(tmp_path / "out")) == [f"a{i:03d}.json" for i in range(400)]


def test_a_named_pipe_as_input_is_a_jsonl_stream(tmp_path):
    # `batch <(zcat feed.jsonl.gz) out.jsonl`: the shell passes a pipe's name.
    import threading

    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    assert count_inputs(fifo) is None                       # counting would consume the stream

    def feed():
        with fifo.open("wb") as stream:
            stream.write(jsonl_lines(3))

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    summary = run_batch(discover(fifo), tmp_path / "out.jsonl", BatchOptions(targets=("jsonld",), jobs=1))
    writer.join(timeout=30)
    assert summary.converted == 3
    assert [json.loads(line)["key"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == ["line-1", "line-2", "line-3"]


def test_files_are_read_in_turn_and_only_streams_in_a_thread(tmp_path, monkeypatch):
    """With one worker, a reading thread only pays off for input that may block (stdin, a
    pipe): for files the two threads took turns at the GIL and cost ~10% of the conversion."""
    import newsml_export.batch.pool as pool

    root = tmp_path / "in"
    write_tree(root, 3)
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    assert discover(root).may_block is False and discover(fifo).may_block is True and discover("-").may_block is True
    threads: list[str] = []
    monkeypatch.setattr(pool, "_Prefetch", partial(_RecordedPrefetch, pool._Prefetch, threads))
    assert run_batch(discover(root), tmp_path / "a", BatchOptions(targets=("jsonld",), jobs=1)).converted == 3
    assert threads == []
    # An iterator of unknown origin may block: read in a thread, as stdin is.
    assert run_batch(iter(list(discover(root))), tmp_path / "b", BatchOptions(targets=("jsonld",), jobs=1)).converted == 3
    assert threads == ["started"]
    assert [p.read_bytes() for p in sorted((tmp_path / "a").rglob("*.jsonld"))] == \
        [p.read_bytes() for p in sorted((tmp_path / "b").rglob("*.jsonld"))]


def _RecordedPrefetch(real, threads, *args, **kwargs):  # noqa: N802 - stands in for a class
    threads.append("started")
    return real(*args, **kwargs)
