"""The app's own words shared by every page: the frame, column labels, caveats and the Compare page, in English
and simplified Chinese (explorer.i18n reads them; vocabulary labels are in the seeds, explorer.labels)."""

from __future__ import annotations

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
        "different years, scopes and kinds of document: read the note on each figure under Charts before comparing.",
        "zh": "各城市最近一次城建行动的主要数字并列展示。数字来自不同年份、不同口径和不同类型的文件:比较前请先阅读“图表”下每项指标的说明。",
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
    "compare.charts.open": {
        "en": "The {count} charts, one per key figure (click a bar for its sentence)",
        "zh": "{count} 张图表,每项主要指标一张(点击柱形可查看原文句子)",
    },
    "compare.per_project_of": {"en": "{name} per project", "zh": "项目平均{name}"},
    "compare.not_comparable": {"en": "Not comparable as is:", "zh": "不可直接比较之处:"},
    "compare.caveats": {"en": "Each city's caveat", "zh": "各城市注意事项"},
}
