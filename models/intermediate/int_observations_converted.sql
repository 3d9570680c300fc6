-- Figures in base units (CNY, m2, count, ratio 0–1, day) with the bounds their qualifier implies.

with observations as (

    select * from {{ ref('int_observations_parsed') }}

),

units as (

    select * from {{ ref('stg_curation__units') }}

),

campaigns as (

    select * from {{ ref('stg_curation__campaigns') }}

),

documents as (

    select * from {{ ref('stg_curation__documents') }}

),

periods as (

    select * from {{ ref('stg_curation__periods') }}

),

qualifiers as (

    select * from {{ ref('qualifiers') }}

),

converted as (

    select
        observations.*,
        campaigns.city_id,
        -- A figure describes its document's as-of date unless the seed states its own.
        coalesce(observations.stated_as_of_date, documents.as_of_date) as as_of_date,
        periods.period_kind,
        campaigns.plan_year,
        campaigns.period_start as campaign_period_start,
        campaigns.period_end as campaign_period_end,
        periods.month_start,
        periods.month_end,
        -- Whether the figure bounds its value from below / above (seeds/qualifiers.csv).
        qualifiers.bounds_below,
        qualifiers.bounds_above,
        -- Left joins: an unknown unit or campaign leaves NULLs that the not_null tests report,
        -- instead of silently dropping the figure.
        units.base_unit,
        -- Through DECIMAL(38, 9) to drop binary noise: 81.7% is 0.817, not 0.8170000000000001.
        (observations.value_reported * units.multiplier / units.divisor)::decimal(38, 9)::double as value
    from observations
    left join units
        on observations.unit_as_written = units.unit_as_written
    left join campaigns
        on observations.campaign_id = campaigns.campaign_id
    left join documents
        on observations.document_id = documents.document_id
    left join periods
        on observations.period = periods.period
    left join qualifiers
        on observations.qualifier = qualifiers.qualifier

),

dated as (

    select
        * exclude (month_start, month_end, campaign_period_start, campaign_period_end),
        -- The days the figure covers: the campaign's own period (a 100-day plan), the campaign from its
        -- start to the as-of date (a state), or months of the plan year (the year, a quarter, 1—4月).
        case
            when period_kind in ('campaign', 'to_date') then campaign_period_start
            else make_date(plan_year, month_start, 1)
        end as covers_from,
        case
            when period_kind = 'campaign' then campaign_period_end
            when period_kind = 'to_date' then as_of_date
            else last_day(make_date(plan_year, month_end, 1))
        end as covers_to
    from converted

),

final as (

    select
        * exclude (bounds_below, bounds_above),
        -- The figure the statement is of: the same campaign, scope, metric, as-of date, period and
        -- target flag in any document (a year's target and the achievement of 1—6月 are two figures).
        -- A document stating one of them several times means different things (Quanzhou's 37 and 7
        -- days are two steps): each of those statements is a figure of its own.
        campaign_id || ':' || scope_level || ':' || scope_name || ':' || metric_id || ':'
            || strftime(as_of_date, '%Y-%m-%d') || ':' || period || ':'
            || case when is_target then 'target' else 'state' end
            || case when count(*) over (
                partition by document_id, scope_level, scope_name, metric_id, as_of_date, period, is_target
            ) > 1 then ':' || observation_id else '' end as figure_id,
        -- 近200个 (at_most) bounds the figure from above, 逾9000亩 (at_least) from below; an
        -- approximate figure bounds nothing (seeds/qualifiers.csv: bounds_below, bounds_above).
        case when bounds_below then value end as value_lower,
        case when bounds_above then value end as value_upper
    from dated

)

select * from final
