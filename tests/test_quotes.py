"""Quotes: supplied ones located, extracted ones found and attributed, the extract command."""

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from newsml_export import ArticleError, load_article
from newsml_export.cli import main
from newsml_export.model import Article
from newsml_export.quotes.detect import find_spans
from newsml_export.quotes.extract import extract_quotes
from newsml_export.quotes.names import NameIndex, translit_key

from .conftest import EXAMPLE, ROOT

GOOD = (EXAMPLE / "article.meta.yaml").read_text(encoding="utf-8")
TEXT = (EXAMPLE / "article.txt").read_text(encoding="utf-8")
DEV = sorted((ROOT / "tests" / "data" / "quotes").glob("*/*.yaml"))


def spans(text):
    return [text[s.start:s.end] for s in find_spans(text, 0)]


# -- marks and spans ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("“It is,” he said.", ["It is"]),
    ('"Yes," she said. "No."', ["Yes", "No."]),
    ("„Wir schaffen das“, sagte sie.", ["Wir schaffen das"]),
    ("»Das ist gut«, sagte er.", ["Das ist gut"]),
    ("« Nous vivons une ‹ époque › terrible », a-t-il dit.", ["Nous vivons une ‹ époque › terrible"]),
    ("‘It’s the best news,’ said Rosalind. ‘Mum’s been saying “we’ll win” for years.’",
     ["It’s the best news", "Mum’s been saying “we’ll win” for years."]),
    ("“My boss said, ‘Teo, get out.’ I said no.”", ["My boss said, ‘Teo, get out.’ I said no."]),
    ("Putin’s rule and the politicians’ view didn’t change.", []),
])
def test_spans_pair_marks_of_every_convention(text, expected):
    assert spans(text) == expected


def test_a_quote_left_open_runs_to_the_end_of_its_block():
    found = find_spans("“We had one pump. Around three the concrete sighed.", 4)
    assert len(found) == 1 and not found[0].closed and found[0].block == 4


def rules_of(*paragraphs):
    article = Article(id="urn:x:open", language="en", headline="h", body=[{"text": p} for p in paragraphs])
    return [(q.id, q.rule) for q in extract_quotes(article).quotes]


def test_the_part_of_an_open_quote_that_carries_the_attribution_keeps_its_rule():
    # docs/quotes.md: a quote's rule says where its speaker was found, whichever part that is.
    assert rules_of("Finance minister John Smith said: “We must act now. The deficit grows every year,",
                    "“and nobody else will pay for it.”") == [("q1", "before:name"), ("q1.2", "paragraph-continued")]
    assert rules_of("Finance minister John Smith spoke on Monday. “We must act now. The deficit grows every year,",
                    "“and nobody else will pay for it,” Smith said.") == [("q1", "paragraph-continued"),
                                                                          ("q1.2", "after:surname")]


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [("Milov", "Milow"), ("Navalny", "Nawalny"), ("Zelensky", "Selenskyj"),
                                  ("Zhuravsky", "Schurawskyj"), ("Yeltsin", "Jelzin")])
def test_transliteration_variants_share_a_key(a, b):
    assert translit_key(a) == translit_key(b)


def test_names_resolve_full_surname_alias_and_variants_but_not_lookalikes():
    index = NameIndex()
    index.add("milov", "Vladimir Milov")
    index.add("zelensky", "Volodymyr Zelensky")
    index.add("scholz", "Olaf Scholz")
    assert [m.how for m in index.resolve("Vladimir Milov")] == ["name"]
    assert [(m.entity_id, m.how) for m in index.resolve("Milov")] == [("milov", "surname")]
    assert [(m.entity_id, m.how) for m in index.resolve("Milow")] == [("milov", "transliteration")]
    assert [m.entity_id for m in index.resolve("Selenskyj")] == ["zelensky"]
    assert [m.entity_id for m in index.resolve("Wolodymyr Selenskyj")] == ["zelensky"]
    assert index.resolve("Schulz") == []
    assert index.resolve("Putin") == []


# -- A. supplied quotes ------------------------------------------------------------------------


def test_supplied_seed_quotes_are_located_with_exact_offsets(seed_article):
    assert len(seed_article.quotes) == 13
    for quote in seed_article.quotes:
        assert quote.located
        assert seed_article.body[quote.block].text[quote.start:quote.end] == quote.text


def test_supplied_quote_with_straight_marks_finds_typographic_text(tmp_path):
    sidecar = GOOD.replace("text: China didn’t want", "text: China didn't want")
    article = load_article(_pair(tmp_path, sidecar))
    quote = next(q for q in article.quotes if q.id == "q-detail")
    assert quote.text.startswith("China didn’t want") and quote.located


