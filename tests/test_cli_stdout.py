"""Standard output that cannot be written: a full disk is one error line and exit code 1 in
every command, never a traceback; a reader that closed the pipe (``| head``) changes nothing
about the exit code (``validate`` still says valid or not)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys

import pytest

from newsml_export.cli import main

from .conftest import EXAMPLE

TEXT = str(EXAMPLE / "article.txt")
COMMAND = [sys.executable, "-m", "newsml_export"]
FULL = "error: <stdout>: cannot write: No space left on device\n"


class _Full(io.RawIOBase):
    """A stdout on a full disk: every write fails with ENOSPC."""

    def writable(self) -> bool:
        return True

    def write(self, _data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("args", [
    ["convert", TEXT, "--to", "newsml"],
    ["validate", TEXT],
    ["validate", "--format", "json", TEXT],
    ["inspect", TEXT],
    ["inspect", "--format", "json", TEXT],
    ["ingest", TEXT],
    ["extract", TEXT],
    ["roundtrip", TEXT],
    ["schemas", "list"],
], ids=lambda args: " ".join(a for a in args if a != TEXT))
def test_a_full_disk_on_stdout_is_one_error_line_in_every_command(args, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(_Full()), encoding="utf-8"))
    with pytest.raises(SystemExit) as exit:
        main.main(args, prog_name="newsml-export")
    assert exit.value.code == 1
    assert capsys.readouterr().err == FULL


def test_a_full_disk_on_stdout_leaves_nothing_for_the_final_flush_to_complain_about():
    with open("/dev/full", "wb") as full:  # a real one, and a real interpreter shutdown
        result = subprocess.run([*COMMAND, "validate", TEXT], stdout=full, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (1, FULL)


@pytest.mark.parametrize(("output_format", "valid"), [("text", True), ("json", False)])
def test_a_closed_pipe_does_not_change_what_the_exit_code_says(output_format, valid, tmp_path):
    invalid = tmp_path / "invalid.jsonld"
    invalid.write_text('{"@context": "https://schema.org", "@type": "NewsArticle", "headlin": "x"}')
    process = subprocess.Popen([*COMMAND, "validate", "--format", output_format, TEXT if valid else str(invalid)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first write: every write is EPIPE
    _, stderr = process.communicate()
    assert (process.returncode, stderr) == (0 if valid else 1, b"")


@pytest.mark.parametrize("args", [["validate", TEXT], ["convert", TEXT, "--to", "jsonld"], ["inspect", TEXT]])
def test_a_closed_stdout_is_one_error_line_not_silence_or_a_traceback(args):
    """Started with stdout closed (``>&-``), Python has no sys.stdout: click wrote nothing and
    validate said nothing with exit code 0; convert had a traceback."""
    result = subprocess.run(COMMAND + args, stdout=None, stderr=subprocess.PIPE, text=True, timeout=120,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr.strip().endswith("error: <stdout>: cannot write: standard output is closed")
    assert "Traceback" not in result.stderr
