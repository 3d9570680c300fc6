"""The extractor on the shapes real reports use (issue 16). Every sentence here is written for this test,
in the shapes of real reports; none is copied from one."""

from __future__ import annotations

import pytest

from battlemap.extract import extract_text, guess_figures_are
from battlemap.extract.place import guess_place, title_end
from battlemap.extract.scope import BATCH
from battlemap.shared.places import resolve_place

FUZHOU = resolve_place("福州市")
MINHOU = resolve_place("闽侯县")


def figures(text: str, place=MINHOU, **options):
    return {p.value_as_written + p.unit_as_written: p for p in extract_text(text, place=place, **options)}


def test_a_list_head_names_the_metric_of_every_item_and_each_item_its_place():
    found = figures("各县区完成投资分别为：鼓楼区41.7亿元、仓山区36.2亿元、晋安区(27.5亿元)。", place=FUZHOU)
    for figure, district in (("41.7亿元", "鼓楼区"), ("36.2亿元", "仓山区"), ("27.5亿元", "晋安区")):
        assert found[figure].metric_id == "completed_investment"
        assert (found[figure].scope_level, found[figure].scope_name) == ("district", district)


def test_a_ranking_keeps_its_values_and_only_the_rank_is_not_a_figure():
    found = figures("投资完成率前三位为鼓楼区(137%)、仓山区(126%)、晋安区(118%)。", place=FUZHOU)
    assert {k: v.metric_id for k, v in found.items()} == {
        "137%": "investment_completion_rate",
        "126%": "investment_completion_rate",
        "118%": "investment_completion_rate",
    }


def test_a_flattened_table_reads_metric_from_header_scope_from_label_and_unit_from_the_unit_line():
    text = (
        "单位:个、亿元\n县区 | 项目个数 | 年度投资计划 | 完成投资 | 完成率 |\n"
        "鼓楼区 | 12 | 30.5 | 20.1 | 65.9% |\n合计 | 40 | 88.0 | 60.2 | 68.4% |\n"
    )
    rows = [(p.scope_level, p.scope_name, p.metric_id, p.value) for p in extract_text(text, place=FUZHOU)]
    assert ("district", "鼓楼区", "project_count", 12) in rows
    assert ("district", "鼓楼区", "annual_planned_investment", pytest.approx(3_050_000_000)) in rows
    assert ("district", "鼓楼区", "completed_investment", pytest.approx(2_010_000_000)) in rows
    assert ("district", "鼓楼区", "investment_completion_rate", pytest.approx(0.659)) in rows
    assert ("city", "福州市", "project_count", 40) in rows


def test_a_category_is_not_a_state_and_a_predicate_is():
    found = figures("计划新开工项目186项，在建项目143个，续建项目207项。1-6月新开工项目118项，已开工项目33个。")
    for figure, category in (("186项", "计划新开工项目"), ("143个", "在建项目"), ("207项", "续建项目")):
        assert (found[figure].metric_id, found[figure].scope_level, found[figure].scope_name) == ("project_count", "programme", category)
    assert found["118项"].metric_id == "projects_started" and found["33个"].metric_id == "projects_started"
    breakdown = figures("安排重点项目60宗(其中续建项目20宗,新开工项目30宗,投产项目10宗)。")
    assert all(breakdown[f].metric_id == "project_count" for f in ("20宗", "30宗", "10宗"))


def test_the_counted_noun_decides_and_a_figure_outside_the_catalogue_is_other():
    found = figures("项目涉及路灯640套,建成6个开发区,整治点位73个,重点项目共45个。")
    assert found["640套"].metric_id == "other" and "路灯" in found["640套"].cue
    assert found["6个"].metric_id == "other" and found["6个"].cue == "开发区"
    assert found["73个"].metric_id == "other"
    assert found["45个"].metric_id == "project_count"
    assert figures("比上年增加27项,较去年增加3.2亿元。")["27项"].metric_id == "other"


def test_cue_variants_word_boundaries_negation_and_thresholds():
    found = figures("累计完成投资60亿元,占年计划的64.3%,超时序进度6.2个百分点;完成年度投资计划23.4%。")
    assert found["64.3%"].metric_id == "investment_completion_rate"
    assert found["23.4%"].metric_id == "investment_completion_rate"
    assert found["6.2个百分点"].metric_id == "schedule_ahead"
    assert figures("未按计划开工项目8项。")["8项"].metric_id == "projects_not_started"
    assert not figures("未按计划开工项目8项。")["8项"].is_target
    assert figures("32个重大项目总投资50亿元。")["32个"].metric_id == "project_count"  # 大项 inside 重大项目 is no cue
    assert "5亿元" not in figures("5亿元以上项目27个,总投资90亿元。")  # a category's threshold


def test_a_plan_is_recognised_from_its_body_and_a_launch_from_its_lead():
    assert guess_figures_are("今年全县将实施项目50个,力争完成投资30亿元,确保开工率达到90%,目标新增就业2000人。") == "targets"
    assert guess_figures_are("某县重大项目集中开工 总投资60亿元\n本次集中开工项目12个。") == "targets"
    assert guess_figures_are("1-6月全县已开工项目33个,累计完成投资12亿元,实现过半。") == "status"


def test_the_documents_place_from_title_counties_and_traditional_script():
    assert guess_place("達州市重點項目一季度進展\n通川區、達川區完成投資12億元。").admin_code == "511700"
    assert guess_place("各县(市、区)中,通川区、达川区、宣汉县、开江县完成较好。全市完成投资120亿元。").admin_code == "511700"


def test_a_town_is_a_scope_below_its_county():
    found = figures("白沙镇完成投资3亿元,新开工项目5个。")
    assert (found["3亿元"].scope_level, found["3亿元"].scope_name) == ("town", "白沙镇")
    assert found["5个"].scope_level == "town"


def test_equal_counts_of_two_programmes_both_stay():
    found = extract_text("产业类项目2个,总投资5亿元;民生类项目2个,总投资3亿元。", place=MINHOU)
    assert [p.value for p in found if p.metric_id == "project_count"] == [2, 2]


def test_a_headline_figure_restated_in_the_body_is_one_figure():
    text = "某县重点项目集中开工 总投资36亿元\n2023年5月25日，某县集中开工项目12个，总投资36亿元。"
    assert [p.value for p in extract_text(text, place=MINHOU) if p.metric_id == "total_investment"] == [3_600_000_000]


def test_places_listed_together_share_their_figure():
    found = extract_text("其中，岐山县、眉县、陇县项目开工率达到100%。", place=resolve_place("宝鸡市"))
    assert sorted(p.scope_name for p in found if p.metric_id == "start_rate") == ["岐山县", "眉县", "陇县"]


def test_a_list_opened_by_qizhong_continues_the_figure_it_breaks_down():
    text = "今年一季度，全省共有300个新建项目集中开工。其中，沈阳市120个、大连市80个。"
    found = figures(text, place=resolve_place("辽宁省"))
    assert found["300个"].metric_id == "projects_started"
    assert (found["120个"].metric_id, found["120个"].scope_name) == ("projects_started", "沈阳市")
    assert (found["80个"].metric_id, found["80个"].scope_name) == ("projects_started", "大连市")


def test_a_period_plan_is_not_the_annual_plan_and_a_gap_in_points_is_not_a_rate():
    found = figures("一季度目标任务15亿元，完成一季度目标任务的126%；年度投资计划60亿元。开工率80%，高于去年同期12个百分点。")
    assert found["15亿元"].metric_id == "other" and found["126%"].metric_id == "other"
    assert found["60亿元"].metric_id == "annual_planned_investment"
    assert found["80%"].metric_id == "start_rate" and found["12个百分点"].metric_id == "other"


def test_a_typeset_space_between_number_and_unit():
    found = extract_text("全市重点项目共 502 个，计划完成投资 906 亿元。", place=resolve_place("开封市"))
    assert [(p.metric_id, p.value, p.value_as_written, p.unit_as_written) for p in found] == [
        ("project_count", 502, "502", "个"),
        ("annual_planned_investment", 90_600_000_000, "906", "亿元"),
    ]


