"""``check_exportable`` (xmlchars.py) takes a short way for a clean article (pydantic's
serializer plus a byte search). Against the plain walk over every string (``article_problems``,
which it falls back to), on many articles that skipped validation: the same error with the
same message, or none, every time."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from pydantic import BaseModel

from newsml_export.errors import ExportError, InputError
from newsml_export.model import Article, Block, Person, Place, Quote, Rights, Source, Subject
from newsml_export import xmlchars
from newsml_export.xmlchars import _PASSED, _surely_clean, article_problems, check_exportable, checked_once, describe
from tests.batch_corpus import seed_sized

FORBIDDEN = ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]
ALLOWED = ["\t", "\n", "\r", "\x7f", "\u0085", "\ufdd0", "\U0001f600", "\\b", "\\u000b", "\ue000", "\uff0c", "\ufffd"]


def _reference(article: Any, prefix: str = "") -> None:
    """check_exportable before the short way: the first problem the walk finds, then a value of
    the wrong type (which the short way's serializer refuses too)."""
    from newsml_export.xmlchars import _type_misfit

    for path, position, char in article_problems(article):
        raise ExportError(f"{prefix}{path}: {describe(char, position, fix='remove it from the article')}")
    misfit = _type_misfit(article)
    if misfit is not None:
        raise ExportError(f"{prefix}{misfit}")


def _outcome(check: Any, article: Any) -> tuple[str, str]:
    try:
        check(article, prefix="p: ")
    except Exception as exc:  # noqa: BLE001 - whatever it is, both must raise it alike
        return type(exc).__name__, str(exc)
    return "ok", ""


class Foreign(BaseModel):
    text: str = "t"
    hidden: str = ""


class Block2(Block):
    extra: str = ""


def _spoil(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(FORBIDDEN + ALLOWED) + text[at:]


def _mutated(article: Article, rng: random.Random) -> Any:
    """``article`` changed without validation, one way or several."""
    for _ in range(rng.randint(1, 3)):
        try:
            article = _mutated_once(article, rng)
        except (AttributeError, TypeError):  # a field an earlier step removed, or set to None
            pass
    return article


def _mutated_once(article: Any, rng: random.Random) -> Any:
    op = rng.choice(["top", "nested", "list", "type", "model", "missing", "extra", "none"])
    if op == "top":
        name = rng.choice(["headline", "description", "credit_line", "url", "language", "id"])
        article = article.model_copy(update={name: _spoil(getattr(article, name) or "x", rng)})
    elif op == "nested" and article.body:
        field = rng.choice(["body", "quotes", "people", "places", "organizations"])
        items = list(getattr(article, field))
        if items:
            index = rng.randrange(len(items))
            item = items[index]
            name = rng.choice([n for n, v in vars(item).items() if isinstance(v, str)])
            items[index] = item.model_copy(update={name: _spoil(getattr(item, name), rng)})
            article = article.model_copy(update={field: items})
    elif op == "list":
        field = rng.choice(["keywords", "author_ids", "about_ids"])
        article = article.model_copy(update={field: [*getattr(article, field), _spoil("k", rng)]})
    elif op == "type":
        name, value = rng.choice([
            ("headline", 5), ("version", _spoil("1", rng)), ("keywords", (_spoil("k", rng),)), ("body", tuple(article.body)),
            ("published", _spoil("2024", rng)), ("keywords", [1, _spoil("k", rng)]), ("source", {"name": _spoil("s", rng)}),
            ("body", [{"text": _spoil("t", rng)}]), ("rights", Rights(copyright_notice="c")), ("headline", None),
            ("subjects", [Subject(qcode="a:b")]), ("source", Source(name="s")), ("body", [*article.body, _spoil("b", rng)]),
        ])
        article = article.model_copy(update={name: value})
    elif op == "model":
        field, value = rng.choice([
            ("body", [Person.model_construct(id="p", name=_spoil("n", rng))]),
            ("body", [Foreign(text="t", hidden=_spoil("h", rng))]),
            ("body", [Block2.model_construct(text="t", kind="paragraph", extra=_spoil("e", rng))]),
            ("places", [Place.model_construct(id="x", name="n", aliases=[_spoil("a", rng)])]),
            ("quotes", [Quote.model_construct(id="q", text=_spoil("t", rng), rule=_spoil("r", rng))]),
            ("source", Foreign(hidden=_spoil("h", rng))),
            ("rights", Rights.model_construct(usage_terms=_spoil("u", rng))),
        ])
        article = article.model_copy(update={field: value})
    elif op == "missing":
        article = article.model_copy()
        target = article if rng.random() < 0.5 or not article.body else article.body[0].model_copy()
        vars(target).pop(rng.choice(list(vars(target))))
        if target is not article:
            article = article.model_copy(update={"body": [target, *article.body[1:]]})
    elif op == "extra":
        article = article.model_copy(update={"bogus": _spoil("b", rng)})
    elif op == "none":  # None in any field, required or optional, at the top or one level down
        field = rng.choice(["body", "quotes", "people", "organizations", "places", None])
        items = list(getattr(article, field)) if field else []
        if items:
            index = rng.randrange(len(items))
            items[index] = items[index].model_copy(update={rng.choice(list(vars(items[index]))): None})
            article = article.model_copy(update={field: items})
        else:
            article = article.model_copy(update={rng.choice(list(vars(article))): None})
    return article


def test_the_same_verdict_and_message_as_the_walk():
    rng = random.Random(8)
    seen: set[tuple[str, str]] = set()
    short = 0
    for number in range(1500):
        article = _mutated(Article.model_validate(seed_sized(number % 5)), rng)
        expected = _outcome(_reference, article)
        assert _outcome(check_exportable, article) == expected
        if _surely_clean(article):
            short += 1
            assert expected == ("ok", "")
        seen.add((expected[0], expected[1][:20]))
    assert short > 100 and ("ExportError", "p: headline: charact") in seen and ("ok", "") in seen
    assert {"AttributeError", "ExportError", "ok"} <= {kind for kind, _ in seen}


@pytest.mark.parametrize("char", FORBIDDEN)
def test_each_forbidden_character_is_found_in_a_nested_string(char):
    article = Article.model_validate(seed_sized(0))
    person = article.people[1].model_copy(update={"aliases": ["ok", f"a{char}"]})
    spoiled = article.model_copy(update={"people": [article.people[0], person, *article.people[2:]]})
    assert not _surely_clean(spoiled)
    with pytest.raises(ExportError, match=rf"^people\[1\]\.aliases\[1\]: character U\+{ord(char):04X} at position 1 "):
        check_exportable(spoiled)


def test_a_valid_article_takes_the_short_way():
    article = Article.model_validate({**seed_sized(0), "headline": "tab\t, NEL \u0085, U+FFFD \ufffd, U+FF0C \uff0c, \U0001f600"})
    assert _surely_clean(article)
    check_exportable(article)


def test_the_models_serialize_every_field():
    # The short way reads what pydantic's serializer writes: a field it left out (exclude=True,
    # a custom serializer) would be a string nobody searched.
    for model in (Article, Block, Quote, Person, Place, Source, Subject, Rights):
        assert not model.__pydantic_decorators__.field_serializers and not model.__pydantic_decorators__.model_serializers
        assert not model.model_computed_fields
        for name, field in model.model_fields.items():
            assert not field.exclude, (model.__name__, name)


def test_checked_once_searches_each_object_once_and_keeps_the_first_error():
    article = Article.model_validate(seed_sized(1))
    with checked_once():
        check_exportable(article)
        # Changed after it passed: inside the block it is not searched again (that is the
        # saving, and why the block is only for code that changes nothing) ...
        article.headline = "bad\x0b"
        check_exportable(article)
    # ... outside, every call searches.
    with pytest.raises(ExportError, match=r"^headline: character U\+000B at position 3 "):
        check_exportable(article)
    spoiled = Article.model_validate(seed_sized(2)).model_copy(update={"description": "x\x00"})
    with checked_once():
        for _ in range(2):  # an object that failed is searched (and fails) every time
            assert _outcome(check_exportable, spoiled) == _outcome(_reference, spoiled)
    assert _PASSED.get() is None


def test_export_all_checks_once_with_the_errors_of_the_exporters():
    from newsml_export.pipeline import export, export_all

    searched: list[object] = []
    real = xmlchars._surely_clean

    def counting(article: Any) -> bool:
        searched.append(article)
        return real(article)

    article = Article.model_validate(seed_sized(3))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xmlchars, "_surely_clean", counting)
        outputs = export_all([article], ("jsonld", "html", "newsml"))
    assert searched == [article]
    assert outputs == {target: export(article, target) for target in ("jsonld", "html", "newsml")}
    for targets in (("jsonld", "newsml"), ("newsml", "jsonld")):
        spoiled = article.model_copy(update={"keywords": ["k", "\ufffe"]})
        with pytest.raises(ExportError) as alone:
            export(spoiled, targets[0])
        with pytest.raises(ExportError) as together:
            export_all([spoiled], targets)
        assert str(together.value) == str(alone.value) and "keywords[1]" in str(alone.value)


def test_convert_bytes_leaves_the_search_of_a_canonical_article_to_the_reader_and_model():
    import json
    from datetime import datetime, timezone

    from newsml_export.pipeline import convert_bytes, export

    searched: list[object] = []
    real = xmlchars._surely_clean

    def counting(article: Any) -> bool:
        searched.append(article)
        return real(article)

    document = seed_sized(4)
    text = "\n\n".join([document["headline"], *(block["text"] for block in document["body"])]).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xmlchars, "_surely_clean", counting)
        outputs = convert_bytes(json.dumps(document).encode(), targets=("jsonld", "newsml"))
        assert searched == []  # searched by the reader and the model
        convert_bytes(text, source="a.txt", targets=("jsonld", "newsml"),
                      version_created=datetime(2024, 1, 1, tzinfo=timezone.utc))
        assert len(searched) == 1  # scraped text: its located quotes are built without validation
    article = Article.model_validate(document)
    assert outputs == {target: export(article, target) for target in ("jsonld", "newsml")}
    # Escaped or raw, a forbidden character never gets that far: the reader refuses it.
    for spoiled in ('"a\\u000bb"', '"a\x0bb"'):
        with pytest.raises(InputError, match="U\\+000B"):
            convert_bytes(json.dumps(document).replace(json.dumps(document["headline"]), spoiled, 1).encode())
    with checked_once([article]), checked_once():  # a block inside another shares its objects
        article.headline = "x\x0b"
        check_exportable(article)


