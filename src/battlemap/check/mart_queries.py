"""What each mart's suite validates: the query that makes its frame, the rows its inputs imply, its key and the columns it adds."""

from __future__ import annotations

from battlemap.shared.places import MUNICIPALITIES

# The four municipalities (北京市, …): their districts sit directly under the province-level city.
_MUNICIPALITIES = "(" + ", ".join(f"'{name}'" for name in sorted(MUNICIPALITIES)) + ")"


# One-row-per-key views of the tables other marts are joined to (a duplicate key must not fan out rows).
_METRICS = """(select metric_id, any_value(base_unit) as base_unit, any_value(upper_bound) as upper_bound
               from main.dim_metric group by metric_id)"""


_CAMPAIGNS = """(select campaign_id, any_value(plan_year) as plan_year from main.dim_campaign group by campaign_id)"""


_DOCUMENTS = """(select document_id, any_value(campaign_id) as campaign_id, any_value(normalised_text) as normalised_text
                 from main.dim_document group by document_id)"""


MART_QUERIES: dict[str, str] = {
    "fct_observation": f"""
        select o.*,
               m.base_unit as metric_base_unit,
               m.upper_bound as metric_upper_bound,
               c.plan_year as campaign_plan_year,
               year(o.as_of_date) as as_of_year,
               d.campaign_id as document_campaign_id,
               contains(o.quote, o.value_as_written || o.unit_as_written) as quote_cites_figure,
               contains(d.normalised_text, o.quote) as quote_found_in_document
        from main.fct_observation as o
        left join {_METRICS} as m on m.metric_id = o.metric_id
        left join {_CAMPAIGNS} as c on c.campaign_id = o.campaign_id
        left join {_DOCUMENTS} as d on d.document_id = o.document_id
        order by o.observation_id
    """,
    "fct_campaign_progress": """
        select p.*,
               year(p.as_of_date) as as_of_year,
               count(*) filter (where p.is_latest) over (partition by p.campaign_id) as latest_rows_of_campaign
        from main.fct_campaign_progress as p
        order by p.campaign_id, p.as_of_date
    """,
    "fct_project_progress": """
        select * from main.fct_project_progress order by scope_id
    """,
    "mart_city_comparison": """
        select m.*,
               year(m.as_of_date) as as_of_year,
               (m.project_count is not null)::int + (m.total_investment is not null)::int
                 + (m.annual_planned_investment is not null)::int + (m.completed_investment is not null)::int
                 + (m.projects_started is not null)::int as kpi_count
        from main.mart_city_comparison as m
        order by m.city_id
    """,
    "dim_city": f"""
        select c.*,
               c.level = 'county' and c.province_zh not in {_MUNICIPALITIES} as needs_prefecture,
               coalesce(f.figure_count, 0) as figure_count,
               coalesce(f.target_count, 0) as target_count,
               coalesce(f.achievement_count, 0) as achievement_count
        from main.dim_city as c
        left join (
            select city_id,
                   count(*) as figure_count,
                   count(*) filter (where is_target) as target_count,
                   count(*) filter (where not is_target) as achievement_count
            from main.fct_observation group by city_id
        ) as f on f.city_id = c.city_id
        order by c.city_id
    """,
    "dim_campaign": """
        select c.*, year(c.as_of_date) as as_of_year
        from main.dim_campaign as c
        order by c.campaign_id
    """,
    "dim_document": """
        select d.* exclude (raw_offsets),
               len(d.raw_offsets) as raw_offsets_length,
               coalesce(o.observation_count, 0) as observation_count
        from main.dim_document as d
        left join (select document_id, count(*) as observation_count from main.fct_observation group by document_id) as o
          on o.document_id = d.document_id
        order by d.document_id
    """,
    "dim_metric": """
        select * from main.dim_metric order by metric_id
    """,
    "fct_garbled_span": """
        select * from main.fct_garbled_span order by garbled_span_id
    """,
    "fct_figure": f"""
        select f.* exclude (observation_ids, document_ids, source_values, quotes),
               len(f.observation_ids) as observation_ids_length,
               len(f.document_ids) as document_ids_length,
               len(f.quotes) as quotes_length,
               m.upper_bound as metric_upper_bound
        from main.fct_figure as f
        left join {_METRICS} as m on m.metric_id = f.metric_id
        order by f.figure_id
    """,
    "fct_figure_conflict": """
        select c.* exclude (observation_ids, document_ids, source_values, quotes),
               len(c.document_ids) as document_ids_length,
               len(c.quotes) as quotes_length,
               f.is_conflicting as figure_is_conflicting
        from main.fct_figure_conflict as c
        left join (select figure_id, bool_or(is_conflicting) as is_conflicting from main.fct_figure group by figure_id) as f
          on f.figure_id = c.figure_id
        order by c.figure_id
    """,
    # Each total beside the sum of the figures it lists and how many of them are not recommended (0).
    "mart_metric_total": """
        select t.* exclude (figure_ids),
               len(t.figure_ids) as figure_ids_length,
               s.listed_sum,
               coalesce(s.not_recommended, 0) as not_recommended_figures
        from main.mart_metric_total as t
        left join (
            select l.metric_id, sum(f.value) as listed_sum,
                   count(*) filter (where not coalesce(f.recommended_for_aggregates, false)) as not_recommended
            from (select metric_id, unnest(figure_ids) as figure_id from main.mart_metric_total) as l
            left join main.fct_figure as f on f.figure_id = l.figure_id
            group by l.metric_id
        ) as s on s.metric_id = t.metric_id
        order by t.metric_id
    """,
    "build_info": """
        select b.*, date_diff('second', b.built_at, now()) / 3600.0 as age_hours
        from main.build_info as b
    """,
}