def test_a_launch_batch_before_its_noun_is_a_category_and_after_it_a_start():
    found = figures("本次集中开工的52个项目，总投资40亿元。全市300个新建项目集中开工。")
    assert (found["52个"].metric_id, found["52个"].scope_level) == ("project_count", "programme")
    assert found["300个"].metric_id == "projects_started"


def test_a_table_cell_and_a_spaced_figure_stand_whole_in_their_quotes():
    from battlemap.build.figure_match import figure_in_quote

    row = "达州市 | 600.1 | 110.5 | 120.5 | 109.1% |"
    assert figure_in_quote(row, "600.1亿元") and figure_in_quote(row, "109.1%")
    assert not figure_in_quote(row, "0.1亿元") and not figure_in_quote("达州市 | 1600.1 |", "600.1亿元")
    assert figure_in_quote("共 502 个", "502个") and not figure_in_quote("项目600.1", "600.1亿元")


def test_names_listed_before_fenbie_take_the_figures_after_it_in_turn():
    found = extract_text("城市轨道交通、市政路桥项目分别完成投资104亿元、43.4亿元,完成年度计划的29.8%、26.1%。", place=FUZHOU)
    assert [(p.scope_name, p.metric_id) for p in found] == [
        ("城市轨道交通", "completed_investment"),
        ("市政路桥项目", "completed_investment"),
        ("城市轨道交通", "investment_completion_rate"),
        ("市政路桥项目", "investment_completion_rate"),
    ]
    districts = extract_text("鼓楼区、仓山区分别完成投资10亿元、8亿元。", place=FUZHOU)
    assert [(p.scope_level, p.scope_name, p.value) for p in districts] == [
        ("district", "鼓楼区", 1_000_000_000),
        ("district", "仓山区", 800_000_000),
    ]


def test_a_rate_its_clause_names_is_not_the_lists_metric():
    found = figures("甲园区等151个项目开工建设，开工率73%；乙园区等85个项目竣工，竣工率76.6%；20个储备项目提前开工，转化率8.7%。")
    assert found["73%"].metric_id == "start_rate"
    assert (found["76.6%"].metric_id, found["76.6%"].cue) == ("other", "竣工率")
    assert (found["8.7%"].metric_id, found["8.7%"].cue) == ("other", "转化率")


def test_a_lead_announcing_the_years_project_list_makes_a_plan_unless_the_body_reports_achievements():
    announced = "某区2025年重点项目名单出炉\n近日，某区2025年重点项目名单出炉，共有45个重点项目，总投资600亿元。"
    assert guess_figures_are(announced) == "targets"
    settled = "今年，某县围绕三大产业，确定30个县级重点项目，总投资260亿元。"
    assert guess_figures_are(settled) == "targets"
    reported = (
        "今年，某县确定30个县级重点项目。截至6月底，已开工28个，累计完成投资80亿元，完成率61%，"
        "同比增长12%，已竣工3个。"
    )
    assert guess_figures_are(reported) == "status"
    # 安排 alone is how status reports open too (今年共安排重点项目181个, then what was done).
    arranged = "今年共安排重点建设项目120个，年度计划投资300亿元。一季度开复工项目共40个。"
    assert guess_figures_are(arranged) == "status"


def test_in_a_plan_what_is_already_done_is_no_target():
    plan = "某县重点项目百日攻坚行动方案\n力争完成投资20亿元。其中某园区项目总投资1.2亿元，目前累计完成投资4900万元，年内建成投产。"
    found = figures(plan)
    assert found["20亿元"].is_target and found["1.2亿元"].is_target
    assert not found["4900万元"].is_target


def test_a_share_of_a_plan_or_target_is_an_achievement():
    found = figures("1-5月完成投资30亿元，完成1-5月投资计划的118.5%，超年度目标任务3.2个百分点，占市下达目标任务的106.4%。")
    assert not any(found[f].is_target for f in ("30亿元", "118.5%", "3.2个百分点", "106.4%"))
    # A target word that is not the base of the ratio still marks it.
    planned = figures("计划完成投资100亿元，力争开工率达到90%，确保完成率达计划的100%。")
    assert planned["100亿元"].is_target and planned["90%"].is_target and planned["100%"].is_target


def test_a_line_that_opens_with_a_level_of_the_portfolio_is_that_programmes():
    text = (
        "全县重点项目共20项。其中:\n省级4项,总投资80亿元,当年计划投资9亿元。1-6月完成投资5.2亿元,完成率57.8%。\n"
        "县级16项,总投资60亿元。\n1-6月全县完成投资30亿元。"
    )
    found = {(p.value_as_written + p.unit_as_written): p for p in extract_text(text, place=MINHOU)}
    for figure in ("4项", "80亿元", "9亿元", "5.2亿元", "57.8%"):
        assert (found[figure].scope_level, found[figure].scope_name) == ("programme", "省级项目"), figure
    assert found["4项"].metric_id == "project_count"
    assert (found["60亿元"].scope_level, found["60亿元"].scope_name) == ("programme", "县级项目")
    assert found["30亿元"].scope_level == "city"  # the next line is not the level's


def test_a_count_that_points_back_at_projects_already_counted_is_not_proposed_again():
    text = (
        "某市二季度重大项目集中开工，集中开工项目52个，总投资300亿元。"
        "此次集中开工的52个项目中，产业项目30个。全市67个重点项目中，已开工50个。"
    )
    counts = [(p.metric_id, p.value_as_written) for p in extract_text(text, place=FUZHOU) if p.unit_as_written == "个"]
    assert counts.count(("project_count", "52")) == 1
    assert ("project_count", "67") in counts  # pointing back at nothing stated: still a figure
    assert ("project_count", "30") in counts


def test_a_breakdown_of_a_state_count_counts_projects_in_that_state():
    text = (
        "1-9月，全区新增签约项目40个，总投资210亿元，其中产业项目31个，科创项目6个，民生项目3个。"
        "包括甲街道12个(总投资60亿元)，乙镇8个(总投资30亿元)。"
        "全区计划新开工项目50个。已开工32个；服务业项目18个，年度计划投资20亿元。"
    )
    found = {(p.value_as_written + p.unit_as_written): p for p in extract_text(text, place=FUZHOU)}
    for figure in ("40个", "31个", "6个", "3个", "12个", "8个"):
        assert found[figure].metric_id == "projects_signed", figure
    assert (found["31个"].scope_level, found["31个"].scope_name) == ("programme", "产业项目")
    # After a full stop or semicolon a category is counted again, not broken down.
    assert found["18个"].metric_id == "project_count"


def test_an_events_name_is_not_a_state_of_the_projects():
    found = figures("参加集中开工仪式的重大项目共12个，总投资近40亿元。", place=FUZHOU)
    assert found["12个"].metric_id == "project_count"
    assert figures("已开工的重大项目共12个。", place=FUZHOU)["12个"].metric_id == "projects_started"


def test_the_size_of_the_place_is_not_a_figure():
    assert figures("全县南北长40.5公里，东西宽30公里，区域面积980平方公里，辖12个乡镇、300个行政村。") == {}


def test_a_list_item_that_counts_its_own_noun_does_not_take_the_projects_metric():
    found = figures("首批120个项目集中开工仪式在全市6个县区同步举行。", place=FUZHOU)
    assert found["120个"].metric_id == "project_count"
    assert found["6个"].metric_id == "other"


def test_a_firms_project_is_one_project():
    found = figures("某市某某家具有限公司现代家具项目总投资1.5亿元，占地60亩。", place=FUZHOU)
    assert (found["1.5亿元"].scope_level, found["1.5亿元"].scope_name) == ("project", "某市某某家具有限公司现代家具项目")
    # A firm alone is no scope (…有限公司工程负责人).
    assert figures("某某建设有限公司工程负责人表示，全市已开工项目30个。", place=FUZHOU)["30个"].scope_level != "project"


