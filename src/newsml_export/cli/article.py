"""Commands about one article: inspect it, ingest scraped text, extract quotes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ._shared import (
    check_encoding,
    echo,
    handle_errors,
    open_one,
    refuse_overwriting_inputs,
)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", "meta", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Metadata sidecar for a text FILE (default: FILE's stem + .meta.yaml/.yml/.json).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def inspect(file: Path, meta: Path | None, output_format: str) -> None:
    """Load an article (text + sidecar, or a canonical YAML/JSON article), validate it and print
    a summary: headline, speakers, quotes.

    \b
    Examples:
      newsml-export inspect examples/putin-china/article.txt
      newsml-export inspect article.txt --meta other.meta.yaml --format json
    """
    from ..summary import summarize

    summary = summarize(open_one(file, meta))
    if output_format == "json":
        echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    echo(f"headline:  {summary['headline']}")
    echo(f"id:        {summary['id']} (version {summary['version']}, {summary['language']})")
    echo(f"body:      {summary['blocks']} blocks, {summary['words']} words")
    for speaker in summary["speakers"]:
        echo(f"speaker:   {speaker['name']} ({speaker['quotes']} quotes)")
    echo(f"quotes:    {summary['quotes']}")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", "meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (default: FILE's stem + .meta.yaml/.yml/.json, if there is one).")
@click.option("--no-meta", is_flag=True, help="Ignore a sidecar beside FILE: show only what the text gives.")
@click.option("--id", "article_id", help="Article id when the sidecar has none (default: urn:newsml:localhost:<sha256 of the text>).")
@click.option("--language", help="BCP 47 language tag when the sidecar has none (default: und, undetermined).")
@click.option("--encoding", callback=check_encoding,
              help="Read FILE in this encoding (default: UTF-8, or UTF-16/32 with a byte-order mark).")
@click.option("--report", "with_report", is_flag=True, help="Print {article, report}: the report lists every change ingestion made.")
@handle_errors
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
    from ..readers import ingest_file

    if meta is not None and no_meta:
        raise click.UsageError("--meta and --no-meta exclude each other")
    article, report = ingest_file(file, meta, sidecar=not no_meta, id=article_id, language=language, encoding=encoding)
    data: dict[str, Any] = article.model_dump(mode="json", exclude_none=True)
    output = {"article": data, "report": report.to_dict()} if with_report else data
    echo(json.dumps(output, indent=2, ensure_ascii=False))


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", "meta", type=click.Path(dir_okay=False, path_type=Path),
              help="Metadata sidecar (default: FILE's stem + .meta.yaml/.yml/.json).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the draft sidecar here (default: standard output).")
@handle_errors
def extract(file: Path, meta: Path | None, output: Path | None) -> None:
    """Find the quotations in an article, attribute them to speakers and write a draft sidecar
    for an editor to correct. Supplied people, aliases and quotes are used and win.

    \b
    Examples:
      newsml-export extract examples/putin-china/article.txt -o draft.meta.yaml
      newsml-export inspect examples/putin-china/article.txt --meta draft.meta.yaml
    """
    from ..fileio import write_atomically
    from ..quotes.draft import draft_sidecar

    if output is not None:
        if output.suffix.lower() == ".json":
            raise click.BadParameter("the draft is YAML, with comments for the editor: name it .meta.yaml (or .yml)",
                                     param_hint="'-o'")
        refuse_overwriting_inputs([output], [str(file)], meta)
    draft = draft_sidecar(file, meta)
    if output is None:
        echo(draft.text, nl=False)
    else:
        write_atomically(output, draft.text.encode("utf-8"))
    found = draft.extraction
    speakers = sum(1 for q in found.quotes if q.speaker_id)
    click.echo(f"extracted {len(found.quotes)} quotes ({speakers} with a speaker), "
               f"skipped {len(found.skipped)}", err=True)
    for skipped in found.skipped:
        click.echo(f"  skipped block {skipped.block}: {skipped.reason}: {skipped.text[:60]!r}", err=True)
