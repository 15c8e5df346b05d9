"""The batch command: many articles, in parallel, resumable."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ._shared import (
    handle_errors,
)


@click.command()
@click.argument("input_path", metavar="IN")
@click.argument("output_dir", metavar="OUT", type=click.Path(file_okay=False, path_type=Path))
@click.option("--to", "target", type=click.Choice(["jsonld", "html", "newsml", "all"]), default="all", show_default=True)
@click.option("--body", type=click.Choice(["xhtml", "nitf"]), default="xhtml", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, help="Worker processes (0: one per CPU).")
@click.option("--resume", is_flag=True, help="Skip articles whose outputs exist and are current (content hash).")
@handle_errors
def batch(input_path: str, output_dir: Path, target: str, body: str, jobs: int, resume: bool) -> None:
    """Convert every article under IN (a directory tree, a JSONL file, or - for JSONL on stdin)
    into OUT, mirroring IN's layout. Failures go to OUT/errors.jsonl and do not stop the run;
    the exit code is 1 when any article failed.

    \b
    Examples:
      newsml-export batch articles/ out/ --jobs 2
      newsml-export batch articles/ out/ --resume          # after an interruption
      cat feed.jsonl | newsml-export batch - out/ --to jsonld
    """
    from ..batch import BatchOptions, discover, run_batch
    from ..pipeline import TARGETS

    targets = TARGETS if target == "all" else (target,)
    options = BatchOptions(targets=targets, body=body, jobs=jobs, resume=resume)  # type: ignore[arg-type]
    summary = run_batch(discover(input_path), output_dir, options, progress=_progress_printer())
    click.echo(
        f"converted {summary.converted}, skipped {summary.skipped}, invalid {summary.invalid}, "
        f"failed {summary.failed} in {summary.seconds:.1f} s ({summary.rate:.0f} articles/s)",
        err=True,
    )
    if not summary.ok:
        click.echo(f"see {output_dir / 'errors.jsonl'}", err=True)
        sys.exit(1)


def _progress_printer() -> Callable[[Any, int | None], None]:
    """A live line on a terminal; a plain line every few seconds otherwise (logs, CI)."""
    import time

    stream = click.get_text_stream("stderr")
    live = stream.isatty()
    last = [0.0]

    def show(summary: Any, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] < (0.2 if live else 5.0):
            return
        last[0] = now
        done = summary.converted + summary.invalid + summary.failed
        eta = f", ETA {(total - done - summary.skipped) / summary.rate:.0f} s" if total and summary.rate else ""
        line = f"{done} done, {summary.failed + summary.invalid} failed, {summary.rate:.0f} articles/s{eta}"
        click.echo(f"\r{line}\033[K" if live else line, err=True, nl=not live)

    return show