def test_a_sector_opening_its_clause_scopes_the_figures_after_it():
    text = (
        "全市开复工项目500项。工业项目建设规模持续扩大，投资同比增长30.5%，占全市投资的21%；"
        "基础设施领域项目进展迅猛，投资增长61%；发放项目贷款42亿元。"
    )
    found = figures(text, place=FUZHOU)
    for figure, sector in (("30.5%", "工业项目"), ("21%", "工业项目"), ("61%", "基础设施领域项目")):
        assert (found[figure].scope_level, found[figure].scope_name) == ("programme", sector), figure
    assert found["42亿元"].scope_level == "city"  # 项目贷款 is a loan, not a sector


def test_examples_of_a_firms_project_are_not_one_project():
    found = figures("某某商贸有限公司铁路专用线等项目18个已开工。", place=FUZHOU)
    assert found["18个"].scope_level != "project"


def test_the_size_of_a_named_project_is_that_projects_and_examples_before_a_count_are_not_its_scope():
    found = figures("重点对接投资6亿元的某某星级酒店、投资20亿元以上的重点项目。某园区供水工程等项目10个已开工。", place=FUZHOU)
    assert (found["6亿元"].scope_level, found["6亿元"].scope_name) == ("project", "某某星级酒店")
    assert "20亿元" not in found  # a size class of a set (part of its name), not a figure
    assert found["10个"].scope_level != "project" and "供水工程" not in found["10个"].scope_name


def test_a_count_before_的_counts_its_own_noun_not_the_projects_after_it():
    found = figures("围绕食品加工等8个产业链的项目有30个，5个重点领域的项目有20个。", place=FUZHOU)
    assert found["8个"].metric_id == "other" and found["5个"].metric_id == "sector_count"  # (a catalogue metric now)
    assert found["30个"].metric_id == "project_count"


def test_places_heading_examples_are_not_the_counts_scope_unless_one_place_gives_them():
    several = figures("甲县光伏产业基地、乙县电子商务等9个新项目全部开工，开工率100%。", place=FUZHOU)
    assert several["9个"].scope_level not in ("district", "town")
    named_set = figures("鼓楼区某示范项目等6个市级重点项目建成投运。", place=FUZHOU)
    assert (named_set["6个"].scope_level, named_set["6个"].scope_name) == ("programme", "市级重点项目")
    one_place = figures("仓山区某某大道项目等4个项目开工。", place=FUZHOU)
    assert (one_place["4个"].scope_level, one_place["4个"].scope_name) == ("district", "仓山区")


def test_a_province_that_lists_its_prefectures_or_is_named_far_more_than_any_is_the_documents_place():
    listing = "7月，全市州新开工项目合计120个。其中遵义市30个、毕节市25个、铜仁市20个、安顺市15个，位列前四。"
    assert guess_place(listing).name_zh_hans == "贵州省"
    named = "新华社拉萨4月2日电 西藏今年共安排重点建设项目150个。西藏累计落实中央投资300亿元，西藏各地加快推进。林芝市新开工10个。"
    assert guess_place(named).name_zh_hans == "西藏自治区"
    local = "山东省德州市乐陵市重点项目建设加快。乐陵市一季度新开工项目12个，乐陵市累计完成投资20亿元。"
    assert guess_place(local).name_zh_hans == "乐陵市"


def test_成_is_a_tenth_only_after_one_to_ten_touching_it():
    assert figures("CN51-0004 成都日报社出版。项目 1 成效明显。") == {}
    found = figures("三类项目投资占六成以上，超过7成属于现代产业。")
    assert found["六成"].value == pytest.approx(0.6) and found["7成"].value == pytest.approx(0.7)


def test_distributions_found_backwards_are_those_a_scan_of_the_text_finds():
    from battlemap.extract.lists import DISTRIBUTE, _distributions

    text = "甲区、乙县分别完成投资3亿元、2亿元；分别为。丙区和丁区依次为40%、30%。" * 3 + "x" * 300 + "戊区、己区分别12个、8个。"
    assert [m.span() for m in _distributions(text)] == [m.span() for m in DISTRIBUTE.finditer(text)]


def test_an_eligibility_floor_for_categories_is_not_an_amount_invested():
    found = figures(
        "今年共安排重点项目80个,总投资900亿元。会展、物流、旅游项目总投资10亿元以上;制造、农业项目总投资5亿元以上;"
        "申报项目总投资须在3亿元以上。全县重点项目完成投资超过120亿元,其中产业项目完成投资40亿元以上。"
    )
    assert "10亿元" not in found and "5亿元" not in found and "3亿元" not in found
    assert found["900亿元"].metric_id == "total_investment"
    assert found["120亿元"].metric_id == "completed_investment"
    assert (found["40亿元"].metric_id, found["40亿元"].qualifier) == ("completed_investment", "at_least")


def test_an_outlets_name_is_a_weak_hint_and_a_county_in_the_title_is_the_subject():
    text = (
        "《抚州日报》:临川区重点项目建设提速 2024-03-02 信息来源:抚州新闻网\n"
        "2023年,临川区围绕年度目标,安排重点项目56个,完成投资120亿元,占年度计划的105%。"
    )
    assert guess_place(text).name_zh_hans == "临川区"


def test_an_autonomous_prefecture_written_with_its_plain_suffix():
    text = "第03版:要闻 上一版 下一版 标题导航 返回首页 | 版面导航 | 标题导航 上一版 下一版 放大 缩小 默认\n" + (
        "本报讯 云南楚雄州今年首批86个项目集中开工,楚雄州计划总投资320亿元。云南省相关负责人出席,楚雄州各县市同步举行。"
    )
    assert guess_place(text).name_zh_hans == "楚雄彝族自治州"


def test_a_reposts_original_headline_is_part_of_the_title():
    text = (
        "某某网\n\n临沧2019年完成重点项目投资80亿元\n\n2020-01-20 09:00:00来源:临沧日报\n\n"
        "  原标题:临沧去年完成重点项目投资80亿元\n\n"
        "  记者从云南省发改委获悉,云南省重点项目2019年完成投资2000亿元,全省进度良好。云南省共安排项目300个。"
        "其中临沧完成投资80亿元,居全省前列。"
    )
    assert text.index("原标题") < title_end(text) < text.index("记者")
    assert guess_place(text).name_zh_hans == "临沧市"


def test_a_period_before_projects_is_when_not_which_and_a_sector_aspect_scopes_its_sentence():
    found = figures(
        "1-9月项目累计完成投资88.5亿元,超均衡进度2.1个百分点。本年度计划开工项目60项,目前实际已开工48项,"
        "完成年度计划开工的80%。在交通与水利设施方面,一季度计划新开工项目前期工作有序推进,完成投资6.2亿元。"
    )
    assert (found["88.5亿元"].metric_id, found["88.5亿元"].scope_level) == ("completed_investment", "city")
    assert found["2.1个百分点"].metric_id == "schedule_ahead"
    assert found["80%"].metric_id == "start_rate"
    assert (found["6.2亿元"].scope_level, found["6.2亿元"].scope_name) == ("programme", "交通与水利设施")


def test_projects_planned_to_go_into_production_are_a_category():
    found = figures("截至9月底,12个计划投产项目实现投产9个,投产率75%。")
    assert (found["12个"].metric_id, found["12个"].scope_name) == ("project_count", "计划投产项目")
    assert found["9个"].metric_id == "projects_in_production"


def test_ranges_and_floors_of_project_size_are_categories_not_amounts():
    found = figures("按投资规模分,50亿-100亿元项目2个,10亿-50亿元项目15个,10亿元及以下项目30个。")
    assert not {"100亿元", "50亿元", "10亿元"} & set(found)
    assert {found[f].metric_id for f in ("2个", "15个", "30个")} == {"project_count"}


def test_in_a_plan_what_an_earlier_year_did_is_no_target():
    text = (
        "2019年重点项目集中开工活动方案\n今年计划完成投资300亿元,比2018年增长10%。"
        "2018年,全市参加集中开工的80个项目已全部开工,全年共完成投资260亿元,完成年度计划投资118%。"
    )
    found = figures(text, figures_are="targets")
    assert found["300亿元"].is_target and found["10%"].is_target
    assert not found["260亿元"].is_target and not found["118%"].is_target
    assert found["118%"].metric_id == "investment_completion_rate"


