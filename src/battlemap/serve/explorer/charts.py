"""Altair charts of the City and Data quality pages (the Compare page's KPI charts are in kpi_chart.py)."""

from __future__ import annotations

import altair as alt
import polars as pl

from battlemap.serve.explorer import formatting
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.kpi_chart import ACHIEVEMENT_COLOUR, TARGET_COLOUR
from battlemap.serve.explorer.labels import kpi_label


def timeline_chart(start: str, end: str, events: list[dict], lang: str) -> alt.LayerChart:
    """The campaign period as a band; each event (as-of date, publication) a marked vertical line.

    `events`: dicts with date (ISO), label and caption; captions alternate above and below the band
    so that events on the same day stay readable. Heights are on a fixed 0–100 scale.
    """
    height = alt.Scale(domain=[0, 100])
    period = [{"start": start, "end": end, "label": t("city.period", lang), "low": 38, "high": 62}]
    rows = [
        {**event, "low": 30, "high": 70, "text_y": 84 if position % 2 == 0 else 12}
        for position, event in enumerate(events)
    ]
    band = (
        alt.Chart(alt.Data(values=period))
        .mark_rect(color=ACHIEVEMENT_COLOUR, opacity=0.3, cornerRadius=4)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y-%m-%d", labelOverlap=True)),
            x2="end:T",
            y=alt.Y("low:Q", scale=height, axis=None),
            y2="high:Q",
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("start:T", format="%Y-%m-%d"),
                     alt.Tooltip("end:T", format="%Y-%m-%d")],
        )
    )
    lines = (
        alt.Chart(alt.Data(values=rows))
        .mark_rule(size=3, color=TARGET_COLOUR)
        .encode(x="date:T", y=alt.Y("low:Q", scale=height, axis=None), y2="high:Q",
                tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("date:T", format="%Y-%m-%d")])
    )
    texts = (
        alt.Chart(alt.Data(values=rows))
        .mark_text(fontSize=12, align="left", dx=4)
        .encode(x="date:T", y=alt.Y("text_y:Q", scale=height, axis=None), text="caption:N")
    )
    return alt.layer(band, lines, texts).properties(height=120)


def share_chart(rows: list[dict], total: float, unit_title: str) -> alt.LayerChart:
    """Sub-scope figures as bars against a dashed rule at the city-wide total."""
    order = [row["scope"] for row in rows]
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("scope:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("value:Q", title=unit_title, scale=alt.Scale(zero=True)),
            color=alt.Color("basis:N", title=None, scale=alt.Scale(range=[ACHIEVEMENT_COLOUR, TARGET_COLOUR]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("scope:N", title=" "), alt.Tooltip("shown:N", title=" "), alt.Tooltip("share:N", title="%")],
        )
    )
    rule = (
        alt.Chart(alt.Data(values=[{"total": total}]))
        .mark_rule(color="#b00020", strokeDash=[6, 3], size=2)
        .encode(x="total:Q")
    )
    return alt.layer(bars, rule).properties(height=alt.Step(26))


def trend_chart(rows: list[dict], lang: str) -> alt.Chart:
    """Share of expectations passing per Great Expectations run, one line per suite."""
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True)
        .encode(
            # Runs minutes apart must not be labelled by their milliseconds (a bare ".152"): dates and times only.
            x=alt.X(
                "run_time:T",
                title=t("quality.gx_run_time", lang),
                axis=alt.Axis(format="%Y-%m-%d %H:%M", labelOverlap=True, labelAngle=0),
            ),
            y=alt.Y("pass_share:Q", title=t("quality.pass_share", lang), scale=alt.Scale(domain=[0, 100])),
            # Every suite in the legend (thirteen do not fit beside a 240-pixel plot): below it, in columns.
            color=alt.Color(
                "suite:N",
                title=t("quality.suite", lang),
                legend=alt.Legend(orient="bottom", columns=3, labelLimit=320, symbolLimit=0),
            ),
            tooltip=[
                alt.Tooltip("suite:N", title=t("quality.suite", lang)),
                alt.Tooltip("run_time:T", format="%Y-%m-%d %H:%M"),
                alt.Tooltip("pass_share:Q", format=".1f", title="%"),
                alt.Tooltip("failed:Q", title=t("quality.failed", lang)),
            ],
        )
        .properties(height=240)
    )


def burnup_rows(history: pl.DataFrame, lang: str) -> list[dict]:
    """One point per report of the campaign that gives its completion (completed ÷ annual plan), earliest first.

    Reports without a completion rate (no completed investment, no plan, or documents that disagree)
    are left out, never drawn at 0.
    """
    rows = []
    for row in history.sort("as_of_date").iter_rows(named=True):
        rate = row["investment_completion_rate"]
        if formatting.is_missing(rate):
            continue
        rows.append(
            {
                "date": formatting.date(row["as_of_date"]),
                "completion": 100 * rate,
                "series": t("city.burnup.reported", lang),
                "shown": formatting.percent(rate),
                "elapsed": formatting.percent(row["elapsed_share"]),
                "pace": formatting.index(row["pace_index"]),
                "documents": ", ".join(row["document_ids"] or []),
            }
        )
    return rows


def schedule_rows(plan_year: int, lang: str) -> list[dict]:
    """The even pace the pace index measures against: 0% on 1 January, 100% on 31 December of the plan year."""
    label = t("city.burnup.schedule", lang)
    return [
        {"date": f"{plan_year}-01-01", "completion": 0.0, "series": label},
        {"date": f"{plan_year}-12-31", "completion": 100.0, "series": label},
    ]


def burnup_chart(points: list[dict], schedule: list[dict], lang: str) -> alt.LayerChart:
    """Completion of the annual plan against time, one point per report, over the on-schedule diagonal."""
    series = alt.Scale(
        domain=[t("city.burnup.reported", lang), t("city.burnup.schedule", lang)], range=[ACHIEVEMENT_COLOUR, "#999999"]
    )
    x = alt.X("date:T", title=t("col.as_of", lang), axis=alt.Axis(format="%Y-%m-%d", labelOverlap=True))
    # The long title is the chart's (as wide as the page), the axis says only its unit: a vertical title longer than a
    # short plot is cut ("Annual plan completed (%").
    y = alt.Y("completion:Q", title="%", scale=alt.Scale(zero=True, domainMin=0, nice=True))
    colour = alt.Color("series:N", scale=series, title=None, legend=alt.Legend(orient="bottom"))
    on_schedule = alt.Chart(alt.Data(values=schedule)).mark_line(strokeDash=[6, 4]).encode(x=x, y=y, color=colour)
    reported = (
        alt.Chart(alt.Data(values=points))
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True))
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("date:T", title=t("col.as_of", lang), format="%Y-%m-%d"),
                alt.Tooltip("shown:N", title=kpi_label("investment_completion_rate", lang)),
                alt.Tooltip("elapsed:N", title=t("city.burnup.elapsed", lang)),
                alt.Tooltip("pace:N", title=kpi_label("pace_index", lang)),
                alt.Tooltip("documents:N", title=t("city.burnup.documents", lang)),
            ],
        )
    )
    labels = alt.Chart(alt.Data(values=points)).mark_text(dy=-12, fontSize=11).encode(x=x, y=y, text="shown:N")
    return alt.layer(on_schedule, reported, labels).properties(
        height=260, title=alt.TitleParams(t("city.burnup.axis", lang), anchor="start", fontSize=12, limit=0)
    )
