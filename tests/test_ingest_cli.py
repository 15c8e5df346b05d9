"""``ingest --encoding`` takes text encodings only: a codec that decodes no text is a usage
error naming the option, not a traceback from deep in the reader."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsml_export.cli import main

from .conftest import EXAMPLE


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex", "undefined"])
def test_a_codec_that_is_not_a_text_encoding_is_a_usage_error(codec):
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE / "article.txt"), "--encoding", codec])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--encoding': '{codec}' is not a text encoding" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1", "utf-16"])
def test_text_encodings_are_accepted(encoding):
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE / "article.txt"), "--encoding", encoding])
    assert "--encoding" not in result.stderr
