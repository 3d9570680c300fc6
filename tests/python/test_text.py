"""Normalisation: pinyin stripped, simplified script, an offset map back to the raw text, damage flagged."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from battlemap.read.text import PINYIN_ANNOTATION, find_garbled, normalise, strip_pinyin, to_simplified
from battlemap.shared.paths import articles_dir

ARTICLES = sorted(articles_dir().glob("*.txt"))
CONVERT = opencc.OpenCC("t2s")


def article(prefix: str) -> str:
    (path,) = [p for p in ARTICLES if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def test_pinyin_annotation_is_removed_and_words_rejoin():
    assert normalise("推進(jìn)重點(diǎn)項(xiàng)目").text == "推进重点项目"


def test_pinyin_after_a_garbled_character_is_removed_too():
    # Leling's mojibake 袊r(nóng)批: the annotation follows a latin letter.
    assert normalise("袊r(nóng)批").text == "袊r批"


def test_parentheses_that_are_not_pinyin_stay():
    text = "縣(市、區(qū))和(專班)及(XX)與(PPP)"
    assert normalise(text).text == "县(市、区)和(专班)及(XX)与(PPP)"


def test_offsets_point_at_the_raw_character_each_normalised_character_came_from():
    raw = "下達(dá)項(xiàng)目741個(gè)"
    normalised = normalise(raw)
    assert normalised.text == "下达项目741个"
    assert [raw[i] for i in normalised.raw_offsets[:-1]] == list("下達項目741個")
    assert normalised.raw_offsets[-1] == len(raw)


def test_raw_span_covers_the_quote_without_the_trailing_annotation():
    raw = "總投資(zī)3552億元(yuán),"
    normalised = normalise(raw)
    start = normalised.text.index("投资3552亿元")
    raw_start, raw_end = normalised.raw_span(start, start + len("投资3552亿元"))
    assert raw[raw_start:raw_end] == "投資(zī)3552億元"


def test_raw_span_rejects_a_span_outside_the_text():
    with pytest.raises(ValueError, match="outside the text"):
        normalise("项目").raw_span(1, 5)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name[:3])
def test_every_article_maps_back_character_by_character(path: Path):
    raw = path.read_text(encoding="utf-8")
    normalised = normalise(raw)
    assert len(normalised.raw_offsets) == len(normalised.text) + 1
    assert list(normalised.raw_offsets[:-1]) == sorted(set(normalised.raw_offsets[:-1]))
    for position, character in enumerate(normalised.text):
        source = raw[normalised.raw_offsets[position]]
        # The same character, or its simplified form.
        assert character in (source, CONVERT.convert(source)), (position, source, character)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name[:3])
def test_no_pinyin_annotation_survives(path: Path):
    assert not PINYIN_ANNOTATION.search(normalise(path.read_text(encoding="utf-8")).text)


def test_traditional_articles_become_simplified():
    text = normalise(article("000")).text
    assert "抓城建提品质" in text and "總投資" not in text and "总投资3552亿元" in text


def test_conversion_keeps_the_length_of_every_line():
    text = "樂陵市發改局\n掛圖作戰(zhàn)\n"
    stripped, _ = strip_pinyin(text)
    assert len(to_simplified(stripped)) == len(stripped)


def test_clean_text_has_no_garbled_spans():
    assert find_garbled(normalise(article("001")).text) == []


def test_leling_garbling_is_flagged_where_it_is():
    text = normalise(article("003")).text
    spans = find_garbled(text)
    kinds = {(s.kind, s.text) for s in spans}
    assert ("question_mark_in_chinese", "?!?") in kinds
    assert ("latin_letter_in_chinese", "r") in kinds
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_zhumadian_garbled_newspaper_name_is_one_span():
    spans = find_garbled(normalise(article("002")).text)
    assert [(s.kind, s.text) for s in spans] == [("question_mark_in_chinese", "?qǐng)?bào)")]


def test_qingtian_template_and_page_markers_are_flagged():
    spans = find_garbled(normalise(article("004")).text)
    kinds = [s.kind for s in spans]
    assert kinds.count("template_placeholder") >= 6
    assert "page_marker" in kinds
    assert any(s.text == "2、" for s in spans if s.kind == "page_marker")


def test_replacement_character_is_flagged():
    (span,) = find_garbled("项目\ufffd\ufffd完成")
    assert (span.kind, span.start, span.end) == ("replacement_character", 2, 4)


def test_question_mark_outside_chinese_is_not_flagged():
    assert find_garbled("Is it done? Yes.") == []
    assert re.fullmatch(r"\s*", "".join(s.text for s in find_garbled("完成了吗？是的。")))