def test_shares_of_a_target_and_a_completion_ratio_named_plainly():
    found = figures("全区累计完成投资90亿元,占目标任务的61%;八大行动项目完成投资20亿元,完成投资率72.9%。")
    assert found["61%"].metric_id == "investment_completion_rate"
    assert found["72.9%"].metric_id == "investment_completion_rate"


def test_a_year_before_the_word_项目_is_no_count_and_a_published_list_is_a_plan():
    text = "苏州发布市级重点项目清单 重点项目420个\n日前,市发展改革委发布420个市级重点项目清单。今年共安排重点建设项目400个,总投资8000亿元。"
    assert guess_figures_are(text) == "targets"
    assert "2024项" not in figures("全市组织2024项目攻坚年活动,新开工项目35个。")


def test_the_years_expected_investment_is_its_plan_and_总投_is_total_investment():
    found = figures("甲项目年预计投资14.5亿元,乙项目年度预期投资3.5亿元;全部项目总投820亿元。")
    assert found["14.5亿元"].metric_id == "annual_planned_investment"
    assert found["3.5亿元"].metric_id == "annual_planned_investment"
    assert found["820亿元"].metric_id == "total_investment"


def test_the_documents_place_from_a_prefecture_named_only_by_its_short_name_or_from_该区():
    assert guess_place("据了解,今年漳州重点建设项目300个,总投资2000亿元,全市完成投资500亿元。").name_zh_hans == "漳州市"
    text = "11月6日,从新闻发布会上获悉,南康区前三季度项目建设成果丰硕。该区推进重大项目,该区完成投资100亿元,赣州市通报表扬。"
    assert guess_place(text).name_zh_hans == "南康区"


def test_the_places_own_portfolio_named_with_its_short_name_is_the_whole_place():
    found = figures(
        "据了解,今年漳州重点建设项目300个,总投资2000亿元。其中,180个续建项目完成投资600亿元;120个新开工项目已开工80个。",
        place=resolve_place("漳州市"),
    )
    assert (found["300个"].scope_level, found["2000亿元"].scope_level) == ("city", "city")
    assert (found["120个"].metric_id, found["120个"].scope_name) == ("project_count", "新开工项目")
    assert (found["80个"].metric_id, found["80个"].scope_name) == ("projects_started", "新开工项目")


def test_a_period_and_the_documents_place_before_a_state_set_leave_the_whole_place():
    found = figures("前三季度海东市开复工项目713项,同比增长26.4%。", place=resolve_place("海东市"))
    assert (found["713项"].metric_id, found["713项"].scope_level) == ("projects_started", "city")
    assert found["26.4%"].scope_level == "city"


def test_a_change_against_a_base_is_an_increase_not_the_amount():
    found = figures("年度计划投资较去年增长1.1亿元;项目数量、总投资分别较上年增加8个、12.6亿元;占比较年初提高5个百分点。")
    assert {found[f].metric_id for f in ("1.1亿元", "8个", "12.6亿元", "5个百分点")} == {"other"}
    assert figures("完成投资50亿元,同比增长12%。")["12%"].metric_id == "yoy_growth"


def test_a_category_phrase_after_examples_is_the_counts_scope():
    found = figures("某某核电站扩建工程等105个计划新开工项目实现开工。")
    assert (found["105个"].metric_id, found["105个"].scope_level, found["105个"].scope_name) == (
        "projects_started",
        "programme",
        "计划新开工项目",
    )


def test_the_share_of_a_task_that_is_no_investment_is_other():
    found = figures("完成房屋征收800户,占年度目标任务的112%;完成投资12亿元,占年度目标任务的95%。项目平均年度投资为2.1亿元。")
    assert found["112%"].metric_id == "other"
    assert found["95%"].metric_id == "investment_completion_rate"
    assert found["2.1亿元"].metric_id == "other"


def test_counts_of_projects_started_or_completed_and_averages_are_catalogue_metrics():
    found = figures("全市25个重大项目集中开(竣)工,总投资157亿元,项目平均投资规模6.3亿元。")
    assert found["25个"].metric_id == "projects_started_or_completed"
    assert found["6.3亿元"].metric_id == "average_project_investment"


def test_a_government_sites_address_names_the_place_a_text_leaves_unnamed():
    from battlemap.extract.place import place_of_address

    text = "2023年我县重点项目共50项,总投资120亿元,1-6月完成投资40亿元。"
    assert guess_place(text) is None
    assert guess_place(text, "http://xxgk.qinshui.gov.cn/zdxm/202301/t1.shtml").name_zh_hans == "沁水县"
    assert place_of_address("https://www.qinshui-news.com/a.html", text) is None  # not a government site
    # A name several places share (taizhou: 台州, 泰州) counts only for the one the text names.
    assert place_of_address("http://fgw.taizhou.gov.cn/a", "泰州市重点项目推进会召开。").name_zh_hans == "泰州市"
    assert place_of_address("http://fgw.taizhou.gov.cn/a", text) is None
    # A county's site whose report names only its prefecture: the county.
    assert guess_place("晋城市重点工程推进有力,全县完成投资30亿元。", "http://www.qinshui.gov.cn/x").name_zh_hans == "沁水县"


def test_the_lines_of_a_list_by_category_keep_their_repeated_figures():
    found = extract_text(
        "分行业看：\n化工项目12个,开复工12个,开复工率100%,投资完成率61%;\n装备项目9个,开复工9个,开复工率100%,投资完成率48%;",
        place=FUZHOU,
    )
    rates = [(p.scope_name, p.value) for p in found if p.metric_id == "start_rate"]
    assert rates == [("化工项目", 1), ("装备项目", 1)]


def test_the_years_plan_passes_its_target_flag_to_no_figure_after_it():
    found = figures("化工项目12个,总投资80亿元,年内计划投资20.5亿元,开复工12个,投资完成率61%。", place=FUZHOU, figures_are="status")
    assert found["20.5亿元"].is_target
    assert not found["12个"].is_target and not found["61%"].is_target
    grown = figures("今年安排重点项目30个,年度投资45亿元,较上年增长16%。", place=FUZHOU, figures_are="status")
    assert grown["16%"].metric_id == "yoy_growth" and not grown["16%"].is_target


def test_plan_opening_a_category_name_marks_no_target():
    found = figures("全省60个计划新开工项目开工建设41个,开工率68%。", place=FUZHOU, figures_are="status")
    assert (found["41个"].metric_id, found["41个"].is_target) == ("projects_started", False)
    assert not found["68%"].is_target


def test_a_plan_issued_in_the_lead_makes_the_report_a_plan():
    text = (
        "来源:晚报\n近日,《某市扩大有效投资攻坚行动方案(2023)》正式印发,明确今年全市固定资产投资增长12%,"
        "确保全年完成重点项目投资900亿元以上。去年全市完成投资800亿元,同比增长8%。工业项目力争完成投资400亿元,交通将完成投资80亿元。"
    )
    assert guess_figures_are(text) == "targets"
    assert guess_figures_are("近日,全市已完成投资300亿元,累计开工项目80个,同比增长9%,实现开工率85%。") == "status"


def test_growth_share_and_progress_cues_and_two_year_averages():
    found = figures(
        "重点项目累计完成投资120.5亿元,增幅21.3%;一季度完成投资占年投资目标的27.5%;年度计划投资进度达104%;"
        "工业投资两年平均增长6.1%。",
        place=FUZHOU,
    )
    assert found["21.3%"].metric_id == "yoy_growth"
    assert found["27.5%"].metric_id == "investment_completion_rate"
    assert found["104%"].metric_id == "investment_completion_rate"
    assert found["6.1%"].metric_id == "other"


def test_a_five_year_plans_investment_is_a_period_plan_not_a_list_item():
    found = figures("续建项目40个,估算总投资300亿元,“十四五”期间计划投资210.6亿元,2023年度计划投资60.2亿元。", place=FUZHOU)
    assert found["300亿元"].metric_id == "total_investment"
    assert found["210.6亿元"].metric_id == "other"
    assert found["60.2亿元"].metric_id == "annual_planned_investment"


def test_a_word_in_an_examples_name_does_not_name_a_count_of_projects():
    found = figures("包括城南拆迁安置小区等5个基础设施项目,再开工滨江大道等12个重大项目。", place=FUZHOU)
    assert found["5个"].metric_id == "project_count"
    assert found["12个"].metric_id == "projects_started"


