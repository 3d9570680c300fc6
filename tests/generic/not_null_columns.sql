{#- Several not_null tests of one model as one test node (dbt's cost is per node), and optionally its unique,
    relationships, expression and found_in checks: fails on every row and check that fails, each failing row naming
    its check in failed_expression ('<column> is not null', ...) and, for unique, relationships and found_in, the
    value in failed_value (macros/failed_checks.sql). -#}
{% test not_null_columns(model, columns=[], unique=[], relationships=[], expressions=[], found_in=[]) %}
{{ failed_checks(
    model, expressions=expressions, not_null=columns, unique=unique, relationships=relationships, found_in=found_in
) }}
{% endtest %}
