"""Word counts (``Article.word_count``, JSON-LD ``wordCount``, NewsML-G2 ``@wordcount``): the
rule of ``words.py``, in text with and without spaces between words."""

import json

from hypothesis import given, seed, settings
from hypothesis import strategies as st
from lxml import etree

from newsml_export.formats import jsonld, newsml_g2
from newsml_export.model import Article, Block
from newsml_export.words import _WORD, count_words

# 41 characters: 39 Han characters, a comma and a full stop.
CHINESE = "国家主席今天在北京会见了来访的总统，双方就两国关系和共同关心的国际问题交换了意见。"


def test_each_cjk_character_is_a_word_and_ideographic_punctuation_none():
    assert count_words(CHINESE) == 39
    assert count_words("東京タワーに行きました。") == 11  # Han, Katakana (with ー) and Hiragana alike
    assert count_words("iPhone15手机，2024年5月") == 7  # runs of other letters stay one word each


def test_text_with_spaces_counts_its_runs_between_whitespace():
    assert count_words("Three words here") == 3
    assert count_words("a — b\n\n“quoted,” she said") == 6  # as str.split counts
    assert count_words("한국어 문장입니다") == 2  # Korean puts spaces between words
    assert count_words("ภาษาไทย ไม่มีช่องว่าง") == 2  # Thai: runs between spaces (phrases), see words.py


@seed(20261127)
@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_the_fast_path_counts_as_the_rule_does(text):
    assert count_words(text) == len(_WORD.findall(text))


def test_both_formats_write_the_count_of_a_chinese_article():
    article = Article(id="urn:newsml:example.org:zh-1", language="zh", headline="会见", body=[Block(text=CHINESE), Block(text="双方同意。")],
                      published="2024-05-16T10:00:00+08:00")
    assert article.word_count == 39 + 4
    assert json.loads(jsonld.dump(article))["@graph"][0]["wordCount"] == 43
    [inline] = etree.fromstring(newsml_g2.dump(article)).iter("{*}inlineXML")
    assert inline.get("wordcount") == "43"