def test_supplied_quote_with_a_typo_points_at_the_closest_passage(tmp_path):
    sidecar = GOOD.replace("text: Here we see who is the master", "text: Here we see who is the mastre")
    with pytest.raises(ArticleError) as caught:
        load_article(_pair(tmp_path, sidecar))
    issue = caught.value.issues[0]
    assert issue.code == "quote_not_found" and issue.location == "quotes[1].text"
    assert issue.line == _line(sidecar, "Here we see who is the mastre")
    assert "'q-master' does not occur in the body" in issue.message
    assert "closest passage" in issue.message and "Here we see who is the master" in issue.message


def test_the_cli_shows_the_typo_error_on_one_line_without_traceback(tmp_path):
    sidecar = GOOD.replace("text: But you had to offer something in return.", "text: But you had to offer somthing in return.")
    result = CliRunner().invoke(main, ["inspect", str(_pair(tmp_path, sidecar))])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "quote 'q-in-return' does not occur in the body" in result.stderr
    assert "% similar): “But you had to offer something in return" in result.stderr


def test_supplied_quote_with_unknown_speaker_is_an_error(tmp_path):
    sidecar = GOOD.replace("speaker_id: milov\n    text: The task", "speaker_id: nobody\n    text: The task")
    with pytest.raises(ArticleError) as caught:
        load_article(_pair(tmp_path, sidecar))
    assert caught.value.issues[0].code == "dangling_reference"


# -- B. extraction on the seed -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_extraction():
    article = load_article(EXAMPLE / "article.txt")
    return article, extract_quotes(article.model_copy(update={"quotes": []}))


def test_seed_every_milov_quote_is_attributed_to_him(seed_extraction):
    article, found = seed_extraction
    by_text = {q.text: q for q in found.quotes}
    for supplied in article.quotes:
        quote = by_text[supplied.text]
        assert (quote.block, quote.start, quote.end) == (supplied.block, supplied.start, supplied.end)
        assert (quote.voice, quote.speaker_id) == (supplied.voice, supplied.speaker_id), quote
        assert quote.confidence is not None and 0 < quote.confidence <= 1 and quote.rule


def test_seed_milow_politician_and_comrade_in_arms_resolve_to_milov(seed_extraction):
    _, found = seed_extraction
    rules = {q.text[:20]: q.rule for q in found.quotes}
    assert rules["It is clear that the"] == "after:alias"          # “…,” Milow said.
    assert rules["China didn’t want to"] == "inverted:alias"       # concludes Milow
    assert rules["Here we see who is t"] == "verbless:name"        # “…”, Vladimir Milov.
    assert rules["Recently, there have"] == "continuation"          # after “the politician fears”
    assert rules["The task was to get "] == "continuation"          # after “comrade-in-arms assumes”
    assert rules["Without China’s supp"] == "colon:generic"        # People are clear:


def test_seed_comrade_in_arms_is_milov_not_navalny():
    article = load_article(EXAMPLE / "article.txt")
    from newsml_export.quotes.attribute import Attributor
    from newsml_export.quotes.mentions import mentions
    from newsml_export.quotes.names import NameIndex

    index = NameIndex()
    for person in article.people:
        index.add(person.id, person.name, aliases=person.aliases, description=person.description)
    rules = Attributor(index, {8: list(mentions(index, 8, article.body[8].text))}, set(index.entries))
    who = rules.who("Alexei Navalny’s comrade-in-arms", 8, 200)
    assert (who.speaker_id, who.how) == ("milov", "description")
    who = rules.who("the politician", 9, 200)
    assert (who.speaker_id, who.how) == ("milov", "description")


def test_seed_scare_quote_paper_and_repeated_heading(seed_extraction):
    _, found = seed_extraction
    texts = [q.text for q in found.quotes]
    assert "most democratic democrats" not in texts
    paper = next(q for q in found.quotes if q.text.startswith("The parties are against"))
    assert paper.voice == "document" and paper.speaker_id is None
    assert not any(t.startswith("It is a very tragic result") for t in texts)
    # the quote the heading repeats, and the lede's partial quote when the lede is in the body
    assert sum("tragic result of all these decades" in t for t in texts) == 1 + _lede_in_body()
    reasons = {s.reason.split(":")[0] for s in found.skipped}
    assert reasons == {"scare quote", "repeats a quote of the body"}


# -- the extract command -----------------------------------------------------------------------


