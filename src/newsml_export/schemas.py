"""Where schemas come from.

The project's own schemas (``article.schema.json``, the JSON-LD and NewsML-G2 profiles) ship
inside the package and need no network. Official third-party schemas are installed on demand
(see ``newsml-export schemas install``) and never bundled.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["bundled_path", "load_bundled_json", "generate_article_schema", "ARTICLE_SCHEMA_ID"]

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


if __name__ == "__main__":  # `make schema`: regenerate the checked-in article schema
    bundled_path("article.schema.json").write_text(dump_schema(generate_article_schema()), encoding="utf-8")
