-- One row per figure however many documents state it: the same campaign, scope, metric, as-of date,
-- period and target flag. Agreeing sources are one figure with every quote; disagreeing ones leave the
-- value NULL and are listed in fct_figure_conflict.
-- Each figure carries its health (after AidData's "health" and "recommended for aggregates"): how many
-- documents state it and agree, whether a person reviewed it and the extractor's confidence, whether a
-- later report carries it forward, and whether it is safe to add to other figures in a total. An
-- achievement of a progress metric sits beside its target of the same scope and period (int_figures_paired).

with figures as (

    select * from {{ ref('int_figures_merged') }}

),

metrics as (

    select * from {{ ref('stg_curation__metrics') }}

),

base_units as (

    -- Whether figures of a metric kind add up (seeds/base_units.csv: is_additive).
    select * from {{ ref('base_units') }}

),

pairs as (

    select * from {{ ref('int_figures_paired') }}

),

progress as (

    select * from {{ ref('fct_campaign_progress') }}

),

carried as (

    -- Portfolio figures a later report of the campaign does not restate and takes from an earlier one.
    select
        campaign_id,
        as_of_date,
        unnest([
            project_count_observation_id,
            total_investment_observation_id,
            annual_planned_investment_observation_id
        ]) as observation_id
    from progress
    where carried_forward is not null

),

carried_figures as (

    select distinct figures.figure_id
    from figures
    inner join carried
        on figures.campaign_id = carried.campaign_id
        and figures.observation_id = carried.observation_id
        and figures.as_of_date < carried.as_of_date

),

within_totals as (

    -- The same figure (metric, date, period, target flag) of the campaign at a scope that holds this one:
    -- the city's for a district, town, project or programme, a district's for a town.
    select distinct figures.figure_id
    from figures
    inner join figures as broader
        on figures.campaign_id = broader.campaign_id
        and figures.metric_id = broader.metric_id
        and figures.as_of_date = broader.as_of_date
        and figures.period = broader.period
        and figures.is_target = broader.is_target
        and (
            (broader.scope_level = 'city' and figures.scope_level <> 'city')
            or (broader.scope_level = 'district' and figures.scope_level = 'town')
        )

),

superseded as (

    -- A later statement of the same series (campaign, scope, metric, target flag, first day covered).
    select distinct figures.figure_id
    from figures
    inner join figures as later
        on figures.campaign_id = later.campaign_id
        and figures.scope_level = later.scope_level
        and figures.scope_name = later.scope_name
        and figures.metric_id = later.metric_id
        and figures.is_target = later.is_target
        and figures.covers_from = later.covers_from
        and figures.as_of_date < later.as_of_date

),

scoped as (

    select
        figures.*,
        within_totals.figure_id is not null as within_a_stated_total,
        superseded.figure_id is not null as is_superseded,
        carried_figures.figure_id is not null as carried_forward,
        base_units.is_additive
    from figures
    left join metrics
        on figures.metric_id = metrics.metric_id
    left join base_units
        on metrics.metric_kind = base_units.metric_kind
    left join within_totals
        on figures.figure_id = within_totals.figure_id
    left join superseded
        on figures.figure_id = superseded.figure_id
    left join carried_figures
        on figures.figure_id = carried_figures.figure_id

),

health as (

    select
        *,
        nullif(concat_ws(', ',
            case when is_target then 'target' end,
            case when is_conflicting then 'conflict' end,
            case when not is_additive then 'not_additive' end,
            -- Programmes group projects their own way (a bond programme and its first batch overlap).
            case when scope_level = 'programme' then 'overlapping_scope' end,
            case when scope_level <> 'programme' and within_a_stated_total then 'within_a_stated_total' end,
            case when carried_forward then 'carried_forward' end,
            case when is_superseded then 'superseded' end
        ), '') as aggregate_exclusions
    from scoped

),

paired as (

    select
        health.*,
        pairs.target_figure_id,
        pairs.target_value,
        pairs.achievement_ratio
    from health
    left join pairs
        on health.figure_id = pairs.figure_id

),

final as (

    select
        figure_id,
        city_id,
        campaign_id,
        scope_level,
        scope_name,
        scope_name_en,
        metric_id,
        base_unit,
        as_of_date,
        period,
        period_kind,
        covers_from,
        covers_to,
        value,
        value_lower,
        value_upper,
        qualifier,
        is_target,
        target_figure_id,
        target_value,
        achievement_ratio,
        source_count,
        agreeing_sources,
        reviewed,
        confidence,
        carried_forward,
        aggregate_exclusions is null as recommended_for_aggregates,
        aggregate_exclusions,
        observation_count,
        is_conflicting,
        conflict_kind,
        value_min,
        value_max,
        observation_id,
        observation_ids,
        document_ids,
        source_values,
        quotes
    from paired

)

select * from final