def test_extract_writes_a_draft_that_loads_back(tmp_path):
    text = tmp_path / "article.txt"
    text.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "draft.meta.yaml"
    result = CliRunner().invoke(main, ["extract", str(text), "-o", str(out)])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert f"extracted {len(draft['quotes'])} quotes" in result.stderr
    assert len(draft["quotes"]) == 13 + _lede_in_body()
    assert {p["name"] for p in draft["people"]} == {"Vladimir Milov"}
    assert all(q["origin"] == "extracted" and q["rule"] and q["confidence"] for q in draft["quotes"])
    article = load_article(text, out)
    assert len(article.quotes) == len(draft["quotes"]) and all(q.located for q in article.quotes)
    inspected = CliRunner().invoke(main, ["inspect", str(text), "--meta", str(out)])
    assert inspected.exit_code == 0 and f"Vladimir Milov ({11 + _lede_in_body()} quotes)" in inspected.stdout


@pytest.mark.parametrize("target", ["article.txt", "article.meta.yaml", "draft.meta.json"])
def test_extract_never_writes_over_its_article_or_sidecar_nor_yaml_into_json(tmp_path, target):
    """-o article.txt replaced the article with the draft, -o article.meta.yaml the editor's
    sidecar (comments and all); a .json name got YAML that the sidecar reader then refused."""
    text = tmp_path / "article.txt"
    text.write_text(TEXT, encoding="utf-8")
    (tmp_path / "article.meta.yaml").write_text("# the editor's note\nid: urn:x:1\nlanguage: en\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = CliRunner().invoke(main, ["extract", str(text), "-o", str(tmp_path / target)])
    assert result.exit_code == 2
    assert ("would overwrite the input" in result.output) if target != "draft.meta.json" else ("name it .meta.yaml" in result.output)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_extract_keeps_supplied_quotes_and_people_and_adds_the_rest():
    result = CliRunner().invoke(main, ["extract", str(EXAMPLE / "article.txt")])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.stdout)
    ids = [q["id"] for q in draft["quotes"]]
    assert ids[:13] == [q["id"] for q in yaml.safe_load(GOOD)["quotes"]]
    assert [q for q in draft["quotes"][13:]] == [{
        "id": "q1", "speaker_id": "milov", "kind": "partial", "text": "tragic result of all these decades",
        "origin": "extracted", "confidence": 0.95, "rule": "inverted:name"}] * _lede_in_body()
    assert [p["id"] for p in draft["people"]] == ["milov", "putin", "xi", "navalny"]


def test_a_speaker_named_like_a_place_gets_an_id_of_its_own(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Talks\n\n“We will not give up Taiwan, ever,” China Daily wrote.\n", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text(
        "id: urn:x:1\nlanguage: en\nplaces: [{id: china-daily, name: China Daily Square}]\n", encoding="utf-8")
    out = tmp_path / "draft.yaml"
    assert CliRunner().invoke(main, ["extract", str(text), "-o", str(out)]).exit_code == 0
    article = load_article(text, out)
    assert [(q.speaker_id, q.rule) for q in article.quotes] == [("china-daily-2", "after:name")]


def test_extract_error_leaves_no_output_file(tmp_path):
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1 and "no such file" in result.stderr and not out.exists()


# -- the annotated set -------------------------------------------------------------------------


@pytest.mark.parametrize("path", DEV, ids=[p.stem for p in DEV])
def test_every_annotated_article_is_valid_and_its_gold_quotes_locate(path):
    from newsml_export.quotes.locate import locate_quotes

    article = Article.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    located = locate_quotes(article)
    assert located.quotes and all(q.located for q in located.quotes)


def _lede_in_body() -> int:
    """1 when the seed's lede (with its partial quote, “tragic result …”, says … Milov) is a body
    block; a reader that recovers structure makes it the description instead."""
    return int(any("“tragic result of all these decades” of" in b.text for b in load_article(EXAMPLE / "article.txt").body))


def _pair(tmp_path: Path, sidecar: str) -> Path:
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "article.meta.yaml").write_text(sidecar, encoding="utf-8")
    return tmp_path / "article.txt"


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# -- robustness --------------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("“”„«»‘’‚‹›\"'., :;?!–") + ["Milov said", " he said", "Anna Berg ", "the mayor",
                                                            " word", " Word", "\n", "People are clear: "])
_BLOCK = st.lists(_ALPHABET, min_size=1, max_size=40).map("".join).filter(lambda t: t.strip())


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(_BLOCK, min_size=1, max_size=5))
def test_extraction_never_fails_and_its_quotes_fit_the_model(blocks):
    article = Article(id="urn:x:1", language="en", headline="h",
                      body=[{"text": " ".join(b.split())} for b in blocks if b.split()] or [{"text": "x"}])
    found = extract_quotes(article)
    data = article.model_dump()
    data["quotes"] = [q.model_dump() for q in found.quotes]
    data["people"] = [p.model_dump() for p in found.people]
    data["organizations"] = [o.model_dump() for o in found.organizations]
    checked = Article.model_validate(data)  # offsets, nesting and speaker references hold
    assert all(q.origin == "extracted" and q.rule and q.confidence is not None for q in checked.quotes)