def test_an_aim_before_an_achievement_word_that_names_the_metric_makes_a_target():
    found = figures("下一步,全县将加快在建项目建设,力争上半年完成固定资产投资42亿元。", figures_are="status")
    assert found["42亿元"].is_target
    done = figures("一季度,全县完成固定资产投资18亿元。", figures_are="status")
    assert not done["18亿元"].is_target


def test_a_portfolio_named_by_two_own_words_is_the_whole_place_and_a_parenthesis_names_no_set_of_it():
    found = figures("今年全市共安排重大工程和重点项目316个(含省级重大工程项目120个)。全市已复工建设项目75个。", place=FUZHOU)
    assert (found["316个"].scope_level, found["316个"].metric_id) == ("city", "project_count")
    assert found["120个"].scope_level == "programme"
    assert found["75个"].scope_level == "city"


def test_a_list_of_sectors_gives_each_item_its_sector_and_sectors_sharing_a_figure_one_figure_each():
    province = resolve_place("甘肃省")
    found = figures("累计完成投资前3名的行业是:交通物流97.4亿元、能源80.8亿元、社会事业35亿元。", place=province)
    for figure, sector in (("97.4亿元", "交通物流"), ("80.8亿元", "能源"), ("35亿元", "社会事业")):
        assert (found[figure].metric_id, found[figure].scope_level, found[figure].scope_name) == ("completed_investment", "programme", sector)
    shared = extract_text("其中,水利领域项目已全部开工,能源、生态环保、文化旅游领域项目开工率超过60%。", place=province)
    rates = [(p.scope_name, p.value) for p in shared if p.metric_id == "start_rate"]
    assert rates == [("能源领域", 0.6), ("生态环保领域", 0.6), ("文化旅游领域", 0.6)]
    assert all("能源" in p.quote for p in shared if p.metric_id == "start_rate")
    examples = extract_text("工业、城建等三领域项目投资占六成以上。", place=province)
    assert len(examples) == 1


def test_a_parenthesis_after_a_state_count_breaks_it_down_by_category_and_keeps_its_categories_inside():
    found = extract_text("各部门承诺开复工40项(续建31项,新建9项),已开复工的项目28项,开复工率为70%。", place=MINHOU)
    rows = [(p.metric_id, p.value_as_written, p.scope_level) for p in found]
    assert rows == [
        ("projects_started", "40", "city"),
        ("projects_started", "31", "programme"),
        ("projects_started", "9", "programme"),
        ("projects_started", "28", "city"),
        ("start_rate", "70", "city"),
    ]


def test_a_count_of_townships_after_a_verb_is_no_town():
    found = figures("近期,县政府组织发改、统计等部门,深入六乡镇部分项目督导检查开复工情况。第一季度完成固定资产投资3500万元。")
    assert found["3500万元"].scope_level == "city"


def test_a_sentence_opening_with_the_date_it_reports_up_to_is_no_target_in_a_launch_notice():
    text = (
        "某县举行第三季度重点项目集中开工仪式\n当天共有12个重点项目集中开工,总投资15.2亿元。"
        "截至目前,全县120个重点项目全部开复工,完成投资80.6亿元,占年度计划投资的70.2%。"
    )
    assert guess_figures_are(text) == "targets"
    found = figures(text)
    assert found["15.2亿元"].is_target
    assert not found["80.6亿元"].is_target and not found["70.2%"].is_target


def test_places_after_a_month_each_keep_their_equal_counts_of_projects_of_a_size():
    province = resolve_place("贵州省")
    found = extract_text(
        "分地区看,7月份贵阳市新开工亿元以上项目3个、总投资43.6亿元,安顺市新开工亿元以上项目2个、总投资20亿元,"
        "毕节市新开工亿元以上项目2个、总投资26.6亿元。",
        place=province,
    )
    counts = [(p.scope_level, p.scope_name, p.value_as_written) for p in found if p.metric_id == "projects_started"]
    assert counts == [("district", "贵阳市", "3"), ("district", "安顺市", "2"), ("district", "毕节市", "2")]


def test_a_provinces_short_name_is_the_province_even_where_a_district_shares_it():
    text = "11月10日,海南重点项目集中开工仪式在各地同步举行。此次集中开工项目120个,总投资300亿元。海南两年来累计集中开工项目900个。"
    assert guess_place(text).name_zh_hans == "海南省"


def test_an_outlets_name_with_words_before_its_kind_is_only_a_weak_hint():
    text = (
        "湖南民生在线-湖南在线民生频道-湖南民生新闻网\n当前位置: > 地方\n时间:2017-12-10 来源:湖南日报\n"
        "12月8日上午,双峰县举行7个重点项目集中开工活动。1至11月,双峰县206个重点项目完成投资113亿元。"
    )
    assert guess_place(text).name_zh_hans == "双峰县"


def test_a_prefectures_short_name_in_the_body_adds_to_it_beside_its_province():
    text = (
        "近日,海口市重点项目推进会召开。会议指出,海南省重点项目中,海口承担任务最重,海南省下达海口的任务最多。"
        "海口今年安排项目100个,海口全年计划投资500亿元,海口将加快推进,海口确保完成。海南省全省项目建设稳步推进。"
    )
    assert guess_place(text).name_zh_hans == "海口市"


def test_a_set_of_projects_settled_on_counts_its_projects():
    found = figures("全省已确定省市两级重点工程项目1200项。8月份,第二批省级重点工程确定76项。", place=resolve_place("山西省"))
    assert found["1200项"].metric_id == "project_count" and found["76项"].metric_id == "project_count"


def test_yi_without_yuan_is_money_and_names_before_a_semicolon_take_the_figures_after_fenbie_in_turn():
    found = extract_text(
        "年度投资计划占比较重的三个责任单位是翠湖管委会、赤坎镇、城市管理和综合执法局;年度投资计划分别是16.6亿、11.1亿、7.4亿。"
        "另建成水库库容2亿立方米。",
        place=resolve_place("开平市"),
    )
    plans = [(p.scope_level, p.scope_name, p.value) for p in found if p.metric_id == "annual_planned_investment"]
    assert plans == [
        ("district", "翠湖管委会", 1_660_000_000),
        ("town", "赤坎镇", 1_110_000_000),
        ("programme", "城市管理和综合执法局", 740_000_000),
    ]
    assert all(p.unit_as_written != "亿" for p in found if p.value_as_written == "2")


def test_growth_by_zengjia_in_per_cent_is_a_growth_rate_and_the_plans_flag_does_not_reach_it():
    found = figures("我市列入省重点建设项目9项,年度投资计划18.2亿元,总投资和年度计划分别较上年度增加17%、26%。", place=FUZHOU, figures_are="status")
    assert [found[f].metric_id for f in ("17%", "26%")] == ["yoy_growth", "yoy_growth"]
    assert not found["17%"].is_target and not found["26%"].is_target
    share = figures("一季度完成投资20亿元,占该计划39.6%;10个计划建成投产项目进度为46.7%。", place=FUZHOU, figures_are="status")
    assert share["39.6%"].metric_id == "investment_completion_rate"
    assert not share["46.7%"].is_target


def test_the_set_named_after_examples_is_the_counts_programme():
    found = figures("具体来看,机场高速二期等基础设施项目420个,总投资2400亿元。恩施市医院迁建等社会民生项目150个。", place=resolve_place("湖北省"))
    assert (found["420个"].scope_level, found["420个"].scope_name) == ("programme", "基础设施项目")
    assert found["2400亿元"].scope_name == "基础设施项目"
    assert (found["150个"].scope_level, found["150个"].scope_name) == ("programme", "社会民生项目")


def test_a_state_before_the_noun_names_a_category_when_the_next_figure_takes_the_state_after_it():
    found = figures("全市190个市级重点新开工项目已开工100个。", place=FUZHOU)
    assert (found["190个"].metric_id, found["100个"].metric_id) == ("project_count", "projects_started")


