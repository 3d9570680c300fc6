{#- Use the configured schema as it is (curation, staging, intermediate, main), not prefixed with the
    target schema: consumers read main.fct_observation whatever the target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
