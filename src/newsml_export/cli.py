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