def test_started_and_completed_together_gdp_and_a_production_lines_investment():
    found = figures(
        "全县7个重点项目集中开工竣工。前三季度全县完成地区生产总值150.2亿元。门业公司投资1.2亿元建设的年产50万樘门生产线开工。"
    )
    assert found["7个"].metric_id == "projects_started_or_completed"
    assert found["150.2亿元"].metric_id == "other"
    assert (found["1.2亿元"].metric_id, found["1.2亿元"].scope_level) == ("total_investment", "project")


def test_sectors_heading_a_sentence_share_the_figure_of_its_later_clause():
    found = extract_text(
        "分行业看,新兴产业、公路、电力等领域重点项目推进有力,投资完成率均高于100%;生态环保、经贸物流等领域重大项目加快建设,投资完成率达90%。",
        place=resolve_place("新疆维吾尔自治区"),
    )
    rates = [(p.scope_name, p.value) for p in found if p.metric_id == "investment_completion_rate"]
    assert rates == [("新兴产业领域", 1), ("公路领域", 1), ("电力领域", 1), ("生态环保领域", 0.9), ("经贸物流领域", 0.9)]


def test_the_share_of_the_years_starts_is_a_start_rate_and_of_another_task_other():
    found = figures("前三季度,完成开工项目350个,占年度目标的94.5%;完成联审联批事项2500项,占年度目标的91.2%。", place=FUZHOU)
    assert found["94.5%"].metric_id == "start_rate"
    assert found["91.2%"].metric_id == "other"


def test_an_autonomous_prefectures_short_name_heads_its_clause_as_a_district():
    found = extract_text("7月份,黔东南州新开工亿元以上项目5个、总投资9.46亿元,黔南州新开工亿元以上项目7个。", place=resolve_place("贵州省"))
    assert [(p.scope_level, p.scope_name) for p in found] == [
        ("district", "黔东南苗族侗族自治州"),
        ("district", "黔东南苗族侗族自治州"),
        ("district", "黔南布依族苗族自治州"),
    ]


def test_a_larger_places_set_is_a_programme_and_the_own_set_of_the_place_itself_is_the_whole_place():
    kaiping = resolve_place("开平市")
    found = figures("我市列入2020年广东省重点建设项目9项,总投资149.6亿元。我市本级重点建设项目155项,总投资658.4亿元。", place=kaiping)
    assert (found["9项"].scope_level, found["9项"].scope_name) == ("programme", "广东省重点建设项目")
    assert found["149.6亿元"].scope_level == "programme"
    assert found["155项"].scope_level == "city" and found["658.4亿元"].scope_level == "city"


def test_a_count_of_named_works_is_a_programme_not_one_project():
    found = figures("分类看,342个现代服务业质量提升工程完成进度最快,共完成投资734.1亿元。", place=FUZHOU)
    assert (found["342个"].scope_level, found["342个"].scope_name) == ("programme", "现代服务业质量提升工程")


def test_a_batch_planned_for_a_period_or_launched_in_the_event_told_is_a_category():
    found = figures("计划2月新开工项目60个,各地计划共2月内复工重点项目250个。此次开工的20个重点项目共分为四大类。", place=FUZHOU)
    for figure in ("60个", "250个", "20个"):
        assert (found[figure].metric_id, found[figure].scope_level) == ("project_count", "programme")
    assert found["四大类"].metric_id == "project_category_count"
    started = figures("1-6月新开工项目118项,已开工的5个项目中有3个竣工。", place=FUZHOU)
    assert started["118项"].metric_id == "projects_started" and started["5个"].metric_id == "projects_started"


def test_a_promise_is_a_target():
    found = figures("各建设部门承诺3月份开复工30项,已开复工的项目20项。", figures_are="status")
    assert found["30项"].is_target and not found["20项"].is_target


def test_a_sentence_restated_later_is_one_figure_even_where_its_scope_is_read_differently():
    text = (
        "确保完成小城镇环境综合整治第二批13个乡镇100%的整治任务,稳步推进。\n二、重点工作\n"
        "开展重大工程攻坚行动(2)确保完成小城镇环境综合整治第二批13个乡镇100%的整治任务,稳步推进。"
    )
    found = extract_text(text, place=MINHOU)
    assert sorted(p.value_as_written for p in found) == ["100", "13"]


def test_shares_of_investment_and_of_projects_and_counts_of_sectors_are_catalogue_metrics():
    found = figures(
        "制造业项目分别占项目总数和总投资的72.1%、58.7%。重大产业项目投资占比达68%。亿元以上项目68个,占比48%。"
        "一般性工业在全市投资占比由去年同期的11%提升至20%,分别较上年增加了2%和2.5%。项目涉及社会事业等12个行业领域。",
        place=FUZHOU,
    )
    assert found["72.1%"].metric_id == "project_share" and found["58.7%"].metric_id == "investment_share"
    assert found["68%"].metric_id == "investment_share" and found["48%"].metric_id == "project_share"
    assert found["20%"].metric_id == "investment_share"
    assert found["2%"].metric_id != "investment_share" and found["2.5%"].metric_id != "investment_share"
    assert found["12个"].metric_id == "sector_count"
    tasks = figures("完成征收任务120户,占下达任务数的106%。", place=FUZHOU)
    assert tasks["106%"].metric_id == "other"


def test_in_a_plan_a_paragraph_about_an_earlier_year_is_its_account_of_that_year():
    text = (
        "2022年第二批重大项目清单发布。今年计划投资130亿元。\n"
        "2021年,全市经济持续恢复发展。其中,第一产业增加值377.3亿元,比上年增长7.5%。\n"
        "2022年,力争第一产业增加值增长6%。"
    )
    found = figures(text, place=FUZHOU, figures_are="targets")
    assert not found["377.3亿元"].is_target and not found["7.5%"].is_target
    assert found["130亿元"].is_target and found["6%"].is_target


def test_zones_listed_in_a_county_level_report_are_its_towns_and_a_quoted_set_is_a_programme():
    wujiang = resolve_place("吴江区")
    found = figures("今年签约项目50个,包括吴江开发区15个(总投资152.6亿元)、汾湖高新区10个(总投资47.1亿元)。", place=wujiang)
    assert (found["15个"].scope_level, found["15个"].scope_name) == ("town", "吴江开发区")
    assert (found["10个"].scope_level, found["10个"].scope_name) == ("town", "汾湖高新区")
    quoted = figures("今年全市“双百工程”重大建设项目有107个,涉及总投资1927.1亿元。", place=resolve_place("岳阳市"))
    assert (quoted["107个"].scope_level, quoted["107个"].scope_name) == ("programme", "“双百工程”")
    assert quoted["1927.1亿元"].scope_level == "programme"


def test_a_category_word_after_its_noun_is_a_state_and_a_planned_category_is_one_at_any_distance():
    found = figures("200个年度实施重大产业项目在建168个。22个省重点计划新开工项目。在建项目143个。", place=FUZHOU)
    assert found["168个"].metric_id == "other" and "在建" in found["168个"].cue
    assert found["22个"].metric_id == "project_count" and found["143个"].metric_id == "project_count"


def test_a_capacity_in_a_projects_name_is_no_figure_and_days_earlier_are_a_change():
    found = figures("石门年产10万套工业模具项目竣工。集中开工活动时间较去年提前9天。", place=FUZHOU)
    assert "10万套" not in found
    assert found["9天"].metric_id == "other"


# --- fifth round (unseen4 read) ---


def test_a_share_right_after_completed_investment_is_the_completion_of_the_plan():
    found = figures("农业项目完成投资达到96.4%,鼓楼区和仓山区项目完成投资均超过90%。", place=FUZHOU)
    assert found["96.4%"].metric_id == "investment_completion_rate"
    shared = [p for p in extract_text("鼓楼区和仓山区项目完成投资均超过90%。", place=FUZHOU)]
    assert sorted((p.metric_id, p.scope_name) for p in shared) == [
        ("investment_completion_rate", "仓山区"),
        ("investment_completion_rate", "鼓楼区"),
    ]
    # …but a share of a whole after the same words stays a share
    assert figures("占全市重点项目完成投资的35%。", place=FUZHOU)["35%"].metric_id == "investment_share"


