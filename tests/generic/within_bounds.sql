{#- Fails on every non-NULL value outside [min_value, max_value]; either bound may be omitted. -#}
{% test within_bounds(model, column_name, min_value=none, max_value=none, row_condition=none) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and (
      false
      {% if min_value is not none %} or {{ column_name }} < {{ min_value }} {% endif %}
      {% if max_value is not none %} or {{ column_name }} > {{ max_value }} {% endif %}
  )
  {% if row_condition %} and ({{ row_condition }}) {% endif %}
{% endtest %}
