"""Commands that convert: one input to formats, and the round trip through each."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._shared import (
    handle_errors,
    parse_datetime,
    read_input_bytes,
    write_stdout,
)


@click.command()
@click.argument("input_files", metavar="INPUT...", nargs=-1, required=True)
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path), help="Metadata sidecar for a text INPUT.")
@click.option("--to", "target", type=click.Choice(["jsonld", "html", "newsml", "all"]), default="all", show_default=True)
@click.option("--body", type=click.Choice(["xhtml", "nitf"]), default="xhtml", show_default=True,
              help="Body markup inside NewsML-G2.")
@click.option("--envelope", is_flag=True, help="Wrap NewsML-G2 items in a newsMessage.")
@click.option("--version-created", "version_created", metavar="ISO|now",
              help="versionCreated for NewsML-G2 when the article has no date of its own.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (one target) or directory (--to all). Default: stdout / current directory.")
@handle_errors
def convert(input_files: tuple[str, ...], meta: Path | None, target: str, body: str, envelope: bool,
            version_created: str | None, output: Path | None) -> None:
    """Convert INPUT to validated JSON-LD, HTML (a JSON-LD script block) and/or NewsML-G2.

    INPUT is scraped text (+ sidecar), a canonical article (YAML/JSON), JSON-LD, an HTML page
    with JSON-LD, or NewsML-G2; the kind is detected from the content. `-` reads stdin.
    Several INPUTs (or a newsMessage) make one NewsML-G2 newsMessage; JSON-LD holds one
    article (use `batch` for many). Every output is validated before it is written; when any
    fails, nothing is written.

    \b
    Examples:
      newsml-export convert examples/putin-china/article.txt --to jsonld
      newsml-export convert article.txt --to newsml --body nitf -o item.xml
      newsml-export convert item.xml --to jsonld          # NewsML-G2 to JSON-LD
      newsml-export convert article.txt -o out/            # all formats into out/
      newsml-export convert a.txt b.xml --to newsml --envelope -o message.xml
    """
    from ..fileio import write_atomically
    from ..pipeline import TARGET_SUFFIXES, TARGETS, export_all, output_stem
    from ..readers import read_input
    from ..validation.report import Report

    if meta is not None and len(input_files) > 1:
        raise click.UsageError("--meta applies to a single INPUT")
    imported = Report()  # what a lenient reader could not map: shown, never dropped silently
    articles = []
    for input_file in input_files:
        data, source = read_input_bytes(input_file)
        text_path = None if input_file == "-" else Path(input_file)
        articles += read_input(data, source=source, meta_path=meta, text_path=text_path, report=imported)
    for issue in imported:
        click.echo(issue.render(), err=True)
    targets = TARGETS if target == "all" else (target,)
    outputs = export_all(articles, targets, body=body, envelope=envelope,  # type: ignore[arg-type]
                         version_created=parse_datetime(version_created))
    if target != "all":
        if output is None:
            write_stdout(outputs[target])
        else:
            write_atomically(output, outputs[target])
        return
    directory = output or Path(".")
    first = input_files[0]
    stem = "article" if first == "-" or len(input_files) > 1 else output_stem(Path(first).name)
    for name, payload in outputs.items():
        path = write_atomically(directory / f"{stem}{TARGET_SUFFIXES[name]}", payload)  # type: ignore[index]
        click.echo(f"wrote {path}", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path), help="Sidecar for a text FILE.")
@handle_errors
def roundtrip(file: Path, meta: Path | None) -> None:
    """Convert FILE's article to each format and back; print every field that changed.
    Exit 1 when anything changed.

    \b
    Example:
      newsml-export roundtrip examples/putin-china/article.txt
    """
    from ..readers import open_article
    from ..roundtrip import roundtrip as run_roundtrip

    changed = False
    for route, changes in run_roundtrip(open_article(file, meta)).items():
        click.echo(f"{route}: {'no change' if not changes else f'{len(changes)} changed'}")
        for change in changes:
            click.echo(f"  {change.render()}")
        changed = changed or bool(changes)
    if changed:
        sys.exit(1)
