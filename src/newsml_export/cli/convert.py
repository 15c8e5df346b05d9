"""Commands that convert: one input to formats, and the round trip through each."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._shared import (
    echo,
    handle_errors,
    input_kind,
    open_one,
    parse_datetime,
    read_input_bytes,
    refuse_overwriting_inputs,
    write_stdout,
)

if TYPE_CHECKING:
    from datetime import datetime

    from ..model import Article
    from ..pipeline import Target


@click.command()
@click.argument("input_files", metavar="INPUT...", nargs=-1, required=True)
@click.option("--meta", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Metadata sidecar for a text INPUT (default: INPUT's stem + .meta.yaml/.yml/.json).")
@click.option("--to", "to", type=click.Choice(["jsonld", "html", "newsml", "all"]), multiple=True,
              help="Output format; repeat for several  [default: all]")
@click.option("--body", type=click.Choice(["xhtml", "nitf"]), default="xhtml", show_default=True,
              help="Body markup inside NewsML-G2.")
@click.option("--envelope", is_flag=True, help="Wrap NewsML-G2 items in a newsMessage.")
@click.option("--version-created", "version_created", metavar="ISO|now", callback=parse_datetime,
              help="versionCreated for NewsML-G2 when the article has no date of its own.")
@click.option("-o", "--output", metavar="PATH",
              help="One format: a file, or a folder (one that exists, or PATH ending in /); default "
                   "or -: standard output. Several formats: a folder (default: the current one).")
@handle_errors
def convert(input_files: tuple[str, ...], meta: Path | None, to: tuple[str, ...], body: str, envelope: bool,
            version_created: datetime | None, output: str | None) -> None:
    """Convert INPUT to validated JSON-LD, HTML (a JSON-LD script block) and/or NewsML-G2.

    INPUT is scraped text (+ sidecar), a canonical article (YAML/JSON), JSON-LD, an HTML page
    with JSON-LD, or NewsML-G2; the kind is detected from the content. `-` reads stdin.
    Several INPUTs (or a newsMessage) make one NewsML-G2 newsMessage; JSON-LD holds one
    article (use `batch` for many). In a folder, outputs are named after INPUT without its
    last suffix (a.b.txt -> a.b.jsonld; stdin or several INPUTs: article.*); an output that
    would overwrite an INPUT or its sidecar is refused. Every output is validated, then all are
    written to temporary files and only then renamed into place: when any fails validation or
    cannot be written, nothing is replaced. (Only a rename failing midway, a disk error, leaves
    the files listed as written new and the rest as they were.)

    \b
    Examples:
      newsml-export convert examples/putin-china/article.txt --to jsonld
      newsml-export convert article.txt --to newsml --body nitf -o item.xml
      newsml-export convert item.xml --to jsonld          # NewsML-G2 to JSON-LD
      newsml-export convert article.txt -o out/            # all formats into out/
      newsml-export convert article.txt --to jsonld --to newsml -o out/
      newsml-export convert a.txt b.xml --to newsml --envelope -o message.xml
    """
    from ..errors import ExportError
    from ..pipeline import TARGETS, export_all

    if input_files.count("-") > 1:
        raise click.UsageError("stdin (-) is given as INPUT more than once; it can be read only once")
    if meta is not None and len(input_files) > 1:
        raise click.UsageError("--meta applies to a single INPUT")
    targets = TARGETS if not to or "all" in to else tuple(t for t in TARGETS if t in to)
    paths = _output_paths(output, targets, input_files)
    if paths is not None:
        refuse_overwriting_inputs(paths.values(), input_files, meta)
    articles = _read_articles(input_files, meta)
    try:
        outputs = export_all(articles, targets, body=body, envelope=envelope,  # type: ignore[arg-type]
                             version_created=version_created)
    except ExportError as exc:
        if exc.source is None and len(input_files) == 1:  # several inputs: the message names the article
            exc.source = "<stdin>" if input_files[0] == "-" else input_files[0]
        raise
    if paths is None:
        write_stdout(outputs[targets[0]])
        return
    from ..fileio import write_all

    write_all({paths[target]: data for target, data in outputs.items()},
              written=lambda path: click.echo(f"wrote {path}", err=True))


def _output_paths(output: str | None, targets: tuple[Target, ...], input_files: tuple[str, ...]) -> dict[Target, Path] | None:
    """Where each target goes; None: standard output (one target only)."""
    from ..pipeline import TARGET_SUFFIXES, output_stem

    if len(targets) == 1:
        if output is None or output == "-":
            return None
        if not output.endswith(("/", os.sep)) and not Path(output).is_dir():
            return {targets[0]: Path(output)}
    elif output == "-":
        raise click.BadParameter("standard output (-) takes one format; several go into a folder", param_hint="'-o'")
    first = input_files[0]
    stem = "article" if first == "-" or len(input_files) > 1 else output_stem(Path(first).name)
    return {target: Path(output or ".") / f"{stem}{TARGET_SUFFIXES[target]}" for target in targets}


def _read_articles(input_files: tuple[str, ...], meta: Path | None) -> list[Article]:
    """Every article of every INPUT; what a lenient reader could not map is shown on stderr,
    never dropped silently."""
    from ..readers import read_input
    from ..validation.report import Report

    imported = Report()
    articles = []
    for input_file in input_files:
        data, source = read_input_bytes(input_file)
        kind = input_kind(data, source, meta)
        text_path = None if input_file == "-" else Path(input_file)
        articles += read_input(data, source=source, kind=kind, meta_path=meta, text_path=text_path, report=imported)
    for issue in imported:
        click.echo(issue.render(), err=True)
    return articles


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Sidecar for a text FILE.")
@click.option("--version-created", "version_created", metavar="ISO|now", callback=parse_datetime,
              help="versionCreated for NewsML-G2 when the article has no date of its own (it comes back as modified).")
@handle_errors
def roundtrip(file: Path, meta: Path | None, version_created: datetime | None) -> None:
    """Convert FILE's article to each format and back; print every field that changed.
    Exit 1 when anything changed.

    \b
    Example:
      newsml-export roundtrip examples/putin-china/article.txt
    """
    from ..roundtrip import roundtrip as run_roundtrip

    from ..errors import ExportError

    try:
        routes = run_roundtrip(open_one(file, meta), version_created=version_created)
    except ExportError as exc:
        exc.source = exc.source or str(file)
        raise
    changed = False
    for route, changes in routes.items():
        echo(f"{route}: {'no change' if not changes else f'{len(changes)} changed'}")
        for change in changes:
            echo(f"  {change.render()}")
        changed = changed or bool(changes)
    if changed:
        sys.exit(1)
