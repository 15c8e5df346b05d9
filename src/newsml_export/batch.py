"""Many articles at once: in parallel worker processes, resumable, one bad article never
stopping the rest.

The unit of work is :func:`newsml_export.pipeline.convert_bytes` (bytes in, bytes out). This
module only finds the inputs, hands them to workers, writes outputs atomically and keeps two
ledgers in the output folder:

- ``errors.jsonl``: one line per article that failed (file, stage, message);
- ``.newsml-export-manifest.jsonl``: one line per converted article with the hash of what went
  in (input, sidecar, options, tool version) and of each output. ``resume`` skips an article
  whose recorded input hash is unchanged and whose outputs are still on disk with the recorded
  hashes. Lines are appended and flushed as each article completes, so a killed run loses at
  most the articles in flight.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .fileio import write_atomically
from .pipeline import TARGET_SUFFIXES, Target

__all__ = ["BatchOptions", "BatchSummary", "Job", "discover", "run_batch"]

MANIFEST = ".newsml-export-manifest.jsonl"
ERRORS = "errors.jsonl"
_INPUT_SUFFIXES = (".txt", ".json", ".yaml", ".yml", ".jsonld", ".html", ".htm", ".xml")
_SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


@dataclass(frozen=True)
class Job:
    """One article to convert: ``key`` names it in outputs and ledgers (a relative path, or
    ``line-N`` for JSONL input)."""

    key: str
    data: bytes
    meta: bytes | None = None
    meta_source: str | None = None


@dataclass(frozen=True)
class BatchOptions:
    targets: tuple[Target, ...] = ("jsonld", "newsml")
    body: str = "xhtml"
    jobs: int = 0  # 0: one worker per CPU
    resume: bool = False


@dataclass
class BatchSummary:
    converted: int = 0
    skipped: int = 0
    invalid: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        done = self.converted + self.invalid + self.failed
        return done / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        return self.invalid == 0 and self.failed == 0


# -- inputs ----------------------------------------------------------------------------------


def discover(source: Path | str) -> Iterator[Job]:
    """Jobs from a directory tree (article files; a ``.txt`` takes its sidecar along), a JSONL
    file, or ``-`` (JSONL on stdin). Sorted, so runs are reproducible."""
    if str(source) == "-":
        yield from _jsonl_jobs(sys.stdin.buffer)
        return
    path = Path(source)
    if path.is_file():
        with path.open("rb") as stream:
            yield from _jsonl_jobs(stream)
        return
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        name = file.name.lower()
        if name.endswith(_SIDECAR_SUFFIXES) or not name.endswith(_INPUT_SUFFIXES) or file.name in (ERRORS,):
            continue
        key = file.relative_to(path).as_posix()
        meta_path = _sidecar_of(file) if name.endswith(".txt") else None
        yield Job(key, file.read_bytes(), meta_path.read_bytes() if meta_path else None, str(meta_path) if meta_path else None)


def _sidecar_of(text_file: Path) -> Path | None:
    stem = text_file.name.rsplit(".", 1)[0]
    for suffix in _SIDECAR_SUFFIXES:
        candidate = text_file.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def _jsonl_jobs(stream: Any) -> Iterator[Job]:
    # Each line is one JSON document: a canonical article or JSON-LD, detected per line.
    for number, line in enumerate(stream, 1):
        if line.strip():
            yield Job(f"line-{number}", line.rstrip(b"\r\n"))


# -- the worker side ---------------------------------------------------------------------------


def _warm_up(targets: Sequence[Target]) -> None:
    """Per worker process: compile schemas and load vocabularies once, before the first article."""
    from .pipeline import validate_output

    for target in targets:
        try:
            validate_output(b"", target)
        except Exception:  # noqa: BLE001 - warming only; real errors surface per article
            pass


def _convert(job: Job, options: BatchOptions) -> tuple[str, str, dict[str, bytes] | dict[str, str]]:
    """(key, outcome, outputs-or-error) where outcome is converted / invalid / failed."""
    from .errors import ExportError, NewsmlExportError
    from .pipeline import convert_bytes

    try:
        outputs = convert_bytes(
            job.data, source=job.key, targets=options.targets, meta=job.meta, meta_source=job.meta_source,
            body=options.body,  # type: ignore[arg-type]
        )
    except ExportError as exc:
        return job.key, "invalid", {"stage": "validate", "message": str(exc)}
    except NewsmlExportError as exc:
        return job.key, "failed", {"stage": "read", "message": str(exc)}
    except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the batch
        return job.key, "failed", {"stage": "convert", "message": f"internal error: {type(exc).__name__}: {exc}"}
    return job.key, "converted", dict(outputs)


def _worker_init(targets: Sequence[Target]) -> None:
    _warm_up(targets)


def _worker_run(args: tuple[Job, BatchOptions]) -> tuple[str, str, Any]:
    return _convert(*args)


# -- the parent side ---------------------------------------------------------------------------


def input_hash(job: Job, options: BatchOptions) -> str:
    from . import __version__

    digest = hashlib.sha256()
    for part in (job.data, job.meta or b"", repr((options.targets, options.body)).encode(), __version__.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def output_paths(out_dir: Path, key: str, targets: Iterable[Target]) -> dict[Target, Path]:
    base = key.rsplit(".", 1)[0] if "." in Path(key).name else key
    return {target: out_dir / f"{base}{TARGET_SUFFIXES[target]}" for target in targets}


def _load_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    manifest: dict[str, dict[str, Any]] = {}
    path = out_dir / MANIFEST
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a kill: that article is simply redone
            manifest[entry["key"]] = entry
    return manifest


def _remove_stale_temporaries(out_dir: Path) -> None:
    """A run killed outright (SIGKILL, power loss) can leave the hidden temporary file of an
    output it was writing (``.a.jsonld.k3j2.tmp``, see fileio.py), never the output itself."""
    suffixes = tuple(f"{suffix}." for suffix in TARGET_SUFFIXES.values())
    for folder, _dirs, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp") and any(s in name for s in suffixes):
                Path(folder, name).unlink(missing_ok=True)


def _is_current(entry: dict[str, Any] | None, digest: str, paths: dict[Target, Path]) -> bool:
    if entry is None or entry.get("input") != digest:
        return False
    for target, path in paths.items():
        recorded = entry.get("outputs", {}).get(target)
        if recorded is None or not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != recorded:
            return False
    return True


def run_batch(
    jobs: Iterable[Job],
    out_dir: Path,
    options: BatchOptions,
    *,
    progress: Callable[[BatchSummary, int | None], None] | None = None,
    total: int | None = None,
) -> BatchSummary:
    """Convert every job into ``out_dir``; returns the counts. Never raises for a bad article."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    manifest = _load_manifest(out_dir) if options.resume else {}
    if options.resume:
        # Rewritten without the line a kill may have cut short, so that the next line appended
        # is not glued onto it (and lost to the next resume).
        write_atomically(out_dir / MANIFEST, "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                                                     for e in manifest.values()).encode("utf-8"))
    summary = BatchSummary()
    started = time.perf_counter()
    digests: dict[str, str] = {}
    workers = options.jobs or os.cpu_count() or 1
    # At most this many articles are read ahead of the workers: memory stays flat however
    # large the corpus.
    in_flight = threading.BoundedSemaphore(workers * 16)

    def pending() -> Iterator[tuple[Job, BatchOptions]]:
        for job in jobs:
            digest = input_hash(job, options)
            if options.resume and _is_current(manifest.get(job.key), digest, output_paths(out_dir, job.key, options.targets)):
                summary.skipped += 1
                continue
            digests[job.key] = digest
            in_flight.acquire()
            yield job, options

    mode = "a" if options.resume else "w"
    with (out_dir / MANIFEST).open(mode, encoding="utf-8") as manifest_file, \
            (out_dir / ERRORS).open(mode, encoding="utf-8") as errors_file:
        for key, outcome, payload in _results(pending(), workers, options.targets):
            in_flight.release()
            if outcome == "converted":
                _record_outputs(out_dir, key, digests.pop(key), payload, manifest_file)
                summary.converted += 1
            else:
                digests.pop(key, None)
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                failure = {"file": key, **payload}
                summary.failures.append(failure)
                _append_line(errors_file, failure)
            summary.seconds = time.perf_counter() - started
            if progress is not None:
                progress(summary, total)
    summary.seconds = time.perf_counter() - started
    return summary


def _results(pending: Iterator[tuple[Job, BatchOptions]], workers: int, targets: Sequence[Target]) -> Iterator[tuple[str, str, Any]]:
    if workers == 1:
        _warm_up(targets)
        for item in pending:
            yield _worker_run(item)
        return
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(workers, initializer=_worker_init, initargs=(targets,)) as pool:
        yield from pool.imap_unordered(_worker_run, pending, chunksize=4)


def _record_outputs(out_dir: Path, key: str, digest: str, outputs: dict[str, bytes], manifest_file: TextIO) -> None:
    paths = output_paths(out_dir, key, outputs)  # type: ignore[arg-type]
    for target, data in outputs.items():
        write_atomically(paths[target], data)  # type: ignore[index]
    entry = {"key": key, "input": digest, "outputs": {t: hashlib.sha256(d).hexdigest() for t, d in outputs.items()}}
    _append_line(manifest_file, entry)


def _append_line(stream: TextIO, entry: dict[str, Any]) -> None:
    stream.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
    stream.flush()
