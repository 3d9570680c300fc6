"""The app's own words of the pages that add data: Extract and Review, in English and simplified Chinese
(explorer.i18n reads them)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
