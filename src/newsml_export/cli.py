"""The ``newsml-export`` command. Commands parse options, call the library, render results;
they hold no logic of their own. Heavy modules are imported inside commands so that
``--version`` stays instant."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])


def _handle_errors(command: F) -> F:
    """Our own errors become one message on stderr and the exit code the error class names."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import NewsmlExportError

        try:
            return command(*args, **kwargs)
        except NewsmlExportError as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            click.echo(f"error: {exc}" if "\n" not in str(exc) else f"error:\n{exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsml-export")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Turn a news article and its metadata into validated schema.org NewsArticle JSON-LD and
    IPTC NewsML-G2 XML, and read both back.

    \b
    Examples:
      newsml-export inspect examples/putin-china/article.txt
    """


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", "meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (default: FILE's stem + .meta.yaml/.yml/.json).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_handle_errors
def inspect(file: Path, meta: Path | None, output_format: str) -> None:
    """Load an article (text + sidecar, or a canonical YAML/JSON article), validate it and print
    a summary: headline, speakers, quotes.

    \b
    Examples:
      newsml-export inspect examples/putin-china/article.txt
      newsml-export inspect article.txt --meta other.meta.yaml --format json
    """
    from .summary import summarize
    from .readers import open_article

    summary = summarize(open_article(file, meta))
    if output_format == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    click.echo(f"headline:  {summary['headline']}")
    click.echo(f"id:        {summary['id']} (version {summary['version']}, {summary['language']})")
    click.echo(f"body:      {summary['blocks']} blocks, {summary['words']} words")
    for speaker in summary["speakers"]:
        click.echo(f"speaker:   {speaker['name']} ({speaker['quotes']} quotes)")
    click.echo(f"quotes:    {summary['quotes']}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", "meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (default: FILE's stem + .meta.yaml/.yml/.json).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the draft sidecar here (default: standard output).")
@_handle_errors
def extract(file: Path, meta: Path | None, output: Path | None) -> None:
    """Find the quotations in an article, attribute them to speakers and write a draft sidecar
    for an editor to correct. Supplied people, aliases and quotes are used and win.

    \b
    Examples:
      newsml-export extract examples/putin-china/article.txt -o draft.meta.yaml
      newsml-export inspect examples/putin-china/article.txt --meta draft.meta.yaml
    """
    from .quotes.draft import draft_sidecar

    draft = draft_sidecar(file, meta)
    if output is None:
        click.echo(draft.text, nl=False)
    else:
        _write_atomically(output, draft.text)
    found = draft.extraction
    speakers = sum(1 for q in found.quotes if q.speaker_id)
    click.echo(f"extracted {len(found.quotes)} quotes ({speakers} with a speaker), "
               f"skipped {len(found.skipped)}", err=True)
    for skipped in found.skipped:
        click.echo(f"  skipped block {skipped.block}: {skipped.reason}: {skipped.text[:60]!r}", err=True)


def _write_atomically(path: Path, text: str) -> None:
    """Write all of ``text`` or nothing: a temporary file beside ``path``, then a rename."""
    import os
    import tempfile

    from .errors import InputError

    try:
        handle, temp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", source=str(path)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except OSError as exc:
        os.unlink(temp)
        raise InputError(f"cannot write: {exc.strerror}", source=str(path)) from None
