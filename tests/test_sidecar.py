"""Broken sidecars: one clear line naming file, line and field; exit code 1; no traceback."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_export import ArticleError, DecodeError, load_article
from newsml_export.cli import main

from .conftest import EXAMPLE

GOOD = (EXAMPLE / "article.meta.yaml").read_text(encoding="utf-8")
TEXT = (EXAMPLE / "article.txt").read_text(encoding="utf-8")


def write_pair(tmp_path: Path, sidecar: str, suffix: str = ".meta.yaml") -> Path:
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / f"article{suffix}").write_text(sidecar, encoding="utf-8")
    return tmp_path / "article.txt"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def run_inspect(path: Path):
    result = CliRunner().invoke(main, ["inspect", str(path)])
    return result


def assert_one_clear_line(result, expected: str):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert expected in lines[0], lines[0]


def test_invalid_yaml_names_line(tmp_path):
    broken = GOOD.replace("genre: Analysis", "genre: [Analysis")
    result = run_inspect(write_pair(tmp_path, broken))
    assert_one_clear_line(result, "article.meta.yaml:")
    assert "invalid YAML" in result.stderr


def test_wrong_type(tmp_path):
    broken = GOOD.replace("version: 1", "version: [1]")
    result = run_inspect(write_pair(tmp_path, broken))
    assert_one_clear_line(result, f"article.meta.yaml:{line_of(broken, 'version:')}: version: expected integer, got array")


def test_unknown_field(tmp_path):
    broken = GOOD.replace("genre: Analysis", "genre: Analysis\nauthor: somebody")
    result = run_inspect(write_pair(tmp_path, broken))
    assert_one_clear_line(result, f"article.meta.yaml:{line_of(broken, 'author: somebody')}: author: unknown field")


def test_dangling_speaker_id(tmp_path):
    broken = GOOD.replace("speaker_id: milov\n    text: Here we see", "speaker_id: milow\n    text: Here we see")
    result = run_inspect(write_pair(tmp_path, broken))
    assert_one_clear_line(
        result, f"article.meta.yaml:{line_of(broken, 'speaker_id: milow')}: quotes[1].speaker_id: no person or organisation with id 'milow'"
    )


def test_naive_datetime(tmp_path):
    broken = GOOD.replace('published: "2022-02-05T12:00:00+01:00"', 'published: "2022-02-05T12:00:00"')
    result = run_inspect(write_pair(tmp_path, broken))
    assert_one_clear_line(result, f"article.meta.yaml:{line_of(broken, 'published:')}: published: date-time needs a timezone")


def test_invalid_language_tag(tmp_path):
    broken = GOOD.replace("language: en", "language: english please")
    result = run_inspect(write_pair(tmp_path, broken))
    assert_one_clear_line(result, f"article.meta.yaml:{line_of(broken, 'language:')}: language: not a valid BCP 47 language tag")


def test_invalid_url_in_list(tmp_path):
    broken = GOOD.replace("same_as: [https://en.wikipedia.org/wiki/Vladimir_Milov]", "same_as: [wikipedia/Vladimir_Milov]")
    result = run_inspect(write_pair(tmp_path, broken))
    assert_one_clear_line(result, f"article.meta.yaml:{line_of(broken, 'wikipedia/Vladimir_Milov')}: people[0].same_as[0]: not a valid URL")


def test_norwegian_is_not_false(tmp_path):
    article = load_article(write_pair(tmp_path, GOOD.replace("language: en", "language: no")))
    assert article.language == "no"


def test_no_object_construction(tmp_path):
    broken = GOOD.replace("genre: Analysis", "genre: !!python/object/apply:os.system ['touch pwned']")
    with pytest.raises(DecodeError, match="could not determine a constructor"):
        load_article(write_pair(tmp_path, broken))
    assert not Path("pwned").exists()


def test_aliases_refused(tmp_path):
    broken = GOOD.replace("keywords: [Russia, China, NATO, Taiwan, Ukraine]", "keywords: &k [Russia]\nsection: *k")
    with pytest.raises(DecodeError, match="aliases") as info:
        load_article(write_pair(tmp_path, broken))
    assert info.value.line == line_of(broken, "section: *k")


def test_duplicate_key(tmp_path):
    broken = GOOD.replace("genre: Analysis", "genre: Analysis\ngenre: News")
    with pytest.raises(DecodeError, match="duplicate key 'genre'") as info:
        load_article(write_pair(tmp_path, broken))
    assert info.value.line == line_of(broken, "genre: News")


def test_json_sidecar_errors_carry_lines(tmp_path):
    import yaml

    data = yaml.safe_load(GOOD)
    data["published"] = "2022-02-05T12:00:00+01:00"
    data["people"][0]["same_as"] = ["nope"]
    text = json.dumps(data, indent=2, ensure_ascii=False)
    with pytest.raises(ArticleError) as info:
        load_article(write_pair(tmp_path, text, ".meta.json"))
    assert info.value.path == "people[0].same_as[0]"
    assert info.value.line == line_of(text, '"nope"')


def test_json_syntax_error_line(tmp_path):
    with pytest.raises(DecodeError, match="invalid JSON") as info:
        load_article(write_pair(tmp_path, '{\n  "id": "x",\n  "language": en\n}', ".meta.json"))
    assert info.value.line == 3


def test_every_problem_is_reported(tmp_path):
    broken = GOOD.replace("language: en", "language: 12").replace("version: 1", "version: one")
    result = run_inspect(write_pair(tmp_path, broken))
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stderr.strip().splitlines()[1:]] == ["version", "language"]


def test_meta_option_overrides(tmp_path):
    text = write_pair(tmp_path, GOOD)
    other = tmp_path / "other.yaml"
    other.write_text(GOOD.replace("version: 1", "version: 7"), encoding="utf-8")
    result = CliRunner().invoke(main, ["inspect", str(text), "--meta", str(other), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["version"] == 7


def test_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "nope.txt")])
    assert_one_clear_line(result, "nope.txt: no such file")


@pytest.mark.parametrize("spoil", ["dangling link", "folder"])
def test_a_sidecar_name_that_cannot_be_read_is_an_error_not_ignored(tmp_path, spoil):
    """article.meta.yaml as a dangling link or a folder: the text used to convert without its
    metadata, saying nothing; now the sidecar is named with what is wrong with it."""
    (tmp_path / "article.txt").write_bytes((EXAMPLE / "article.txt").read_bytes())
    sidecar = tmp_path / "article.meta.yaml"
    if spoil == "folder":
        sidecar.mkdir()
    else:
        sidecar.symlink_to(tmp_path / "nowhere.yaml")
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "article.txt"), "--to", "jsonld"])
    assert result.exit_code == 1
    assert f"error: {sidecar}: " in result.output and ("no such file" in result.output or "is a directory" in result.output)


def test_a_named_pipe_beside_a_text_is_refused_not_read_for_ever(tmp_path):
    """A FIFO named like the sidecar used to block the read for ever (convert, inspect, batch);
    one named with --meta is read: the user chose it."""
    import os
    import signal
    import threading

    (tmp_path / "article.txt").write_bytes((EXAMPLE / "article.txt").read_bytes())
    os.mkfifo(tmp_path / "article.meta.yaml")
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked on the pipe"))
    signal.alarm(30)
    try:
        result = CliRunner().invoke(main, ["convert", str(tmp_path / "article.txt"), "--to", "jsonld"])
    finally:
        signal.alarm(0)
    assert result.exit_code == 1 and "article.meta.yaml: is not a regular file (a named pipe" in result.output
    pipe = tmp_path / "meta.pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_bytes((EXAMPLE / "article.meta.yaml").read_bytes()))
    writer.start()
    named = CliRunner().invoke(main, ["inspect", str(tmp_path / "article.txt"), "--meta", str(pipe)])
    writer.join()
    assert named.exit_code == 0 and "Vladimir Putin" in named.output


def test_inspect_and_roundtrip_read_a_piped_input_once(tmp_path):
    """FILE as a pipe (``<(cat article.txt)``) with --meta: it was read twice, the second time
    empty ("the file is empty")."""
    import os
    import threading

    for command in ("inspect", "roundtrip"):
        pipe = tmp_path / f"{command}.pipe"
        os.mkfifo(pipe)
        writer = threading.Thread(target=lambda: pipe.write_bytes((EXAMPLE / "article.txt").read_bytes()))
        writer.start()
        result = CliRunner().invoke(main, [command, str(pipe), "--meta", str(EXAMPLE / "article.meta.yaml")])
        writer.join()
        assert result.exit_code == 0, result.output
        assert ("Vladimir Putin" in result.output) if command == "inspect" else ("jsonld: no change" in result.output)
