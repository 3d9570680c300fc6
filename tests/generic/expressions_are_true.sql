{#- Several expression_is_true tests of one model as one test node (dbt's cost is per node, ~30 ms a test here):
    fails on every row and expression where the expression is not true (NULL counts as not true), each failing
    row naming its expression in failed_expression. An item of `expressions` is an SQL expression, or a mapping
    {expression: ..., row_condition: ...} whose expression is checked only on the rows the condition keeps. -#}
{% test expressions_are_true(model, expressions) %}
{%- for item in expressions %}
{%- set expression = item if item is string else item['expression'] %}
{%- set row_condition = none if item is string else item.get('row_condition') %}
select
    {{ sql_literal(expression) }} as failed_expression,
    checked.*
from {{ model }} as checked
where
    not coalesce(({{ expression }}), false)
    {% if row_condition %} and ({{ row_condition }}) {% endif %}
{% if not loop.last %}union all{% endif %}
{%- endfor %}
{% endtest %}
