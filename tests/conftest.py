from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The official third-party files live beside the project, never inside it.
SHARED = Path(os.environ.get("NEWSML_EXPORT_SHARED", ROOT.parent / "shared")).resolve()
EXAMPLE = ROOT / "examples" / "putin-china"
SEED = ROOT / "seeds" / "000_5cd9a95bfabd7cde.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing ({SHARED}); tests need the official files beside the project")
    return SHARED


@pytest.fixture(scope="session")
def seed_article():
    from newsml_export import load_article

    return load_article(EXAMPLE / "article.txt")


@pytest.fixture(scope="session", autouse=True)
def official_schemas(tmp_path_factory) -> Path:
    """Every test session installs the official files from ../shared into its own folder, so
    the official checks always run (never skipped) and never touch the user's cache."""
    from newsml_export.schemas import SCHEMA_DIR_ENV, install_official

    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing ({SHARED}); tests need the official files beside the project")
    target = tmp_path_factory.mktemp("official")
    previous = os.environ.get(SCHEMA_DIR_ENV)
    os.environ[SCHEMA_DIR_ENV] = str(target)
    install_official(from_dir=SHARED)
    yield target
    if previous is None:
        os.environ.pop(SCHEMA_DIR_ENV, None)
    else:
        os.environ[SCHEMA_DIR_ENV] = previous
