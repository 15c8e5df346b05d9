"""Many articles at once: in parallel worker processes, resumable, one bad article never
stopping the rest.

The unit of work is :func:`newsml_export.pipeline.convert_bytes` (bytes in, validated bytes
out). This package finds the inputs (:mod:`.inputs`), converts them in worker processes
(:mod:`.worker`), and hands the results to a sink (:mod:`.sinks`: a folder mirroring the input
tree, or a JSONL file) that keeps the ledgers ``errors.jsonl`` and, for a folder, the manifest
that ``--resume`` reads.

Workers are processes (:mod:`.pool`); at most ``16 × workers`` articles are read ahead of them,
so memory stays flat however large the corpus.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from ..pipeline import Target
from .inputs import Job, count_inputs, discover
from .pool import forks, results
from .sinks import DirectorySink, JsonlSink, Plan, input_hash, is_jsonl_output
from .worker import Result, Task, warm_up

__all__ = ["FAILURES_KEPT", "BatchOptions", "BatchSummary", "Job", "count_inputs", "discover", "run_batch"]

FAILURES_KEPT = 1000
"""Failures also kept in memory, in the summary; a long run's memory stays flat past that."""


@dataclass(frozen=True)
class BatchOptions:
    targets: tuple[Target, ...] = ("jsonld", "newsml")
    body: str = "xhtml"
    jobs: int = 0
    """Worker processes; 0: one per CPU."""
    resume: bool = False
    version_created: datetime | Literal["now"] | None = None
    """``itemMeta/versionCreated`` of NewsML-G2 items whose article has no date of its own (as
    ``convert --version-created``). ``"now"`` is the run's start, one instant for all of its
    articles; to ``--resume`` it is the same option in every run, so the articles an
    interrupted run converted are not redone for a later "now"."""

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    def version_created_at(self, started: datetime) -> datetime | None:
        return started if self.version_created == "now" else self.version_created


@dataclass
class BatchSummary:
    converted: int = 0
    skipped: int = 0
    invalid: int = 0
    """Articles no valid output could be made of: the format cannot express them (no date for
    NewsML-G2), or what was built failed its own validation (and was not written)."""
    failed: int = 0
    """Inputs that could not be read as an article, outputs that could not be written, and
    internal errors."""
    seconds: float = 0.0
    errors_path: Path | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)
    """The first :data:`FAILURES_KEPT` lines of the errors ledger (all of them are in the file)."""

    @property
    def done(self) -> int:
        return self.converted + self.invalid + self.failed

    @property
    def rate(self) -> float:
        """Articles per second, skipped ones left out."""
        return self.done / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        return self.invalid == 0 and self.failed == 0

    def count(self, result: Result) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        if result.error is not None and len(self.failures) < FAILURES_KEPT:
            self.failures.append({"file": result.key, **result.error})


Progress = Callable[[BatchSummary, "int | None"], None]


def run_batch(
    jobs: Iterable[Job],
    out: Path,
    options: BatchOptions,
    *,
    progress: Progress | None = None,
    total: int | None = None,
) -> BatchSummary:
    """Convert every job into ``out`` (a folder, or a ``.jsonl`` file); returns the counts.

    Never raises for a bad article. Raises :class:`~newsml_export.errors.SchemaError` (before
    any article) when the installation itself is broken, e.g. a corrupt official schema.

    Called from the main thread, it handles Ctrl-C (SIGINT) itself: no new article is started,
    those in flight are finished and recorded, then ``KeyboardInterrupt`` is raised. A second
    Ctrl-C stops at once. Either way no output file is left half-written."""
    if options.workers == 1 or forks():
        # Compiled here once: forked workers inherit the caches (each its own copy).
        warm_up(options.targets, options.body)
    sink = (JsonlSink if is_jsonl_output(out) else DirectorySink)(out, options.targets, resume=options.resume)
    summary = BatchSummary(errors_path=sink.errors_path)
    planner = _Planner(sink, options, summary, datetime.now(timezone.utc).replace(microsecond=0))
    started = time.perf_counter()
    complete = False
    stop = threading.Event()
    restore = _on_interrupt(stop)
    try:
        for result in results(planner.tasks(jobs, stop), options.workers, options.targets, options.body, stop,
                              reads_may_block=getattr(jobs, "may_block", not isinstance(jobs, Collection))):
            sink.record(result, planner.digests.pop(result.key))
            summary.count(result)
            summary.seconds = time.perf_counter() - started
            if progress is not None:
                progress(summary, total)
        complete = not stop.is_set()
    finally:
        restore()
        sink.close(complete=complete)
        summary.seconds = time.perf_counter() - started
    if stop.is_set():
        raise KeyboardInterrupt
    return summary


class _Planner:
    """Jobs into tasks: the sink says where each one's outputs go, or that it is current. Tasks
    are pulled one at a time as workers free up (see pool.results), so the read-ahead stays
    bounded; each one's input hash is kept until its result is recorded."""

    def __init__(self, sink: DirectorySink | JsonlSink, options: BatchOptions, summary: BatchSummary,
                 started: datetime) -> None:
        self.sink, self.options, self.summary = sink, options, summary
        self.version_created = options.version_created_at(started)
        self.digests: dict[str, str] = {}

    def tasks(self, jobs: Iterable[Job], stop: threading.Event) -> Iterator[Task]:
        for job in jobs:
            if stop.is_set():
                return
            digest = input_hash(job, self.options.targets, self.options.body, self.options.version_created)
            # An unreadable input claims its output names too (it fails to read, and removes
            # its earlier outputs only if it owns them: see sinks.DirectorySink.record).
            plan = self.sink.plan(job, digest)
            if plan == "skip":
                self.summary.skipped += 1
                continue
            self.digests[job.key] = digest
            yield self._task(job, plan)

    def _task(self, job: Job, plan: Plan) -> Task:
        targets, body = self.options.targets, self.options.body
        if plan == "carry":  # nothing to convert, but its place in the output is kept
            return Task(Job(job.key, b""), targets, body, None, current=True)
        if isinstance(plan, str):
            return Task(job, targets, body, None, refused=plan)
        return Task(job, targets, body, plan, version_created=self.version_created)


def _on_interrupt(stop: threading.Event) -> Callable[[], None]:
    """The first SIGINT sets ``stop``; a second one interrupts at once. Returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, handler)
    return lambda: signal.signal(signal.SIGINT, previous)
