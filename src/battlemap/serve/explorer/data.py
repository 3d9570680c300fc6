"""Cached, read-only reads of the warehouse.

Every read opens a fresh in-memory DuckDB connection with the warehouse ATTACHed read-only
(battlemap.shared.warehouse.open_read_only) and closes it before returning, so the app never holds the file
and never stands in a rebuild's way. Results are cached with st.cache_data under the warehouse
file's identity (inode, mtime, size): when `battlemap build` swaps a new file in, the identity
changes and the next interaction reads the new data. All SQL is fixed text; values chosen by the
user are passed as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
import streamlit as st

from battlemap.serve.explorer import kpis, place_options
from battlemap.shared import vocabularies
from battlemap.shared.paths import warehouse_path
from battlemap.shared.warehouse import WarehouseMissingError, identity, open_read_only

CACHE_ENTRIES = 16  # per function; old snapshots fall out after a few rebuilds


@dataclass(frozen=True)
class Snapshot:
    """One version of the warehouse file: its path and identity, the key of every cached read."""

    path: str
    stamp: tuple[int, int, int]


def snapshot() -> Snapshot:
    """The warehouse as it is now; WarehouseMissingError if there is none yet."""
    path = warehouse_path()
    try:
        stamp = identity(path)
    except FileNotFoundError:
        raise WarehouseMissingError(f"No warehouse at {path}. Build one with: battlemap build") from None
    return Snapshot(str(path), stamp)


def read(snap: Snapshot, sql: str, params: tuple = ()) -> pl.DataFrame:
    """Run one fixed query with parameters on a short-lived read-only connection."""
    connection = open_read_only(Path(snap.path))
    try:
        return connection.sql(sql, params=list(params) if params else None).pl()
    finally:
        connection.close()


def _has_table(snap: Snapshot, name: str) -> bool:
    found = read(
        snap,
        "select count(*) as n from information_schema.tables where table_catalog = 'wh' and table_schema = 'main' and table_name = ?",
        (name,),
    )
    return bool(found["n"][0])


# The KPI sources: which observation each comparable figure comes from, and whether it is a target.
KPI_SOURCES = kpis.KPI_SOURCES  # the base figures of the KPIs (seeds/kpis.csv)

# The quotes and target flags come from the few observations the latest reports point to (`cited`), read once, not
# from the whole of fct_observation joined once per source: at 1000x (72,000 figures) the query took ~0.08 s warm and
# ~0.2 s on a fresh start, where the first visitor's run waits for it (issue 18), and ~0.045 s this way.
COMPARISON_SQL = f"""
with cited as (
    select observation_id, quote, is_target
    from fct_observation
    where observation_id in (
        select unnest([{", ".join(f"{name}_observation_id" for name in KPI_SOURCES)}])
        from fct_campaign_progress
        where is_latest
    )
)
select
    m.*,
    c.period_start,
    c.period_end,
    c.comparability_note,
    {", ".join(f"p.{name}_observation_id" for name in KPI_SOURCES)},
    {", ".join(f"o_{name}.quote as {name}_quote" for name in KPI_SOURCES)},
    {", ".join(f"(coalesce(o_{name}.is_target, false) or m.figures_are = 'targets') as {name}_is_target" for name in KPI_SOURCES)}
