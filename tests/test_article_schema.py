"""schemas/article.schema.json is generated from the model and checked in; they must not drift."""

import json

from jsonschema import Draft202012Validator

from newsml_export.schemas import bundled_path, dump_schema, generate_article_schema

from .conftest import ROOT


def test_checked_in_schema_equals_generated():
    checked_in = bundled_path("article.schema.json").read_text(encoding="utf-8")
    assert checked_in == dump_schema(generate_article_schema()), "run `make schema` and commit the result"


def test_repository_schemas_dir_is_the_bundled_one():
    assert (ROOT / "schemas" / "article.schema.json").read_text() == bundled_path("article.schema.json").read_text()


def test_schema_is_valid_2020_12():
    Draft202012Validator.check_schema(json.loads(bundled_path("article.schema.json").read_text()))


def test_seed_article_validates_against_schema(seed_article):
    data = seed_article.model_dump(mode="json", exclude_none=True)
    errors = list(Draft202012Validator(json.loads(bundled_path("article.schema.json").read_text())).iter_errors(data))
    assert errors == []
