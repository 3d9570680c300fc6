{#- Several not_null tests of one model as one test node (dbt's cost is per node): fails on every row and column
    where the column is NULL, each failing row naming its check in failed_expression ('<column> is not null'). -#}
{% test not_null_columns(model, columns) %}
{%- for column in columns %}
select
    {{ sql_literal(column ~ ' is not null') }} as failed_expression,
    checked.*
from {{ model }} as checked
where {{ column }} is null
{% if not loop.last %}union all{% endif %}
{%- endfor %}
{% endtest %}
