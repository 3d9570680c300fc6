"""battlemap.extract on small texts: numerals, units, cues, qualifiers, targets, scopes, quotes, non-figures."""

from __future__ import annotations

import pytest

from battlemap.extract import COLUMNS, extract_text
from battlemap.read.text import normalise
from battlemap.shared.places import resolve_place

LELING = resolve_place("乐陵市")
NANYANG = resolve_place("南阳市")


def figures(text: str, place=LELING, **options) -> dict[str, object]:
    """Proposals by figure as written (number + unit)."""
    return {p.value_as_written + p.unit_as_written: p for p in extract_text(text, place=place, **options)}


def test_money_area_ratio_and_count_in_base_units():
    found = figures(
        "今年全市计划实施重点项目103个,总投资320亿元,年度投资计划123.9亿元,完成投资4031万元,计划交地面积逾9000亩,开工率达78%。"
    )
    assert found["103个"].metric_id == "project_count" and found["103个"].value == 103
    assert found["320亿元"].metric_id == "total_investment" and found["320亿元"].value == 32_000_000_000
    assert found["123.9亿元"].metric_id == "annual_planned_investment" and found["123.9亿元"].value == 12_390_000_000
    assert found["4031万元"].value == 40_310_000
    assert found["9000亩"].metric_id == "land_delivered_area" and found["9000亩"].value == pytest.approx(6_000_000)
    assert found["78%"].metric_id == "start_rate" and found["78%"].value == pytest.approx(0.78)


def test_chinese_numerals_and_the_hundred_days():
    found = figures("以开展“八个专项行动”为抓手,开展重大工程百日攻坚行动,今年全市四大类1755个重大攻坚项目。")
    assert found["八个"].metric_id == "workstream_count" and found["八个"].value == 8
    assert found["百日"].metric_id == "campaign_duration" and found["百日"].value == 100
    assert found["四大类"].metric_id == "project_category_count" and found["四大类"].value == 4


@pytest.mark.parametrize(
    ("text", "figure", "qualifier"),
    [
        ("仓山区有近200个。", "200个", "at_most"),
        ("计划交地面积逾9000亩。", "9000亩", "at_least"),
        ("全年开展2次以上项目融资对接活动。", "2次", "at_least"),
        ("拆除各类建筑约15万平方米。", "15万平方米", "approximate"),
        ("全年争取中央预算内资金2亿元左右。", "2亿元", "approximate"),
        ("完成投资不少于8亿元。", "8亿元", "at_least"),
        ("总投资3552亿元。", "3552亿元", "exact"),
    ],
)
def test_qualifiers(text, figure, qualifier):
    assert figures(text)[figure].qualifier == qualifier


def test_targets_and_achievements():
    found = figures(
        "晋安区计划交地面积逾9000亩,拆迁面积近300万平方米。实施类项目中64个已开工,开工率达78%。"
        "拟下达省级以上预算内资金1143万元;完成4.2万亩高标准农田项目申报。力争6月底前开工率达到80%以上,确保全年完成投资400亿元以上。"
    )
    assert found["9000亩"].is_target and found["300万平方米"].is_target  # 计划 carries to the next figure of the sentence
    assert not found["64个"].is_target and not found["78%"].is_target
    assert found["1143万元"].is_target and not found["4.2万亩"].is_target
    assert found["80%"].is_target and found["400亿元"].is_target


def test_a_plan_makes_every_figure_a_target_and_an_annual_plan_is_always_one():
    plan = figures("某县重大项目百日攻坚行动方案\n推进162个攻坚工程、524项攻坚事项全面完成。")
    assert plan["162个"].is_target and plan["524项"].is_target and plan["524项"].metric_id == "task_count"
    status = figures("全市重点项目年度计划投资555亿元,已完成投资199亿元。")
    assert status["555亿元"].is_target and not status["199亿元"].is_target


