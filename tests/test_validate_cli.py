"""``validate`` over several files: one that cannot be read is its own failed entry, and the
others are still validated and reported."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsml_export.cli import main

from .conftest import EXAMPLE

TEXT = str(EXAMPLE / "article.txt")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("unreadable", ["missing.xml", "folder"])
def test_a_file_that_cannot_be_read_is_one_failed_entry(unreadable, tmp_path):
    (tmp_path / "folder").mkdir()
    bad = str(tmp_path / unreadable)
    result = run("validate", "--format", "json", TEXT, bad)
    assert result.exit_code == 1, result.output
    reports = json.loads(result.stdout)
    assert list(reports) == [TEXT, bad]
    assert reports[TEXT]["valid"] is True and "article-model" in reports[TEXT]["checked"]
    assert reports[bad]["valid"] is False and reports[bad]["checked"] == []
    [issue] = reports[bad]["issues"]
    assert issue["severity"] == "error" and issue["source"] == bad and issue["message"] in ("no such file", "is a directory, not a file")

    text = run("validate", bad, TEXT)
    assert text.exit_code == 1
    assert f"{bad}: INVALID (no checks; 1 errors, 0 warnings)" in text.stdout
    assert f"{TEXT}: valid (" in text.stdout and text.stderr == ""