def test_projects_that_were_not_finished_on_time_are_not_completed_ones():
    found = figures("甲公司仓储物流项目等4个项目没有按期建成。")
    assert found["4个"].metric_id == "other"


def test_a_batch_signed_or_launched_at_the_event_is_a_category_and_a_launch_verb_after_the_noun_a_state():
    found = figures("本次集中签约的项目21个,协议引资86亿元。福州市此次集中开竣工项目47个。")
    assert (found["21个"].metric_id, found["21个"].scope_level) == ("project_count", "programme")
    assert (found["47个"].metric_id, found["47个"].scope_level) == ("project_count", "programme")
    assert figures("鼓楼区有滨江大道等36个项目开竣工。", place=FUZHOU)["36个"].metric_id == "projects_started_or_completed"
    assert figures("全省一季度集中开竣工重大项目512个")["512个"].metric_id == "project_count"


def test_a_count_after_a_list_of_places_counts_them_once_and_none_shares_it():
    found = [p for p in extract_text("鼓楼、仓山、晋安、马尾4个区设分会场。", place=FUZHOU) if p.value_as_written == "4"]
    assert [(p.metric_id, p.scope_level) for p in found] == [("other", "city")]


def test_a_size_after_guo_is_a_threshold_and_taxes_are_no_investment():
    found = figures("其中过10亿元的项目8个,项目达产后可年创税收3.2亿元。")
    assert "10亿元" not in found
    assert found["3.2亿元"].metric_id == "other"


def test_the_share_of_the_plan_after_a_land_figure_and_its_other_rates_is_the_lands():
    found = figures("计划交地500亩,实际交地800亩,完成序时计划160%,完成年度计划的40%。")
    assert found["40%"].metric_id == "other"
    money = figures("完成投资30亿元,同比增长12%,完成年度计划的40%。")
    assert money["40%"].metric_id == "investment_completion_rate"


def test_a_place_that_has_or_launches_the_examples_holds_their_count_and_what_follows():
    province = resolve_place("福建省")
    text = (
        "福州市有滨江大道项目、城南污水厂工程、软件园(二期)等45个项目开竣工,总投资约260亿元。其中新开工30项,竣工15项。\n"
        "厦门市有翔安机场配套一期一、二阶段,环东海域大道工程等28个项目开竣工,总投资约190亿元。\n"
        "泉州市集中开竣工晋江物流园项目、南安石材产业园一期工程等33个项目,总投资约120亿元。"
    )
    found = figures(text, place=province)
    for figure, city in (("45个", "福州市"), ("260亿元", "福州市"), ("30项", "福州市"), ("28个", "厦门市"), ("33个", "泉州市")):
        assert (found[figure].scope_level, found[figure].scope_name) == ("district", city), figure


def test_projects_of_every_kind_are_the_whole_places():
    found = figures("一季度,开工各类项目28项,完成投资4.6亿元。", place=resolve_place("高台县"))
    assert (found["28项"].scope_level, found["4.6亿元"].scope_level) == ("city", "city")


def test_villages_and_places_counted_are_no_projects_even_after_a_state_word():
    found = figures("大桥建成后,可解决甲镇7个村2万余名群众出行难题。全市8个县市有项目开工。", place=FUZHOU)
    assert found["7个"].metric_id == "other" and found["8个"].metric_id == "other"
    assert figures("完成152个县市项目。", place=FUZHOU)["152个"].metric_id != "other"


def test_revenue_and_thresholds_without_de_are_no_investment():
    found = figures("总投资超10亿元项目12个。项目达产后预计年营收超20亿元,一般公共预算收入完成18.2亿元。")
    assert "10亿元" not in found
    assert found["12个"].metric_id == "project_count"
    assert found["20亿元"].metric_id == "other" and found["18.2亿元"].metric_id == "other"


def test_started_or_resumed_spelt_out_counts_started_projects():
    assert figures("全市开工复工省市重点项目150个。", place=FUZHOU)["150个"].metric_id == "projects_started"


def test_a_share_that_a_category_makes_up_and_a_pair_of_number_and_investment():
    found = figures("今年开工项目中近70%为工业项目,个数多、总投资大,分别达到860个和5400亿元。", place=FUZHOU)
    assert found["70%"].metric_id == "project_share"
    assert found["860个"].metric_id == "project_count" and found["5400亿元"].metric_id == "total_investment"


def test_a_launch_notices_started_and_completed_parts_are_categories_of_the_batch():
    text = "此次集中开竣工项目75个,总投资262亿元。其中开工项目46个、竣工项目29个。"
    launch = figures(text, place=FUZHOU, figures_are="targets")
    assert [launch[f].metric_id for f in ("46个", "29个")] == ["project_count", "project_count"]
    status = figures(text, place=FUZHOU, figures_are="status")
    assert [status[f].metric_id for f in ("46个", "29个")] == ["projects_started", "projects_completed"]
    # a verb with its subject before it is still what happened in the launch
    assert figures("本次活动福州市开工重大项目90个。", place=FUZHOU, figures_are="targets")["90个"].metric_id == "projects_started"


def test_an_annotators_rounding_of_a_converted_value_is_the_same_value():
    from battlemap.extract.evaluation import same_value

    assert same_value(350 * 10000 / 15, 233333.33)  # 350亩 in m2, rounded to cents
    assert not same_value(233333.33, 233334.33)


def test_projects_counted_by_how_they_fare_are_other_and_industries_are_sectors():
    found = figures("全省有215个项目超额完成年度计划投资目标,滨江新城等9个项目推进较快。重点发展8个主导产业。", place=FUZHOU)
    assert found["215个"].metric_id == "other" and found["9个"].metric_id == "other"
    assert found["8个"].metric_id == "sector_count"
    assert figures("全市共实施重点项目120个,总投资860亿元。", place=FUZHOU)["120个"].metric_id == "project_count"


def test_the_growth_of_one_kind_of_investment_is_that_kinds_programme():
    found = figures("全省工业投资同比增长18.5%,制造业投资增长12%。重点项目完成投资同比增长9%。", place=resolve_place("云南省"))
    assert (found["18.5%"].scope_level, found["18.5%"].scope_name) == ("programme", "工业投资")
    assert (found["12%"].scope_level, found["12%"].scope_name) == ("programme", "制造业投资")
    assert found["9%"].scope_name != "重点项目完成投资"


def test_a_line_headed_by_a_numbered_category_is_that_categorys_throughout():
    text = "1、新建项目。新建项目共40个,总投资120亿元。至9月底,开工建设31个,累计完成投资55.2亿元。\n2、续建项目。至9月底,累计完成投资61.8亿元。\n"
    found = figures(text, place=resolve_place("武进区"))
    assert [(found[f].scope_level, found[f].scope_name) for f in ("31个", "55.2亿元")] == [("programme", "新建项目")] * 2
    assert (found["61.8亿元"].scope_level, found["61.8亿元"].scope_name) == ("programme", "续建项目")


def test_what_actually_happened_is_no_target_and_a_plan_inside_a_rates_name_marks_none():
    found = figures("一季度计划开工12个,实际开工15个;计划交地800亩,实际交地960亩。", place=FUZHOU, figures_are="targets")
    assert found["15个"].is_target is False and found["960亩"].is_target is False
    assert found["800亩"].is_target is True
    rate = figures("一季度投资计划完成率128.5%。", place=FUZHOU)
    assert rate["128.5%"].is_target is False


def test_a_set_of_one_named_after_wei_takes_the_figures_and_a_set_in_brackets_scopes_only_inside_them():
    enping = resolve_place("恩平市")
    one = figures("我市共1项省重点项目,为恩平市滨江路改造项目,总投资6.2亿元,完成投资2.1亿元。", place=enping)
    assert (one["6.2亿元"].scope_level, one["6.2亿元"].scope_name) == ("project", "恩平市滨江路改造项目")
    assert one["1项"].scope_level == "programme"
    text = "我市共58项重点项目(其中41项已列入江门市重点项目),总投资300.5亿元。(省、市重点项目20宗,完成投资88.3亿元,完成年度计划的71.2%。)"
    found = figures(text, place=enping)
    assert (found["300.5亿元"].scope_level, found["41项"].scope_level) == ("city", "programme")
    assert found["88.3亿元"].scope_level == found["71.2%"].scope_level == "programme"


