-- Cross-city ranking of investment completion and pace: achievements only, with as-of dates.
--
-- One row per campaign (its latest report) whose documents report the state of the campaign (figures_are = 'status').
-- A plan's figures are targets, not achievements, so Qingtian's plan is left out altogether.
-- completion = completed investment ÷ annual planned investment (both as the document gives them);
-- pace = completion ÷ share of the plan year gone by the as-of date (1 = on schedule, below 1 behind).
-- The as-of dates differ (late May 2022, mid-May 2017, ...), so rank by pace, not by completion; both
-- ranks are given. A campaign that does not report both figures, or whose completed investment is
-- itself a target, is listed without a rank and with the reason, never with 0.

with progress as (

    select * from {{ ref('fct_campaign_progress') }}

),

campaigns as (

    select * from {{ ref('dim_campaign') }}

),

cities as (

    select * from {{ ref('dim_city') }}

),

observations as (

    select * from {{ ref('fct_observation') }}

),

status_campaigns as (

    select
        progress.*,
        cities.name_en as city_name_en,
        cities.name_zh_hans as city_name_zh,
        cities.admin_level,
        campaigns.name_en as campaign_name_en,
        completed.is_target as completed_is_target,
        completed.quote as completed_investment_quote,
        planned.quote as annual_planned_investment_quote,
        coalesce(progress.investment_completion_rate is not null
            and completed.is_target = false, false) as is_ranked
    from progress
    inner join campaigns
        on progress.campaign_id = campaigns.campaign_id
    inner join cities
        on progress.city_id = cities.city_id
    left join observations as completed
        on progress.completed_investment_observation_id = completed.observation_id
    left join observations as planned
        on progress.annual_planned_investment_observation_id = planned.observation_id
    where progress.figures_are = 'status'
      and progress.is_latest

),

ranked as (

    select
        *,
        case when is_ranked
            then rank() over (partition by is_ranked order by pace_index desc) end as pace_rank,
        case when is_ranked
            then rank() over (partition by is_ranked order by investment_completion_rate desc) end as completion_rank
    from status_campaigns

),

final as (

    select
        pace_rank::integer as pace_rank,
        completion_rank::integer as completion_rank,
        city_id,
        city_name_en,
        city_name_zh,
        admin_level,
        campaign_id,
        campaign_name_en,
        plan_year,
        as_of_date,
        (date_diff('day', make_date(plan_year, 1, 1), as_of_date) + 1)::integer as days_elapsed,
        elapsed_share_of_year,
        annual_planned_investment,
        completed_investment,
        investment_completion_rate,
        pace_index,
        case
            when is_ranked then null
            when completed_investment is null and annual_planned_investment is null
                then 'Not ranked: the document gives neither completed investment nor an annual plan.'
            when completed_investment is null
                then 'Not ranked: the document gives no completed investment.'
            when annual_planned_investment is null
                then 'Not ranked: the document gives no annual planned investment.'
            when completed_is_target
                then 'Not ranked: its completed investment is a target, not an achievement.'
            else 'Not ranked: no completion rate can be computed.'
        end as not_ranked_reason,
        completed_investment_observation_id,
        completed_investment_quote,
        annual_planned_investment_observation_id,
        annual_planned_investment_quote
    from ranked

)

select * from final
order by pace_rank asc nulls last, as_of_date desc, city_id asc
