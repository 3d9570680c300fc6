{#- In a query grouped by scope: the `column` (value by default) of the scope's figure for one metric,
    NULL when the document gives none; `where` narrows the figures further (a preference, a target flag).
    One figure per metric and scope is expected; the city scope is tested for it
    (unique_combination_of_columns on int_observations_converted). -#}
{% macro metric_value(metric_id, column='value', where=none) -%}
    max({{ column }}) filter (where metric_id = '{{ metric_id }}'{% if where %} and ({{ where }}){% endif %})
{%- endmacro %}