def test_words_inside_a_metric_name_do_not_make_a_target():
    found = figures("晋江高铁主线东石安置房项目年度计划投资完成率81.7%;已竣工41项。")
    assert found["81.7%"].metric_id == "investment_completion_rate" and not found["81.7%"].is_target
    assert found["41项"].metric_id == "projects_completed" and not found["41项"].is_target


def test_the_predicate_after_the_counted_noun_decides_the_status():
    found = figures("全县95个重点项目已开复工88个;其余18个实施类项目正在办理开工前手续;仍有57项计划新开工项目未开工。")
    assert found["95个"].metric_id == "project_count"
    assert found["88个"].metric_id == "projects_started"
    assert found["18个"].metric_id == "projects_not_started"
    assert found["57项"].metric_id == "projects_not_started"


def test_new_metrics_of_real_reports():
    found = figures(
        "1-6月累计完成投资538.7亿元,同比增长12.4%,占年度投资计划的59.4%,超过时间进度9.4个百分点。"
        "完成征迁420户,新建安置房3200套,征收土地约1200亩。"
    )
    assert found["12.4%"].metric_id == "yoy_growth" and found["12.4%"].value == pytest.approx(0.124)
    assert found["59.4%"].metric_id == "investment_completion_rate"
    assert found["9.4个百分点"].metric_id == "schedule_ahead" and found["9.4个百分点"].value == pytest.approx(0.094)
    assert found["420户"].metric_id == "households_relocated"
    assert found["3200套"].metric_id == "resettlement_housing_units"
    assert found["1200亩"].metric_id == "land_expropriated_area"
    roads = figures("新建改造城市道路12条,总长约8.6公里。")
    assert roads["8.6公里"].metric_id == "length_built" and roads["8.6公里"].value == pytest.approx(8600)
    assert roads["12条"].metric_id == "other" and "道路" in roads["12条"].cue  # outside the catalogue: proposed as other


def test_scopes_district_project_programme_and_city():
    text = (
        "今年全市谋划项目486个。宛城区实施项目58个,完成投资18.2亿元;卧龙区实施项目63个。\n"
        "丰泽南埔山片区改造项目年度投资完成率72.3%。其中实施类项目82个、储备类项目21个,实施类项目中64个已开工,开工率达78%。\n"
        "第二批15个项目已提报国家审核。"
    )
    found = figures(text, place=NANYANG)
    assert (found["486个"].scope_level, found["486个"].scope_name) == ("city", "南阳市")
    assert (found["58个"].scope_level, found["58个"].scope_name) == ("district", "宛城区")
    assert (found["18.2亿元"].scope_level, found["18.2亿元"].scope_name) == ("district", "宛城区")
    assert (found["63个"].scope_level, found["63个"].scope_name) == ("district", "卧龙区")
    assert (found["72.3%"].scope_level, found["72.3%"].scope_name) == ("project", "丰泽南埔山片区改造项目")
    assert (found["82个"].scope_level, found["82个"].scope_name) == ("programme", "实施类项目")
    assert found["21个"].scope_name == "储备类项目"
    assert found["78%"].scope_level == "programme"  # carried through its sentence
    assert found["15个"].scope_level == "programme"


def test_a_district_is_resolved_within_the_documents_place():
    # 鼓楼区 exists in several cities; in a Fuzhou document it is Fuzhou's.
    found = figures("鼓楼区实施项目30个。", place=resolve_place("福州市"))
    assert (found["30个"].scope_level, found["30个"].scope_name) == ("district", "鼓楼区")
    assert figures("鼓楼区实施项目30个。", place=None)["30个"].scope_level == "city"  # ambiguous without a place


