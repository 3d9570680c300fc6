"""The app's own words of the reading pages: City, Evidence, Metrics, Data quality, Map and Data releases, in English
and simplified Chinese (explorer.i18n reads them)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
}