from mart_city_comparison as m
left join dim_campaign as c on c.campaign_id = m.campaign_id
left join fct_campaign_progress as p on p.campaign_id = m.campaign_id and p.is_latest
{" ".join(f"left join cited as o_{name} on o_{name}.observation_id = p.{name}_observation_id" for name in KPI_SOURCES)}
order by m.project_count desc nulls last, m.city_id
"""


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def comparison(snap: Snapshot) -> pl.DataFrame:
    """mart_city_comparison, one row per city, with each KPI's source observation and target flag."""
    return read(snap, COMPARISON_SQL)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def cities(snap: Snapshot) -> pl.DataFrame:
    return read(snap, "select * from dim_city order by city_id")


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def place_search_texts(snap: Snapshot) -> dict[str, str]:
    """city_id → every name and code of the place, case-folded: what a place selector's search looks in."""
    return place_options.search_texts(cities(snap).iter_rows(named=True))


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def campaign(snap: Snapshot, city_id: str) -> pl.DataFrame:
    """The city's campaigns, latest first, each with its city and its latest report's document."""
    return read(
        snap,
        """
        select
            c.*,
            y.name_zh_hans, y.name_zh_hant, y.name_en as city_name_en, y.admin_level, y.admin_code,
            y.province_zh, y.province_en, y.parent_prefecture_zh, y.parent_prefecture_en,
            d.document_id, d.publication_date, d.publisher_as_written, d.title_as_written, d.title_en,
            m.caveat, m.caveat_zh
        from dim_campaign as c
        join dim_city as y on y.city_id = c.city_id
        left join dim_document as d on d.campaign_id = c.campaign_id and d.as_of_date = c.as_of_date
        left join mart_city_comparison as m on m.campaign_id = c.campaign_id
        where c.city_id = ?
        qualify row_number() over (partition by c.campaign_id order by d.document_id) = 1
        order by c.as_of_date desc, c.plan_year desc, c.campaign_id
        """,
        (city_id,),
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def progress_history(snap: Snapshot, campaign_id: str) -> pl.DataFrame:
    """Every report of one campaign (fct_campaign_progress), earliest first: the points of its burn-up."""
    return read(
        snap,
        """
        select campaign_id, as_of_date, is_latest, document_ids, plan_year, period_start, period_end, figures_are,
               annual_planned_investment, completed_investment, investment_completion_rate, elapsed_share_of_year,
               elapsed_share, pace_index, projects_started, start_rate, carried_forward, conflicting_figure_count
        from fct_campaign_progress
        where campaign_id = ?
        order by as_of_date
        """,
        (campaign_id,),
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def conflicts(snap: Snapshot) -> pl.DataFrame | None:
    """One row per source of every conflicting figure (fct_figure_conflict, exploded), with city and metric
    names; None when the warehouse predates the conflict mart."""
    if not _has_table(snap, "fct_figure_conflict"):
        return None
    return read(
        snap,
        """
        with sources as (
            select
                k.figure_id, k.city_id, k.campaign_id, k.scope_level, k.scope_name, k.scope_name_en, k.metric_id,
                k.base_unit, k.as_of_date, k.conflict_kind, k.source_count, k.relative_spread,
                unnest(k.observation_ids) as observation_id
            from fct_figure_conflict as k
        )
        select
            s.*, y.display_name_en as city_name_en, y.display_name_zh as city_name_zh,
            m.name_en as metric_name_en, m.name_zh as metric_name_zh,
            o.document_id, o.value, o.qualifier, o.is_target, o.quote
        from sources as s
        join fct_observation as o on o.observation_id = s.observation_id
        join dim_city as y on y.city_id = s.city_id
        left join dim_metric as m on m.metric_id = s.metric_id
        order by s.city_id, s.as_of_date, s.figure_id, o.document_id, o.observation_id
        """,
    )


OBSERVATIONS_SQL = """
select
    o.observation_id, o.city_id, y.display_name_en as city_name_en, y.display_name_zh as city_name_zh,
    o.campaign_id, o.document_id, o.scope_level, o.scope_name, o.scope_name_en,
    o.metric_id, m.name_en as metric_name_en, m.name_zh as metric_name_zh,
    o.value, o.base_unit, o.value_lower, o.value_upper, o.value_as_written, o.unit_as_written,
    o.qualifier, o.is_target, o.period, p.label_en as period_label_en, p.label_zh as period_label_zh,
    o.as_of_date, o.quote, o.note, o.note_zh,
    o.char_start, o.char_end, o.raw_char_start, o.raw_char_end, o.figure_char_start, o.figure_char_end, o.raw_quote,
    f.source_count, f.agreeing_sources, f.is_conflicting, f.reviewed, f.confidence, f.carried_forward,
    f.recommended_for_aggregates, f.aggregate_exclusions
from fct_observation as o
join dim_city as y on y.city_id = o.city_id
left join dim_metric as m on m.metric_id = o.metric_id
-- Each figure's health (fct_figure) and its period's labels (the periods seed, the one home of that vocabulary).
left join fct_figure as f on f.figure_id = o.figure_id
left join curation.periods as p on p.period = o.period
order by o.city_id, o.observation_id
"""


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def observations(snap: Snapshot) -> pl.DataFrame:
    """Every figure with its city and metric names (72 rows: filtered in memory, never in SQL text), by city, then
    scope level in display order (seeds/scope_levels.csv), then id."""
    order = {level: position for position, level in enumerate(vocabularies.values("scope_levels"))}
    found = read(snap, OBSERVATIONS_SQL)
    if found.is_empty():
        return found
    rank = pl.col("scope_level").replace_strict(order, default=len(order), return_dtype=pl.Int32)
    return found.sort([pl.col("city_id"), rank, pl.col("observation_id")], maintain_order=True)


# Where a document was retrieved (address, day, licence or terms): NULL when not known, and absent from a
# warehouse built before dim_document had them (read as NULL then).
ORIGIN_COLUMNS = (
    "url", "retrieval_date", "licence_terms",
    # The origin in the page's language (issue 18): NULL from a warehouse built before them.
    "date_as_written_zh", "script_label_en", "script_label_zh", "document_type_label_en", "document_type_label_zh",
    "known_defects_zh", "as_of_basis_zh",
)


def _columns(snap: Snapshot, table: str) -> set[str]:
    found = read(
        snap,
        "select column_name from information_schema.columns where table_catalog = 'wh' and table_schema = 'main' and table_name = ?",
        (table,),
    )
    return set(found["column_name"].to_list())


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def document(snap: Snapshot, document_id: str) -> pl.DataFrame:
    """One source document: texts and origin."""
    present = _columns(snap, "dim_document")
    origin_columns = ", ".join(name if name in present else f"null as {name}" for name in ORIGIN_COLUMNS)
    return read(
        snap,
        f"""
        select document_id, file_name, sha256, city_id, campaign_id, title_as_written, title_en,
               publisher_as_written, publication_date, date_as_written, script, document_type, known_defects,
               raw_text, normalised_text, raw_char_count, normalised_char_count, garbled_span_count,
               {origin_columns}
        from dim_document where document_id = ?
        """,
        (document_id,),
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def garbled_spans(snap: Snapshot, document_id: str) -> pl.DataFrame:
    return read(
        snap,
        "select * from fct_garbled_span where document_id = ? order by char_start",
        (document_id,),
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def metrics(snap: Snapshot) -> pl.DataFrame:
    return read(snap, "select * from dim_metric order by metric_kind, metric_id")


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def metric_totals(snap: Snapshot) -> pl.DataFrame:
    """mart_metric_total: per additive metric, the total of the figures recommended for aggregates (and only
    those: the app computes no total of its own); empty when the warehouse predates it."""
    if not _has_table(snap, "mart_metric_total"):
        return pl.DataFrame()
    return read(snap, "select * exclude (figure_ids) from main.mart_metric_total order by metric_id")


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def build_info(snap: Snapshot) -> pl.DataFrame:
    """main.build_info (one row), or an empty frame when the warehouse was built without it."""
    if not _has_table(snap, "build_info"):
        return pl.DataFrame()
    return read(snap, "select * from main.build_info")


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def build_results(snap: Snapshot) -> pl.DataFrame:
    """main.build_results, problems first, or an empty frame when absent."""
    if not _has_table(snap, "build_results"):
        return pl.DataFrame()
    return read(
        snap,
        """
        select * from main.build_results
        order by case when status in ('pass', 'success', 'no-op') then 1 else 0 end, resource_type, name
        """,
    )
