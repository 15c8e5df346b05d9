"""Output files: what they are named after their input (:func:`output_stem`), and writing them
always atomically, so an interrupted run leaves no partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

__all__ = ["AtomicFile", "output_stem", "write_all", "write_atomically"]


class AtomicFile:
    """A file written under a temporary name beside ``path`` and renamed into place by
    :meth:`commit`; :meth:`discard` (or a failed commit) removes it. Until the rename, ``path``
    holds what it held before, or nothing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except FileExistsError:  # "File exists" would hide that a folder on the way is a file
            blocking = next(p for p in (path.parent, *path.parent.parents) if p.exists() and not p.is_dir())
            raise OutputError(f"cannot write: {blocking} is a file, not a folder", path=str(path)) from None
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror}", path=str(path)) from None
        self.temporary = Path(temporary)
        try:
            # mkstemp makes the file private (0600); an output gets the mode any new file gets.
            os.fchmod(handle, 0o666 & ~_umask())
            self.stream: BinaryIO = os.fdopen(handle, "wb")
        except BaseException:
            os.close(handle)
            self.temporary.unlink(missing_ok=True)
            raise

    def commit(self, *, durable: bool = True) -> Path:
        """Rename into place; ``durable`` flushes the data to disk first (fsync), so that even
        a power loss cannot leave an empty file under the final name. That costs milliseconds
        per file; a batch skips it and relies on its manifest's hashes instead (see
        :mod:`newsml_export.batch.sinks`)."""
        try:
            self.stream.flush()
            if durable:
                os.fsync(self.stream.fileno())
            self.stream.close()
            os.replace(self.temporary, self.path)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write: {exc.strerror}", path=str(self.path)) from None
        except BaseException:
            self.discard()
            raise
        return self.path

    def discard(self) -> None:
        self.stream.close()
        self.temporary.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it, then rename it into place
    (see :meth:`AtomicFile.commit` for ``durable``)."""
    file = None
    try:
        file = AtomicFile(path)
        file.stream.write(data)
    except OSError as exc:
        if file is not None:
            file.discard()
        raise OutputError(f"cannot write: {exc.strerror}", path=str(path)) from None
    except BaseException:
        if file is not None:
            file.discard()
        raise
    return file.commit(durable=durable)


@lru_cache(maxsize=1)
def _umask() -> int:
    # Reading the umask means setting it; done once per process, on the first write.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def output_stem(name: str) -> str:
    """What the outputs made from the input file ``name`` are called, before their suffix
    (``pipeline.TARGET_SUFFIXES``): the name without its last suffix, so that inputs differing only
    before it never share outputs (``2024.03.01-story.txt`` → ``2024.03.01-story``,
    ``article.meta.yaml`` → ``article.meta``; a leading dot is no suffix: ``.txt`` stays).
    ``name`` may be a relative path with ``/`` (``a/b.txt`` → ``a/b``). ``convert`` and ``batch``
    both name their outputs by this rule, as ``find_sidecar`` names a text's sidecar."""
    folder, slash, file = name.rpartition("/")
    return folder + slash + (file.rsplit(".", 1)[0] if "." in file.lstrip(".") else file)


def write_all(outputs: Mapping[Path, bytes], *, written: Callable[[Path], object] = lambda path: None) -> list[Path]:
    """All the files or none: each is written to a temporary file beside its final name and
    flushed to disk, and only when all are there are they renamed into place (``written`` is
    told of each), so a failure before that (a full disk, a folder in the way) leaves every
    final name as it was. A rename failing midway (a disk error; a folder in the way is refused
    first) leaves the files reported as written new and the others as they were, and removes
    the temporary files."""
    for path in outputs:
        if path.is_dir():
            raise OutputError("is a folder; nothing was written", path=str(path))
    pending: list[AtomicFile] = []
    done: list[Path] = []
    try:
        for path, data in outputs.items():
            try:
                pending.append(AtomicFile(path))
            except OutputError as exc:
                raise OutputError(f"{exc.message.removeprefix(f'{path}: ')}; nothing was written", path=str(path)) from None
            try:
                pending[-1].stream.write(data)
                pending[-1].stream.flush()
                os.fsync(pending[-1].stream.fileno())
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror}; nothing was written", path=str(path)) from None
        while pending:
            done.append(pending[0].commit(durable=False))  # already on disk: renamed one after another
            pending.pop(0)
            written(done[-1])
    finally:
        for file in pending:
            file.discard()
    return done
