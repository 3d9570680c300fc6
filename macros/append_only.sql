{#- Adding documents without rewriting the per-document tables (battlemap.build.incremental, docs/scale.md).

    `battlemap build` takes its append path only when it has proved that, since it built the warehouse it replaces,
    the code is the same and the corpus only grew (rows appended to the documents and observations tables, the seeds
    the per-document models read unchanged). It then builds into a copy of that warehouse and first writes the new
    documents' ids and file names into its table battlemap_append there. The per-document models are dbt `incremental` models: with that table
    present they compute the new documents' rows only and add them (delete+insert on their key); without it (a
    build into a new file, a plain `dbt build` of the served file, any other route) they are rebuilt whole, as a
    `table` would be. Every other model is rebuilt whole and every test checks whole tables either way. -#}

{% macro battlemap_append_table() -%}
    {{ return('battlemap_append') }}
{%- endmacro %}

{#- Whether this dbt run is battlemap build's append path: the marker table is in the database being built (read
    from dbt's relation cache, at run time only). -#}
{% macro battlemap_appending() -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set marker = adapter.get_relation(database=this.database, schema='main', identifier=battlemap_append_table()) -%}
    {{ return(marker is not none) }}
{%- endmacro %}

{#- The new documents' ids (or file names), as a subquery; only on the append path. -#}
{% macro battlemap_new_documents(column='document_id') -%}
    (select {{ column }} from {{ this.database }}.main.{{ battlemap_append_table() }})
{%- endmacro %}

{#- dbt's own rule (config full_refresh, else the --full-refresh flag), and a full refresh whenever battlemap has not
    proved the run append-only: an incremental model is then rebuilt whole (so is a seed: dropped and loaded). -#}
{% macro should_full_refresh() -%}
    {%- set configured = config.get('full_refresh') -%}
    {%- if configured is none -%}
        {%- set configured = flags.FULL_REFRESH -%}
    {%- endif -%}
    {{ return(configured or not battlemap_appending()) }}
{%- endmacro %}

{#- The new documents' article files, read by name alone (filename, content), on the append path: read_blob over the
    whole folder would open every article to keep one. -#}
{% macro battlemap_new_articles(folder) -%}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- set query = "select file_name from " ~ this.database ~ ".main." ~ battlemap_append_table() ~ " order by file_name" -%}
        {%- set names = run_query(query).columns[0].values() -%}
    {%- endif -%}
    {%- if names | length > 0 -%}
        select filename, content from read_blob([
            {%- for name in names -%}
                '{{ (folder ~ "/" ~ name) | replace("'", "''") }}'{{ ", " if not loop.last }}
            {%- endfor -%}
        ])
    {%- else -%}
        select null::varchar as filename, null::blob as content where false
    {%- endif -%}
{%- endmacro %}
