"""The release's codebook, one page in English and one in 简体中文, written from the project's own catalogues.

Nothing here is a copied list: the metrics and their units, definitions and caveats come from
seeds/metrics.csv, the units as written from seeds/units.csv, the vocabularies of scopes, qualifiers and
document kinds from the schemas (battlemap.shared.seed_schema: seeds/_seeds.yml and models/staging/_curation__sources.yml),
the words behind each qualifier from seeds/qualifier_terms.csv, periods from seeds/periods.csv when the
project has one, and every mart's columns from its contract (models/marts/*.yml). The names of vocabulary
values in each language are the explorer's (src/battlemap/serve/explorer/i18n.py, read as a file), so the codebook and the
app say the same; metric definitions and caveats come in both languages (definition_zh, comparability_caveat_zh),
column docs in English as stored.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from battlemap.serve.release.marts import MartDoc
from battlemap.shared import vocabularies
from battlemap.shared.paths import seeds_dir
from battlemap.shared.seed_schema import vocabulary

LANGUAGES = ("en", "zh")

# The codebook's own words (headings and sentences), in both languages.
WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "battlemap {version}: codebook", "zh": "battlemap {version}:数据说明(codebook)"},
    "intro": {
        "en": "Figures of Chinese construction campaigns (挂图作战), as stated by local reports, in base units, each traced "
        "to the sentence it comes from. This page describes release {version} ({created}); the other language: {other}.",
        "zh": "中国各地城建攻坚行动(挂图作战)报道中的数字,统一为基准单位,每个数字都可追溯到原文句子。本页说明第 {version} 版"
        "({created});另一语言版本:{other}。",
    },
    "files": {"en": "Files", "zh": "文件"},
    "files.body": {
        "en": "Each table is in `data/` twice: `<table>.parquet` (typed, values as stored) and `<table>.csv` (UTF-8 with a "
        "byte-order mark). In the CSV files a text cell that begins with = + - @, a tab or a carriage return (or their "
        "full-width forms) starts with an added ' so that spreadsheet programs do not run it as a formula (OWASP); lists "
        "are JSON arrays; an empty cell is NULL (not given), never 0. `datapackage.json` describes every CSV file "
        "(Frictionless Data Package); `sources.csv` lists the source documents; `changes.csv` and `changes.md` the "
        "figures added, changed and removed since the previous release; `CITATION.cff` how to cite.",
        "zh": "`data/` 中每个表各有两份:`<表名>.parquet`(带类型,数值原样)和 `<表名>.csv`(带 BOM 的 UTF-8)。CSV 中以 "
        "= + - @、制表符或回车(及其全角形式)开头的文本单元格前加了 ',以免电子表格软件将其作为公式执行(OWASP 建议);"
        "列表写作 JSON 数组;空单元格表示 NULL(原文未给出),绝不是 0。`datapackage.json` 按 Frictionless 数据包规范描述每个 "
        "CSV 文件;`sources.csv` 列出来源文件;`changes.csv` 与 `changes.md` 列出相对上一版新增、变化和删除的数字;"
        "`CITATION.cff` 说明如何引用。",
    },
    "tables": {"en": "Tables", "zh": "数据表"},
    "col.table": {"en": "Table", "zh": "表"},
    "col.rows": {"en": "Rows", "zh": "行数"},
    "col.description": {"en": "Description", "zh": "说明"},
    "metrics": {"en": "Metrics", "zh": "指标"},
    "metrics.body": {
        "en": "Every figure measures one metric of the catalogue (dim_metric, seeds/metrics.csv), stored in the metric's "
        "base unit.",
        "zh": "每个数字对应指标目录(dim_metric、seeds/metrics.csv)中的一个指标,以该指标的基准单位存储。",
    },
    "col.metric": {"en": "Metric", "zh": "指标"},
    "col.name": {"en": "Name", "zh": "名称"},
    "col.unit": {"en": "Base unit", "zh": "基准单位"},
    "col.kind": {"en": "Kind", "zh": "类型"},
    "col.definition": {"en": "Definition", "zh": "定义"},
    "col.caveat": {"en": "Comparability caveat", "zh": "可比性注意事项"},
    "units": {"en": "Units as written", "zh": "原文单位"},
    "units.body": {
        "en": "How each unit a document writes is converted to its base unit (seeds/units.csv): value × multiplier ÷ divisor.",
        "zh": "原文中的各单位如何换算为基准单位(seeds/units.csv):数值 × multiplier ÷ divisor。",
    },
    "col.as_written": {"en": "As written", "zh": "原文写法"},
    "col.factor": {"en": "× multiplier ÷ divisor", "zh": "× multiplier ÷ divisor"},
    "scopes": {"en": "Scopes", "zh": "范围"},
    "scopes.body": {
        "en": "What a figure is about (scope_level); scope_name names the district, project or programme as the document does.",
        "zh": "数字所指的范围(scope_level);scope_name 按原文写出区、项目或专项的名称。",
    },
    "col.value": {"en": "Value", "zh": "取值"},
    "col.label": {"en": "Meaning", "zh": "含义"},
    "qualifiers": {"en": "Qualifiers", "zh": "限定词"},
    "qualifiers.body": {
        "en": "Whether a figure is exact or bounded (qualifier), with the words that say so (seeds/qualifier_terms.csv); "
        "value_lower and value_upper hold the bounds it implies.",
        "zh": "数字是确数还是有界(qualifier),以及表示该含义的词(seeds/qualifier_terms.csv);value_lower 与 value_upper 为其隐含的上下界。",
    },
    "col.words": {"en": "Words", "zh": "用词"},
    "targets": {"en": "Targets and achievements", "zh": "目标值与完成值"},
    "targets.body": {
        "en": "is_target is true for plans and targets, false for the state of a campaign. A campaign's documents are "
        "(figures_are):",
        "zh": "is_target 为 true 表示计划或目标,为 false 表示行动的实际状态。行动文件的性质(figures_are):",
    },
    "periods": {"en": "Periods", "zh": "期间"},
    "periods.body": {"en": "The periods figures refer to (seeds/periods.csv).", "zh": "数字所指的期间(seeds/periods.csv)。"},
    "health": {"en": "Figure health", "zh": "数字健康度"},
    "health.body": {
        "en": "How far each figure can be trusted and whether it may be added into a total (recommended_for_aggregates): "
        "sources, agreement, review, the extractor's confidence, carried figures, conflicts.",
        "zh": "每个数字的可信程度以及能否计入合计(recommended_for_aggregates):来源、一致性、人工审核、抽取置信度、沿用数字、冲突。",
    },
    "columns": {"en": "Columns of each table", "zh": "各表字段"},
    "col.column": {"en": "Column", "zh": "字段"},
    "col.type": {"en": "Type", "zh": "类型"},
    "col.required": {"en": "Always given", "zh": "必有值"},
    "yes": {"en": "yes", "zh": "是"},
    "cite": {"en": "How to cite", "zh": "引用方式"},
}


def word(key: str, lang: str, **values: object) -> str:
    text = WORDS[key][lang]
    return text.format(**values) if values else text


@lru_cache(maxsize=4)
def label(project: Path, seed: str, value: str, lang: str, column: str = "label") -> str:
    """A vocabulary value's label in `lang`, from its seed (battlemap.shared.vocabularies), as the app shows it."""
    return vocabularies.label(seed, value, lang, project, column=column)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(text: object) -> str:
    return " ".join(str(text if text is not None else "").split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def codebook(project: Path, lang: str, version: str, created: str, marts: list[MartDoc], row_counts: dict[str, int],
             citation: str) -> str:
    """The codebook page in `lang` (en or zh), as Markdown."""
    seeds = seeds_dir(project)
    other = "codebook.zh.md" if lang == "en" else "codebook.en.md"
    out = [f"# {word('title', lang, version=version)}", "", word("intro", lang, version=version, created=created, other=other), ""]
    out += [f"## {word('files', lang)}", "", word("files.body", lang), ""]
    out += [f"## {word('tables', lang)}", ""]
    out += _table([word("col.table", lang), word("col.rows", lang), word("col.description", lang)],
                  [[f"`{m.name}`", row_counts.get(m.name, ""), m.description] for m in marts])

    metrics = _rows(seeds / "metrics.csv")
    kind_column = "kind_label_zh" if lang == "zh" else "kind_label_en"
    kinds = {row["metric_kind"]: row[kind_column] for row in vocabularies.rows("base_units", project)}
    out += ["", f"## {word('metrics', lang)}", "", word("metrics.body", lang), ""]
    name_first, name_second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    out += _table(
        [word("col.metric", lang), word("col.name", lang), word("col.unit", lang), word("col.kind", lang),
         word("col.definition", lang), word("col.caveat", lang)],
        [[f"`{m['metric_id']}`", f"{m[name_first]} ({m[name_second]})",
          label(project, "base_units", m["base_unit"], lang) + f" (`{m['base_unit']}`)",
          kinds.get(m["metric_kind"], m["metric_kind"]),
          (lang == "zh" and m.get("definition_zh")) or m["definition"],
          (lang == "zh" and m.get("comparability_caveat_zh")) or m.get("comparability_caveat") or "–"]
         for m in metrics],
    )  # fmt: skip

    units = _rows(seeds / "units.csv")
    out += ["", f"## {word('units', lang)}", "", word("units.body", lang), ""]
    out += _table([word("col.as_written", lang), word("col.unit", lang), word("col.factor", lang), word("col.description", lang)],
                  [[u["unit_as_written"], u["base_unit"], f"× {u['multiplier']} ÷ {u['divisor']}", u.get("description_en", "")] for u in units])

    out += ["", f"## {word('scopes', lang)}", "", word("scopes.body", lang), ""]
    out += _table([word("col.value", lang), word("col.label", lang)],
                  [[f"`{v}`", label(project, "scope_levels", v, lang)] for v in vocabulary("observations", "scope_level", project)])

    terms = _rows(seeds / "qualifier_terms.csv")
    out += ["", f"## {word('qualifiers', lang)}", "", word("qualifiers.body", lang), ""]
    out += _table(
        [word("col.value", lang), word("col.label", lang), word("col.words", lang)],
        [[f"`{v}`", label(project, "qualifiers", v, lang), "、".join(t["term"] for t in terms if t["qualifier"] == v) or "–"]
         for v in vocabulary("observations", "qualifier", project)],
    )

    out += ["", f"## {word('targets', lang)}", "", word("targets.body", lang), ""]
    out += _table([word("col.value", lang), word("col.label", lang)],
                  [[f"`{v}`", label(project, "figures_are_values", v, lang)] for v in vocabulary("campaigns", "figures_are", project)])

    periods = seeds / "periods.csv"
    if periods.is_file():
        rows = _rows(periods)
        if rows:
            out += ["", f"## {word('periods', lang)}", "", word("periods.body", lang), ""]
            out += _table(list(rows[0]), [list(row.values()) for row in rows])

    health = [(mart.name, c) for mart in marts for c in mart.columns if c.health]
    if health:  # the fields that say how far a figure can be trusted and summed (one home: meta.health in the yml)
        out += ["", f"## {word('health', lang)}", "", word("health.body", lang), ""]
        out += _table([word("col.column", lang), word("col.type", lang), word("col.description", lang)],
                      [[f"`{mart}.{c.name}`", c.data_type, c.description] for mart, c in health])

    out += ["", f"## {word('columns', lang)}"]
    for mart in marts:
        out += ["", f"### `{mart.name}`", "", mart.description, ""]
        out += _table([word("col.column", lang), word("col.type", lang), word("col.required", lang), word("col.description", lang)],
                      [[f"`{c.name}`", c.data_type, word("yes", lang) if c.required else "", c.description] for c in mart.columns])
    out += ["", f"## {word('cite', lang)}", "", citation, ""]
    return "\n".join(out)