# The frame of the `mart_schema` suite is not a query of one table: it is built by schema_frame().
SCHEMA_FRAME = "mart_schema"


SCHEMA_COLUMNS = ["column_id", "mart", "column_name", "contract_type", "warehouse_type", "in_contract", "in_warehouse"]


# main.build_info as dbt's on-run-end writes it (macros/record_build_results.sql), plus the age at check time.
BUILD_INFO_COLUMNS = ["built_at", "dbt_version", "build_seconds", "summary", "route", "dbt_command", "all_passed", "age_hours"]


# How many rows each mart must have, given its inputs as the build staged them (the same file's staging
# schema): one row per observation, document, city, campaign, metric; one per sub-city scope.
IMPLIED_ROWS: dict[str, str] = {
    "fct_observation": "select count(*) from staging.stg_curation__observations",
    # Reports: one per campaign per as-of date of a document or of a campaign-wide figure. The as-of date
    # and the identity of a figure are resolved once, in int_observations_converted (the inputs with their
    # dates), and counted from there.
    "fct_campaign_progress": """
        select count(*) from (
            select campaign_id, as_of_date from staging.stg_curation__documents
            union
            select campaign_id, as_of_date from intermediate.int_observations_converted where scope_level = 'city'
        )
    """,
    "fct_project_progress": """
        select count(*) from (
            select distinct campaign_id, scope_level, scope_name, as_of_date
            from intermediate.int_observations_converted where scope_level <> 'city'
        )
    """,
    "fct_figure": "select count(distinct figure_id) from intermediate.int_observations_converted",
    "mart_city_comparison": "select count(*) from staging.stg_curation__cities",
    "dim_city": "select count(*) from staging.stg_curation__cities",
    "dim_campaign": "select count(*) from staging.stg_curation__campaigns",
    "dim_document": "select count(*) from staging.stg_curation__documents",
    "dim_metric": "select count(*) from staging.stg_curation__metrics",
    "build_info": "select 1",
}


