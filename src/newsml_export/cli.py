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


def _read_input_bytes(file: str) -> tuple[bytes, str]:
    from .errors import InputError

    if file == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(file).read_bytes(), file
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=file) from None


def _parse_datetime(value: str | None) -> Any:
    from datetime import datetime, timezone

    if value is None:
        return None
    if value == "now":
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not 'now' or an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        raise click.BadParameter(f"{value!r} has no timezone (add Z or +01:00)")
    return parsed


@main.command()
@click.argument("input_file", metavar="INPUT")
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path), help="Metadata sidecar for a text INPUT.")
@click.option("--to", "target", type=click.Choice(["jsonld", "html", "newsml", "all"]), default="all", show_default=True)
@click.option("--body", type=click.Choice(["xhtml", "nitf"]), default="xhtml", show_default=True,
              help="Body markup inside NewsML-G2.")
@click.option("--envelope", is_flag=True, help="Wrap NewsML-G2 items in a newsMessage.")
@click.option("--version-created", "version_created", metavar="ISO|now",
              help="versionCreated for NewsML-G2 when the article has no date of its own.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (one target) or directory (--to all). Default: stdout / current directory.")
@_handle_errors
def convert(input_file: str, meta: Path | None, target: str, body: str, envelope: bool,
            version_created: str | None, output: Path | None) -> None:
    """Convert INPUT to validated JSON-LD, HTML (a JSON-LD script block) and/or NewsML-G2.

    INPUT is scraped text (+ sidecar), a canonical article (YAML/JSON), JSON-LD, an HTML page
    with JSON-LD, or NewsML-G2; the kind is detected from the content. `-` reads stdin.
    Every output is validated before it is written; an invalid one is not written.

    \b
    Examples:
      newsml-export convert examples/putin-china/article.txt --to jsonld
      newsml-export convert article.txt --to newsml --body nitf -o item.xml
      newsml-export convert item.xml --to jsonld          # NewsML-G2 to JSON-LD
      newsml-export convert article.txt -o out/            # all formats into out/
    """
    from .fileio import write_atomically
    from .pipeline import TARGET_SUFFIXES, TARGETS, export
    from .readers import read_input

    from .validation.report import Report

    data, source = _read_input_bytes(input_file)
    imported = Report()  # what a lenient reader could not map: shown, never dropped silently
    articles = read_input(data, source=source, meta_path=meta, text_path=None if input_file == "-" else Path(input_file),
                          report=imported)
    for issue in imported:
        click.echo(issue.render(), err=True)
    targets = TARGETS if target == "all" else (target,)
    options = {"body": body, "envelope": envelope, "version_created": _parse_datetime(version_created)}
    outputs = {}
    for name in targets:
        if name == "newsml" and (envelope or len(articles) > 1):
            outputs[name] = export(articles, name, **options)
        else:
            for article in articles:
                outputs.setdefault(name, b"")
                outputs[name] += export(article, name, **options)
    if target != "all":
        if output is None:
            _write_stdout(outputs[target])
        else:
            write_atomically(output, outputs[target])
        return
    directory = output or Path(".")
    stem = "article" if input_file == "-" else Path(input_file).name.split(".")[0]
    for name, payload in outputs.items():
        path = write_atomically(directory / f"{stem}{TARGET_SUFFIXES[name]}", payload)  # type: ignore[index]
        click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--meta", type=click.Path(dir_okay=False, path_type=Path), help="Sidecar for a text FILE.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_handle_errors
def validate(files: tuple[str, ...], meta: Path | None, output_format: str) -> None:
    """Validate JSON-LD, HTML with JSON-LD, NewsML-G2, or an article (text + sidecar, YAML,
    JSON). The kind is detected from each file's content. Exit 0 when all are valid, 1 when
    any is not, 2 on a usage error.

    \b
    Examples:
      newsml-export validate out/article.jsonld out/article.xml
      newsml-export validate --format json item.xml
    """
    from .validation import validate as validate_input

    results = {}
    for file in files:
        data, source = _read_input_bytes(file)
        results[source] = validate_input(data, source=source, meta_path=meta)
    if output_format == "json":
        click.echo(json.dumps({source: report.to_dict() for source, report in results.items()}, indent=2, ensure_ascii=False))
    else:
        for source, report in results.items():
            verdict = "valid" if report.ok else "INVALID"
            checks = ", ".join(report.checked) or "no checks"
            click.echo(f"{source}: {verdict} ({checks}; {len(report.errors)} errors, {len(report.warnings)} warnings)")
            for issue in report:
                click.echo(f"  {issue.render()}")
    if not all(report.ok for report in results.values()):
        sys.exit(1)


@main.group()
def schemas() -> None:
    """Install and list the official schemas (NewsML-G2 XSD, NITF, IPTC catalog, schema.org)."""


@schemas.command("install")
@click.option("--from", "from_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Copy from a local folder instead of downloading (e.g. ../shared).")
@click.option("--mirror", metavar="URL", help="Download from this base URL instead of the official URLs.")
@_handle_errors
def schemas_install(from_dir: Path | None, mirror: str | None) -> None:
    """Fetch the pinned official artifacts, check every sha256, store them per user.

    Nothing is stored unless every file matches its pinned checksum. The location is the
    per-user data directory, or $NEWSML_EXPORT_SCHEMA_DIR.

    \b
    Examples:
      newsml-export schemas install
      newsml-export schemas install --from ../shared
    """
    from .schemas import install_official

    for path in install_official(from_dir=from_dir, mirror=mirror):
        click.echo(f"installed {path}")


@schemas.command("list")
@_handle_errors
def schemas_list() -> None:
    """Show each official artifact: status, version and location.

    \b
    Example:
      newsml-export schemas list
    """
    from .schemas import list_official

    for row in list_official():
        click.echo(f"{row.status:<9} {row.artifact.name:<22} {row.artifact.version:<8} {row.location}")


def _write_stdout(data: bytes) -> None:
    stream = sys.stdout.buffer  # click.get_binary_stream is deprecated (click 8.5)
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        # `... | head` closed the pipe: not an error. Point stdout at devnull so the
        # interpreter's final flush does not complain either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