def test_a_value_of_the_wrong_type_is_an_export_error_not_its_repr() -> None:
    """model_copy(update=...) skips validation: a tuple headline must not be written as the
    text "('t', 'u')" by either format."""
    from newsml_export import Article, ExportError
    from newsml_export.pipeline import export

    article = Article.model_validate({"id": "urn:newsml:example.com:1", "language": "en", "headline": "H",
                                      "published": "2022-02-05T12:00:00Z", "body": [{"kind": "paragraph", "text": "t"}]})
    spoiled = article.model_copy(update={"headline": ("t", "u")})
    for target in ("jsonld", "newsml"):
        with pytest.raises(ExportError, match=r"wrong type \(headline: tuple\).*Article.model_validate"):
            export(spoiled, target)
    # The value's own text cannot pass for its type.
    steered = article.model_copy(update={"headline": ["input_type=evil]"]})
    with pytest.raises(ExportError, match=r"wrong type \(headline: list\)"):
        export(steered, "newsml")


@pytest.mark.parametrize("where", ["headline", "people[0].name", "body[1].text", "quotes[0].text", "source.name"])
def test_none_where_a_value_is_required_is_an_export_error_naming_the_field(where: str) -> None:
    """pydantic's serializer writes None as null in any field without a warning: an article
    built without validation with None in a required field was a TypeError deep in the
    NewsML-G2 writer and ``null`` in the JSON-LD. Both formats refuse it, naming the field."""
    from newsml_export.pipeline import export

    article = Article.model_validate(seed_sized(0))
    name, _, rest = where.partition(".")
    if not rest:
        spoiled = article.model_copy(update={where: None})
    else:
        field, _, index = name.partition("[")
        holder = getattr(article, field)
        if index:
            items = list(holder)
            items[int(index[:-1])] = items[int(index[:-1])].model_copy(update={rest: None})
            spoiled = article.model_copy(update={field: items})
        else:
            spoiled = article.model_copy(update={field: holder.model_copy(update={rest: None})})
    for target in ("jsonld", "newsml", "html"):
        with pytest.raises(ExportError, match=rf"no value in {re.escape(where)}, which needs one"):
            export(spoiled, target)
    # None where the type admits it is no misfit.
    assert article.model_copy(update={"description": None}).description is None
    export(article.model_copy(update={"description": None}), "newsml")
