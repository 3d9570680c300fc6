-- One row per campaign per as-of date: the campaign's figures at that date and what SQL derives from
-- them. A figure no document gives stays NULL (never 0), and so does anything derived from it.
-- The portfolio (project count, total investment, annual plan) is the campaign's and changes rarely:
-- a report that does not restate it takes it from the campaign's latest earlier report that did, keeps
-- that report's observation id, and names it in carried_forward. State figures (completed investment,
-- projects started or completed) are never carried: they belong to their date.

with campaigns as (

    select * from {{ ref('stg_curation__campaigns') }}

),

figures as (

    select * from {{ ref('int_campaign_figures_pivoted') }}

),

carried as (

    select
        figures.*,
        -- Documents that disagree on a portfolio figure at this date are not overruled by an earlier report.
        {{ carry_forward('project_count', 'project_count') }} as project_count_carried,
        {{ carry_forward('project_count', 'project_count_observation_id') }} as project_count_observation_id_carried,
        {{ carry_forward('total_investment', 'total_investment') }} as total_investment_carried,
        {{ carry_forward('total_investment', 'total_investment_observation_id') }} as total_investment_observation_id_carried,
        {{ carry_forward('annual_planned_investment', 'annual_planned_investment') }} as annual_planned_investment_carried,
        {{ carry_forward('annual_planned_investment', 'annual_planned_investment_observation_id') }}
            as annual_planned_investment_observation_id_carried,
        figures.as_of_date = max(figures.as_of_date) over (partition by figures.campaign_id) as is_latest,
        count(*) over (partition by figures.campaign_id)::integer as report_count
    from figures
    window earlier as (
        partition by campaign_id order by as_of_date rows between unbounded preceding and 1 preceding
    )

),

derived as (

    select
        campaigns.campaign_id,
        campaigns.city_id,
        carried.as_of_date,
        carried.is_latest,
        carried.report_count,
        carried.document_ids[1] as document_id,
        carried.document_ids,
        len(carried.document_ids)::integer as document_count,
        campaigns.plan_year,
        campaigns.period_start,
        campaigns.period_end,
        campaigns.figures_are,
        carried.project_count_carried as project_count,
        carried.total_investment_carried as total_investment,
        carried.annual_planned_investment_carried as annual_planned_investment,
        carried.completed_investment,
        carried.completed_investment / nullif(carried.annual_planned_investment_carried, 0)
            as investment_completion_rate,
        carried.investment_completion_rate_stated,
        carried.annual_planned_investment_carried / nullif(carried.total_investment_carried, 0) as annual_plan_share,
        carried.total_investment_carried / nullif(carried.project_count_carried, 0) as investment_per_project,
        carried.annual_planned_investment_carried / nullif(carried.project_count_carried, 0) as annual_plan_per_project,
        carried.projects_started,
        carried.projects_started_scope_level,
        carried.projects_started_scope_name,
        -- A city-wide projects-started figure is counted against the city's (possibly carried) portfolio.
        case
            when carried.projects_started_scope_level = 'city'
                then coalesce(carried.start_base_project_count, carried.project_count_carried)
            else carried.start_base_project_count
        end as start_base_project_count,
        carried.start_rate_stated,
        carried.projects_completed,
        -- Share of the plan year elapsed by the as-of date, counting the as-of day itself.
        (date_diff('day', make_date(campaigns.plan_year, 1, 1), carried.as_of_date) + 1)::double
            / date_diff('day', make_date(campaigns.plan_year, 1, 1), make_date(campaigns.plan_year + 1, 1, 1))
            as elapsed_share_of_year,
        carried.project_count_observation_id_carried as project_count_observation_id,
        carried.total_investment_observation_id_carried as total_investment_observation_id,
        carried.annual_planned_investment_observation_id_carried as annual_planned_investment_observation_id,
        carried.completed_investment_observation_id,
        carried.projects_started_observation_id,
        carried.projects_completed_observation_id,
        nullif(
            concat_ws(
                ', ',
                case when carried.project_count is null and carried.project_count_carried is not null
                    then 'project_count' end,
                case when carried.total_investment is null and carried.total_investment_carried is not null
                    then 'total_investment' end,
                case when carried.annual_planned_investment is null and carried.annual_planned_investment_carried is not null
                    then 'annual_planned_investment' end
            ),
            ''
        ) as carried_forward,
        carried.conflicting_figure_count
    from carried
    inner join campaigns
        on carried.campaign_id = campaigns.campaign_id

),

final as (

    select
        *,
        campaign_id || ':' || strftime(as_of_date, '%Y-%m-%d') as progress_id,
        projects_started / nullif(start_base_project_count, 0) as start_rate,
        -- Pace: completion relative to the share of the year gone; 1 means on schedule.
        investment_completion_rate / nullif(elapsed_share_of_year, 0) as pace_index
    from derived

)

select * from final
