"""The worker side of a batch: one article in, its outputs (or its error) out.

Runs in worker processes. Everything a worker compiles (JSON Schemas, XSDs, the Schematron's
XSLT, vocabulary tables, catalogs) is cached in that process by the validators themselves, and
:func:`warm_up` fills those caches before the first article, so no article pays for them and
nothing compiled is shared between processes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from ..pipeline import Target
from .inputs import Job

__all__ = ["Outcome", "Result", "Task", "convert", "convert_chunk", "warm_up"]

Outcome = Literal["converted", "skipped", "invalid", "failed"]

# The smallest article that still exercises every check: a speaker, a quote, a date.
_WARM_UP: dict[str, Any] = {
    "id": "urn:newsml:newsml-export.dev:warm-up", "language": "en", "headline": "Warm-up",
    "published": "2022-02-05T12:00:00+01:00",
    "body": [{"kind": "paragraph", "text": "Ann Smith said: “It works.”"}],
    "people": [{"id": "ann", "name": "Ann Smith"}],
    "quotes": [{"id": "q1", "text": "It works.", "speaker_id": "ann"}],
}


@dataclass(frozen=True)
class Task:
    """A job plus where its outputs go: files (written by the worker, atomically) or, when
    ``paths`` is None, back to the parent as bytes (JSONL output)."""

    job: Job
    targets: tuple[Target, ...]
    body: str
    paths: dict[Target, Path] | None
    refused: str | None = None
    """Why the job is not converted at all (e.g. its outputs would overwrite another's)."""
    version_created: datetime | None = None
    """For NewsML-G2 when the article has no date (see ``BatchOptions.version_created``)."""
    current: bool = False
    """Its output is current from an earlier run (``--resume``): nothing to convert, but it keeps
    its place in the order of results, where a JSONL output copies its earlier line."""


@dataclass(frozen=True)
class Result:
    key: str
    outcome: Outcome
    hashes: dict[str, str] | None = None
    """sha256 of each output, when converted."""
    outputs: dict[str, bytes] | None = None
    """The outputs themselves, when the parent writes them."""
    error: dict[str, Any] | None = None
    """``stage``, ``error`` (its type) and ``message``, when not converted; an input's error also
    its ``line``, ``column``, ``location`` and ``encoding`` where known (see :func:`_failure`)."""


def warm_up(targets: tuple[Target, ...], body: str) -> None:
    """Compile every schema the targets need, in this process, before the first article.
    Raises what a broken installation raises (e.g. a corrupt official schema): better once, at
    the start, than once per article."""
    from ..model import Article
    from ..pipeline import export_all
    from ..validation.json_schema import compiled

    # Not through the readers: the warm-up article is ours, whatever limits inputs are held to.
    compiled("article.schema.json"), compiled("article.schema.json", partial=True)
    export_all([Article.model_validate(_WARM_UP)], targets, body=body)  # type: ignore[arg-type]


def convert(task: Task) -> Result:
    """Never raises for a bad article: its error becomes the result."""
    from ..errors import ExportError, InputError, NewsmlExportError, OutputError
    from ..fileio import write_atomically
    from ..pipeline import convert_bytes

    job = task.job
    if task.current:
        return Result(job.key, "skipped")
    if task.refused is not None:
        return Result(job.key, "failed", error={"stage": "plan", "error": "OutputError", "message": task.refused})
    if job.unreadable is not None:
        return _failure(job, "failed", "read", job.unreadable)
    try:
        outputs = convert_bytes(job.data, source=job.key, targets=task.targets, meta=job.meta,
                                meta_source=job.meta_source, body=task.body,  # type: ignore[arg-type]
                                version_created=task.version_created)
        if task.paths is not None:
            for target, data in outputs.items():
                # Renamed into place, not fsynced: see sinks.DirectorySink.close.
                write_atomically(task.paths[target], data, durable=False)
    except InputError as exc:
        return _failure(job, "failed", "read", exc)
    except ExportError as exc:
        # The article cannot be made into a valid output: the format cannot express it, or (with
        # issues) what was built failed its own validation and was not written.
        return _failure(job, "invalid", "validate" if exc.issues else "export", exc)
    except OutputError as exc:
        return _failure(job, "failed", "write", exc)
    except NewsmlExportError as exc:
        return _failure(job, "failed", "convert", exc)
    except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the batch
        return _failure(job, "failed", "internal", exc, f"internal error: {type(exc).__name__}: {exc}")
    hashes = {target: hashlib.sha256(data).hexdigest() for target, data in outputs.items()}
    return Result(job.key, "converted", hashes, None if task.paths is not None else dict(outputs))


def convert_chunk(tasks: list[Task]) -> list[Result]:
    """Several tasks in one hand-off to a worker (see pool.CHUNK)."""
    return [convert(task) for task in tasks]


def _failure(job: Job, outcome: Outcome, stage: str, exc: Exception, message: str | None = None) -> Result:
    """The error as the ledgers record it: its class, its message rendered here and nowhere
    else, and an input error's whereabouts as data, for a program to act on without parsing the
    message. A plain dict: any exception's result crosses back to the parent, however it pickles."""
    from ..errors import InputError

    error: dict[str, Any] = {"stage": stage, "error": type(exc).__name__, "message": message or str(exc)}
    if isinstance(exc, InputError):
        fields = {"line": exc.line, "column": exc.column, "location": exc.path, "encoding": getattr(exc, "encoding", None)}
        error.update((name, value) for name, value in fields.items() if value is not None)
    return Result(job.key, outcome, error=error)
