"""Official artifacts: installed from a folder or a URL, pinned by sha256, never bundled."""

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsml_export import OutputError, SchemaError
from newsml_export.cli import main
from newsml_export.schemas import SCHEMA_DIR_ENV, find_official, install_official, list_official, official_artifacts

from .conftest import ROOT


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    target = tmp_path / "cache"
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(target))
    return target


def test_pins_match_the_shared_copies(shared):
    for artifact in official_artifacts():
        data = (shared / artifact.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == artifact.sha256, artifact.name
        assert len(data) == artifact.size


def test_session_install_is_complete(official_schemas):
    assert all(row.status == "installed" for row in list_official())
    assert find_official("newsml-g2-xsd") == official_schemas / "iptc/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"


def test_nothing_installed_means_none(empty_cache):
    assert find_official("newsml-g2-xsd") is None
    assert {row.status for row in list_official()} == {"missing"}


def test_wrong_checksum_is_refused_and_nothing_stored(empty_cache, shared, tmp_path):
    mirror = tmp_path / "mirror"
    shutil.copytree(shared, mirror, symlinks=False)
    (mirror / "schemaorg/schemaorgcontext.jsonld").write_text("{}")
    with pytest.raises(SchemaError, match="schemaorg-context.*does not match.*nothing was installed"):
        install_official(from_dir=mirror)
    assert not empty_cache.exists() or not any(p.is_file() for p in empty_cache.rglob("*"))


def test_a_flat_folder_with_an_old_copy_beside_the_right_one_installs_the_right_one(empty_cache, shared, tmp_path):
    """Downloaded files kept flat, an older xml.xsd sorted first: the first match by name was
    taken and the install refused, naming the artifact's path, not the file read."""
    flat = tmp_path / "flat"
    (flat / "b").mkdir(parents=True)
    (flat / "a-old").mkdir()
    for artifact in official_artifacts():
        shutil.copy(shared / artifact.path, flat / "b" / Path(artifact.path).name)
    (flat / "a-old" / "xml.xsd").write_text("<old/>")
    install_official(from_dir=flat)
    assert {row.status for row in list_official()} == {"installed"}
    (flat / "b" / "xml.xsd").unlink()  # only the old copy left: refused, naming it
    with pytest.raises(SchemaError, match=r"xml-xsd \(.*a-old/xml.xsd\): sha256 .* does not match"):
        install_official(from_dir=flat)


def test_tampered_install_is_detected(empty_cache, shared):
    install_official(from_dir=shared)
    path = find_official("xml-xsd")
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(SchemaError, match="checksum"):
        find_official("xml-xsd")
    assert {row.artifact.name: row.status for row in list_official()}["xml-xsd"] == "corrupt"


def test_an_edit_that_keeps_size_and_mtime_is_still_detected(empty_cache, shared):
    # find_official is asked for its files for every document validated, so it hashes a file
    # again only when its stat changed; an edit that puts back the size and mtime still
    # changes the inode's ctime.
    install_official(from_dir=shared)
    path = find_official("xml-xsd")
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[-2] ^= 1
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    with pytest.raises(SchemaError, match="checksum"):
        find_official("xml-xsd")
    path.write_bytes(bytes(data[:-2]) + bytes([data[-2] ^ 1]) + bytes(data[-1:]))  # repaired: found again
    assert find_official("xml-xsd") == path


def test_the_folder_setting_is_read_on_every_call(empty_cache, shared, tmp_path, monkeypatch):
    install_official(from_dir=shared)
    installed = find_official("newsml-g2-xsd")
    assert installed is not None and installed.is_relative_to(empty_cache)
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert find_official("newsml-g2-xsd") is None
    (tmp_path / "elsewhere" / installed.relative_to(empty_cache)).mkdir(parents=True)  # a folder is not the file
    assert find_official("newsml-g2-xsd") is None
    monkeypatch.setenv(SCHEMA_DIR_ENV, str(empty_cache))
    assert find_official("newsml-g2-xsd") == installed
    installed.unlink()
    assert find_official("newsml-g2-xsd") is None
    with pytest.raises(ValueError, match="unknown official artifact"):
        find_official("no-such-artifact")


def test_download_path_against_a_local_server(empty_cache, shared):
    handler = functools.partial(QuietHandler, directory=str(shared))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        written = install_official(mirror=f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert len(written) == len(official_artifacts())
    assert {row.status for row in list_official()} == {"installed"}
    assert {path.split()[1] for path in QuietHandler.requested} >= {"/" + a.path for a in official_artifacts()}


def test_unreachable_mirror_is_a_clear_error(empty_cache):
    with pytest.raises(SchemaError, match="cannot download"):
        install_official(mirror="http://127.0.0.1:9/")


def test_cli_install_and_list(empty_cache, shared):
    result = CliRunner().invoke(main, ["schemas", "install", "--from", str(shared)])
    assert result.exit_code == 0, result.output
    listing = CliRunner().invoke(main, ["schemas", "list"])
    assert listing.exit_code == 0 and listing.stdout.count("installed") == len(official_artifacts())
    assert "2.35" in listing.stdout and "30.0" in listing.stdout


def test_cli_list_exits_1_unless_every_artifact_is_installed(empty_cache):
    listing = CliRunner().invoke(main, ["schemas", "list"])
    assert listing.exit_code == 1 and listing.stdout.count("missing") == len(official_artifacts())


def test_an_install_that_cannot_write_every_file_writes_none(empty_cache, shared):
    """A file where one artifact's folder should be: the others were written one by one
    before, leaving a partial install whose checks half ran; and "File exists" hid why."""
    (empty_cache / "schemaorg").parent.mkdir(parents=True, exist_ok=True)
    (empty_cache / "schemaorg").write_text("in the way")
    with pytest.raises(OutputError, match=r"schemaorg is a file, not a folder; nothing was written"):
        install_official(from_dir=shared)
    assert [row.status for row in list_official()] == ["missing"] * len(official_artifacts())


def test_official_files_are_not_in_the_repository():
    pinned = {a.sha256 for a in official_artifacts()}
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    paths = [ROOT / name.decode() for name in tracked if name]
    assert paths, "git ls-files listed nothing"
    for path in paths:
        if path.is_file() and not path.is_symlink():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in pinned, path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    requested: list[str] = []

    def log_message(self, format, *args):  # noqa: A002 - signature from the stdlib
        QuietHandler.requested.append(self.requestline)
