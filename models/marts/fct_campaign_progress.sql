-- One row per campaign at its as-of date. Every derived figure is computed here from the stated
-- ones; a figure the document does not give stays NULL (never 0), and so does anything derived from it.

with campaigns as (

    select * from {{ ref('stg_curation__campaigns') }}

),

figures as (

    select * from {{ ref('int_campaign_figures_pivoted') }}

),

documents as (

    select * from {{ ref('stg_curation__documents') }}

),

timing as (

    select
        campaigns.campaign_id,
        -- Share of the plan year elapsed by the as-of date, counting the as-of day itself.
        (date_diff('day', make_date(plan_year, 1, 1), documents.as_of_date) + 1)::double
            / date_diff('day', make_date(plan_year, 1, 1), make_date(plan_year + 1, 1, 1))
            as elapsed_share_of_year
    from campaigns
    inner join documents
        on campaigns.campaign_id = documents.campaign_id

),

derived as (

    select
        campaigns.campaign_id,
        campaigns.city_id,
        documents.document_id,
        campaigns.plan_year,
        campaigns.period_start,
        campaigns.period_end,
        documents.as_of_date,
        campaigns.figures_are,
        figures.project_count,
        figures.total_investment,
        figures.annual_planned_investment,
        figures.completed_investment,
        figures.completed_investment / nullif(figures.annual_planned_investment, 0)
            as investment_completion_rate,
        figures.investment_completion_rate_stated,
        figures.annual_planned_investment / nullif(figures.total_investment, 0) as annual_plan_share,
        figures.total_investment / nullif(figures.project_count, 0) as investment_per_project,
        figures.annual_planned_investment / nullif(figures.project_count, 0) as annual_plan_per_project,
        figures.projects_started,
        figures.projects_started_scope_level,
        figures.projects_started_scope_name,
        figures.start_base_project_count,
        figures.projects_started / nullif(figures.start_base_project_count, 0) as start_rate,
        figures.start_rate_stated,
        figures.projects_completed,
        timing.elapsed_share_of_year,
        figures.project_count_observation_id,
        figures.total_investment_observation_id,
        figures.annual_planned_investment_observation_id,
        figures.completed_investment_observation_id,
        figures.projects_started_observation_id,
        figures.projects_completed_observation_id
    from campaigns
    left join figures
        on campaigns.campaign_id = figures.campaign_id
    left join timing
        on campaigns.campaign_id = timing.campaign_id
    left join documents
        on campaigns.campaign_id = documents.campaign_id

),

final as (

    select
        *,
        -- Pace: completion relative to the share of the year gone; 1 means on schedule.
        investment_completion_rate / nullif(elapsed_share_of_year, 0) as pace_index
    from derived

)

select * from final
