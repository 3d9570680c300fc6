{#- Several column tests of one model as one test node (dbt's cost is per node, ~30 ms a test here): its
    expressions (an SQL expression, or {expression: ..., row_condition: ...}; NULL counts as not true), and optionally
    its not_null, unique, relationships and found_in (a value within a related row's text) checks. Fails on every row
    and check that fails, each failing row naming its check in failed_expression and, for unique, relationships and
    found_in, the value in failed_value (macros/failed_checks.sql). -#}
{% test expressions_are_true(model, expressions=[], not_null=[], unique=[], relationships=[], found_in=[]) %}
{{ failed_checks(
    model, expressions=expressions, not_null=not_null, unique=unique, relationships=relationships, found_in=found_in
) }}
{% endtest %}
