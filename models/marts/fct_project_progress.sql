-- Sub-city scopes (districts, named projects, programmes) at each as-of date with their figures side
-- by side (merged across documents: a figure the documents disagree on is NULL), and each scope's
-- share of its city's project count at the same date where both are given.

with figures as (

    select
        *,
        -- Per metric of a scope: the state before a target, then the period counted from the earliest day.
        row_number() over (
            partition by campaign_id, scope_level, scope_name, as_of_date, metric_id
            order by is_target asc, covers_from asc, covers_to desc, period asc
        ) as preference
    from {{ ref('int_figures_merged') }}

),

city_progress as (

    select * from {{ ref('fct_campaign_progress') }}

),

scopes as (

    select
        campaign_id,
        city_id,
        scope_level,
        scope_name,
        as_of_date,
        min(scope_name_en) as scope_name_en,
        count(*)::integer as figure_count,
        bool_or(is_target) as has_target,
        bool_and(is_target) as all_targets,
        string_agg(metric_id, ', ' order by metric_id) as metrics_reported,
        {{ metric_value('project_count', where='preference = 1') }} as project_count,
        {{ metric_value('project_count', 'qualifier', where='preference = 1') }} as project_count_qualifier,
        {{ metric_value('total_investment', where='preference = 1') }} as total_investment,
        {{ metric_value('completed_investment', where='preference = 1') }} as completed_investment,
        {{ metric_value('investment_completion_rate', where='preference = 1') }} as investment_completion_rate_stated,
        {{ metric_value('projects_started', where='preference = 1') }} as projects_started,
        {{ metric_value('start_rate', where='preference = 1') }} as start_rate_stated,
        {{ metric_value('land_delivered_area', where='preference = 1') }} as land_delivered_area,
        {{ metric_value('demolition_area', where='preference = 1') }} as demolition_area,
        {{ metric_value('renovation_area', where='preference = 1') }} as renovation_area
    from figures
    where scope_level <> 'city'
    group by campaign_id, city_id, scope_level, scope_name, as_of_date

),

final as (

    select
        scopes.campaign_id || ':' || scopes.scope_level || ':' || scopes.scope_name || ':'
            || strftime(scopes.as_of_date, '%Y-%m-%d') as scope_id,
        scopes.*,
        scopes.as_of_date = max(scopes.as_of_date) over (
            partition by scopes.campaign_id, scopes.scope_level, scopes.scope_name
        ) as is_latest,
        scopes.projects_started / nullif(scopes.project_count, 0) as start_rate,
        city_progress.project_count as city_project_count,
        scopes.project_count / nullif(city_progress.project_count, 0) as share_of_city_projects
    from scopes
    left join city_progress
        on scopes.campaign_id = city_progress.campaign_id
        and scopes.as_of_date = city_progress.as_of_date

)

select * from final