# Contract columns a frame leaves out (swapped for a derived column, see DERIVED_COLUMNS).
EXCLUDED_COLUMNS: dict[str, list[str]] = {
    "dim_document": ["raw_offsets"],
    "fct_figure": ["observation_ids", "document_ids", "source_values", "quotes"],
    "fct_figure_conflict": ["observation_ids", "document_ids", "source_values", "quotes"],
    "mart_metric_total": ["figure_ids"],
}


# Columns the SELECTs above add to (or swap into) a mart, for the docs and the column-set expectations.
DERIVED_COLUMNS: dict[str, dict[str, str]] = {
    "fct_observation": {
        "metric_base_unit": "dim_metric.base_unit of the observation's metric",
        "metric_upper_bound": "dim_metric.upper_bound of the observation's metric (NULL: unbounded)",
        "campaign_plan_year": "dim_campaign.plan_year of the observation's campaign",
        "as_of_year": "year(as_of_date)",
        "document_campaign_id": "dim_document.campaign_id of the observation's document (NULL: no such document)",
        "quote_cites_figure": "the quote contains value_as_written || unit_as_written",
        "quote_found_in_document": "the quote occurs in the document's normalised text (NULL: no such document)",
    },
    "fct_campaign_progress": {
        "as_of_year": "year(as_of_date)",
        "latest_rows_of_campaign": "rows of the same campaign with is_latest (must be 1)",
    },
    "fct_figure": {
        "observation_ids_length": "len(observation_ids) (the lists are left out of the frame)",
        "document_ids_length": "len(document_ids)",
        "quotes_length": "len(quotes)",
        "metric_upper_bound": "dim_metric.upper_bound of the figure's metric",
    },
    "fct_figure_conflict": {
        "document_ids_length": "len(document_ids) (the lists are left out of the frame)",
        "quotes_length": "len(quotes)",
        "figure_is_conflicting": "fct_figure.is_conflicting of the same figure (NULL: no such figure)",
    },
    "mart_metric_total": {
        "figure_ids_length": "len(figure_ids) (the list is left out of the frame)",
        "listed_sum": "sum of fct_figure.value over the figures the total lists",
        "not_recommended_figures": "figures the total lists that fct_figure does not recommend for aggregates (must be 0)",
    },
    "mart_city_comparison": {
        "as_of_year": "year(as_of_date)",
        "kpi_count": "how many of project_count, total_investment, annual_planned_investment, completed_investment, "
        "projects_started the city reports",
    },
    "dim_city": {
        "needs_prefecture": "a county-level unit outside the four municipalities (it must name its prefecture)",
        "figure_count": "observations of the city in fct_observation",
        "target_count": "of which targets (is_target)",
        "achievement_count": "of which achievements (not is_target)",
    },
    "dim_campaign": {"as_of_year": "year(as_of_date)"},
    "build_info": {"age_hours": "hours from built_at to the check"},
    "dim_document": {
        "raw_offsets_length": "len(raw_offsets) (the list itself is left out of the frame)",
        "observation_count": "observations citing the document in fct_observation",
    },
}


# The key column of each mart: failing rows are reported by it.
KEY_COLUMNS: dict[str, str] = {
    "fct_observation": "observation_id",
    "fct_campaign_progress": "progress_id",
    "fct_project_progress": "scope_id",
    "mart_city_comparison": "city_id",
    "dim_city": "city_id",
    "dim_campaign": "campaign_id",
    "dim_document": "document_id",
    "dim_metric": "metric_id",
    "fct_garbled_span": "garbled_span_id",
    "fct_figure": "figure_id",
    "fct_figure_conflict": "figure_id",
    "mart_metric_total": "metric_id",
    "build_info": "built_at",
    SCHEMA_FRAME: "column_id",
}


MARTS: tuple[str, ...] = (*MART_QUERIES, SCHEMA_FRAME)


# Frames whose columns come from a dbt contract (the others are the check's own: build_info, mart_schema).
CONTRACTED: tuple[str, ...] = tuple(mart for mart in MART_QUERIES if mart != "build_info")
