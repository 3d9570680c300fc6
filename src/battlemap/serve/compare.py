"""The cross-city comparison as a plain-text table, for terminals and for the README's main command."""

from __future__ import annotations

from pathlib import Path

from battlemap.shared.warehouse import reading

YI = 1e8  # 亿元 in CNY

COLUMNS = (
    # (header, SQL expression over mart_city_comparison)
    ("City 城市", "name_en || ' ' || name_zh_hans"),
    ("Year", "plan_year::varchar"),
    ("As of", "strftime(as_of_date, '%Y-%m-%d')"),
    ("Figures", "figures_are"),
    ("Projects", "coalesce(project_count::bigint::varchar, '–')"),
    ("Total 亿元", f"coalesce(printf('%.1f', total_investment / {YI}), '–')"),
    ("Plan 亿元", f"coalesce(printf('%.1f', annual_planned_investment / {YI}), '–')"),
    ("Done 亿元", f"coalesce(printf('%.1f', completed_investment / {YI}), '–')"),
    ("Completion", "coalesce(printf('%.1f%%', 100 * investment_completion_rate), '–')"),
    ("Pace", "coalesce(printf('%.2f', pace_index), '–')"),
    ("Start rate", "coalesce(printf('%.1f%%', 100 * start_rate), '–')"),
)


def comparison_rows(warehouse: Path) -> list[tuple[str, ...]]:
    select = ", ".join(expression for _, expression in COLUMNS)
    with reading(warehouse) as connection:
        return connection.execute(
            f"select {select}, caveat from mart_city_comparison order by project_count desc nulls last"
        ).fetchall()


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def comparison_table(warehouse: Path) -> str:
    rows = comparison_rows(warehouse)
    headers = [header for header, _ in COLUMNS]
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
