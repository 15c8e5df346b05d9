"""The ``newsml-export`` command. Commands parse options, call the library and render the
result; they hold no logic of their own. One module per group of commands; heavy modules are
imported inside commands so that ``--version`` stays instant."""

from __future__ import annotations

import click

from .. import __version__
from .article import extract, ingest, inspect
from .batch import batch
from .convert import convert, roundtrip
from .schemas import schemas
from .validate import validate

__all__ = ["main"]


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


for command in (inspect, ingest, extract, convert, validate, roundtrip, batch, schemas):
    main.add_command(command)
