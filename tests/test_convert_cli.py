"""``convert`` as a user meets it on the file system: how outputs are named, what it refuses
to overwrite, and what a failed write leaves behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_export.batch.sinks import output_paths
from newsml_export.cli import main
from newsml_export.pipeline import TARGETS, output_stem

from .conftest import EXAMPLE


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def article(tmp_path) -> Path:
    """The example article and its sidecar, copied into a folder of the test's own."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE / "article.txt", folder / "article.txt")
    shutil.copy(EXAMPLE / "article.meta.yaml", folder / "article.meta.yaml")
    return folder / "article.txt"


@pytest.mark.parametrize(("name", "stem"), [
    ("article.txt", "article"),
    ("2024.03.01-story.txt", "2024.03.01-story"),
    ("article.meta.yaml", "article.meta"),
    ("article.yaml", "article"),
    ("x.jsonld", "x"),
    ("page.html", "page"),
    ("item.xml", "item"),
    ("README", "README"),
    (".txt", ".txt"),
    ("a.b/c", "a.b/c"),
    ("a/2024.03.01-story.txt", "a/2024.03.01-story"),
])
def test_output_stem_drops_only_the_last_suffix(name, stem):
    assert output_stem(name) == stem


@pytest.mark.parametrize("name", ["2024.03.01-story.txt", "article.yaml", "x.jsonld", "page.html", "item.xml"])
def test_convert_and_batch_name_outputs_alike(name, article, tmp_path):
    source = tmp_path / name
    shutil.copy(article, source)
    shutil.copy(article.with_name("article.meta.yaml"), tmp_path / f"{output_stem(name)}.meta.yaml")
    if name != "2024.03.01-story.txt":  # the other names hold JSON-LD (the kind is read from the content)
        source.write_bytes(run("convert", str(article), "--to", "jsonld").stdout_bytes)
    out = tmp_path / "out"
    result = run("convert", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in output_paths(out, name, TARGETS).values())


def test_inputs_differing_after_the_first_dot_do_not_overwrite_each_other(article, tmp_path):
    first, second = tmp_path / "2024.03.01-story.txt", tmp_path / "2024.03.02-story.txt"
    first.write_bytes(article.read_bytes())
    second.write_bytes(article.read_bytes().replace(b"Putin", b"Poutine", 1))
    out = tmp_path / "out"
    for source in (first, second):
        assert run("convert", str(source), "--meta", str(article.with_name("article.meta.yaml")), "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{day}-story{suffix}" for day in ("2024.03.01", "2024.03.02") for suffix in (".html", ".jsonld", ".xml"))
