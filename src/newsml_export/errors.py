"""The exceptions newsml-export raises. Nothing else escapes the public API.

::

    NewsmlExportError                 base; ``exit_code`` is what the CLI returns
    ├── InputError                    the input is unusable; names source, line, field
    │   ├── DecodeError               not well-formed: bad bytes, YAML, JSON or XML syntax
    │   ├── ArticleError              well-formed, but not a valid article (``issues``: every problem)
    │   └── UnsafeInputError          refused on purpose: entities, DTDs, too big, too deep
    ├── ExportError                   a valid article the target format cannot express as asked
    ├── OutputError                   an output file cannot be written (``path`` says which)
    └── SchemaError                   official schema files missing, or not what was pinned

Misuse of the API (wrong argument types, unknown options) raises ``TypeError`` / ``ValueError``
as Python does; the CLI turns click's usage errors into exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence

from .validation.report import Issue

__all__ = [
    "ArticleError",
    "DecodeError",
    "ExportError",
    "InputError",
    "NewsmlExportError",
    "OutputError",
    "SchemaError",
    "UnsafeInputError",
]


class NewsmlExportError(Exception):
    exit_code = 1

    def __init__(self, message: str) -> None:
        if not message:
            raise ValueError("an error needs a message")
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:
        # Exception's own pickling calls cls(*args), which the subclasses' constructors do not
        # take back (ArticleError wants issues, OutputError a keyword path): rebuilt from the
        # state instead, every error crosses a process boundary whole (multiprocessing, Spark,
        # Dask map convert_bytes and get its errors back).
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[NewsmlExportError], args: tuple[object, ...], state: dict[str, object]) -> NewsmlExportError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class InputError(NewsmlExportError):
    """Bad input. ``source`` is the file name (or ``<stdin>``), ``line``/``column`` 1-based,
    ``path`` the field or element it concerns."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        self.column = column
        self.path = path

    def __str__(self) -> str:
        return Issue("error", type(self).__name__, self.message, self.path or "", self.line, self.source).render(code=False)


class DecodeError(InputError):
    """``encoding``, when set, is the encoding undecodable text looks like (``cp1252``,
    ``utf-16-le``): data for the caller, who may know a way to read it so (``ingest(...,
    encoding=...)``); the message itself says only what holds for every reader."""

    def __init__(self, message: str, *, encoding: str | None = None, **where: str | int | None) -> None:
        super().__init__(message, **where)  # type: ignore[arg-type]  # InputError's source, line, column, path
        self.encoding = encoding


class UnsafeInputError(InputError):
    pass


class ArticleError(InputError):
    """The input parsed but does not make a valid article. ``issues`` holds every problem."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        if not issues:
            raise ValueError("an ArticleError needs at least one issue")
        first = issues[0]
        super().__init__(first.message, source=first.source, line=first.line, path=first.location)
        self.issues = list(issues)

    def __str__(self) -> str:
        return "\n".join(i.render(code=False) for i in self.issues)


class ExportError(NewsmlExportError):
    """``issues`` holds the validation findings when the output failed its own validation;
    ``source`` names the input the article came from, when the caller knows it (the exporters
    see only the article)."""

    def __init__(self, message: str, issues: Sequence[Issue] = (), *, source: str | None = None) -> None:
        super().__init__(message)
        self.issues = list(issues)
        self.source = source

    def __str__(self) -> str:
        return "\n".join([f"{self.source}: {self.message}" if self.source else self.message, *(i.render() for i in self.issues)])


class OutputError(NewsmlExportError):
    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class SchemaError(NewsmlExportError):
    pass
