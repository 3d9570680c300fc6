"""Every label, title and caption of the app in English and simplified Chinese, in one place.

`t(key, lang=None, **values)` returns the text of `key` in `lang` (default: the language chosen in
the sidebar), with `{placeholders}` filled from `values`. Data from the warehouse (caveats,
definitions, quotes) is shown as stored; only the app's own words live here.
A missing key falls back to English, then to the key itself; with BATTLEMAP_I18N_STRICT=1 (tests)
it raises KeyError instead.
"""

from __future__ import annotations

import os

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
STRICT_ENV = "BATTLEMAP_I18N_STRICT"

TEXT: dict[str, dict[str, str]] = {
    # --- app frame ---
    "app.title": {"en": "battlemap explorer", "zh": "battlemap 数据浏览器"},
    "nav.compare": {"en": "Compare", "zh": "城市对比"},
    "nav.city": {"en": "City", "zh": "城市详情"},
    "nav.evidence": {"en": "Evidence", "zh": "原文证据"},
    "nav.metrics": {"en": "Metrics", "zh": "指标目录"},
    "nav.quality": {"en": "Data quality", "zh": "数据质量"},
    "sidebar.warehouse": {"en": "Warehouse (read-only): `{path}`", "zh": "数据仓库(只读):`{path}`"},
    "missing.title": {"en": "No warehouse yet.", "zh": "尚未生成数据仓库。"},
    "missing.body": {
        "en": "The explorer reads the battlemap warehouse, which has not been built. Build it with the command "
        "below, then reload this page.",
        "zh": "浏览器需要读取 battlemap 数据仓库,但它尚未生成。请运行下面的命令生成,然后刷新本页。",
    },
    "unreadable.title": {"en": "The warehouse could not be read.", "zh": "无法读取数据仓库。"},
    "unreadable.body": {
        "en": "The warehouse file exists but could not be read (it may be from another version or damaged). "
        "Rebuild it with the command below, then reload this page.",
        "zh": "数据仓库文件存在但无法读取(可能版本不符或已损坏)。请用下面的命令重新生成,然后刷新本页。",
    },
    "missing.legend": {
        "en": "– means the document does not give the figure; it is never read as 0.",
        "zh": "“–”表示原文未给出该数字,绝不按 0 处理。",
    },
    "filter.all": {"en": "All", "zh": "全部"},
    "download.csv": {"en": "CSV", "zh": "CSV"},
    "download.parquet": {"en": "Parquet", "zh": "Parquet"},
    "empty.no_cities": {"en": "The warehouse has no cities.", "zh": "数据仓库中没有城市。"},
    # --- shared column labels ---
    "col.city": {"en": "City", "zh": "城市"},
    "col.plan_year": {"en": "Plan year", "zh": "计划年份"},
    "col.as_of": {"en": "As of", "zh": "数据截至"},
    "col.figures_are": {"en": "Figures are", "zh": "数字性质"},
    "col.caveat": {"en": "Caveat", "zh": "注意事项"},
    "col.cny": {"en": "CNY", "zh": "元"},
    "col.base_cny": {"en": "Base value (CNY)", "zh": "基准值(元)"},
    "col.basis": {"en": "Achievement or target", "zh": "完成值或目标值"},
    "col.id": {"en": "ID", "zh": "编号"},
    "col.scope_level": {"en": "Scope", "zh": "范围层级"},
    "col.scope": {"en": "Scope name", "zh": "范围名称"},
    "col.metric": {"en": "Metric", "zh": "指标"},
    "col.value": {"en": "Value", "zh": "数值"},
    "col.base_value": {"en": "Base value", "zh": "基准单位数值"},
    "col.base_value.help": {
        "en": "The value in its base unit: CNY, m², count, ratio 0–1 or days.",
        "zh": "以基准单位表示的数值:元、平方米、个数、0–1 比率或天。",
    },
    "col.base_unit": {"en": "Base unit", "zh": "基准单位"},
    "col.as_written": {"en": "As written", "zh": "原文写法"},
    "col.quote": {"en": "Quote", "zh": "原文引文"},
    "col.evidence": {"en": "Evidence", "zh": "证据"},
    "col.evidence.open": {"en": "show in document", "zh": "在原文中查看"},
    "col.period": {"en": "Period", "zh": "时段"},
    "metrics.totals": {"en": "Totals of the figures safe to sum", "zh": "可汇总数字的合计"},
    "metrics.totals.intro": {
        "en": "Each total adds only figures recommended for aggregates: achievements, not targets; no conflicts; no "
        "programme or sub-scope inside a stated total; nothing carried forward or restated later. Places, years and "
        "dates differ: read a total as the size of the corpus, not of a country.",
        "zh": "合计只加总可用于汇总的数字:完成值而非目标值;无来源矛盾;不含专项及已含在上级合计中的下级范围;"
        "不含沿用或已被后续报告更新的数字。各地、年份与日期不同:合计反映的是语料规模,而非全国规模。",
    },
    "metrics.total": {"en": "Total", "zh": "合计"},
    "metrics.total.figures": {"en": "Figures summed", "zh": "加总数字数"},
    "metrics.total.places": {"en": "Places", "zh": "地区数"},
    "col.health": {"en": "Health", "zh": "数据健康度"},
    "health.sources": {"en": "{n} source(s)", "zh": "{n} 份来源"},
    "health.agree": {"en": "{n} agree", "zh": "{n} 份一致"},
    "health.conflict": {"en": "sources disagree", "zh": "来源不一致"},
    "health.reviewed": {"en": "reviewed", "zh": "已人工审核"},
    "health.proposed": {"en": "not reviewed", "zh": "未经审核"},
    "health.confidence": {"en": "extractor confidence {p}", "zh": "自动提取置信度 {p}"},
    "health.carried": {"en": "carried to a later report", "zh": "沿用至后续报告"},
    "health.aggregates.yes": {"en": "safe to sum", "zh": "可用于汇总"},
    "health.aggregates.no": {"en": "not for totals: {reasons}", "zh": "不宜汇总:{reasons}"},
    "aggregate.target": {"en": "a target", "zh": "目标值"},
    "aggregate.conflict": {"en": "a conflict", "zh": "来源矛盾"},
    "aggregate.not_additive": {"en": "a rate or duration", "zh": "比率或期限"},
    "aggregate.overlapping_scope": {"en": "programmes overlap", "zh": "专项之间有重叠"},
    "aggregate.within_a_stated_total": {"en": "inside a stated total", "zh": "已含在上级合计中"},
    "aggregate.carried_forward": {"en": "carried forward", "zh": "被后续报告沿用"},
    "aggregate.superseded": {"en": "a later report restates it", "zh": "已被后续报告更新"},
    "basis.achievement": {"en": "achievement", "zh": "完成值"},
    "basis.target": {"en": "target", "zh": "目标值"},
    "admin_level.prefecture_level_city": {"en": "Prefecture-level city", "zh": "地级市"},
    "admin_level.county_level_city": {"en": "County-level city", "zh": "县级市"},
    "admin_level.county": {"en": "County", "zh": "县"},
    "admin_level.district": {"en": "District", "zh": "市辖区"},
    "admin_level.prefecture": {"en": "Prefecture", "zh": "地区(州、盟)"},
    "admin_level.municipality": {"en": "Municipality", "zh": "直辖市"},
    "admin_level.province": {"en": "Province", "zh": "省(自治区)"},
    "unit.index": {"en": "index (1 = on schedule)", "zh": "指数(1 = 符合进度)"},
    # --- KPIs of the Compare page ---
    "compare.click_evidence": {
        "en": "Click a bar or a figure in the table to open the sentence it comes from.",
        "zh": "点击柱形或表中的数字,即可打开它所出自的原文句子。",
    },
    # --- what a chart cannot compare ---
    "caveat.none_given": {"en": "None of the selected cities gives this figure.", "zh": "所选城市均未给出该数字。"},
    "caveat.years": {"en": "Plan years differ ({listing}).", "zh": "计划年份不同({listing})。"},
    "caveat.as_of": {
        "en": "Figures taken at different dates, {first} to {last} ({low} to {high} of the year gone).",
        "zh": "数据截至日期不同:{first} 至 {last}(全年已过 {low} 至 {high})。",
    },
    "caveat.targets": {"en": "Targets, not achievements: {cities}.", "zh": "目标值而非完成值:{cities}。"},
    "caveat.hidden": {"en": "Hidden because it is a target: {cities}.", "zh": "因属目标值而隐藏:{cities}。"},
    "caveat.missing": {"en": "Not given in the document: {cities}.", "zh": "原文未给出:{cities}。"},
    "caveat.per_project": {
        "en": "Divided by each city's project count, whose definition differs between cities.",
        "zh": "已除以各城市的项目数,而项目数口径各地不同。",
    },
    "chart.not_given": {"en": "not given", "zh": "未给出"},
    "chart.target_hidden": {"en": "target (hidden)", "zh": "目标值(已隐藏)"},
    "cell.target_hidden": {"en": "– (target, hidden)", "zh": "–(目标值,已隐藏)"},
    "cell.target_mark": {"en": "(target)", "zh": "(目标)"},
    # --- Compare ---
    "compare.title": {"en": "Compare the cities", "zh": "城市对比"},
    "compare.intro": {
        "en": "Key figures of each city's latest construction campaign, side by side. The figures come from "
        "different years, scopes and kinds of document: read the note under each chart before comparing.",
        "zh": "各城市最近一次城建行动的主要数字并列展示。数字来自不同年份、不同口径和不同类型的文件:比较前请先阅读每张图下方的说明。",
    },
    "compare.cities": {"en": "Cities", "zh": "城市"},
    "compare.basis": {"en": "Show", "zh": "显示方式"},
    "compare.basis.absolute": {"en": "Absolute", "zh": "绝对值"},
    "compare.basis.per_project": {"en": "Per project", "zh": "按项目平均"},
    "compare.include_targets": {"en": "Include targets", "zh": "包含目标值"},
    "compare.include_targets.help": {
        "en": "Off: achievements only. Figures the documents give as targets (plans, goals) are hidden and "
        "shown as missing; a ratio is hidden when its achieved part is a target.",
        "zh": "关闭时只显示完成值:原文中作为目标(计划)给出的数字被隐藏并显示为缺失;若比率中的完成部分是目标值,该比率也被隐藏。",
    },
    "place.find": {"en": "Find a place", "zh": "查找地区"},
    "place.find.placeholder": {"en": "Name, 中文名 or admin code", "zh": "名称、英文名或行政区划代码"},
    "place.find.note": {
        "en": "The list offers the chosen places and {limit} others; search above for any of the {total}.",
        "zh": "列表提供已选地区及另外 {limit} 个地区；在上方搜索可找到全部 {total} 个地区中的任意一个。",
    },
    "place.find.found": {
        "en": "Places matching the search: {count}; the list offers the first {shown}.",
        "zh": "与搜索匹配的地区：{count} 个；列表提供前 {shown} 个。",
    },
    "place.find.none": {"en": "No place matches “{query}”.", "zh": "没有与“{query}”匹配的地区。"},
    "compare.no_city": {"en": "Choose at least one city.", "zh": "请至少选择一个城市。"},
    "compare.default_selection": {
        "en": "Showing the {count} places with the most projects, of {total}; add or remove places in the list.",
        "zh": "当前显示项目数最多的 {count} 个地区（共 {total} 个）；可在列表中增删。",
    },
    "compare.table": {"en": "Key figures", "zh": "主要指标"},
    "compare.charts": {"en": "Charts", "zh": "图表"},
    "compare.per_project_of": {"en": "{name} per project", "zh": "项目平均{name}"},
    "compare.not_comparable": {"en": "Not comparable as is:", "zh": "不可直接比较之处:"},
    "compare.caveats": {"en": "Each city's caveat", "zh": "各城市注意事项"},
    # --- City ---
    "city.title": {"en": "One city's campaign", "zh": "城市行动详情"},
    "city.select": {"en": "City", "zh": "城市"},
    "city.under": {"en": "under {parent}", "zh": "隶属{parent}"},
    "city.traditional": {"en": "Traditional script", "zh": "繁体"},
    "city.no_campaign": {"en": "No campaign is recorded for this city.", "zh": "该城市没有记录的行动。"},
    "city.period": {"en": "Campaign period", "zh": "行动期间"},
    "city.published": {"en": "Published", "zh": "发布日期"},
    "city.timeline_note": {
        "en": "Period as written: {period}.",
        "zh": "原文所写期间:{period}。",
    },
    "city.comparability": {"en": "Comparability", "zh": "可比性说明"},
    "city.figures": {"en": "Every figure, by scope", "zh": "全部数字(按范围)"},
    "city.no_figures": {"en": "The document of this city gives no figures.", "zh": "该城市的文件没有给出数字。"},
    "city.against_total": {"en": "Sub-scopes against the city total", "zh": "下级范围与全市(县)总数对照"},
    "city.against_total.note": {
        "en": "Each bar is a district, programme or project; the dashed line is the city-wide figure of the same "
        "metric. Sub-scopes may overlap or cover only part of the city, so they need not add up to the total.",
        "zh": "每个条形是一个区、专项或项目;虚线是同一指标的全市(县)数字。下级范围可能相互重叠或只覆盖部分,因此相加不一定等于总数。",
    },
    "city.no_shared_metric": {
        "en": "No district, programme or project figure shares a metric with a city-wide figure.",
        "zh": "没有与全市(县)数字同一指标的区、专项或项目数字。",
    },
    "city.total": {"en": "City total", "zh": "全市(县)总数"},
    "city.dashed": {"en": "dashed line", "zh": "虚线"},
    "city.share": {"en": "Share of the city total", "zh": "占全市(县)比例"},
    "city.share_over_total": {
        "en": "{scope}: {share} of the city total. A part larger than the whole means the two figures are not of the "
        "same set (a programme may reach beyond the campaign's portfolio); it is not summed with the others.",
        "zh": "{scope}:占全市(县)总数的 {share}。部分大于整体,说明两个数字不属于同一口径(一个专项的范围可能超出行动的项目清单);"
        "它不与其他数字相加。",
    },
    "city.burnup": {"en": "Progress over time", "zh": "进度随时间变化"},
    "city.burnup.note": {
        "en": "Investment completed as a share of the annual plan at each report ({count} point(s)), against the even "
        "pace of the plan year (dashed: 0% on 1 January, 100% on 31 December). Above the dashed line is ahead of "
        "schedule, below it behind.",
        "zh": "每次报告时已完成投资占年度计划的比例(共 {count} 个点),与计划年度的均匀进度(虚线:1月1日为 0%,12月31日为 100%)对照。"
        "在虚线之上为超前,之下为滞后。",
    },
    "city.burnup.none": {
        "en": "No report of this campaign gives both completed investment and the annual plan, so there is no "
        "completion to draw.",
        "zh": "该行动没有任何一次报告同时给出完成投资和年度计划,因此无法绘制完成进度。",
    },
    "city.burnup.plan": {
        "en": "This campaign's documents are plans: their figures are targets, so there is no completion to draw.",
        "zh": "该行动的文件是计划方案,其中的数字是目标值,因此无法绘制完成进度。",
    },
    "city.burnup.reported": {"en": "Reported completion", "zh": "报告的完成率"},
    "city.burnup.schedule": {"en": "On schedule", "zh": "均匀进度"},
    "city.burnup.axis": {"en": "Annual plan completed (%)", "zh": "年度计划完成比例(%)"},
    "city.burnup.elapsed": {"en": "Share of the campaign's period gone", "zh": "行动期时间进度"},
    "city.burnup.documents": {"en": "Documents", "zh": "文件"},
    "city.burnup.carried": {"en": "From an earlier report", "zh": "沿用前次报告"},
    "city.burnup.conflicts": {"en": "Conflicting figures", "zh": "矛盾数字"},
    "city.burnup.carried_note": {
        "en": "A report that does not restate the portfolio (projects, total investment, annual plan) uses the "
        "campaign's latest earlier report's figure; the column names which.",
        "zh": "若某次报告未重述项目清单数字(项目数、总投资、年度计划),则沿用该行动最近一次较早报告中的数字;该列注明沿用了哪些。",
    },
    "city.burnup.conflict_note": {
        "en": "The documents of some report disagree on a figure; it is left out (see the Data quality page).",
        "zh": "某次报告的多份文件在某个数字上不一致,该数字未予采用(见“数据质量”页)。",
    },
    # --- Evidence ---
    "evidence.title": {"en": "Evidence", "zh": "原文证据"},
    "evidence.intro": {
        "en": "Every figure in the warehouse with the sentence it came from. Select a row (or an observation "
        "below) to see it highlighted in its source document.",
        "zh": "数据仓库中的每个数字及其出处句子。选中一行(或在下方选择一条记录),即可在原文中看到高亮显示。",
    },
    "evidence.basis.all": {"en": "All", "zh": "全部"},
    "evidence.basis.achievement": {"en": "Achievements", "zh": "完成值"},
    "evidence.basis.target": {"en": "Targets", "zh": "目标值"},
    "evidence.count": {"en": "{shown} of {total} observations", "zh": "共 {total} 条记录,显示 {shown} 条"},
    "evidence.none": {"en": "No observation matches these filters.", "zh": "没有符合筛选条件的记录。"},
    "evidence.source": {"en": "In its source document", "zh": "在原文中的位置"},
    "evidence.observation": {"en": "Observation", "zh": "记录"},
    "evidence.script": {"en": "Text", "zh": "文本"},
    "evidence.script.simplified": {"en": "Simplified (normalised)", "zh": "简体(规范化)"},
    "evidence.script.original": {"en": "Original script", "zh": "原文字体"},
    "evidence.note": {"en": "Note", "zh": "备注"},
    "evidence.no_document": {"en": "Document {document} is not in the warehouse.", "zh": "数据仓库中没有文件 {document}。"},
    "evidence.no_offsets": {
        "en": "The quote could not be located in this text, so nothing is highlighted.",
        "zh": "未能在该文本中定位引文,因此没有高亮。",
    },
    "evidence.full_document": {"en": "Whole document", "zh": "全文"},
    "evidence.legend": {
        "en": "Yellow: the quote; red: the figure; wavy underline: text garbled in the source.",
        "zh": "黄色:引文;红色:数字;波浪下划线:原文中的乱码。",
    },
    "evidence.origin": {"en": "Where the document comes from", "zh": "文件来源"},
    "origin.field": {"en": "Field", "zh": "项目"},
    "origin.value": {"en": "Value", "zh": "内容"},
    "origin.title": {"en": "Title as written", "zh": "原标题"},
    "origin.title_en": {"en": "Title in English", "zh": "英文标题"},
    "origin.outlet": {"en": "Outlet", "zh": "发布媒体"},
    "origin.not_named": {"en": "not named in the document", "zh": "原文未注明"},
    "origin.date": {"en": "Publication date", "zh": "发布日期"},
    "origin.date_as_written": {"en": "Date as written", "zh": "原文所写日期"},
    "origin.file": {"en": "File", "zh": "文件名"},
    "origin.sha256": {"en": "SHA-256 checksum", "zh": "SHA-256 校验和"},
    "origin.script": {"en": "Script", "zh": "字体"},
    "origin.type": {"en": "Document type", "zh": "文件类型"},
    "origin.known_defects": {"en": "Known defects", "zh": "已知缺陷"},
    "origin.garbled": {"en": "Garbled stretches", "zh": "乱码段数"},
    "origin.url": {"en": "Address (URL)", "zh": "网址"},
    "origin.retrieval_date": {"en": "Retrieved on", "zh": "获取日期"},
    "origin.licence_terms": {"en": "Licence or terms of use", "zh": "许可或使用条款"},
    "origin.not_recorded": {"en": "not recorded", "zh": "未记录"},
    # --- Metrics ---
    "metrics.title": {"en": "Metric catalogue", "zh": "指标目录"},
    "metrics.intro": {
        "en": "What each metric measures, the base unit its values are stored in, and what makes it hard to compare.",
        "zh": "每个指标衡量什么、数值存储所用的基准单位,以及比较时需要注意之处。",
    },
    "metrics.kind": {"en": "Kind", "zh": "类型"},
    "metrics.search": {"en": "Search", "zh": "搜索"},
    "metrics.search.placeholder": {"en": "name, definition or caveat", "zh": "名称、定义或注意事项"},
    "metrics.name": {"en": "Metric", "zh": "指标"},
    "metrics.other_name": {"en": "Chinese name", "zh": "英文名称"},
    "metrics.id": {"en": "ID", "zh": "编号"},
    "metrics.definition": {"en": "Definition", "zh": "定义"},
    "metrics.caveat": {"en": "Comparability caveat", "zh": "可比性注意事项"},
    "metrics.bounds": {"en": "Plausible range (base unit)", "zh": "合理范围(基准单位)"},
    "metrics.observations": {"en": "Figures", "zh": "数字条数"},
    "metrics.count": {"en": "{shown} of {total} metrics", "zh": "共 {total} 个指标,显示 {shown} 个"},
    "metrics.none": {"en": "No metric matches.", "zh": "没有符合条件的指标。"},
    "metrics.units_note": {
        "en": "Base units: CNY (shown in 亿元 = 100 million yuan), m², count, ratio 0–1 (shown in %), days. "
        "Definitions and caveats are stored in English in the warehouse.",
        "zh": "基准单位:元(显示为亿元)、平方米、个数、0–1 比率(显示为百分比)、天。定义和注意事项在数据仓库中以英文存储。",
    },
    "metrics.derived": {"en": "Measures computed for the Compare page", "zh": "“城市对比”页计算的指标"},
    "metrics.derived.intro": {
        "en": "The Compare page's KPIs come from the mart_city_comparison table; some are ratios computed there.",
        "zh": "“城市对比”页的指标来自 mart_city_comparison 表,其中部分是在该表中计算的比率。",
    },
    # --- Data quality ---
    "quality.title": {"en": "Data quality", "zh": "数据质量"},
    "quality.intro": {
        "en": "The tests the latest build ran (dbt) and the latest Great Expectations checks.",
        "zh": "最近一次构建运行的测试(dbt)以及最近一次 Great Expectations 检查。",
    },
    "quality.build": {"en": "Latest build", "zh": "最近一次构建"},
    "quality.no_build_results": {
        "en": "This warehouse records no build results.",
        "zh": "该数据仓库没有记录构建结果。",
    },
    "quality.built_at": {"en": "Built at", "zh": "构建时间"},
    "quality.dbt_version": {"en": "dbt version", "zh": "dbt 版本"},
    "quality.build_seconds": {"en": "Build time", "zh": "构建用时"},
    "quality.summary": {"en": "Summary", "zh": "汇总"},
    "quality.all_passed": {
        "en": "All {count} seeds, models and tests of the build passed.",
        "zh": "本次构建的全部 {count} 个种子表、模型和测试均已通过。",
    },
    "quality.build_problems": {"en": "{count} node(s) did not pass:", "zh": "{count} 个节点未通过:"},
    "quality.resource_type": {"en": "Resource type", "zh": "资源类型"},
    "quality.node": {"en": "Node", "zh": "节点"},
    "quality.name": {"en": "Name", "zh": "名称"},
    "quality.status": {"en": "Status", "zh": "状态"},
    "quality.failures_count": {"en": "Failing rows", "zh": "失败行数"},
    "quality.message": {"en": "Message", "zh": "信息"},
    "quality.seconds": {"en": "Seconds", "zh": "秒"},
    "quality.conflicts": {"en": "Figures the documents disagree on", "zh": "文件之间相互矛盾的数字"},
    "quality.conflicts.intro": {
        "en": "Where several documents state the same figure (same campaign, scope, metric and as-of date), they are "
        "merged into one; where they disagree, no source is preferred: the figure is left out of the progress and "
        "comparison and listed here with every source and quote.",
        "zh": "若多份文件给出同一数字(同一行动、范围、指标和截至日期),则合并为一个;若它们不一致,不偏向任何来源:"
        "该数字不计入进度和对比,并在此列出每个来源及其原文。",
    },
    "quality.conflicts.none": {"en": "No two documents disagree on a figure.", "zh": "没有两份文件在同一数字上不一致。"},
    "quality.conflicts.count": {
        "en": "{count} figure(s) on which the documents disagree:",
        "zh": "{count} 个数字在文件之间不一致:",
    },
    "quality.conflicts.unavailable": {
        "en": "This warehouse was built before conflicts were recorded; rebuild it to list them.",
        "zh": "该数据仓库构建于记录矛盾数字之前;请重新构建以列出它们。",
    },
    "quality.conflict_kind": {"en": "Disagreement", "zh": "矛盾类型"},
    "quality.document": {"en": "Document", "zh": "文件"},
    "quality.gx": {"en": "Great Expectations checks", "zh": "Great Expectations 检查"},
    "quality.no_gx": {
        "en": "No Great Expectations checks have run on this warehouse yet. Run them with:",
        "zh": "尚未对该数据仓库运行 Great Expectations 检查。运行命令:",
    },
    "quality.gx_problem": {"en": "Part of the check results could not be read: {problem}", "zh": "部分检查结果无法读取:{problem}"},
    "quality.gx_run_time": {"en": "Run time", "zh": "运行时间"},
    "quality.gx_outcome": {"en": "Outcome", "zh": "结果"},
    "quality.gx_passed": {"en": "passed", "zh": "通过"},
    "quality.gx_failed": {"en": "failed", "zh": "未通过"},
    "quality.suite": {"en": "Suite", "zh": "检查套件"},
    "quality.success": {"en": "Passed", "zh": "通过"},
    "quality.evaluated": {"en": "Evaluated", "zh": "检查项数"},
    "quality.failed": {"en": "Failed", "zh": "失败项数"},
    "quality.gx_failures": {"en": "Failed expectations", "zh": "未通过的检查项"},
    "quality.gx_no_failures": {"en": "Every expectation passed.", "zh": "全部检查项均已通过。"},
    "quality.expectation": {"en": "Expectation", "zh": "检查项"},
    "quality.column": {"en": "Column", "zh": "字段"},
    "quality.observed": {"en": "Observed value", "zh": "实际值"},
    "quality.gx_trend": {"en": "Trend over past runs", "zh": "历次运行趋势"},
    "quality.gx_no_history": {"en": "No past runs recorded.", "zh": "没有历次运行记录。"},
    "quality.pass_share": {"en": "Expectations passing (%)", "zh": "通过的检查项(%)"},
    # --- Map ---
    "nav.map": {"en": "Map", "zh": "地图"},
    "map.title": {"en": "Map of the campaigns", "zh": "行动地图"},
    "map.intro": {
        "en": "Each place of the warehouse coloured by a figure of its campaign's latest report. Hover over a place for "
        "its value, as-of date and the sentences the figure comes from; click it to open its City page.",
        "zh": "数据仓库中的每个地区按其行动最近一次报告的某项指标着色。鼠标悬停可查看数值、数据截至日期及数字所依据的原文句子;"
        "点击地区可打开其城市详情页。",
    },
    "map.kpi": {"en": "Colour places by", "zh": "着色指标"},
    "map.legend": {
        "en": "Grey: the document does not give the figure (never read as 0). Pale orange, outlined in orange: the figure is "
        "a target (a plan), not an achievement; it is kept out of the colour scale and listed below.",
        "zh": "灰色:原文未给出该数字(绝不按 0 处理)。浅橙色、橙色边框:该数字是目标值(计划)而非完成值;不参与着色比较,列于下方。",
    },
    "map.source": {
        "en": "Boundaries: {source} ({licence} licence), derived from Amap (高德), about 2020–21, GCJ-02 coordinates, "
        "simplified to about 500 m and shipped with battlemap; the map is drawn in the browser without a map server.",
        "zh": "边界数据:{source}({licence} 许可),源自高德地图,约 2020–21 年版,GCJ-02 坐标,简化至约 500 米精度并随 battlemap "
        "一同发布;地图在浏览器中绘制,无需地图服务器。",
    },
    "map.places": {"en": "Places on the map", "zh": "地图上的地区"},
    "map.targets": {"en": "Targets, shown apart", "zh": "目标值(单独列出)"},
    "map.targets.note": {
        "en": "These figures are targets (plans), not achievements: they are outlined on the map, not coloured.",
        "zh": "以下数字是目标值(计划)而非完成值:在地图上只描边,不着色。",
    },
    "map.no_boundary": {"en": "Places without a boundary", "zh": "没有边界数据的地区"},
    "map.no_boundary.note": {
        "en": "The boundary layer (about 2020–21) has no shape for these administrative codes — places created or "
        "renumbered since, such as 新星市 (650929). They are listed here, not dropped.",
        "zh": "边界数据(约 2020–21 年版)中没有这些行政区划代码的形状——多为此后新设或调整代码的地区,例如新星市(650929)。"
        "它们在此列出,而不是被略去。",
    },
    "map.no_boundary.none": {"en": "Every place has a boundary.", "zh": "所有地区均有边界数据。"},
    "map.none_drawn": {
        "en": "No place of the warehouse has a boundary in the shipped layer, so there is no map to draw.",
        "zh": "数据仓库中没有任何地区在随附的边界数据中有形状,因此无法绘制地图。",
    },
    "map.col.code": {"en": "Admin code", "zh": "行政区划代码"},
    "map.col.level": {"en": "Type", "zh": "类型"},
    "map.col.open": {"en": "City page", "zh": "城市详情"},
    "map.open": {"en": "open", "zh": "打开"},
    # --- Releases ---
    "nav.releases": {"en": "Data releases", "zh": "数据发布"},
    "releases.title": {"en": "Data releases", "zh": "数据发布"},
    "releases.intro": {
        "en": "Versioned, citable releases of the warehouse, made with `battlemap release VERSION`: every table as Parquet "
        "and CSV, a Frictionless data package, a codebook in English and 简体中文, the source documents, the changes since "
        "the previous release and a CITATION.cff.",
        "zh": "用 `battlemap release 版本号` 生成的、带版本号且可引用的数据发布:每个表的 Parquet 与 CSV 文件、Frictionless 数据包、"
        "英文与简体中文的数据说明、来源文件清单、相对上一版的变化,以及 CITATION.cff。",
    },
    "releases.latest": {"en": "Latest release: {version}", "zh": "最新发布:{version}"},
    "releases.released": {"en": "Released", "zh": "发布日期"},
    "releases.tables": {"en": "Tables", "zh": "数据表"},
    "releases.changes": {"en": "Figures since the previous release", "zh": "相对上一版的数字"},
    "releases.changes.value": {"en": "{added} added, {changed} changed, {removed} removed",
                               "zh": "新增 {added},变化 {changed},删除 {removed}"},
    "releases.download": {"en": "Download {name}", "zh": "下载 {name}"},
    "releases.cite": {"en": "Cite as", "zh": "引用格式"},
    "releases.older": {"en": "Earlier releases", "zh": "以往发布"},
    "releases.none": {
        "en": "No release has been made yet (looked in {folder}). Make one with:",
        "zh": "尚未生成任何数据发布(查找位置:{folder})。生成命令:",
    },
    "releases.unreadable": {"en": "Release {version} could not be read: {problem}", "zh": "无法读取发布 {version}:{problem}"},
    # --- extract page ---
    "nav.extract": {"en": "Extract", "zh": "数字提取"},
    "extract.title": {"en": "Extract figures from a report", "zh": "从报道中提取数字"},
    "extract.intro": {
        "en": "Paste or upload a report (UTF-8 or GB18030, simplified or traditional, inline pinyin is fine). Every figure the "
        "extractor proposes is marked in the text and listed with its metric, scope, qualifier and target flag. Download "
        "the review CSV, mark the right rows, and add them with `battlemap accept`. Nothing is added to the warehouse here.",
        "zh": "粘贴或上传一篇报道(UTF-8 或 GB18030,简体或繁体,夹注拼音亦可)。提取器建议的每个数字都会在原文中标出,并列出其指标、"
        "范围、限定词和是否为目标值。下载审核 CSV,标记正确的行,再用 `battlemap accept` 加入。本页不会向数据仓库写入任何内容。",
    },
    "extract.text": {"en": "Report text", "zh": "报道全文"},
    "extract.text.placeholder": {"en": "Paste the text of a report here …", "zh": "在此粘贴报道全文……"},
    "extract.upload": {"en": "… or upload a text file", "zh": "……或上传文本文件"},
    # The upload widget's own words (Streamlit writes them in English; ui.upload_widget_words replaces them).
    "upload.button": {"en": "Upload", "zh": "上传"},
    "upload.limit": {"en": "{mb}MB per file • TXT", "zh": "每个文件不超过 {mb}MB • TXT"},
    "extract.city": {"en": "Place of the document (optional)", "zh": "文件所属地区(可选)"},
    "extract.city.help": {
        "en": "As the document writes it, e.g. 乐陵市. Empty: the place the text names most.",
        "zh": "按原文写法,例如“乐陵市”。留空则取原文中出现最多的地名。",
    },
    "extract.figures_are": {"en": "The document is", "zh": "文件性质"},
    "extract.figures_are.auto": {"en": "detect from the title", "zh": "按标题判断"},
    "extract.run": {"en": "Propose figures", "zh": "提取数字"},
    "extract.empty": {"en": "Paste a text or upload a file first.", "zh": "请先粘贴文本或上传文件。"},
    "extract.count": {"en": "{n} figures proposed", "zh": "共建议 {n} 个数字"},
    "extract.none": {"en": "No figures found in this text.", "zh": "本文中未找到数字。"},
    "extract.place": {"en": "Place: {name} ({code})", "zh": "地区:{name}({code})"},
    "extract.place.unknown": {
        "en": "No place found in the text: city-wide figures have no place name. Give the place above.",
        "zh": "原文中未找到地名:全市(县)范围的数字没有地名。请在上方填写地区。",
    },
    "extract.note": {"en": "Read as: {note}", "zh": "读取方式:{note}"},
    "extract.marked": {"en": "The text (normalised), figures marked", "zh": "原文(规范化后),已标出数字"},
    "extract.download": {"en": "Download the review CSV", "zh": "下载审核 CSV"},
    "extract.next": {
        "en": "Next: add the file with `battlemap add-document FILE --city … --campaign …`, mark rows with y in the "
        "accept column, then `battlemap accept REVIEW.csv` and `battlemap build`.",
        "zh": "下一步:用 `battlemap add-document 文件 --city … --campaign …` 加入文件,在 accept 列中用 y 标记正确的行,"
        "再运行 `battlemap accept 审核文件.csv` 和 `battlemap build`。",
    },
    "extract.col.n": {"en": "#", "zh": "序号"},
    "extract.col.figure": {"en": "Figure as written", "zh": "原文数字"},
    "extract.col.qualifier": {"en": "Qualifier", "zh": "限定词"},
    "extract.col.target": {"en": "Target", "zh": "目标值"},
    "extract.col.confidence": {"en": "Confidence", "zh": "置信度"},
    "extract.col.cue": {"en": "Cue", "zh": "判定词"},
    # --- review page (issue 18): review a report's proposals in the browser, accept, build ---
    "nav.review": {"en": "Review", "zh": "审核入库"},
    "review.title": {"en": "Review a report's figures", "zh": "审核报道中的数字"},
    "review.intro": {
        "en": "Pick a pending review (or add a report): every proposed figure is marked in the text and listed below. "
        "Tick the right rows, correct the others in the table, add a figure the extractor missed, then save: the same "
        "checks as `battlemap accept` run, row by row. Build the warehouse to see the new figures on the City and "
        "Evidence pages.",
        "zh": "选择一个待审核文件(或加入新报道):所有建议的数字都在原文中标出,并列在下表中。勾选正确的行,在表中更正其他行,"
        "补上提取遗漏的数字,然后保存:逐行运行与 `battlemap accept` 相同的检查。生成数据仓库后,新数字即显示在城市详情"
        "和原文证据页。",
    },
    "review.none": {
        "en": "No reviews yet in {folder}. Add a report below, or run `battlemap add-document FILE`.",
        "zh": "{folder} 中还没有审核文件。请在下方加入报道,或运行 `battlemap add-document 文件`。",
    },
    "review.pick": {"en": "Review", "zh": "审核文件"},
    "review.option": {
        "en": "{document}: {n} proposals, {state}",
        "zh": "{document}:{n} 条建议,{state}",
    },
    "review.pending": {"en": "pending", "zh": "待审核"},
    "review.accepted_n": {"en": "{n} figures accepted", "zh": "已入库 {n} 个数字"},
    "review.unreadable": {"en": "This review cannot be opened: {reason}", "zh": "无法打开此审核文件:{reason}"},
    "review.add": {"en": "Add a report", "zh": "加入新报道"},
    "review.add.file": {"en": "Report (UTF-8 text file)", "zh": "报道(UTF-8 文本文件)"},
    "review.add.city": {"en": "Place, as the document names it (e.g. 乐陵市)", "zh": "地区(按原文写法,如 乐陵市)"},
    "review.add.campaign": {"en": "Campaign", "zh": "所属行动"},
    "review.add.campaign.new": {"en": "a new campaign …", "zh": "新建行动……"},
    "review.add.campaign_id": {"en": "New campaign id (e.g. leling_2024_key_projects)", "zh": "新行动编号(如 leling_2024_key_projects)"},
    "review.add.campaign_name": {"en": "New campaign's name (Chinese)", "zh": "新行动名称(中文)"},
    "review.add.plan_year": {"en": "Plan year", "zh": "计划年份"},
    "review.add.as_of": {"en": "As-of date (YYYY-MM-DD; empty: read from the text)", "zh": "数据截至日期(YYYY-MM-DD;留空则从原文读取)"},
    "review.add.as_of_basis": {"en": "How the as-of date was read", "zh": "截至日期的依据"},
    "review.add.run": {"en": "Add and propose its figures", "zh": "加入并提取数字"},
    "review.add.missing": {"en": "Give the file, the place and the campaign.", "zh": "请提供文件、地区和所属行动。"},
    "review.add.done": {
        "en": "Added as document {document}: {n} figures proposed.",
        "zh": "已加入为文件 {document}:建议 {n} 个数字。",
    },
    "review.add.failed": {"en": "Not added: {reason}", "zh": "未加入:{reason}"},
    "review.marked": {"en": "The text (normalised), proposals marked", "zh": "原文(规范化后),已标出建议数字"},
    "review.table": {"en": "Proposals ({marked} of {n} ticked)", "zh": "建议数字(已勾选 {marked}/{n})"},
    "review.mark_all": {"en": "Accept all", "zh": "全部接受"},
    "review.mark_none": {"en": "Untick all", "zh": "全部取消"},
    "review.col.accept": {"en": "Accept", "zh": "接受"},
    "review.col.value": {"en": "Value as written", "zh": "原文数值"},
    "review.col.unit": {"en": "Unit", "zh": "单位"},
    "review.col.where": {"en": "Quote check", "zh": "引文核对"},
    "review.col.note": {"en": "Note", "zh": "备注"},
    "review.where.ok": {"en": "found", "zh": "已定位"},
    "review.where.quote_missing": {"en": "quote not in the text", "zh": "引文不在原文中"},
    "review.where.figure_missing": {"en": "figure not in the quote", "zh": "数字不在引文中"},
    "review.other": {"en": "other (not in the catalogue)", "zh": "其他(不在指标目录中)"},
    "review.missed": {"en": "Add a missed figure", "zh": "补充遗漏的数字"},
    "review.missed.words": {
        "en": "Its words in the text (select them above, copy, paste here)",
        "zh": "原文中的相关文字(在上方选中、复制后粘贴到此处)",
    },
    "review.missed.run": {"en": "Find and add", "zh": "查找并添加"},
    "review.missed.added": {
        "en": "Added {n} row(s) at the end of the table, ticked: check the metric, scope and period.",
        "zh": "已在表末添加 {n} 行并勾选:请核对指标、范围和时段。",
    },
    "review.missed.empty": {"en": "Paste the words first.", "zh": "请先粘贴文字。"},
    "review.missed.not_in_text": {
        "en": "These words are not in the document's text (compare them with the marked text above).",
        "zh": "原文中没有这段文字(请与上方标注的原文对照)。",
    },
    "review.missed.no_figure": {
        "en": "These words hold no figure with a unit of the catalogue (seeds/units.csv).",
        "zh": "这段文字中没有带单位(seeds/units.csv)的数字。",
    },
    "review.metric": {"en": "Add a metric to the catalogue", "zh": "向指标目录添加指标"},
    "review.metric.intro": {
        "en": "For a figure proposed as other: the new metric becomes a row of seeds/metrics.csv, checked as the build "
        "checks that seed.",
        "zh": "用于建议为“其他”的数字:新指标将写入 seeds/metrics.csv 的一行,按生成时对该文件的规则检查。",
    },
    "review.metric.id": {"en": "Metric id (e.g. rural_road_length)", "zh": "指标编号(如 rural_road_length)"},
    "review.metric.name_en": {"en": "Name in English", "zh": "英文名称"},
    "review.metric.name_zh": {"en": "Name in Chinese", "zh": "中文名称"},
    "review.metric.base_unit": {"en": "Base unit", "zh": "基准单位"},
    "review.metric.kind": {"en": "Kind", "zh": "类别"},
    "review.metric.role": {"en": "Role", "zh": "作用"},
    "review.metric.definition": {"en": "Definition (English)", "zh": "定义(英文)"},
    "review.metric.definition_zh": {"en": "Definition (Chinese)", "zh": "定义(中文)"},
    "review.metric.caveat_zh": {"en": "Comparability caveat in Chinese (optional)", "zh": "可比性说明(中文,可选)"},
    "review.metric.caveat": {"en": "Comparability caveat (optional)", "zh": "可比性说明(可选)"},
    "review.metric.upper_bound": {"en": "Largest plausible value in base units (optional)", "zh": "基准单位下的合理上限(可选)"},
    "review.metric.rows": {"en": "Use it for these rows", "zh": "用于以下各行"},
    "review.metric.run": {"en": "Add the metric", "zh": "添加指标"},
    "review.metric.done": {"en": "Metric {metric} added to seeds/metrics.csv.", "zh": "指标 {metric} 已写入 seeds/metrics.csv。"},
    "review.metric.refused": {"en": "Not added: {reasons}", "zh": "未添加:{reasons}"},
    "review.save": {"en": "Save: accept the ticked rows", "zh": "保存:接受已勾选的行"},
    "review.saved": {
        "en": "Appended {n} observation(s) to sources/curation/observations.csv; {already} already there. Build to see them.",
        "zh": "已向 sources/curation/observations.csv 追加 {n} 条观测;{already} 条已存在。生成数据仓库后可见。",
    },
    "review.refused": {
        "en": "{n} row(s) refused: nothing was appended. Correct them and save again.",
        "zh": "{n} 行未通过检查:未追加任何数据。请更正后再次保存。",
    },
    "review.general": {"en": "Could not check the rows: {reason}", "zh": "无法检查各行:{reason}"},
    "review.outcome.row": {"en": "Row", "zh": "行"},
    "review.outcome.figure": {"en": "Figure", "zh": "数字"},
    "review.outcome.result": {"en": "Result", "zh": "结果"},
    "review.outcome.accepted": {"en": "accepted as {id}", "zh": "已接受,编号 {id}"},
    "review.outcome.already": {"en": "already accepted ({id})", "zh": "此前已接受({id})"},
    "review.outcome.refused": {"en": "refused: {reasons}", "zh": "未通过:{reasons}"},
    "review.build": {"en": "Build now", "zh": "立即生成"},
    "review.build.help": {
        "en": "Runs `battlemap build`: checks the inputs, builds a new warehouse and swaps it in when every test passed.",
        "zh": "运行 `battlemap build`:检查输入,生成新的数据仓库,全部测试通过后替换现有仓库。",
    },
    "review.build.running": {"en": "Building the warehouse …", "zh": "正在生成数据仓库……"},
    "review.build.ok": {"en": "Build passed: {summary}", "zh": "生成成功:{summary}"},
    "review.build.failed": {"en": "The build failed; the warehouse is unchanged.", "zh": "生成失败;数据仓库未改变。"},
    "review.build.see_city": {"en": "See them on the City page", "zh": "在城市详情页查看"},
    "review.build.see_evidence": {"en": "See the first one on the Evidence page", "zh": "在原文证据页查看第一个"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
}


def current_language() -> str:
    """The language chosen in the sidebar (English outside a Streamlit run)."""
    try:
        import streamlit as st

        language = st.session_state.get("lang", DEFAULT_LANGUAGE)
    except Exception:  # no script run context: plain Python, unit tests
        return DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def has(key: str) -> bool:
    return key in TEXT


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text of `key` in `lang` (default: the current language), placeholders filled."""
    language = lang or current_language()
    entry = TEXT.get(key)
    if entry is None:
        if os.environ.get(STRICT_ENV):
            raise KeyError(f"no text for {key!r}")
        return key
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
