-- One row per campaign with the campaign-wide figures the document gives (NULL where it is silent),
-- each with the observation it came from. Campaign-wide means the city scope; projects started may
-- instead come from one programme (Leling counts them among its implementation-type projects), and
-- the start rate's base is then that programme's project count.

with campaigns as (

    select * from {{ ref('stg_curation__campaigns') }}

),

observations as (

    select * from {{ ref('int_observations_converted') }}

),

city_figures as (

    select * from observations
    where scope_level = 'city'

),

pivoted as (

    select
        campaign_id,
        {{ metric_value('project_count') }} as project_count,
        {{ metric_value('project_count', 'observation_id') }} as project_count_observation_id,
        {{ metric_value('total_investment') }} as total_investment,
        {{ metric_value('total_investment', 'observation_id') }} as total_investment_observation_id,
        {{ metric_value('annual_planned_investment') }} as annual_planned_investment,
        {{ metric_value('annual_planned_investment', 'observation_id') }} as annual_planned_investment_observation_id,
        {{ metric_value('completed_investment') }} as completed_investment,
        {{ metric_value('completed_investment', 'observation_id') }} as completed_investment_observation_id,
        {{ metric_value('investment_completion_rate') }} as investment_completion_rate_stated,
        {{ metric_value('projects_completed') }} as projects_completed,
        {{ metric_value('projects_completed', 'observation_id') }} as projects_completed_observation_id
    from city_figures
    group by campaign_id

),

started_candidates as (

    select
        *,
        row_number() over (
            partition by campaign_id
            order by case scope_level when 'city' then 1 else 2 end, observation_id
        ) as preference
    from observations
    where metric_id = 'projects_started'
      and scope_level in ('city', 'programme')

),

started as (

    select
        started_candidates.campaign_id,
        started_candidates.value as projects_started,
        started_candidates.observation_id as projects_started_observation_id,
        started_candidates.scope_level as projects_started_scope_level,
        started_candidates.scope_name as projects_started_scope_name,
        base.value as start_base_project_count,
        stated_rate.value as start_rate_stated
    from started_candidates
    left join observations as base
        on base.campaign_id = started_candidates.campaign_id
        and base.scope_level = started_candidates.scope_level
        and base.scope_name = started_candidates.scope_name
        and base.metric_id = 'project_count'
    left join observations as stated_rate
        on stated_rate.campaign_id = started_candidates.campaign_id
        and stated_rate.scope_level = started_candidates.scope_level
        and stated_rate.scope_name = started_candidates.scope_name
        and stated_rate.metric_id = 'start_rate'
    where started_candidates.preference = 1

),

final as (

    select
        campaigns.campaign_id,
        pivoted.* exclude (campaign_id),
        started.* exclude (campaign_id)
    from campaigns
    left join pivoted
        on campaigns.campaign_id = pivoted.campaign_id
    left join started
        on campaigns.campaign_id = started.campaign_id

)

select * from final
