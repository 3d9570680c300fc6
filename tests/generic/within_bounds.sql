{#- Fails on every non-NULL value outside [min_value, max_value], or not above greater_than; any bound may
    be omitted. The input pass reads the same bounds from seeds/_seeds.yml (battlemap.shared.seed_schema). The value
    is compared as a double, so a curated source read as text (sources/curation) is tested as its data_type. -#}
{% test within_bounds(model, column_name, min_value=none, max_value=none, greater_than=none, row_condition=none) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and (
      false
      {% if min_value is not none %} or {{ column_name }}::double < {{ min_value }} {% endif %}
      {% if max_value is not none %} or {{ column_name }}::double > {{ max_value }} {% endif %}
      {% if greater_than is not none %} or {{ column_name }}::double <= {{ greater_than }} {% endif %}
  )
  {% if row_condition %} and ({{ row_condition }}) {% endif %}
{% endtest %}
