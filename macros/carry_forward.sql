{#- In a query over int_campaign_figures_pivoted as `figures` with a window `earlier` (the campaign's
    reports up to this one): `column` of this report, else of the latest earlier report that gives it;
    NULL when this report's documents disagree on `metric` (an earlier report does not overrule them). -#}
{% macro carry_forward(metric, column) -%}
    case
        when not coalesce(figures.{{ metric }}_is_conflicting, false)
            then coalesce(figures.{{ column }}, last_value(figures.{{ column }} ignore nulls) over earlier)
    end
{%- endmacro %}
