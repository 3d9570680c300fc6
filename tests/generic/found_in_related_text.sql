{#- Fails on every row whose column is not a substring of the text column of the related row
    (joined on key = to_key). A missing related row fails too. -#}
{% test found_in_related_text(model, column_name, key, to, text_column, to_key=none) %}
select child.*
from {{ model }} as child
left join {{ to }} as parent
    on child.{{ key }} = parent.{{ to_key or key }}
where child.{{ column_name }} is not null
  and (parent.{{ text_column }} is null
       or not contains(parent.{{ text_column }}, child.{{ column_name }}))
{% endtest %}
