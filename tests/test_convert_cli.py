"""``convert`` as a user meets it on the file system: how outputs are named, what it refuses
to overwrite, and what a failed write leaves behind."""

from __future__ import annotations

import errno
import os
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


def test_one_format_goes_to_stdout_by_default_and_with_dash(article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    default, dash = run("convert", str(article), "--to", "newsml"), run("convert", str(article), "--to", "newsml", "-o", "-")
    assert default.exit_code == dash.exit_code == 0, dash.output
    assert dash.stdout_bytes == default.stdout_bytes and dash.stdout.startswith("<?xml")
    assert not (tmp_path / "-").exists()


def test_several_formats_cannot_go_to_stdout(article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("convert", str(article), "-o", "-")
    assert result.exit_code == 2 and "'-o'" in result.stderr and "one format" in result.stderr
    assert list(tmp_path.iterdir()) == [article.parent]


def test_one_format_into_a_folder_named_with_a_trailing_slash(article, tmp_path):
    result = run("convert", str(article), "--to", "newsml", "-o", f"{tmp_path / 'new'}/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new").is_dir() and [p.name for p in (tmp_path / "new").iterdir()] == ["article.xml"]
    existing = run("convert", str(article), "--to", "jsonld", "-o", str(tmp_path / "new"))
    assert existing.exit_code == 0, existing.output
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["article.jsonld", "article.xml"]


def test_to_repeats_for_several_formats_like_batch(article, tmp_path):
    out = tmp_path / "out"
    result = run("convert", str(article), "--to", "newsml", "--to", "jsonld", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["article.jsonld", "article.xml"]
    both = run("convert", str(article), "--to", "jsonld", "--to", "all", "-o", str(tmp_path / "all"))
    assert both.exit_code == 0 and len(list((tmp_path / "all").iterdir())) == 3


def test_stdin_given_twice_is_a_usage_error(article):
    result = run("convert", "-", "-", "--to", "newsml", input=article.read_bytes())
    assert result.exit_code == 2 and "stdin" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("command", [["convert", "--to", "jsonld"], ["inspect"], ["roundtrip"], ["validate"]])
def test_a_missing_meta_is_a_usage_error_naming_the_option(command, article, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(run("convert", str(article), "--to", "html").stdout_bytes)
    missing = run(*command, str(page), "--meta", str(tmp_path / "nope.meta.yaml"))
    assert missing.exit_code == 2 and "'--meta'" in missing.stderr and "nope.meta.yaml" in missing.stderr


@pytest.mark.parametrize("command", [["convert", "--to", "jsonld"], ["inspect"], ["roundtrip"]])
def test_meta_for_an_input_that_is_not_text_is_a_usage_error(command, article, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(run("convert", str(article), "--to", "html").stdout_bytes)
    ignored = run(*command, str(page), "--meta", str(article.with_name("article.meta.yaml")))
    assert ignored.exit_code == 2 and ignored.stdout == ""
    assert f"--meta is for a text input; {page} is an HTML page with JSON-LD" in ignored.stderr
    assert run(*command, str(article), "--meta", str(article.with_name("article.meta.yaml"))).exit_code == 0


def test_a_bad_version_created_names_the_option_before_any_input_is_read(tmp_path):
    result = run("convert", str(tmp_path / "not-there.txt"), "--to", "newsml", "--version-created", "yesterday")
    assert result.exit_code == 2 and "'--version-created'" in result.stderr and "'yesterday'" in result.stderr
    assert "not-there" not in result.stderr


@pytest.mark.parametrize(("name", "to"), [("page.html", "html"), ("item.xml", "newsml"), ("x.jsonld", "jsonld")])
def test_convert_never_overwrites_its_input(name, to, article, tmp_path, monkeypatch):
    source = tmp_path / name
    source.write_bytes(run("convert", str(article), "--to", to).stdout_bytes + b"<!-- rest of my page -->\n")
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    for args in ([name], [name, "--to", to, "-o", name], [name, "--to", to, "-o", "."], [name, "-o", f"{tmp_path}/"]):
        result = run("convert", *args)
        assert result.exit_code == 2, (args, result.output)
        assert f"/{name} would overwrite the input {name}" in result.stderr or \
            f"the output {name} would overwrite the input {name}" in result.stderr
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", name])


def test_convert_never_overwrites_a_sidecar_or_an_input_reached_through_a_link(article, tmp_path):
    sidecar = article.with_name("article.meta.yaml")
    before = sidecar.read_bytes()
    result = run("convert", str(article), "--to", "jsonld", "-o", str(sidecar))
    assert result.exit_code == 2 and f"would overwrite the input {sidecar}" in result.stderr
    other = tmp_path / "other.yaml"
    other.write_bytes(before)
    result = run("convert", str(article), "--meta", str(other), "--to", "jsonld", "-o", str(other))
    assert result.exit_code == 2 and f"would overwrite the input {other}" in result.stderr
    (tmp_path / "link").symlink_to(article.parent, target_is_directory=True)
    page = article.with_name("article.html")
    page.write_bytes(run("convert", str(article), "--to", "html").stdout_bytes)
    result = run("convert", str(page), "-o", str(tmp_path / "link"))
    assert result.exit_code == 2 and f"would overwrite the input {page}" in result.stderr
    assert sidecar.read_bytes() == before == other.read_bytes()
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.html", "article.meta.yaml", "article.txt"]


def _changed(article: Path) -> None:
    sidecar = article.with_name("article.meta.yaml")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("headline: ", "headline: Updated - ", 1), encoding="utf-8")


def _state(folder: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in folder.iterdir()}


def test_a_write_that_fails_leaves_every_earlier_output_as_it_was(article, tmp_path):
    out = tmp_path / "out"
    assert run("convert", str(article), "-o", str(out)).exit_code == 0
    (out / "article.html").unlink()
    (out / "article.html").mkdir()  # cannot be replaced by a file
    before = _state(out)
    _changed(article)
    result = run("convert", str(article), "-o", str(out))
    assert result.exit_code == 1 and f"{out / 'article.html'}: is a folder; nothing was written" in result.stderr
    assert _state(out) == before and "wrote" not in result.stderr


def test_a_failure_while_staging_removes_every_temporary_file(article, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run("convert", str(article), "-o", str(out)).exit_code == 0
    before = _state(out)
    _changed(article)
    calls = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = run("convert", str(article), "-o", str(out))
    assert result.exit_code == 1 and "No space left on device; nothing was written" in result.stderr
    assert _state(out) == before and len(calls) == 3


def test_a_rename_that_fails_midway_says_which_outputs_are_new(article, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run("convert", str(article), "-o", str(out)).exit_code == 0
    before = _state(out)
    _changed(article)
    renamed = []
    real = os.replace

    def replace(source, target) -> None:
        if renamed:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        renamed.append(Path(target).name)
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    result = run("convert", str(article), "-o", str(out))
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("wrote")] == [f"wrote {out / renamed[0]}"]
    after = _state(out)
    assert sorted(after) == sorted(before)  # no temporary file left
    assert [name for name in after if after[name] != before[name]] == renamed


def test_an_export_error_names_the_input_it_came_from(tmp_path):
    """The exporters see only the article; the command knows which file it read."""
    undated = tmp_path / "undated.jsonld"
    undated.write_text('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "T", "inLanguage": "en"}')
    result = run("convert", str(undated), "--to", "newsml")
    assert result.exit_code == 1
    assert f"error: {undated}: urn:" in result.output and "has no date" in result.output
    assert "--version-created ISO|now on the command line" in result.output
    result = run("convert", "-", "--to", "newsml", input=undated.read_bytes())
    assert "error: <stdin>: urn:" in result.output


def test_roundtrip_takes_version_created_and_names_the_file_of_an_export_error(tmp_path):
    text = tmp_path / "undated.txt"
    text.write_text("A headline\n\nSome body text here.\n", encoding="utf-8")
    (tmp_path / "undated.meta.yaml").write_text("id: urn:x:u\nlanguage: en\n", encoding="utf-8")
    refused = run("roundtrip", str(text))
    assert refused.exit_code == 1 and f"error: {text}: urn:x:u: NewsML-G2 needs itemMeta/versionCreated" in refused.output
    dated = run("roundtrip", str(text), "--version-created", "2024-01-01T00:00:00Z")
    # The option's date comes back as modified: a change, reported as one.
    assert dated.exit_code == 1 and "jsonld: no change" in dated.output
    assert "modified: None -> '2024-01-01T00:00:00Z'" in dated.output
