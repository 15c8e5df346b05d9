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


def _set_limits(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> None:
    """Limits go into the environment, where the library and batch workers read them. A bad
    ``$NEWSML_EXPORT_LIMITS`` is a usage error here, not a traceback later."""
    import os

    if not values and not os.environ.get("NEWSML_EXPORT_LIMITS"):
        return  # the common case: nothing to import

    from ..limits import ENV, Limits, format_limits, parse_limits

    try:
        inherited = parse_limits(os.environ.get(ENV, ""))
    except ValueError as exc:
        raise click.UsageError(f"{ENV}: {exc}") from None
    try:
        chosen = {**inherited, **parse_limits(",".join(values))}
        Limits(**chosen)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    os.environ[ENV] = format_limits(chosen)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsml-export")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option("--limit", "limits", multiple=True, metavar="NAME=VALUE", callback=_set_limits, expose_value=False,
              help="Raise or lower an input limit (text_bytes, document_bytes, html_bytes, xml_bytes, depth), "
                   "e.g. --limit xml_bytes=200MiB. Repeatable. See docs/security.md.")
def main(debug: bool) -> None:
    """Turn a news article and its metadata into validated schema.org NewsArticle JSON-LD and
    IPTC NewsML-G2 XML, and read both back.

    \b
    Examples:
      newsml-export inspect examples/putin-china/article.txt
      newsml-export --limit xml_bytes=200MiB convert huge-feed.xml --to jsonld
    """


for command in (inspect, ingest, extract, convert, validate, roundtrip, batch, schemas):
    main.add_command(command)
