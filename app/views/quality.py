"""Data quality: the latest build's dbt results, and the latest Great Expectations checks with their trend."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import streamlit as st

from battlemap.serve.explorer import charts, conflicts, data, figures, formatting, quality_results, state, ui
from battlemap.serve.explorer.downloads import download_buttons
from battlemap.serve.explorer.i18n import current_language, t
from battlemap.serve.explorer.labels import vocabulary_labels
from battlemap.serve.explorer.plain import plain

lang = current_language()
snap = data.snapshot()
PASSING = ("pass", "success", "no-op")

st.title(t("quality.title"))
st.caption(t("quality.intro"))

# --- the build (dbt seeds, models and tests) -----------------------------------------------------
st.header(t("quality.build"))
info = data.build_info(snap)
results = data.build_results(snap)
if info.is_empty() and results.is_empty():
    st.info(t("quality.no_build_results"))
else:
    if not info.is_empty():
        row = info.row(0, named=True)
        built_at, seconds = row.get("built_at"), row.get("build_seconds")
        ui.facts(
            {
                t("quality.built_at"): built_at.strftime("%Y-%m-%d %H:%M:%S UTC") if built_at else formatting.MISSING,
                t("quality.dbt_version"): row.get("dbt_version") or formatting.MISSING,
                t("quality.build_seconds"): f"{seconds:.1f} s" if seconds is not None else formatting.MISSING,
            }
        )
        st.caption(f"{t('quality.summary')}: {plain(row.get('summary') or formatting.MISSING)}")
    if not results.is_empty():
        # dbt's kinds and statuses as the page's language says them (seeds/vocabulary_labels.csv).
        kinds, statuses = vocabulary_labels("dbt_resource_type", lang), vocabulary_labels("dbt_status", lang)
        in_words = (pl.col("resource_type").replace(kinds), pl.col("status").replace(statuses))
        problems = results.filter(~pl.col("status").is_in(PASSING))
        if problems.is_empty():
            st.success(t("quality.all_passed", count=results.height), icon=":material/check_circle:")
        else:
            st.error(t("quality.build_problems", count=problems.height), icon=":material/error:")
            for problem in problems.iter_rows(named=True):
                status = statuses.get(problem["status"], problem["status"])
                kind = kinds.get(problem["resource_type"], problem["resource_type"])
                st.markdown(f"- {plain(status)} **{plain(problem['name'])}** ({plain(kind)}): {plain(problem['message'] or '')}")
        counts = (
            results.with_columns(*in_words)
            .group_by("resource_type", "status")
            .agg(pl.len().alias("n"))
            .sort("resource_type", "status")
            .pivot(on="status", index="resource_type", values="n")
            .fill_null(0)
            .rename({"resource_type": t("quality.resource_type")})
        )
        st.dataframe(counts, hide_index=True, key="quality_counts")
        download_buttons(counts, "battlemap_build_counts", "quality_counts")

        types = results["resource_type"].unique(maintain_order=True).to_list()
        state.seed("quality_types", "type", [], allowed=types, many=True)
        st.multiselect(
            t("quality.resource_type"), types, key="quality_types", placeholder=t("filter.all"),
            format_func=lambda v: kinds.get(v, v),
        )
        state.publish("quality_types", "type")
        listed = results
        if st.session_state["quality_types"]:
            listed = listed.filter(pl.col("resource_type").is_in(st.session_state["quality_types"]))
        st.dataframe(
            # A model has no failure count and a passing node no message: shown as –, never as None.
            listed.with_columns(
                *in_words,
                pl.col("failures").cast(pl.String).fill_null(formatting.MISSING),
                pl.col("message").cast(pl.String).fill_null(formatting.MISSING),
            ),
            hide_index=True,
            key="quality_results",
            column_config={
                "unique_id": t("quality.node"),
                "resource_type": t("quality.resource_type"),
                "name": t("quality.name"),
                "status": t("quality.status"),
                "failures": t("quality.failures_count"),
                "message": t("quality.message"),
                "execution_seconds": st.column_config.NumberColumn(t("quality.seconds"), format="%.2f"),
            },
        )
        download_buttons(listed, "battlemap_build_results", "quality_results")

# --- figures the documents disagree on -----------------------------------------------------------
st.header(t("quality.conflicts"))
st.caption(t("quality.conflicts.intro"))
conflict_sources = data.conflicts(snap)
if conflict_sources is None:
    st.info(t("quality.conflicts.unavailable"))
elif conflict_sources.is_empty():
    st.success(t("quality.conflicts.none"), icon=":material/check_circle:")
else:
    st.warning(t("quality.conflicts.count", count=conflict_sources["figure_id"].n_unique()), icon=":material/warning:")
    st.dataframe(
        conflicts.display_table(conflict_sources, lang),
        hide_index=True,
        key="quality_conflicts",
        column_config=figures.column_config(lang),
    )
    download_buttons(conflict_sources, "battlemap_figure_conflicts", "quality_conflicts")

# --- Great Expectations --------------------------------------------------------------------------
st.header(t("quality.gx"))
folder = quality_results.quality_dir(Path(snap.path))


@st.cache_data(show_spinner=False, max_entries=8)
def latest_run(folder: str, stamp: tuple[int, int] | None) -> quality_results.LatestRun | None:
    return quality_results.read_latest(Path(folder))


@st.cache_data(show_spinner=False, max_entries=8)
def history(folder: str, stamp: tuple[int, int] | None) -> tuple[pl.DataFrame | None, str | None]:
    return quality_results.read_history(Path(folder))


def readable_time(text: str | None) -> str:
    """'2026-11-22T12:23:44.08+00:00' -> '2026-11-22 12:23:44 UTC'; anything else as written."""
    if not text:
        return formatting.MISSING
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S") + (" UTC" if moment.tzinfo is not None else "")


latest = latest_run(str(folder), quality_results.file_stamp(folder / quality_results.LATEST))
if latest is None:
    st.info(t("quality.no_gx"), icon=":material/hourglass_empty:")
    st.code("battlemap check", language="bash")
else:
    if latest.problem:
        st.warning(t("quality.gx_problem", problem=plain(latest.problem)))
    outcome = {True: t("quality.gx_passed"), False: t("quality.gx_failed"), None: formatting.MISSING}[latest.success]
    ui.facts({t("quality.gx_run_time"): readable_time(latest.run_time), t("quality.gx_outcome"): outcome})
    if not latest.suites.is_empty():
        st.dataframe(
            latest.suites,
            hide_index=True,
            key="quality_suites",
            column_config={
                "suite": t("quality.suite"),
                "success": st.column_config.CheckboxColumn(t("quality.success")),
                "evaluated": t("quality.evaluated"),
                "failed": t("quality.failed"),
            },
        )
        download_buttons(latest.suites, "battlemap_gx_suites", "quality_suites")
    st.subheader(t("quality.gx_failures"))
    if latest.failures.is_empty():
        st.success(t("quality.gx_no_failures"), icon=":material/check_circle:")
    else:
        st.dataframe(
            latest.failures,
            hide_index=True,
            key="quality_failures",
            column_config={
                "suite": t("quality.suite"),
                "expectation": t("quality.expectation"),
                "column": t("quality.column"),
                "observed_value": t("quality.observed"),
            },
        )
        download_buttons(latest.failures, "battlemap_gx_failures", "quality_failures")

past, history_problem = history(str(folder), quality_results.file_stamp(folder / quality_results.HISTORY))
if history_problem:
    st.warning(t("quality.gx_problem", problem=plain(history_problem)))
if past is not None and not history_problem:
    st.subheader(t("quality.gx_trend"))
    runs = quality_results.trend(past)
    if runs.is_empty():
        st.info(t("quality.gx_no_history"))
    else:
        rows = [
            {**row, "run_time": row["run_time"].isoformat() if row["run_time"] is not None else None}
            for row in runs.iter_rows(named=True)
        ]
        st.altair_chart(charts.trend_chart(rows, lang), width="stretch")
        st.dataframe(
            runs,
            hide_index=True,
            key="quality_trend",
            column_config={
                "run_time": st.column_config.DatetimeColumn(t("quality.gx_run_time"), format="YYYY-MM-DD HH:mm"),
                "suite": t("quality.suite"),
                "evaluated": t("quality.evaluated"),
                "failed": t("quality.failed"),
                "pass_share": st.column_config.NumberColumn(t("quality.pass_share"), format="%.1f"),
            },
        )
        download_buttons(past, "battlemap_gx_history", "quality_trend")
