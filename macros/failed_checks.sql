{#- The rows that fail any of several column checks of one model, as one query, so that one dbt test node checks
    them all (dbt's cost is per node, ~30 ms a test here). Used by tests/generic/expressions_are_true.sql and
    not_null_columns.sql. Every failing row names its check in failed_expression and, for a unique or a relationships
    check, the offending value in failed_value (the columns of a unique combination joined by ' | '), followed by the
    row itself; battlemap build re-runs a failed node's SQL and names the checks and values
    (battlemap.build.dbt_invocation.failing_expressions).

    - expressions: an SQL expression, or {expression: ..., row_condition: ...}; fails where it is not true (NULL
      counts as not true), as dbt's expression_is_true;
    - not_null: a column name; fails where it is NULL, as dbt's not_null;
    - unique: a column name, fails on every row whose non-NULL value occurs more than once (dbt's unique); or
      {columns: [...], row_condition: ...}, fails on every row whose combination of the columns occurs more than
      once among the rows the condition keeps, NULLs equal to each other (unique_combination_of_columns);
    - relationships: {column: ..., to: ref(...), field: ...}; fails on every row whose non-NULL value has no row of
      `to` with that `field` (dbt's relationships);
    - found_in: {column: ..., key: ..., to: ref(...), text_column: ..., to_key: ... (default: key)}; fails on every row
      whose non-NULL value is not a substring of `text_column` of the row of `to` whose `to_key` equals its `key` (a
      missing row fails too; the value is named), as the generic test found_in_related_text did before it. -#}
{% macro failed_checks(model, expressions=[], not_null=[], unique=[], relationships=[], found_in=[]) %}
{%- set parts = [] %}
{%- for item in expressions %}
{%- set expression = item if item is string else item['expression'] %}
{%- set row_condition = none if item is string else item.get('row_condition') %}
{%- do parts.append(
    "select " ~ sql_literal(expression) ~ " as failed_expression, cast(null as varchar) as failed_value, checked.*"
    ~ " from " ~ model ~ " as checked where not coalesce((" ~ expression ~ "), false)"
    ~ ((" and (" ~ row_condition ~ ")") if row_condition else "")
) %}
{%- endfor %}
{%- for column in not_null %}
{%- do parts.append(
    "select " ~ sql_literal(column ~ ' is not null') ~ " as failed_expression, cast(null as varchar) as failed_value,"
    ~ " checked.* from " ~ model ~ " as checked where checked." ~ column ~ " is null"
) %}
{%- endfor %}
{%- for item in unique %}
{%- if item is string %}
{%- do parts.append(
    "select " ~ sql_literal(item ~ ' is unique') ~ " as failed_expression, cast(checked." ~ item ~ " as varchar)"
    ~ " as failed_value, checked.* from " ~ model ~ " as checked where checked." ~ item ~ " is not null"
    ~ " qualify count(*) over (partition by checked." ~ item ~ ") > 1"
) %}
{%- else %}
{%- set columns = item['columns'] %}
{%- set row_condition = item.get('row_condition') %}
{%- set values = [] %}
{%- for column in columns %}{% do values.append("coalesce(cast(checked." ~ column ~ " as varchar), 'NULL')") %}{% endfor %}
{%- do parts.append(
    "select " ~ sql_literal('(' ~ (columns | join(', ')) ~ ') is unique'
        ~ ((' where ' ~ row_condition) if row_condition else '')) ~ " as failed_expression,"
    ~ " concat_ws(' | ', " ~ (values | join(', ')) ~ ") as failed_value, checked.*"
    ~ " from " ~ model ~ " as checked"
    ~ ((" where (" ~ row_condition ~ ")") if row_condition else "")
    ~ " qualify count(*) over (partition by checked." ~ (columns | join(', checked.')) ~ ") > 1"
) %}
{%- endif %}
{%- endfor %}
{%- for item in relationships %}
{%- do parts.append(
    "select " ~ sql_literal(item['column'] ~ ' references ' ~ item['to'].identifier ~ '.' ~ item['field'])
    ~ " as failed_expression, cast(checked." ~ item['column'] ~ " as varchar) as failed_value, checked.*"
    ~ " from " ~ model ~ " as checked where checked." ~ item['column'] ~ " is not null"
    ~ " and not exists (select 1 from " ~ item['to'] ~ " as parent"
    ~ " where parent." ~ item['field'] ~ " = checked." ~ item['column'] ~ ")"
) %}
{%- endfor %}
{%- for item in found_in %}
{%- do parts.append(
    "select " ~ sql_literal(item['column'] ~ ' is found in ' ~ item['to'].identifier ~ '.' ~ item['text_column'])
    ~ " as failed_expression, cast(checked." ~ item['column'] ~ " as varchar) as failed_value, checked.*"
    ~ " from " ~ model ~ " as checked left join " ~ item['to'] ~ " as parent"
    ~ " on checked." ~ item['key'] ~ " = parent." ~ (item.get('to_key') or item['key'])
    ~ " where checked." ~ item['column'] ~ " is not null and (parent." ~ item['text_column'] ~ " is null"
    ~ " or not contains(parent." ~ item['text_column'] ~ ", checked." ~ item['column'] ~ "))"
) %}
{%- endfor %}
{{ parts | join('\nunion all\n') }}
{% endmacro %}
