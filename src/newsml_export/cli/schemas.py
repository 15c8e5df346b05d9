"""Install and list the official schemas."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._shared import (
    echo,
    handle_errors,
)


@click.group()
def schemas() -> None:
    """Install and list the official schemas (NewsML-G2 XSD, NITF, IPTC catalog, schema.org)."""


@schemas.command("install")
@click.option("--from", "from_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Copy from a local folder instead of downloading (e.g. ../shared).")
@click.option("--mirror", metavar="URL", help="Download from this base URL instead of the official URLs.")
@handle_errors
def schemas_install(from_dir: Path | None, mirror: str | None) -> None:
    """Fetch the pinned official artifacts, check every sha256, store them per user.

    Nothing is stored unless every file matches its pinned checksum. The location is the
    per-user data directory, or $NEWSML_EXPORT_SCHEMA_DIR.

    \b
    Examples:
      newsml-export schemas install
      newsml-export schemas install --from ../shared
    """
    from ..schemas import install_official

    for path in install_official(from_dir=from_dir, mirror=mirror):
        echo(f"installed {path}")


@schemas.command("list")
@handle_errors
def schemas_list() -> None:
    """Show each official artifact: status, version and location. Exit 1 unless every one is
    installed (a missing or corrupt file means checks that do not run), so a script can test it.

    \b
    Example:
      newsml-export schemas list || newsml-export schemas install
    """
    from ..schemas import list_official

    rows = list_official()
    for row in rows:
        echo(f"{row.status:<9} {row.artifact.name:<22} {row.artifact.version:<8} {row.location}")
    if any(row.status != "installed" for row in rows):
        sys.exit(1)