def test_a_launch_batch_of_starts_and_completions_is_a_category_and_a_count_before_its_investment_counts_projects():
    lushi = resolve_place("卢氏县")
    batch = figures("本次活动,全县集中开工、竣工项目共48个,总投资96亿元。", place=lushi, figures_are="targets")
    assert (batch["48个"].metric_id, batch["48个"].scope_level) == ("project_count", "programme")
    found = figures("旅游服务业11个项目投资18.4亿元;基础设施类项目23个投资27.6亿元。", place=lushi)
    assert found["18.4亿元"].metric_id == "total_investment" and found["27.6亿元"].metric_id == "total_investment"
    assert found["23个"].metric_id == "project_count"
    rated = figures("长沙物流园等6个项目年度计划投资完成率超100%。", place=resolve_place("湖南省"))
    assert rated["6个"].metric_id == "other"


def test_projects_listed_before_their_own_count_each_have_the_rate_after_them():
    text = "滨江大道、城南污水厂、软件园二期3个项目年度计划投资完成率超100%;东湖隧道、西站枢纽等2个项目年度计划投资完成率超80%。"
    rows = [(p.scope_level, p.scope_name, p.value) for p in extract_text(text, place=FUZHOU) if p.metric_id == "investment_completion_rate"]
    assert rows == [
        ("project", "滨江大道", 1.0),
        ("project", "城南污水厂", 1.0),
        ("project", "软件园二期", 1.0),
        ("project", "东湖隧道", 0.8),
        ("project", "西站枢纽", 0.8),
    ]
    # fewer names than the count are examples of more projects: the rate is one figure, not each example's
    more = [p for p in extract_text("滨江大道、城南污水厂等9个项目年度计划投资完成率超100%。", place=FUZHOU) if p.unit_as_written == "%"]
    assert len(more) == 1


def test_readiness_growth_kept_relative_clauses_and_township_projects():
    found = figures(
        "26个重点项目将陆续具备开工条件。工业投资保持12%的增长。全市215个纳入省调度的重点项目完成投资410亿元。"
        "储备项目提前开工9个。安排19个乡镇项目。",
        place=resolve_place("六安市"),
    )
    assert found["26个"].metric_id == "other"
    assert found["12%"].metric_id == "yoy_growth"
    assert found["215个"].metric_id == "project_count"
    assert found["9个"].metric_id == "projects_started"
    assert found["19个"].metric_id == "project_count"


def test_the_share_of_the_years_task_and_a_categorys_investment_after_a_comma():
    found = figures("已开复工15个,开工率为93.8%,完成投资74.5亿元,完成年度任务的80.5%。新建项目756个,投资1260亿元。", place=resolve_place("定边县"))
    assert found["80.5%"].metric_id == "investment_completion_rate"


def test_a_title_telling_how_work_went_makes_a_progress_report_and_the_launch_it_tells_is_a_plan():
    report = "乙县重点项目建设全面铺开\n乙县今年确定建设90个重点项目,总投资410亿元。1月份已完成投资800万元。\n"
    assert guess_figures_are(report) == "status"
    launch = "目前,全县已开复工15个。此次集中开工项目12个,总投资50.1亿元。"
    found = figures(launch, place=resolve_place("定边县"), figures_are="status")
    assert found["12个"].is_target is True and found["50.1亿元"].is_target is True
    assert found["15个"].is_target is False


def test_a_portfolio_arranged_for_the_whole_place_is_the_places():
    found = figures("2021年安排全市重点建设项目650项,项目总投资5200亿元。", place=resolve_place("江门市"))
    assert (found["650项"].scope_level, found["5200亿元"].scope_level) == ("city", "city")


def test_a_state_verb_before_the_count_of_projects_is_that_state_even_beside_categories():
    found = figures("今年拟安排省重点项目1500个,其中在建项目1100个,建成或基本建成140个项目,新开工150个项目。", place=resolve_place("福建省"))
    assert found["140个"].metric_id == "projects_completed" and found["150个"].metric_id == "projects_started"
    assert found["1100个"].metric_id == "project_count"


def test_range_and_floor_thresholds_share_and_filing_words():
    found = figures(
        "投资10-50亿元项目9个,其中5000万元以上160个。占年度任务目标120亿元的61.5%。产业项目数量占比达48%。"
        "已开工在建150个。52个前期项目中28个项目完成备案。",
        place=resolve_place("赣州市"),
    )
    assert "50亿元" not in found and "5000万元" not in found
    assert found["120亿元"].metric_id == "annual_planned_investment"
    assert found["61.5%"].metric_id == "investment_completion_rate"
    assert found["48%"].metric_id == "project_share"
    assert found["150个"].metric_id == "projects_started"
    assert found["28个"].metric_id == "other"


def test_above_right_before_a_figure_is_at_least_but_not_before_a_schedule():
    found = figures("能源、交通领域项目投资完成率均高于100%,高于序时进度2.2个百分点。", place=FUZHOU)
    assert found["100%"].qualifier == "at_least"
    assert found["2.2个百分点"].qualifier == "exact"


def test_a_place_whose_name_the_simplified_step_rewrites_is_still_found():
    # OpenCC's traditional-to-simplified step writes 乾安县 as 干安县 and 乾县 as 干县, in simplified text too
    assert guess_place("乾安县项目集中开工\n4月18日,乾安县“三早”行动项目集中开工,全县计划实施项目20个。").admin_code == "220723"
    assert resolve_place("干县").admin_code == resolve_place("乾县").admin_code


def test_names_of_metrics_take_the_figures_after_them_in_turn_and_scope_none():
    found = figures("续建项目160个,计划总投资和本年完成投资分别为400.5亿元和52.6亿元。", place=resolve_place("赣州市"))
    assert found["400.5亿元"].metric_id == "total_investment" and found["52.6亿元"].metric_id == "completed_investment"
    assert found["400.5亿元"].scope_name == found["52.6亿元"].scope_name == "续建项目"
    plain = figures("新建项目30个,计划总投资和本年完成投资为120.5亿元和12.3亿元。", place=resolve_place("赣州市"))
    assert plain["120.5亿元"].metric_id == "total_investment" and plain["12.3亿元"].metric_id == "completed_investment"


# Sixth round: shapes seen in unseen11 and unseen12, tested on sentences written here.


def test_a_lead_telling_projects_started_in_one_go_is_a_launch_notice():
    lead = "春日里,甲省掀起建设热潮,860个重大项目火热开工,总投资3200亿元。\n这些项目涵盖基础设施、先进制造等领域,今年计划完成投资900亿元。"
    assert guess_figures_are(lead) == "targets"
    assert guess_figures_are("3日,乙区45个重点项目正式开工,总投资210亿元,其中10亿元以上项目6个。") == "targets"
    # A progress report that tells a launch among its achievements stays a report
    assert guess_figures_are(
        "1-9月,丙县32个项目正式开工,已完成投资45亿元,累计竣工项目12个,开工率达到96%,同比增长8%,实现过半。"
    ) == "status"


def test_a_batch_of_the_documents_own_place_is_a_programme():
    found = figures("2月26日,福州市2022年第一批85个重大项目集中开工,计划总投资225.7亿元。", place=FUZHOU)
    assert (found["85个"].scope_level, found["85个"].scope_name) == ("programme", "第一批重大项目")
    assert found["225.7亿元"].scope_level == "programme"  # the batch's money too
    assert figures("福州市今年首批32个项目集中开工。", place=FUZHOU)["32个"].scope_name == "首批项目"
    assert figures("全市第一批省重点项目56个,总投资90亿元。", place=FUZHOU)["56个"].scope_name == "第一批省重点项目"
    # the place's own portfolio stays the place's; an approval (批复) is no batch
    assert figures("全市重点项目103个,完成投资50亿元。", place=FUZHOU)["103个"].scope_level == "city"
    assert BATCH.search("全市第12批") and BATCH.search("首批") and not BATCH.search("第一批复") and not BATCH.search("获批复")
