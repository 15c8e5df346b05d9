"""The validate command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ._shared import (
    echo,
    handle_errors,
    read_input_bytes,
)


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--meta", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Sidecar for a text FILE.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Show every repeated warning (text output counts repeats after two).")
@handle_errors
def validate(files: tuple[str, ...], meta: Path | None, output_format: str, verbose: bool) -> None:
    """Validate JSON-LD, HTML with JSON-LD, NewsML-G2, or an article (text + sidecar, YAML,
    JSON). The kind is detected from each file's content. A file that cannot be read is
    reported as invalid, and the others are still validated. Exit 0 when all are valid, 1 when
    any is not, 2 on a usage error.

    \b
    Examples:
      newsml-export validate out/article.jsonld out/article.xml
      newsml-export validate --format json item.xml
    """
    from ..errors import InputError
    from ..validation import Issue, Report
    from ..validation import validate as validate_input

    results = {}
    for file in files:
        try:
            data, source = read_input_bytes(file)
        except InputError as exc:  # one file that cannot be read is one failed entry, not the end
            source = exc.source or file
            results[source] = Report([Issue("error", type(exc).__name__, exc.message, source=source, validator="reader")])
            continue
        results[source] = validate_input(data, source=source, meta_path=meta)
    if output_format == "json":
        echo(json.dumps({source: report.to_dict() for source, report in results.items()}, indent=2, ensure_ascii=False))
    else:
        for source, report in results.items():
            verdict = "valid" if report.ok else "INVALID"
            checks = ", ".join(report.checked) or "no checks"
            echo(f"{source}: {verdict} ({checks}; {len(report.errors)} errors, {len(report.warnings)} warnings)")
            rendered = report.render_text(collapse=None if verbose else 2)
            if rendered:
                echo("\n".join(f"  {line}" for line in rendered.splitlines()))
    if not all(report.ok for report in results.values()):
        sys.exit(1)
