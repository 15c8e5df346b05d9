"""The batch command: many articles, in parallel, resumable."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import click

from ._shared import handle_errors, parse_datetime


def _version_created(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | str | None:
    """convert's --version-created, except that "now" stays a word until the run starts:
    --resume takes it as the same option every time."""
    return value if value == "now" else parse_datetime(ctx, param, value)


@click.command()
@click.argument("input_path", metavar="IN")
@click.argument("output", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--to", "to", type=click.Choice(["jsonld", "html", "newsml", "all"]), multiple=True,
              help="Output format; repeat for several  [default: all]")
@click.option("--body", type=click.Choice(["xhtml", "nitf"]), default="xhtml", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, help="Worker processes (0: one per CPU).")
@click.option("--resume", is_flag=True, help="Skip articles whose outputs exist and are current (content hash).")
@click.option("--version-created", "version_created", metavar="ISO|now", callback=_version_created,
              help="versionCreated for NewsML-G2 when an article has no date of its own (now: the run's start).")
@handle_errors
def batch(input_path: str, output: Path, to: tuple[str, ...], body: str, jobs: int, resume: bool,
          version_created: datetime | str | None) -> None:
    """Convert every article under IN into OUT.

    IN is a folder (article text + sidecar, canonical YAML/JSON, JSON-LD, HTML or NewsML-G2
    files, found recursively), a JSONL file (.jsonl or .ndjson: one canonical article or JSON-LD
    document per line), or - for JSONL on stdin. OUT is a folder that mirrors IN (a/b.txt ->
    a/b.jsonld, a/b.xml ...), or a .jsonl/.ndjson file (one line per article). Every output is
    validated before it is written, and written atomically. Articles that fail go to
    OUT/errors.jsonl (or NAME.errors.jsonl beside NAME.jsonl) and do not stop the run; the exit
    code is 1 when any failed.

    \b
    Examples:
      newsml-export batch articles/ out/ --jobs 2
      newsml-export batch articles/ out/ --resume          # after an interruption
      newsml-export batch articles/ out/ --to jsonld --to newsml
      cat feed.jsonl | newsml-export batch - out.jsonl --to jsonld
    """
    from ..batch import BatchOptions, count_inputs, discover, run_batch
    from ..pipeline import TARGETS

    _check_single_file(input_path)
    if str(output) == "-":
        raise click.UsageError("OUT cannot be - (stdout): a batch writes a folder, or a .jsonl file, and its errors beside it")
    _refuse_overwriting_input(input_path, output)
    exclude = _output_folder(input_path, output)
    targets = TARGETS if not to or "all" in to else tuple(t for t in TARGETS if t in to)
    options = BatchOptions(targets=targets, body=body, jobs=jobs, resume=resume,  # type: ignore[arg-type]
                           version_created=version_created)
    stream = sys.stderr
    total = count_inputs(input_path, exclude=exclude)
    try:
        summary = run_batch(discover(input_path, exclude=exclude), output, options,
                            progress=progress_printer(stream, stream.isatty()), total=total)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: the articles in flight were finished; run again with --resume to go on", err=True)
        sys.exit(130)
    click.echo(
        f"{CLEAR_LINE if stream.isatty() else ''}converted {summary.converted}, "
        f"skipped {summary.skipped}, invalid {summary.invalid}, failed {summary.failed} "
        f"in {summary.seconds:.1f} s ({summary.rate:.0f} articles/s)",
        err=True,
    )
    if not summary.ok:
        click.echo(f"see {summary.errors_path}", err=True)
        sys.exit(1)


def _check_single_file(input_path: str) -> None:
    """A single file as IN is a JSONL stream; anything else would be read line by line, each
    line a would-be article."""
    from ..batch.inputs import JSONL_SUFFIXES

    if input_path != "-" and Path(input_path).is_file() and not input_path.lower().endswith(JSONL_SUFFIXES):
        raise click.UsageError(
            f"IN {input_path} is a single file, so it must be JSONL (named .jsonl or .ndjson). To convert one "
            f"article: newsml-export convert {input_path}; for JSONL under another name: newsml-export batch - OUT < FILE")


def _refuse_overwriting_input(input_path: str, output: Path) -> None:
    """A JSONL file as IN that the run would replace (being OUT, or a ledger OUT keeps beside
    it) is refused before anything is read or written. The same file is found through
    symbolic and hard links and case-insensitive names."""
    from ..batch.sinks import ledgers

    source = Path(input_path)
    if input_path == "-" or source.is_dir():
        return
    for path, role in ledgers(output).items():
        if path.exists() and source.exists() and os.path.samefile(path, source):
            raise click.UsageError(f"{role} {path} is IN {input_path}: the batch would overwrite its input; choose another OUT")


def _output_folder(input_path: str, output: Path) -> Path | None:
    """OUT, to leave out of the inputs when IN is a folder: it may lie inside IN, or be reached
    through a linked folder in IN (outputs read as inputs would grow the tree every run).
    Writing into the input folder itself is refused."""
    if input_path == "-" or not Path(input_path).is_dir():
        return None
    if output.resolve() == Path(input_path).resolve():
        raise click.UsageError("OUT must not be IN itself: outputs would overwrite or join the inputs")
    return output


CLEAR_LINE = "\r\033[K"


def progress_printer(stream: TextIO, live: bool, *, every: float | None = None) -> Callable[[Any, int | None], None]:
    """On a terminal, one bar redrawn in place (5 times a second at most); otherwise (logs, CI)
    a plain line every ``every`` seconds (5). Both show the rate and, when the total is known,
    the ETA."""
    import time

    interval = every if every is not None else (0.2 if live else 5.0)
    last = [time.monotonic()]

    def show(summary: Any, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] < interval:
            return
        last[0] = now
        # Written directly: click.echo would strip the terminal codes that redraw the line.
        stream.write(CLEAR_LINE + progress_line(summary, total, bar=True) if live else progress_line(summary, total) + "\n")
        stream.flush()

    return show


def progress_line(summary: Any, total: int | None, *, bar: bool = False) -> str:
    done, problems = summary.done, summary.failed + summary.invalid
    left = total - done - summary.skipped if total is not None else None
    head = f"{done + summary.skipped}/{total}" if total is not None else f"{done + summary.skipped}"
    if bar and total:
        filled = int(24 * min(1.0, (done + summary.skipped) / total))
        head = f"[{'#' * filled}{'.' * (24 - filled)}] {head}"
    eta = f", ETA {_duration(left / summary.rate)}" if left is not None and summary.rate else ""
    return f"{head} articles, {problems} failed, {summary.rate:.0f} articles/s{eta}"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else f"{seconds // 60}:{seconds % 60:02d}"
