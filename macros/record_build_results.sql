{#- on-run-end (dbt_project.yml): store what this dbt invocation did in the warehouse it wrote, so that
    main.build_info tells the truth whichever route built the file (`battlemap build` or plain dbt).
    build_results: one row per node run; build_info: one row, with all_passed and the route. -#}
{% macro record_build_results(results) %}
    {%- if execute and flags.WHICH in ('build', 'run', 'seed', 'test') -%}
        {%- set rows = [] -%}
        {%- for result in results -%}
            {%- set node = result.node -%}
            {%- do rows.append(
                "(" ~ sql_literal(node.unique_id)
                ~ ", " ~ sql_literal(node.resource_type)
                ~ ", " ~ sql_literal(node.name)
                ~ ", " ~ sql_literal(result.status)
                ~ ", " ~ (result.failures if result.failures is not none else "null")
                ~ ", " ~ sql_literal(result.message)
                ~ ", " ~ (result.execution_time or 0) ~ ")"
            ) -%}
        {%- endfor -%}
        {%- set route = "battlemap build" if env_var('BATTLEMAP_BUILD_PATH', '') else "dbt " ~ flags.WHICH -%}
        create or replace table main.build_results (
            unique_id varchar primary key,
            resource_type varchar,
            name varchar,
            status varchar,
            failures integer,
            message varchar,
            execution_seconds double
        );
        {% if rows %}insert into main.build_results values {{ rows | join(",\n") }};{% endif %}
        create or replace table main.build_info as
        with counted as (
            select status, count(*) as n from main.build_results group by status
        )

        select
            now() as built_at,
            {{ sql_literal(dbt_version) }} as dbt_version,
            epoch(now()) - epoch({{ sql_literal(run_started_at) }}::timestamptz) as build_seconds,
            (select string_agg(n || ' ' || status, ', ' order by status) from counted) as summary,
            {{ sql_literal(route) }} as route,
            {{ sql_literal(flags.WHICH) }} as dbt_command,
            coalesce((select sum(n) from counted where status not in ('pass', 'success', 'no-op')), 0) = 0
            and {{ 'true' if results else 'false' }} as all_passed
    {%- else -%}
        select 1 as nothing_to_record
    {%- endif -%}
{% endmacro %}
