"""Broken items: each problem is reported with its line and the schema or rule that caught it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsml_export.cli import main
from newsml_export.formats import newsml_g2
from newsml_export.schemas import SCHEMA_DIR_ENV, install_official
from newsml_export.validation.newsml_g2 import validate

from .conftest import EXAMPLE
from .newsml_helpers import locate_quotes


@pytest.fixture(scope="module")
def item(seed_article) -> str:
    return newsml_g2.dump(locate_quotes(seed_article), body="nitf").decode()


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _issues(data: str) -> set[tuple[str | None, str, int | None]]:
    return {(i.validator, i.code, i.line) for i in validate(data.encode(), source="bad.xml").errors}


def test_dangling_idref(item):
    broken = item.replace('<partMeta contentrefs="q-master">', '<partMeta contentrefs="q-nowhere">')
    assert ("newsml-g2-rules", "idref-unresolved", _line_of(broken, "q-nowhere")) in _issues(broken)


def test_undeclared_speaker(item):
    broken = item.replace('<assert literal="milov">', '<assert literal="somebody">')
    issues = _issues(broken)
    assert ("newsml-g2-rules", "speaker-undeclared", _line_of(broken, 'infoSource role="cpprole:interviewee" literal="milov"')) in issues


def test_undeclared_qcode_alias(item):
    broken = item.replace('qcode="stat:usable"', 'qcode="nostat:usable"')
    assert ("newsml-g2-rules", "qcode-alias-undeclared", _line_of(broken, "nostat")) in _issues(broken)


def test_naive_date_fails_the_profile_but_not_iptc(item):
    broken = item.replace("<versionCreated>2022-02-05T12:00:00+01:00", "<versionCreated>2022-02-05T12:00:00")
    issues = _issues(broken)
    assert {v for v, _, line in issues if line == _line_of(broken, "<versionCreated>")} == {"newsml-g2-profile-xsd"}


def test_missing_headline_fails_the_profile(item):
    start = item.index("<headline>")
    broken = item[:start] + item[item.index("</headline>") + len("</headline>"):]
    assert any(v == "newsml-g2-profile-xsd" and "headline" in m for v, m in
               ((i.validator, i.message) for i in validate(broken.encode()).errors))


def test_element_order_fails_profile_and_official(item):
    pub = '<pubStatus qcode="stat:usable"/>'
    first = item.index("<firstCreated>")
    broken = item.replace("\n    " + pub, "")
    broken = broken[:first] + pub + broken[first:]
    validators = {v for v, _, line in _issues(broken) if line == _line_of(broken, pub)}
    assert {"newsml-g2-profile-xsd", "newsml-g2-2.35-xsd"} <= validators


def test_invalid_nitf_body_fails_nitf_schema(item):
    broken = item.replace("<hl2>", "<hl9>").replace("</hl2>", "</hl9>") if "<hl2>" in item else \
        item.replace("<body.content>", "<body.content><wrong/>")
    assert any(v == "nitf-3.6-xsd" for v, _, _ in _issues(broken))


def test_without_official_schemas_an_info_says_how_to_install(item, tmp_path, monkeypatch):
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(tmp_path / "empty"))
    report = validate(item.encode())
    assert report.ok and report.checked == ["newsml-g2-profile-xsd", "newsml-g2-rules"]
    assert any(i.code == "official-schema-missing" and "schemas install" in i.message for i in report)


def test_official_schemas_follow_the_schema_folder(item, tmp_path, monkeypatch, shared, official_schemas):
    """The installed schemas are looked up once per schema folder, not once per item: another
    folder is looked at afresh, and a folder installed while the process runs is found."""
    official = {"newsml-g2-2.35-xsd", "nitf-3.6-xsd"}
    assert official <= set(validate(item.encode()).checked)
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(tmp_path / "later"))
    report = validate(item.encode())
    assert not official & set(report.checked) and [i.code for i in report.issues] == ["official-schema-missing"]
    install_official(from_dir=shared)
    assert official <= set(validate(item.encode()).checked)
    broken = item.replace("<hl2>", "<hl9>").replace("</hl2>", "</hl9>") if "<hl2>" in item else \
        item.replace("<body.content>", "<body.content><wrong/>")
    assert any(i.validator == "nitf-3.6-xsd" for i in validate(broken.encode()).errors)
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(official_schemas))
    assert official <= set(validate(item.encode()).checked)


def test_cli_convert_and_validate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "item.xml"
    result = runner.invoke(main, ["convert", str(EXAMPLE / "article.txt"), "--to", "newsml", "--body", "nitf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["validate", str(out)])
    assert result.exit_code == 0
    assert "valid (newsml-g2-profile-xsd, newsml-g2-rules, newsml-g2-2.35-xsd, nitf-3.6-xsd" in result.output
    out.write_text(out.read_text().replace('qcode="stat:usable"', 'qcode="x:usable"'))
    result = runner.invoke(main, ["validate", str(out)])
    assert result.exit_code == 1 and "[newsml-g2-rules/qcode-alias-undeclared]" in result.output


def test_each_thread_validates_with_its_own_schemas() -> None:
    """lxml keeps a schema's error log on the schema object: shared between threads, one
    thread read the other's (empty) log and an invalid item came back valid, 4 times in 300."""
    import threading

    from newsml_export.validation import newsml_g2 as module

    mine = module._profile_schema()
    assert module._profile_schema() is mine  # compiled once per thread
    theirs: list[object] = []
    worker = threading.Thread(target=lambda: theirs.append(module._profile_schema()))
    worker.start()
    worker.join()
    assert theirs and theirs[0] is not mine


def test_threads_validating_at_once_keep_their_own_verdicts(seed_article) -> None:
    import threading

    from newsml_export.formats import newsml_g2
    from newsml_export.validation.newsml_g2 import validate

    good = newsml_g2.dump(seed_article)
    bad = good.replace(b"<headline>", b"<headline><bogus/>", 1)
    verdicts: dict[bytes, set[bool]] = {good: set(), bad: set()}

    def run(data: bytes) -> None:
        for _ in range(60):
            verdicts[data].add(validate(data).ok)

    threads = [threading.Thread(target=run, args=(data,)) for data in (good, bad, good)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert verdicts == {good: {True}, bad: {False}}