def test_traditional_with_inline_pinyin_gives_simplified_quotes_and_offsets_into_the_normalised_text():
    raw = "今年,樂陵市計(jì)劃實(shí)施重點(diǎn)項(xiàng)目103個,總投資320億元。"
    text = normalise(raw).text
    found = figures(raw)
    for proposal in found.values():
        assert text[proposal.char_start : proposal.char_end] == proposal.quote
        assert proposal.value_as_written + proposal.unit_as_written in proposal.quote
    assert found["103个"].quote == "乐陵市计划实施重点项目103个"
    assert found["320亿元"].quote == "总投资320亿元"


def test_full_width_digits_and_percent_sign():
    found = figures("开工率达７８％。")
    assert found["７８％"].value == pytest.approx(0.78) and found["７８％"].metric_id == "start_rate"


@pytest.mark.parametrize(
    "text",
    [
        "5月15日夜,全市召开推进会。",  # a date
        "12日,市政府召开会议。",  # a date with no month
        "第一批项目已下达,第3批正在审核。",  # ordinals
        "倒排工期3个月。",  # months
        "加快完善“四个一”包保推进机制,一个项目、一名领导、一个专班。",  # slogans, a lone 一
        "从组织保障、工作报告等八个方面,建立健全了工作推进机制。",  # structure of a speech
        "每半月通报1次攻坚进展情况。",  # a cadence
        "已有0人发表了评论,阅读 1386次",  # page chrome
        "联系电话:0797-8888123,G15沈海高速。",  # phone numbers, names
        "对排名后3位的县(市、区)进行约谈。",  # a ranking
    ],
)
def test_not_figures(text):
    assert extract_text(text, place=LELING) == []


def test_a_figure_repeated_later_is_proposed_once():
    sentence = "确保完成小城镇环境综合整治第二批13个乡镇100%的整治任务"
    text = f"{sentence}。\n内容总结:{sentence}"
    assert len(extract_text(text, place=LELING)) == 2


def test_rows_have_the_issue_columns_in_order():
    (proposal,) = extract_text("总投资320亿元。", document="d", place=LELING)
    row = proposal.row()
    assert tuple(row) == COLUMNS
    assert row["value"] == 32_000_000_000 and isinstance(row["value"], int)
    assert row["cue"] == "总投资" and 0 < row["confidence"] <= 1


def test_long_texts_are_normalised_in_segments_with_offsets_of_the_whole_text():
    block = "樂陵市計(jì)劃實(shí)施重點(diǎn)項(xiàng)目103個,總投資320億元。\n" * 30000  # ~1.5M characters, several segments
    proposals = extract_text(block, place=LELING)
    assert len(proposals) == 2  # repeats dropped
    text = normalise(block).text
    for proposal in proposals:
        assert text[proposal.char_start : proposal.char_end] == proposal.quote
    longer = block + "另有完成投资7.5亿元。"
    late = extract_text(longer, place=LELING)[-1]
    assert normalise(longer).text[late.char_start : late.char_end] == "另有完成投资7.5亿元" == late.quote


def test_a_figure_that_is_not_a_whole_number_in_its_quote_is_never_proposed(monkeypatch):
    # The extractor's own output follows the build's rule (battlemap.build.figure_match): were its reading ever to
    # take 41个 out of 741个, the proposal is dropped instead of reaching a review.
    from battlemap.build.figure_match import figure_in_quote
    from battlemap.extract import extractor
    from battlemap.extract.figures import FigureSpan

    text = "全市共有重点项目741个,总投资3552亿元。"
    real = extractor.find_figures(text, extractor.load_vocabulary())
    assert any(f.number == "741" for f in real)
    start = text.index("741") + 1
    inside = FigureSpan(start, start + 3, "41", "个", 41.0, False)
    monkeypatch.setattr(extractor, "find_figures", lambda _text, _vocabulary: [inside, *[f for f in real if f.number != "741"]])
    proposals = extractor.extract_text(text)
    assert [p.value_as_written for p in proposals] == ["3552"]
    assert all(figure_in_quote(p.quote, p.value_as_written + p.unit_as_written) for p in proposals)
