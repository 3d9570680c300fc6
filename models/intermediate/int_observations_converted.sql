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

converted as (

    select
        observations.*,
        campaigns.city_id,
        -- A figure describes its document's as-of date unless the seed states its own.
        coalesce(observations.stated_as_of_date, documents.as_of_date) as as_of_date,
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

),

final as (

    select
        *,
        -- The figure the statement is of: the same campaign, scope, metric and date in any document.
        -- A document stating one metric of one scope several times means different things (Quanzhou's
        -- 37 and 7 days are two steps): each of those statements is a figure of its own.
        campaign_id || ':' || scope_level || ':' || scope_name || ':' || metric_id || ':'
            || strftime(as_of_date, '%Y-%m-%d')
            || case when count(*) over (partition by document_id, scope_level, scope_name, metric_id, as_of_date) > 1
                then ':' || observation_id else '' end as figure_id,
        -- 近200个 (at_most) bounds the figure from above, 逾9000亩 (at_least) from below; an
        -- approximate figure bounds nothing.
        case when qualifier in ('exact', 'at_least') then value end as value_lower,
        case when qualifier in ('exact', 'at_most') then value end as value_upper
    from converted

)

select * from final
