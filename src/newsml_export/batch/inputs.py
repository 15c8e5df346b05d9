"""What a batch reads: a directory tree of article files, or a JSONL stream (a file or stdin).

Inputs are found lazily and in a stable order (sorted per directory), so memory stays flat
however many there are and two runs over the same tree see the same sequence.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..readers import SIDECAR_SUFFIXES, find_sidecar
from ..readers import read_file

__all__ = ["INPUT_SUFFIXES", "JSONL_SUFFIXES", "Job", "Jobs", "count_inputs", "discover"]

# Scraped text (+ sidecar), canonical articles, JSON-LD (or pages carrying it), NewsML-G2.
INPUT_SUFFIXES = (".txt", ".json", ".yaml", ".yml", ".jsonld", ".html", ".htm", ".xml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
"""What the command line takes as a JSONL file, IN or OUT (:func:`discover` reads any file given
to it as JSONL)."""


@dataclass(frozen=True)
class Job:
    """One input to convert. ``key`` names it in outputs and ledgers: its path relative to the
    input folder, or ``line-N`` for line N of a JSONL stream."""

    key: str
    data: bytes
    meta: bytes | None = None
    meta_source: str | None = None
    unreadable: InputError | None = None
    """Why the input could not be read (removed since it was listed, a dangling link, no
    permission; a JSONL line that is not a JSON document): the job is reported as a ``read``
    failure, never converted. The error itself, rendered where the ledger line is made."""


class Jobs(Iterator[Job]):
    """The jobs :func:`discover` finds, and whether taking the next one may wait on a stream
    (stdin, a pipe) for as long as its writer likes: only then must a batch read in a thread of
    its own to stay stoppable (pool.results). Files are read in the time a file takes."""

    def __init__(self, jobs: Iterator[Job], *, may_block: bool) -> None:
        self._jobs = jobs
        self.may_block = may_block

    def __next__(self) -> Job:
        return next(self._jobs)


def discover(source: Path | str, *, exclude: Path | None = None) -> Jobs:
    """Jobs from a directory tree (a ``.txt`` takes its sidecar along; sidecars, hidden files and
    folders, and the folder ``exclude`` (the output folder) with what lies in it, reached by
    path or through a link, are left out; linked folders are followed, each folder once), a
    JSONL file or a named pipe (``<(zcat feed.gz)``), or ``-`` (JSONL on stdin)."""
    regular = str(source) != "-" and (os.path.isdir(source) or os.path.isfile(source))
    return Jobs(_discovered(source, exclude), may_block=not regular)


def _discovered(source: Path | str, exclude: Path | None) -> Iterator[Job]:
    if str(source) == "-":
        try:
            lines: Iterable[bytes] = _descriptor_lines(sys.stdin.fileno())
        except (AttributeError, ValueError, io.UnsupportedOperation):  # a stand-in stdin, e.g. in tests
            lines = sys.stdin.buffer
        yield from _jsonl_jobs(lines)
        return
    path = _existing(source)
    if path.is_dir():
        for file in _article_files(path, exclude):
            yield _file_job(file, file.relative_to(path).as_posix())
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(source)) from None
    try:
        yield from _jsonl_jobs(_descriptor_lines(fd))
    finally:
        os.close(fd)


def count_inputs(source: Path | str, *, exclude: Path | None = None) -> int | None:
    """How many jobs :func:`discover` will give, found cheaply (names only for a tree, newlines
    for a JSONL file), so progress can show an ETA; None for stdin or a pipe (counting would
    consume it) or a file that cannot be read (:func:`discover` says why)."""
    if str(source) == "-":
        return None
    path = _existing(source)
    if path.is_dir():
        return sum(1 for _ in _article_files(path, exclude))
    if not path.is_file():
        return None
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return None
    return lines + (last != b"\n")


def _existing(source: Path | str) -> Path:
    path = Path(source)
    if not path.exists():
        raise InputError("no such file or folder", source=str(source))
    return path


def _file_job(file: Path, key: str) -> Job:
    # A file can go between listing and reading (a watched inbox), or never have been readable:
    # one bad input is one failed job, never the end of the run.
    meta = find_sidecar(file) if file.name.lower().endswith(".txt") else None
    try:
        if file.exists() and not file.is_file():  # a pipe would block the run forever
            raise InputError("not a regular file", source=str(file))
        # A sidecar found by its name, not given: a pipe there is refused too.
        return Job(key, read_file(file), read_file(meta, regular_only=True) if meta is not None else None,
                   str(meta) if meta is not None else None)
    except InputError as exc:
        return Job(key, b"", unreadable=exc)


def _article_files(root: Path, exclude: Path | None) -> Iterator[Path]:
    excluded = exclude.resolve() if exclude is not None else None
    # What lies in the output folder is outputs, unless the input folder itself lies there.
    nested = excluded is not None and excluded not in root.resolve().parents

    def is_excluded(folder: Path) -> bool:
        resolved = folder.resolve()
        return resolved == excluded or (nested and excluded in resolved.parents)

    walked: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        # A linked folder is walked like a real one, but each folder once: a link back up the
        # tree is not a loop, and a second link to a folder adds nothing.
        try:
            info = os.stat(folder)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in walked:
            dirs[:] = []
            continue
        walked.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_excluded(Path(folder, d)))
        for name in sorted(files):
            lower = name.lower()
            if name.startswith(".") or lower.endswith(SIDECAR_SUFFIXES) or not lower.endswith(INPUT_SUFFIXES):
                continue
            yield Path(folder, name)


def _descriptor_lines(fd: int) -> Iterator[bytes]:
    """The lines of a file or stream read straight from its descriptor. Not through ``sys.stdin.buffer``:
    a thread blocked in that buffer's read holds its lock, and an interpreter that exits while
    another thread holds stdin's lock aborts (Ctrl-C while a feed is idle). ``os.read`` holds
    none, so the input thread can be left blocked on a pipe that stays open."""
    parts: list[bytes] = []
    while chunk := os.read(fd, 1 << 16):
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            parts.append(chunk[start : end + 1])
            yield b"".join(parts)
            parts, start = [], end + 1
        if start < len(chunk):
            parts.append(chunk[start:])
    if parts:
        yield b"".join(parts)


def _jsonl_jobs(stream: Iterable[bytes]) -> Iterator[Job]:
    # One JSON document per line (a canonical article or JSON-LD, detected per line); blank
    # lines are skipped but counted, so line-N is the line number an editor shows.
    for number, line in enumerate(stream, 1):
        if line.strip():
            yield _line_job(f"line-{number}", line.rstrip(b"\r\n"))


def _line_job(key: str, line: bytes) -> Job:
    # Only a JSON object (or, for JSON-LD, an array) can be a document here: the readers would
    # take any other line for scraped text or YAML and make an article of it. What starts like
    # one is parsed as strict JSON by the reader of its kind, which reports any syntax error.
    if line.lstrip(b"\xef\xbb\xbf \t").startswith((b"{", b"[")):
        return Job(key, line)
    return Job(key, b"", unreadable=InputError(
        "not a JSON object: each line of a JSONL input is one canonical article or JSON-LD document", source=key))
