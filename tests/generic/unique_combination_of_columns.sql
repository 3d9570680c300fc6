{#- Fails on every combination of the columns that occurs more than once (optionally among rows
    matching row_condition). -#}
{% test unique_combination_of_columns(model, combination_of_columns, row_condition=none) %}
select {{ combination_of_columns | join(', ') }}, count(*) as occurrences
from {{ model }}
{% if row_condition %} where {{ row_condition }} {% endif %}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}
