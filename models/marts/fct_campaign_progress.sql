-- One row per campaign per as-of date: the campaign's figures at that date and what SQL derives from
-- them. A figure no document gives stays NULL (never 0), and so does anything derived from it.
-- The portfolio (project count, total investment, annual plan) is the campaign's and changes rarely:
-- a report that does not restate it takes it from the campaign's latest earlier report that did, keeps
-- that report's observation id, and names it in carried_forward. State figures (completed investment,
-- projects started or completed) are never carried: they belong to their date.
-- Each achievement sits beside its target (int_campaign_figures_pivoted pairs them by scope and period)
-- with the achievement ratio. The elapsed share and the pace index are measured against the campaign's
-- own period (Qingtian's 100 days, 2023-08-25..2023-12-25), which is the plan year for a year's campaign.

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
        -- Completed ÷ annual plan, when the completed figure counts from the start of the plan year.
        case when carried.completed_investment_covers_from = make_date(campaigns.plan_year, 1, 1)
            then carried.completed_investment / nullif(carried.annual_planned_investment_carried, 0)
        end as investment_completion_rate,
        carried.completed_investment_target,
        carried.completed_investment_target_period,
        carried.completed_investment / nullif(carried.completed_investment_target, 0) as completed_investment_achievement_ratio,
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
        carried.projects_started_target,
        carried.projects_started_target_period,
        carried.projects_started / nullif(carried.projects_started_target, 0) as projects_started_achievement_ratio,
        carried.projects_completed,
        carried.projects_completed_target,
        carried.projects_completed_target_period,
        carried.projects_completed / nullif(carried.projects_completed_target, 0) as projects_completed_achievement_ratio,
        -- Share of the plan year elapsed by the as-of date, counting the as-of day itself.
        (date_diff('day', make_date(campaigns.plan_year, 1, 1), carried.as_of_date) + 1)::double
            / date_diff('day', make_date(campaigns.plan_year, 1, 1), make_date(campaigns.plan_year + 1, 1, 1))
            as elapsed_share_of_year,
        -- Share of the campaign's own period elapsed by the as-of date, the as-of day included (0 before
        -- it starts, 1 after it ends).
        greatest(0, least(1,
            (date_diff('day', campaigns.period_start, carried.as_of_date) + 1)::double
            / (date_diff('day', campaigns.period_start, campaigns.period_end) + 1)
        )) as elapsed_share,
        -- The completion the pace is measured by: against the annual plan when the campaign's period is
        -- its plan year, else against the target of the campaign's own period.
        case
            when campaigns.period_start = make_date(campaigns.plan_year, 1, 1)
                and campaigns.period_end = make_date(campaigns.plan_year, 12, 31)
                then case when carried.completed_investment_covers_from = make_date(campaigns.plan_year, 1, 1)
                    then carried.completed_investment / nullif(carried.annual_planned_investment_carried, 0) end
            when carried.completed_investment_covers_from = campaigns.period_start
                and carried.completed_investment_target_covers_to = campaigns.period_end
                then carried.completed_investment / nullif(carried.completed_investment_target, 0)
        end as campaign_completion_rate,
        carried.project_count_observation_id_carried as project_count_observation_id,
        carried.total_investment_observation_id_carried as total_investment_observation_id,
        carried.annual_planned_investment_observation_id_carried as annual_planned_investment_observation_id,
        carried.completed_investment_observation_id,
        carried.projects_started_observation_id,
        carried.projects_completed_observation_id,
        carried.completed_investment_target_observation_id,
        carried.projects_started_target_observation_id,
        carried.projects_completed_target_observation_id,
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
        -- Pace: completion relative to the share of the campaign's period gone; 1 means on schedule.
        campaign_completion_rate / nullif(elapsed_share, 0) as pace_index
    from derived

)

select * from final
