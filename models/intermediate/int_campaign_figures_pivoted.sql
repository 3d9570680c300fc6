-- One row per campaign and as-of date with the campaign-wide figures stated for that date (NULL
-- where no document states them, or where the documents disagree), each with the observation it came
-- from (and, for the portfolio, whether the documents disagree on it). The dates are those of the
-- campaign's documents and of its campaign-wide figures.
-- Campaign-wide means the city scope; projects started may instead come from one programme (Leling
-- counts them among its implementation-type projects), and the start rate's base is then that
-- programme's project count at the same date.
-- A target and an achievement of one metric are two figures. The state figures (completed investment,
-- projects started and completed) are achievements; where a report gives several periods of one, the
-- one counted from the earliest day (cumulative: 1—6月 rather than 二季度) is taken, beside its target
-- as int_figures_paired pairs them (same scope, a period starting where the achievement's does).

with documents as (

    select * from {{ ref('stg_curation__documents') }}

),

figures as (

    select * from {{ ref('int_figures_merged') }}

),

report_dates as (

    select
        campaign_id,
        as_of_date
    from documents
    union
    select
        campaign_id,
        as_of_date
    from figures
    where scope_level = 'city'

),

reports as (

    select
        report_dates.campaign_id,
        report_dates.as_of_date,
        list(distinct documents.document_id order by documents.document_id) filter (
            where documents.document_id is not null
        ) as document_ids
    from report_dates
    left join documents
        on report_dates.campaign_id = documents.campaign_id
        and report_dates.as_of_date = documents.as_of_date
    group by report_dates.campaign_id, report_dates.as_of_date

),

conflicts as (

    select
        campaign_id,
        as_of_date,
        count(*)::integer as conflicting_figure_count
    from figures
    where is_conflicting
    group by campaign_id, as_of_date

),

city_figures as (

    select
        *,
        -- The annual plan is the plan of a whole calendar year, not a quarter's or 1—4月's plan.
        (
            strftime(covers_from, '%m-%d') = '01-01'
            and strftime(covers_to, '%m-%d') = '12-31'
            and year(covers_from) = year(covers_to)
        ) as covers_a_year,
        -- Per metric: the state before a target (a plan's portfolio is its target), then the period
        -- counted from the earliest day, then the longest.
        row_number() over (
            partition by campaign_id, as_of_date, metric_id
            order by is_target asc, covers_from asc, covers_to desc, period asc
        ) as preference,
        row_number() over (
            partition by campaign_id, as_of_date, metric_id, is_target
            order by covers_from asc, covers_to desc, period asc
        ) as preference_of_kind
    from figures
    where scope_level = 'city'

),

annual_plans as (

    select
        campaign_id,
        as_of_date,
        value as annual_planned_investment,
        observation_id as annual_planned_investment_observation_id,
        is_conflicting as annual_planned_investment_is_conflicting,
        row_number() over (partition by campaign_id, as_of_date order by is_conflicting desc, period asc) as preference
    from city_figures
    where metric_id = 'annual_planned_investment'
      and covers_a_year

),

pivoted as (

    select
        campaign_id,
        as_of_date,
        {{ metric_value('project_count', where='preference = 1') }} as project_count,
        {{ metric_value('project_count', 'observation_id', where='preference = 1') }} as project_count_observation_id,
        coalesce({{ metric_value('project_count', 'is_conflicting', where='preference = 1') }}, false)
            as project_count_is_conflicting,
        {{ metric_value('total_investment', where='preference = 1') }} as total_investment,
        {{ metric_value('total_investment', 'observation_id', where='preference = 1') }} as total_investment_observation_id,
        coalesce({{ metric_value('total_investment', 'is_conflicting', where='preference = 1') }}, false)
            as total_investment_is_conflicting,
        {{ metric_value('completed_investment', where='not is_target and preference_of_kind = 1') }} as completed_investment,
        {{ metric_value('completed_investment', 'observation_id', where='not is_target and preference_of_kind = 1') }}
            as completed_investment_observation_id,
        {{ metric_value('completed_investment', 'covers_from', where='not is_target and preference_of_kind = 1') }}
            as completed_investment_covers_from,
        {{ metric_value('investment_completion_rate', where='not is_target and preference_of_kind = 1') }}
            as investment_completion_rate_stated,
        {{ metric_value('projects_completed', where='not is_target and preference_of_kind = 1') }} as projects_completed,
        {{ metric_value('projects_completed', 'observation_id', where='not is_target and preference_of_kind = 1') }}
            as projects_completed_observation_id
    from city_figures
    group by campaign_id, as_of_date

),

started_candidates as (

    select
        *,
        row_number() over (
            partition by campaign_id, as_of_date
            order by
                case scope_level when 'city' then 1 else 2 end asc, scope_name asc, covers_from asc, covers_to desc, period asc
        ) as preference
    from figures
    where metric_id = 'projects_started'
      and scope_level in ('city', 'programme')
      and not is_target
      and value is not null

),

started as (

    select
        started_candidates.campaign_id,
        started_candidates.as_of_date,
        started_candidates.value as projects_started,
        started_candidates.observation_id as projects_started_observation_id,
        started_candidates.scope_level as projects_started_scope_level,
        started_candidates.scope_name as projects_started_scope_name,
        base.value as start_base_project_count,
        stated_rate.value as start_rate_stated
    from started_candidates
    left join figures as base
        on started_candidates.campaign_id = base.campaign_id
        and started_candidates.as_of_date = base.as_of_date
        and started_candidates.scope_level = base.scope_level
        and started_candidates.scope_name = base.scope_name
        and base.metric_id = 'project_count'
        and not base.is_target
    left join figures as stated_rate
        on started_candidates.campaign_id = stated_rate.campaign_id
        and started_candidates.as_of_date = stated_rate.as_of_date
        and started_candidates.scope_level = stated_rate.scope_level
        and started_candidates.scope_name = stated_rate.scope_name
        and stated_rate.metric_id = 'start_rate'
        and not stated_rate.is_target
    where started_candidates.preference = 1

),

pairs as (

    select * from {{ ref('int_figures_paired') }}

),

achievements as (

    -- The state figures the row reports, to take their targets from int_figures_paired.
    select
        campaign_id,
        as_of_date,
        metric_id,
        figure_id
    from city_figures
    where metric_id in ('completed_investment', 'projects_completed')
      and not is_target
      and preference_of_kind = 1
    union all
    select
        campaign_id,
        as_of_date,
        metric_id,
        figure_id
    from started_candidates
    where preference = 1

),

paired as (

    select
        achievements.campaign_id,
        achievements.as_of_date,
        achievements.metric_id,
        pairs.target_value as target,
        pairs.target_observation_id,
        pairs.target_period,
        pairs.target_covers_to
    from achievements
    inner join pairs
        on achievements.figure_id = pairs.figure_id

),

targets as (

    select
        campaign_id,
        as_of_date,
        {{ metric_value('completed_investment', 'target') }} as completed_investment_target,
        {{ metric_value('completed_investment', 'target_observation_id') }} as completed_investment_target_observation_id,
        {{ metric_value('completed_investment', 'target_period') }} as completed_investment_target_period,
        {{ metric_value('completed_investment', 'target_covers_to') }} as completed_investment_target_covers_to,
        {{ metric_value('projects_started', 'target') }} as projects_started_target,
        {{ metric_value('projects_started', 'target_observation_id') }} as projects_started_target_observation_id,
        {{ metric_value('projects_started', 'target_period') }} as projects_started_target_period,
        {{ metric_value('projects_completed', 'target') }} as projects_completed_target,
        {{ metric_value('projects_completed', 'target_observation_id') }} as projects_completed_target_observation_id,
        {{ metric_value('projects_completed', 'target_period') }} as projects_completed_target_period
    from paired
    group by campaign_id, as_of_date

),

final as (

    select
        reports.campaign_id,
        reports.as_of_date,
        coalesce(reports.document_ids, []::varchar[]) as document_ids,
        coalesce(conflicts.conflicting_figure_count, 0)::integer as conflicting_figure_count,
        pivoted.* exclude (pivoted.campaign_id, pivoted.as_of_date),
        annual_plans.annual_planned_investment,
        annual_plans.annual_planned_investment_observation_id,
        coalesce(annual_plans.annual_planned_investment_is_conflicting, false) as annual_planned_investment_is_conflicting,
        started.* exclude (started.campaign_id, started.as_of_date),
        targets.* exclude (targets.campaign_id, targets.as_of_date)
    from reports
    left join pivoted
        on reports.campaign_id = pivoted.campaign_id
        and reports.as_of_date = pivoted.as_of_date
    left join annual_plans
        on reports.campaign_id = annual_plans.campaign_id
        and reports.as_of_date = annual_plans.as_of_date
        and annual_plans.preference = 1
    left join started
        on reports.campaign_id = started.campaign_id
        and reports.as_of_date = started.as_of_date
    left join targets
        on reports.campaign_id = targets.campaign_id
        and reports.as_of_date = targets.as_of_date
    left join conflicts
        on reports.campaign_id = conflicts.campaign_id
        and reports.as_of_date = conflicts.as_of_date

)

select * from final
