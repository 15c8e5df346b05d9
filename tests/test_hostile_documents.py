"""Hostile YAML and JSON (sidecars, canonical articles, JSON-LD): no object is ever constructed,
no alias is ever expanded, and what is refused is refused with its line."""

from __future__ import annotations

import pytest

from newsml_export import ArticleError, DecodeError, UnsafeInputError
from newsml_export.readers import read_input
from newsml_export.readers.metadata import parse_document

HEAD = b"id: urn:x:1\nlanguage: en\n"


@pytest.mark.parametrize("tag", [
    b"!!python/object/apply:os.system ['touch {marker}']",
    b"!!python/object/new:os.system ['touch {marker}']",
    b"!!python/object:subprocess.Popen {{args: ['touch', '{marker}']}}",
    b"!!python/name:os.system",
    b"!!python/module:os",
    b"!!python/tuple [a, b]",
    b"!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    b"!custom {{x: 1}}",
])
def test_no_object_is_ever_constructed(tag, tmp_path):
    marker = tmp_path / "pwned"
    data = HEAD + b"headline: " + tag.replace(b"{marker}", str(marker).encode()).replace(b"{{", b"{").replace(b"}}", b"}") + b"\n"
    with pytest.raises(DecodeError, match="could not determine a constructor") as caught:
        parse_document(data, "meta.yaml")
    assert (caught.value.source, caught.value.line) == ("meta.yaml", 3)
    assert not marker.exists()


def test_an_alias_bomb_is_refused_at_its_first_alias():
    # Nine levels of ten aliases each: a billion "lol"s if it were ever expanded.
    lines = [b'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [b"a%d: &a%d [" % (i, i) + b", ".join([b"*a%d" % (i - 1)] * 10) + b"]" for i in range(1, 10)]
    with pytest.raises(DecodeError, match=r"aliases \(\*name\) are not allowed") as caught:
        parse_document(HEAD + b"\n".join(lines) + b"\n", "bomb.yaml")
    assert caught.value.line == 4  # the first alias, before anything was expanded


@pytest.mark.parametrize("data, line", [
    (HEAD + b"base: &b {headline: H}\nmerged:\n  <<: *b\n", 5),  # merge keys are aliases too
    (HEAD + b"headline: &h H\ndescription: *h\n", 4),
])
def test_every_alias_is_refused(data, line):
    with pytest.raises(DecodeError, match="aliases") as caught:
        parse_document(data, "a.yaml")
    assert caught.value.line == line


def test_an_anchor_without_alias_is_harmless():
    assert parse_document(HEAD + b"headline: &h H\n", "a.yaml").data["headline"] == "H"


@pytest.mark.parametrize("data, syntax, error, line, path", [
    (HEAD + b"headline: H\nheadline: I\n", "yaml", DecodeError, 4, ""),
    (b'{"id": "x",\n "language": "en",\n "id": "y"}', "json", DecodeError, 3, ""),
    (b'{"id": "x",\n "version": ' + b"9" * 5000 + b"}", "json", DecodeError, 2, None),
    (b'{"id": "x", "language": "en", "headline": "H", "version": NaN}', "json", ArticleError, 1, "version"),
    (HEAD + b"headline: !!binary aGVsbG8=\n", "yaml", ArticleError, 3, "headline"),
    (HEAD + b"headline: H\nkeywords: !!set {a, b}\n", "yaml", ArticleError, 4, "keywords"),
    (HEAD + b"headline: H\x7f\n", "yaml", DecodeError, 3, None),   # DEL: YAML does not admit it
    (b"%TAG !py! tag:yaml.org,2002:python/\n---\nheadline: !py!object/apply:os.system [id]\n", "yaml", DecodeError, 3, None),
    (b"[" * 100_000, "json", UnsafeInputError, 1, None),
    (b"- " * 100_000 + b"x", "yaml", UnsafeInputError, 1, None),
])
def test_malformed_and_odd_documents_are_located_errors(data, syntax, error, line, path):
    with pytest.raises(error) as caught:
        read_input(data, source=f"doc.{syntax}", kind="article")
    found = caught.value.issues[0] if isinstance(caught.value, ArticleError) else caught.value
    assert (found.source, found.line) == (f"doc.{syntax}", line)
    if path:
        assert (found.location if isinstance(caught.value, ArticleError) else found.path) == path
