with campaigns as (

    select * from {{ ref('stg_curation__campaigns') }}

),

final as (

    select
        campaign_id,
        city_id,
        name_zh,
        name_en,
        campaign_type,
        plan_year,
        period_start,
        period_end,
        period_as_written,
        as_of_date,
        as_of_basis,
        figures_are,
        comparability_note,
        (date_diff('day', period_start, period_end) + 1)::integer as period_days
    from campaigns

)

select * from final
