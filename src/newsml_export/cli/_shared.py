"""What every command shares: error rendering and exit codes, reading input, writing output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(command: F) -> F:
    """Our own errors become one message on stderr and the exit code the error class names."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..errors import NewsmlExportError

        try:
            return command(*args, **kwargs)
        except NewsmlExportError as exc:
            context = click.get_current_context()
            if context.find_root().params.get("debug"):
                raise
            text = str(exc)
            if getattr(exc, "encoding", None) and "encoding" in context.params:  # only a command that has the option
                text += f" (or read it as it is: --encoding {exc.encoding})"  # type: ignore[attr-defined]
            click.echo(f"error: {text}" if "\n" not in text else f"error:\n{text}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]

def read_input_bytes(file: str) -> tuple[bytes, str]:
    """An INPUT's bytes and its name in messages (``-``: stdin), read by the readers' one file
    reader (the same words for a missing file in every command)."""
    from ..readers import read_file

    if file == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    return read_file(Path(file)), file


_KINDS = {"article": "a canonical article", "jsonld": "JSON-LD", "html": "an HTML page with JSON-LD", "newsml": "NewsML-G2"}


def open_one(file: Path, meta: Path | None) -> Any:
    """The one article of FILE (read once: FILE may be a pipe, ``<(...)``), its kind checked
    against ``--meta`` as :func:`input_kind` does."""
    from ..errors import InputError
    from ..readers import read_input

    data, source = read_input_bytes(str(file))
    articles = read_input(data, source=source, kind=input_kind(data, source, meta), meta_path=meta, text_path=file)
    if len(articles) != 1:
        raise InputError(f"holds {len(articles)} articles, expected one", source=source)
    return articles[0]


def input_kind(data: bytes, source: str, meta: Path | None) -> Any:
    """The input's kind, detected from its content. A sidecar (``--meta``) given for an input
    that is not text is a usage error: every other kind carries its own metadata, and ignoring
    the option silently would hide the mistake."""
    from ..readers.detect import detect_kind

    kind = detect_kind(data, source)
    if meta is not None and kind != "text":
        raise click.UsageError(f"--meta is for a text input; {source} is {_KINDS[kind]}, which carries its own metadata")
    return kind


def parse_datetime(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    """An option's ISO 8601 date-time (or ``now``), checked as the options are parsed: before
    any input is read, and a bad one is a usage error naming the option."""
    from datetime import datetime, timezone

    from ..dates import parse_datetime as parse

    if value is None:
        return None
    if value == "now":
        return datetime.now(timezone.utc).replace(microsecond=0)
    parsed = parse(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not 'now' or an ISO 8601 date-time with a time zone (…Z or …+01:00, at most ±14:00)")
    return parsed


def write_stdout(data: bytes) -> None:
    with _writing_stdout():
        stream = sys.stdout.buffer  # click.get_binary_stream is deprecated (click 8.5)
        stream.write(data)
        stream.flush()


def echo(text: str = "", *, nl: bool = True) -> None:
    """``click.echo`` to standard output, with the write errors handled as :func:`write_stdout`
    does. (Messages for stderr use ``click.echo(..., err=True)``.)"""
    with _writing_stdout():
        click.echo(text, nl=nl)


@contextmanager
def _writing_stdout() -> Iterator[None]:
    """A reader that closed the pipe (``... | head``) is not an error: the rest of the output is
    dropped and the exit code keeps its meaning (``validate`` still says valid or not). Any other
    write error (a full disk, a closed descriptor) is an :class:`OutputError` naming
    ``<stdout>``: one line and exit code 1, never a traceback. Either way stdout is pointed at
    devnull, so that what is still buffered cannot fail again in the interpreter's final flush."""
    from ..errors import OutputError

    if sys.stdout is None:  # started with stdout closed (>&-): writes would vanish, exit code 0
        raise OutputError("cannot write: standard output is closed", path="<stdout>")
    try:
        yield
    except OSError as exc:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass  # not a real file (a test's capture): nothing is flushed at exit
        if isinstance(exc, BrokenPipeError):
            return
        raise OutputError(f"cannot write: {exc.strerror or exc}", path="<stdout>") from None


def check_encoding(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A text encoding Python knows. Codecs that are not text encodings (base64, rot13, zlib:
    bytes to bytes or text to text) are known to ``codecs.lookup`` but decode no file; reading
    nothing through one, as a text file would be read, tells them apart."""
    import codecs
    import io

    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}") from None
        try:
            io.TextIOWrapper(io.BytesIO(), encoding=value).read()
        except (LookupError, UnicodeError):
            raise click.BadParameter(f"{value!r} is not a text encoding (e.g. utf-8, cp1252, latin-1)") from None
    return value


def refuse_overwriting_inputs(outputs: Iterable[Path], input_files: Iterable[str], meta: Path | None) -> None:
    """An output that is an input (or a text input's sidecar) would replace it with a re-export
    that may lose what the tool does not map: refused before anything is read or written. The
    same file is found through symlinks, hard links and case-insensitive names."""
    from ..readers import find_sidecar

    sources = [Path(file) for file in input_files if file != "-"]
    sources += [sidecar for sidecar in map(find_sidecar, sources) if sidecar is not None]
    sources += [meta] if meta is not None else []
    for path in outputs:
        for source in sources:
            if path.resolve() == source.resolve() or (path.exists() and source.exists() and os.path.samefile(path, source)):
                raise click.UsageError(f"the output {path} would overwrite the input {source}; "
                                       "choose another folder or name with -o")
