{#- dbt-duckdb's fast seed load (COPY ... FROM '<path>'), with the path as a proper SQL string literal:
    dbt-duckdb 1.11.1 pastes it in as it is, so a project folder whose path holds a quote (it's) broke
    every seed. Other configurations go to dbt-duckdb's own macro. -#}
{% macro duckdb__load_csv_rows(model, agate_table) %}
    {% if config.get('fast', true) %}
        {% set seed_file_path = adapter.get_seed_file_path(model) %}
        {% set delimiter = config.get('delimiter', ',') %}
        {% set sql %}
          COPY {{ this.render() }} FROM {{ sql_literal(seed_file_path) }} (FORMAT CSV, HEADER TRUE, DELIMITER {{ sql_literal(delimiter) }})
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {{ return(sql) }}
    {% endif %}
    {{ return(dbt_duckdb.duckdb__load_csv_rows(model, agate_table)) }}
{% endmacro %}
