{#- Fails on every row where the SQL expression is not true (NULL counts as not true). -#}
{% test expression_is_true(model, expression, column_name=none, row_condition=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% if row_condition %} and ({{ row_condition }}) {% endif %}
{% endtest %}
