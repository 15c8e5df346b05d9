"""Where schemas come from.

The project's own schemas (``article.schema.json``, the JSON-LD and NewsML-G2 profiles) ship
inside the package and need no network. Official third-party schemas are installed on demand
(see ``newsml-export schemas install``) and never bundled.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from .errors import SchemaError
from .fileio import write_all

__all__ = [
    "ARTICLE_SCHEMA_ID",
    "Artifact",
    "InstalledArtifact",
    "bundled_path",
    "find_official",
    "generate_article_schema",
    "install_official",
    "list_official",
    "load_bundled_json",
    "official_artifacts",
    "official_dir",
]

ARTICLE_SCHEMA_ID = "https://newsml-export.dev/schemas/article.schema.json"


def bundled_path(name: str) -> Path:
    """Path of a schema shipped with the package (``schemas/`` in the repository)."""
    return Path(str(resources.files("newsml_export") / "schemas" / name))


@lru_cache(maxsize=None)
def load_bundled_json(name: str) -> Any:
    return json.loads(bundled_path(name).read_text(encoding="utf-8"))


def generate_article_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~newsml_export.model.Article`, as checked in."""
    from .model import Article

    schema = Article.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ARTICLE_SCHEMA_ID,
        **schema,
    }


def dump_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# -- official artifacts ------------------------------------------------------------------------

SCHEMA_DIR_ENV = "NEWSML_EXPORT_SCHEMA_DIR"
_DOWNLOAD_TIMEOUT = 60
_MAX_ARTIFACT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Artifact:
    """One pinned official file, as listed in ``schemas/official.json``."""

    name: str
    title: str
    version: str
    path: str
    url: str
    sha256: str
    size: int
    license: str


@dataclass(frozen=True)
class InstalledArtifact:
    artifact: Artifact
    location: Path
    status: Literal["installed", "missing", "corrupt"]


@lru_cache(maxsize=1)
def official_artifacts() -> tuple[Artifact, ...]:
    return tuple(Artifact(**entry) for entry in load_bundled_json("official.json")["artifacts"])


def _artifact(name: str) -> Artifact:
    for artifact in official_artifacts():
        if artifact.name == name:
            return artifact
    raise ValueError(f"unknown official artifact {name!r}")


def official_dir() -> Path:
    """Where official files are installed: ``$NEWSML_EXPORT_SCHEMA_DIR``, else the per-user data
    directory (platformdirs)."""
    override = os.environ.get(SCHEMA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("newsml-export", appauthor=False)) / "official"


def find_official(name: str) -> Path | None:
    """The installed, checksum-verified file for artifact ``name``, or None if not installed.

    A file whose checksum does not match (edited or truncated after install) is an error, not
    a silent fallback.

    Validators ask for their files for every document they check, so this costs one
    ``stat``: where each artifact lives is resolved once per folder setting (see
    :func:`_location`), and a file is hashed again only when its ``stat`` changed (size, times,
    inode) since it was last verified in this process."""
    location, path = _location(name, os.environ.get(SCHEMA_DIR_ENV), os.environ.get("HOME"), os.environ.get("XDG_DATA_HOME"))
    try:
        status = os.stat(path)
    except OSError as exc:
        if exc.errno in _NOT_THERE:  # what Path.is_file() takes for "no file"
            return None
        raise
    except ValueError:  # e.g. a NUL in the folder setting: Path.is_file() says False too
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    signature = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)
    if _verified.get(path) != signature:
        if _sha256(location.read_bytes()) != _artifact(name).sha256:
            raise SchemaError(
                f"{location}: checksum does not match the pinned sha256; run `newsml-export schemas install` again"
            )
        _verified[path] = signature
    return location


_NOT_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
_verified: dict[str, tuple[int, ...]] = {}
"""Path of each file verified in this process → its stat signature when it was verified."""


@lru_cache(maxsize=64)
def _location(name: str, override: str | None, home: str | None, xdg_data_home: str | None) -> tuple[Path, str]:
    """Where artifact ``name`` is installed, for a given ``$NEWSML_EXPORT_SCHEMA_DIR`` and the
    variables platformdirs derives the per-user folder from (``$HOME``, ``$XDG_DATA_HOME``;
    elsewhere it asks the OS, which does not change while the process runs): the arguments are
    the cache key, so changing any of them is seen on the next call."""
    location = official_dir() / _artifact(name).path
    return location, str(location)


def list_official() -> list[InstalledArtifact]:
    rows = []
    for artifact in official_artifacts():
        location = official_dir() / artifact.path
        if not location.is_file():
            status: Literal["installed", "missing", "corrupt"] = "missing"
        else:
            status = "installed" if _sha256(location.read_bytes()) == artifact.sha256 else "corrupt"
        rows.append(InstalledArtifact(artifact, location, status))
    return rows


def install_official(*, from_dir: Path | None = None, mirror: str | None = None) -> list[Path]:
    """Fetch every official artifact (from ``from_dir``, a ``mirror`` base URL laid out like the
    install folder, or the official URLs), check each against its pinned sha256, then store them.

    All are fetched and checked before anything is written, so a wrong checksum stores nothing;
    then all are written at once (fileio.write_all: staged, then renamed), so a write that fails
    (a full disk, a file where a folder should be) stores nothing either.
    """
    fetched = []
    for artifact in official_artifacts():
        data, read_from = _fetch(artifact, from_dir=from_dir, mirror=mirror)
        actual = _sha256(data)
        if actual != artifact.sha256:
            raise SchemaError(
                f"{artifact.name} ({read_from}): sha256 {actual} does not match the pinned "
                f"{artifact.sha256}; nothing was installed"
            )
        fetched.append((artifact, data))
    target = official_dir()
    written = write_all({target / artifact.path: data for artifact, data in fetched})
    _verified.clear()
    return written


def _fetch(artifact: Artifact, *, from_dir: Path | None, mirror: str | None) -> tuple[bytes, str]:
    """The artifact's bytes and where they were read (a file, or a URL)."""
    if from_dir is not None:
        candidate = from_dir / artifact.path
        if candidate.is_file():
            return candidate.read_bytes(), str(candidate)
        # A flat folder of downloaded files works too; of several files by that name, the one
        # with the pinned checksum (an older copy beside it is no reason to fail).
        matches = sorted(path for path in from_dir.rglob(Path(artifact.path).name) if path.is_file())
        if not matches:
            raise SchemaError(f"{artifact.name}: {Path(artifact.path).name} not found under {from_dir}")
        contents = [(path.read_bytes(), str(path)) for path in matches]
        return next((found for found in contents if _sha256(found[0]) == artifact.sha256), contents[0])
    url = f"{mirror.rstrip('/')}/{artifact.path}" if mirror else artifact.url
    try:
        with urllib.request.urlopen(url, timeout=_DOWNLOAD_TIMEOUT) as response:  # noqa: S310 - pinned URLs
            data = response.read(_MAX_ARTIFACT_BYTES + 1)
    except OSError as exc:
        raise SchemaError(f"{artifact.name}: cannot download {url}: {exc}") from None
    if len(data) > _MAX_ARTIFACT_BYTES:
        raise SchemaError(f"{artifact.name}: {url} is larger than {_MAX_ARTIFACT_BYTES} bytes")
    return data, url


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":  # `make schema`: regenerate the checked-in article schema
    bundled_path("article.schema.json").write_text(dump_schema(generate_article_schema()), encoding="utf-8")
