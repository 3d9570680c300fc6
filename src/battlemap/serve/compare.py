"""The cross-city comparison as a plain-text table, for terminals and for the README's main command."""

from __future__ import annotations

from pathlib import Path

from battlemap.shared import vocabularies
from battlemap.shared.warehouse import reading

# (header, SQL expression over mart_city_comparison): the campaign, then the charted KPIs of seeds/kpis.csv (their one
# home: order, kind, English label), money in 亿元 and ratios in % (seeds/base_units.csv: display_unit).
CAMPAIGN_COLUMNS = (
    ("City 城市", "name_en || ' ' || name_zh_hans"),
    ("Year", "plan_year::varchar"),
    ("As of", "strftime(as_of_date, '%Y-%m-%d')"),
    ("Figures", "figures_are"),
)


def _kpi_column(kpi: dict[str, str]) -> tuple[str, str]:
    column, kind = kpi["kpi"], kpi["kind"]
    if kind == "count":
        return kpi["label_en"], f"coalesce({column}::bigint::varchar, '–')"
    if kind == "index":
        return kpi["label_en"], f"coalesce(printf('%.2f', {column}), '–')"
    base_unit = {row["metric_kind"]: row["base_unit"] for row in vocabularies.rows("base_units")}[kind]
    unit, factor = vocabularies.display_unit(base_unit) or "", vocabularies.display_factor(base_unit)
    if unit == "%":
        return kpi["label_en"], f"coalesce(printf('%.1f%%', {column} / {factor!r}), '–')"
    return f"{kpi['label_en']} {unit}".strip(), f"coalesce(printf('%.1f', {column} / {factor!r}), '–')"


def columns() -> tuple[tuple[str, str], ...]:
    return CAMPAIGN_COLUMNS + tuple(_kpi_column(kpi) for kpi in vocabularies.kpis() if kpi["charted"].lower() == "true")


def comparison_rows(warehouse: Path) -> list[tuple[str, ...]]:
    select = ", ".join(expression for _, expression in columns())
    with reading(warehouse) as connection:
        return connection.execute(
            f"select {select}, caveat from mart_city_comparison order by project_count desc nulls last"
        ).fetchall()


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def comparison_table(warehouse: Path) -> str:
    rows = comparison_rows(warehouse)
    headers = [header for header, _ in columns()]
    table = [headers] + [list(row[:-1]) for row in rows]
    widths = [max(_width(str(line[i])) for line in table) for i in range(len(headers))]

    def render(line: list[str]) -> str:
        return "  ".join(str(cell) + " " * (widths[i] - _width(str(cell))) for i, cell in enumerate(line)).rstrip()

    lines = [render(headers), "  ".join("-" * w for w in widths)]
    lines += [render(line) for line in table[1:]]
    lines.append("")
    lines.append("Caveats:")
    lines += [f"  {row[0]}: {row[-1]}" for row in rows]
    lines.append("")
    lines.append("'–' means the document does not give the figure (never read as 0). Completion = completed ÷ annual plan;")
    lines.append("pace = completion ÷ share of the year gone by the as-of date (1 = on schedule).")
    return "\n".join(lines)
