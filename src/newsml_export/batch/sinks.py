"""Where a batch's outputs go, and the ledgers that make it resumable.

A **folder** mirrors the input tree (``a/b.txt`` → ``a/b.jsonld``, ``a/b.xml``...), each file
written atomically by the worker that made it. Beside them:

- ``errors.jsonl``: one line per article that did not convert in this run (file, stage, error,
  message, and ``removed``: the outputs an earlier run had made of it, now deleted so that the
  folder never shows a valid-looking output of an input that no longer converts; ``kept``:
  those that could not be deleted, and why);
- ``.newsml-export-manifest.jsonl``: one line per converted article, with the hash of what went
  in (input, sidecar, options, tool version) and of each output. ``--resume`` skips an article
  whose input hash is unchanged and whose outputs are on disk with the recorded hashes. Lines
  are appended and flushed as each article completes, after its files are in place, so a
  killed run loses at most the articles in flight.

Outputs are renamed into place but not fsynced one by one: that cost 4 ms a file on the
benchmark machine, more than converting the article. A kill cannot leave a partial file either
way; after a power loss, ``--resume`` finds any output whose bytes did not reach the disk by its
hash (the manifest records every output's sha256) and converts that article again.

A **JSONL file** gets one line per converted article: ``{"key", "input_sha256", <target>: the
output as a string}`` (strings, so each output is byte for byte what was validated). It is
written to a temporary file renamed into place at the end, and so are its errors
(``<name>.errors.jsonl`` beside it): an interrupted run leaves the previous pair, or none.
``--resume`` carries over the lines of the previous file whose input hash is unchanged, each in
its place: results come in input order (see :mod:`.pool`), so the file is the one a fresh run
would write.

Every line is JSON in UTF-8, even for a file name that is not UTF-8 (see :data:`NAME_ESCAPES`).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from ..errors import OutputError
from ..fileio import AtomicFile, write_atomically
from ..pipeline import TARGET_SUFFIXES, TARGETS, Target
from .inputs import JSONL_SUFFIXES, Job
from .worker import Result

__all__ = ["ERRORS", "MANIFEST", "NAME_ESCAPES", "DirectorySink", "JsonlSink", "Plan", "input_hash", "is_jsonl_output",
           "ledgers", "output_paths"]

MANIFEST = ".newsml-export-manifest.jsonl"
ERRORS = "errors.jsonl"

NAME_ESCAPES = "backslashreplace"
"""How the ledgers and a JSONL output write a file name that is not valid UTF-8 (a Latin-1
``café.txt``). Python names it as :func:`os.fsdecode` does, each byte that is not UTF-8 as a
lone surrogate (0xE9 → U+DCE9), which UTF-8 cannot encode; written with this error handler it
becomes ``\\udce9``, which inside a JSON string (the only place JSON text holds one) is that
character's JSON escape. So every line stays valid JSON in valid UTF-8, and ``json.loads``
gives the same name back (:func:`os.fsencode` of it: the original bytes), which is what
``--resume`` compares."""

Plan = dict[Target, Path] | None | str
"""What a sink says about a job: the files to write (a folder), None (send the bytes back: JSONL),
``"skip"`` (current from an earlier run), ``"carry"`` (current, and the sink copies the earlier
output in its place: it is recorded as ``skipped``), or any other string: why the job cannot
run."""


def is_jsonl_output(out: Path) -> bool:
    return out.suffix.lower() in JSONL_SUFFIXES


def ledgers(out: Path) -> dict[Path, str]:
    """The files a batch into ``out`` writes whatever its inputs are, each with what it is:
    a JSONL output and its errors file, or a folder's errors file and manifest (the outputs
    in a folder are named after the inputs)."""
    if is_jsonl_output(out):
        return {out: "OUT", _jsonl_errors(out): "OUT's errors file"}
    return {out / ERRORS: "OUT's errors file", out / MANIFEST: "OUT's manifest"}


def _jsonl_errors(out_file: Path) -> Path:
    return out_file.with_name(f"{out_file.stem}.errors{out_file.suffix}")


def input_hash(job: Job, targets: tuple[Target, ...], body: str, version_created: datetime | str | None = None) -> str:
    """Everything an article's outputs depend on: its bytes, its sidecar's, the options and the
    tool's version (a new version may write different bytes). ``version_created`` as the run
    was given it: "now" is the same option in every run."""
    from .. import __version__

    options = (targets, body) if version_created is None else (targets, body, str(version_created))
    digest = hashlib.sha256()
    for part in (job.data, job.meta or b"", repr(options).encode(), __version__.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def output_paths(out_dir: Path, key: str, targets: tuple[Target, ...]) -> dict[Target, Path]:
    base = key.rsplit(".", 1)[0] if "." in Path(key).name else key
    return {target: out_dir / f"{base}{TARGET_SUFFIXES[target]}" for target in targets}


def _append(stream: TextIO, entry: dict[str, Any]) -> None:
    try:
        stream.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        stream.flush()
    except OSError as exc:  # a full disk stops the run: the ledgers are what --resume trusts
        raise OutputError(f"cannot write: {exc.strerror}", path=stream.name) from None


def _open_ledger(path: Path, mode: str) -> TextIO:
    try:
        return path.open(mode, encoding="utf-8", errors=NAME_ESCAPES)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=str(path)) from None


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    entries = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut short by a kill: that article is simply redone
    return entries


def _remove_stale_temporaries(out_dir: Path) -> None:
    """A run killed outright (SIGKILL, power loss) can leave the hidden temporary file of an
    output it was writing (``.a.jsonld.k3j2.tmp``), never the output itself. The next run
    removes them."""
    suffixes = tuple(f"{suffix}." for suffix in TARGET_SUFFIXES.values())
    for folder, _dirs, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp") and any(s in name for s in suffixes):
                Path(folder, name).unlink(missing_ok=True)


class DirectorySink:
    def __init__(self, out_dir: Path, targets: tuple[Target, ...], *, resume: bool) -> None:
        self.out_dir, self.targets = out_dir, targets
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot make the output folder: {exc.strerror}", path=str(out_dir)) from None
        _remove_stale_temporaries(out_dir)
        self._manifest: dict[str, dict[str, Any]] = {}
        if resume:
            self._manifest = {entry["key"]: entry for entry in _read_jsonl(out_dir / MANIFEST) if "key" in entry}
            # Compacted, so the ledger does not grow with every resumed run.
            write_atomically(out_dir / MANIFEST, "".join(
                json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in self._manifest.values()
            ).encode("utf-8", NAME_ESCAPES))
        # Hashes of the output paths handed out so far: two inputs that would write the same
        # file (a.txt and a.json) are caught, at 50 bytes an article rather than two paths'.
        self._claimed: set[int] = set()
        self._manifest_file = _open_ledger(out_dir / MANIFEST, "a" if resume else "w")
        # Errors are this run's: an article that failed before and is redone is recorded again.
        self._errors_file = _open_ledger(out_dir / ERRORS, "w")

    @property
    def errors_path(self) -> Path:
        return self.out_dir / ERRORS

    def plan(self, job: Job, digest: str) -> Plan:
        paths = output_paths(self.out_dir, job.key, self.targets)
        claim = hash(str(next(iter(paths.values())).with_suffix("")))
        if claim in self._claimed:
            return f"another input in its folder has the same name before the suffix: its outputs ({', '.join(p.name for p in paths.values())}) would overwrite that one's; rename one of them"
        self._claimed.add(claim)
        if job.unreadable is None and self._is_current(self._manifest.get(job.key), digest, paths):
            return "skip"
        return paths

    def _is_current(self, entry: dict[str, Any] | None, digest: str, paths: dict[Target, Path]) -> bool:
        if entry is None or entry.get("input") != digest:
            return False
        for target, path in paths.items():
            recorded = entry.get("outputs", {}).get(target)
            if recorded is None or not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != recorded:
                return False
        return True

    def record(self, result: Result, digest: str) -> None:
        if result.outcome == "converted":
            _append(self._manifest_file, {"key": result.key, "input": digest, "outputs": result.hashes})
            return
        entry: dict[str, Any] = {"file": result.key, **(result.error or {})}
        # Past planning, the paths are this input's own (it claimed them first, readable or
        # not); refused at planning, they are another input's: never touched. A worker that
        # died (stage internal) says nothing about the input: its outputs stay.
        if entry.get("stage") not in ("plan", "internal"):
            removed, kept = self._remove_outputs(result.key)
            if removed:
                entry["removed"] = removed
            if kept:
                entry["kept"] = kept
        _append(self._errors_file, entry)

    def _remove_outputs(self, key: str) -> tuple[list[str], list[str]]:
        """Delete what an earlier run wrote for ``key`` (or what this one wrote before a later
        target failed): the folder mirrors the inputs, and an input that no longer converts
        must not leave a valid-looking output behind, for downstream readers to take as current.
        These are the paths a successful run would overwrite (with any targets: an earlier run
        may have made others than this one), so nothing else is ever removed. Returns the paths
        removed, and those that could not be (reported, never fatal)."""
        removed, kept = [], []
        for path in output_paths(self.out_dir, key, TARGETS).values():
            name = path.relative_to(self.out_dir).as_posix()
            if not path.is_file():
                continue
            try:
                path.unlink()
            except OSError as exc:
                kept.append(f"{name}: {exc.strerror}")
                continue
            removed.append(name)
        return removed, kept

    def close(self, *, complete: bool) -> None:
        self._manifest_file.close()
        self._errors_file.close()


class JsonlSink:
    def __init__(self, out_file: Path, targets: tuple[Target, ...], *, resume: bool) -> None:
        self.out_file, self.targets = out_file, targets
        for path in (out_file, self.errors_path):
            if path.is_dir():  # found now, not when the finished file cannot be renamed onto it
                raise OutputError("is a folder: a JSONL output is one file", path=str(path))
        # Where each line of the previous file is, by key: a current one is copied over in its place.
        self._previous: dict[str, tuple[str, int, int]] = self._index(out_file) if resume else {}
        self._previous_file: BinaryIO | None = None
        # Both renamed into place when the run completes: an interrupted run leaves the previous
        # output and its errors, which still describe each other.
        self._out = AtomicFile(out_file)  # makes the folder, or raises OutputError
        try:
            self._errors = AtomicFile(self.errors_path)
        except OutputError:
            self._out.discard()
            raise

    @property
    def errors_path(self) -> Path:
        return _jsonl_errors(self.out_file)

    @staticmethod
    def _index(path: Path) -> dict[str, tuple[str, int, int]]:
        index: dict[str, tuple[str, int, int]] = {}
        if not path.is_file():
            return index
        with path.open("rb") as stream:
            offset = 0
            for line in stream:
                try:
                    entry = json.loads(line)
                    index[entry["key"]] = (entry["input_sha256"], offset, len(line))
                except (ValueError, KeyError, TypeError):
                    pass
                offset += len(line)
        return index

    def plan(self, job: Job, digest: str) -> Plan:
        previous = self._previous.get(job.key)
        return "carry" if job.unreadable is None and previous is not None and previous[0] == digest else None

    def record(self, result: Result, digest: str) -> None:
        if result.outcome == "skipped":
            self._carry(result.key)
            return
        if result.outcome != "converted":
            self._write(self._errors, json.dumps({"file": result.key, **(result.error or {})}, ensure_ascii=False, sort_keys=True))
            return
        entry: dict[str, Any] = {"key": result.key, "input_sha256": digest}
        entry.update((target, data.decode("utf-8")) for target, data in (result.outputs or {}).items())
        self._write(self._out, json.dumps(entry, ensure_ascii=False))

    @staticmethod
    def _write(file: AtomicFile, line: str) -> None:
        try:
            file.stream.write((line + "\n").encode("utf-8", NAME_ESCAPES))
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror}", path=str(file.path)) from None

    def _carry(self, key: str) -> None:
        """The previous file's line for ``key``, copied as it is (it stays in place, under its own
        name, until this run's file replaces it at the end)."""
        _, offset, length = self._previous[key]
        try:
            if self._previous_file is None:
                self._previous_file = self.out_file.open("rb")
            self._previous_file.seek(offset)
            line = self._previous_file.read(length)
            self._out.stream.write(line if line.endswith(b"\n") else line + b"\n")
        except OSError as exc:
            raise OutputError(f"cannot carry over a line of the previous file: {exc.strerror}", path=str(self.out_file)) from None

    def close(self, *, complete: bool) -> None:
        if self._previous_file is not None:
            self._previous_file.close()
        if not complete:
            self._out.discard()
            self._errors.discard()
            return
        try:
            self._out.commit()
        except BaseException:
            self._errors.discard()
            raise
        self._errors.commit()
