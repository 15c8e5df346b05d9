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


def _check_encoding(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    import codecs

    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", "meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (default: FILE's stem + .meta.yaml/.yml/.json, if there is one).")
@click.option("--no-meta", is_flag=True, help="Ignore a sidecar beside FILE: show only what the text gives.")
@click.option("--id", "article_id", help="Article id when the sidecar has none (default: urn:newsml:localhost:<sha256 of the text>).")
@click.option("--language", help="BCP 47 language tag when the sidecar has none (default: und, undetermined).")
@click.option("--encoding", callback=_check_encoding,
              help="Read FILE in this encoding (default: UTF-8, or UTF-16/32 with a byte-order mark).")
@click.option("--report", "with_report", is_flag=True, help="Print {article, report}: the report lists every change ingestion made.")
@_handle_errors
def ingest(file: Path, meta: Path | None, no_meta: bool, article_id: str | None, language: str | None,
           encoding: str | None, with_report: bool) -> None:
    """Recover an article from scraped text: headline, lede, sub-headings, paragraphs, dateline
    and source, without the page furniture (comment forms, related posts, share buttons).
    Prints the article as JSON.

    \b
    Examples:
      newsml-export ingest seeds/000_5cd9a95bfabd7cde.txt --language en
      newsml-export ingest examples/putin-china/article.txt --report
    """
    from .readers import ingest_file

    if meta is not None and no_meta:
        raise click.UsageError("--meta and --no-meta exclude each other")
    article, report = ingest_file(file, meta, sidecar=not no_meta, id=article_id, language=language, encoding=encoding)
    data: dict[str, Any] = article.model_dump(mode="json", exclude_none=True)
    output = {"article": data, "report": report.to_dict()} if with_report else data
    click.echo(json.dumps(output, indent=2, ensure_ascii=False))
