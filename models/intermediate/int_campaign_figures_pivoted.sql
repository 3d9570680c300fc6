-- One row per campaign and as-of date with the campaign-wide figures stated for that date (NULL
-- where no document states them, or where the documents disagree), each with the observation it came
-- from (and, for the portfolio, whether the documents disagree on it). The dates are those of the
-- campaign's documents and of its campaign-wide figures.
-- Campaign-wide means the city scope; projects started may instead come from one programme (Leling
-- counts them among its implementation-type projects), and the start rate's base is then that
-- programme's project count at the same date.

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

pivoted as (

    select
        campaign_id,
        as_of_date,
        {{ metric_value('project_count') }} as project_count,
        {{ metric_value('project_count', 'observation_id') }} as project_count_observation_id,
        coalesce({{ metric_value('project_count', 'is_conflicting') }}, false) as project_count_is_conflicting,
        {{ metric_value('total_investment') }} as total_investment,
        {{ metric_value('total_investment', 'observation_id') }} as total_investment_observation_id,
        coalesce({{ metric_value('total_investment', 'is_conflicting') }}, false) as total_investment_is_conflicting,
        {{ metric_value('annual_planned_investment') }} as annual_planned_investment,
        {{ metric_value('annual_planned_investment', 'observation_id') }} as annual_planned_investment_observation_id,
        coalesce({{ metric_value('annual_planned_investment', 'is_conflicting') }}, false)
            as annual_planned_investment_is_conflicting,
        {{ metric_value('completed_investment') }} as completed_investment,
        {{ metric_value('completed_investment', 'observation_id') }} as completed_investment_observation_id,
        {{ metric_value('investment_completion_rate') }} as investment_completion_rate_stated,
        {{ metric_value('projects_completed') }} as projects_completed,
        {{ metric_value('projects_completed', 'observation_id') }} as projects_completed_observation_id
    from figures
    where scope_level = 'city'
    group by campaign_id, as_of_date

),

started_candidates as (

    select
        *,
        row_number() over (
            partition by campaign_id, as_of_date
            order by case scope_level when 'city' then 1 else 2 end, scope_name
        ) as preference
    from figures
    where metric_id = 'projects_started'
      and scope_level in ('city', 'programme')
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
    left join figures as stated_rate
        on started_candidates.campaign_id = stated_rate.campaign_id
        and started_candidates.as_of_date = stated_rate.as_of_date
        and started_candidates.scope_level = stated_rate.scope_level
        and started_candidates.scope_name = stated_rate.scope_name
        and stated_rate.metric_id = 'start_rate'
    where started_candidates.preference = 1

),

final as (

    select
        reports.campaign_id,
        reports.as_of_date,
        coalesce(reports.document_ids, []::varchar[]) as document_ids,
        coalesce(conflicts.conflicting_figure_count, 0)::integer as conflicting_figure_count,
        pivoted.* exclude (pivoted.campaign_id, pivoted.as_of_date),
        started.* exclude (started.campaign_id, started.as_of_date)
    from reports
    left join pivoted
        on reports.campaign_id = pivoted.campaign_id
        and reports.as_of_date = pivoted.as_of_date
    left join started
        on reports.campaign_id = started.campaign_id
        and reports.as_of_date = started.as_of_date
    left join conflicts
        on reports.campaign_id = conflicts.campaign_id
        and reports.as_of_date = conflicts.as_of_date

)

select * from final
