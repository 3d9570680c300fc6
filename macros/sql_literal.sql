{#- A value as a SQL string literal ('' inside doubled), or null. -#}
{% macro sql_literal(value) -%}
    {%- if value is none -%}null{%- else -%}'{{ (value ~ '') | replace("'", "''") }}'{%- endif -%}
{%- endmacro %}
