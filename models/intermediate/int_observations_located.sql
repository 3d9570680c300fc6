-- Incremental: on battlemap build's append path (macros/append_only.sql: documents' texts and the qualifier seeds
-- unchanged) a figure is located again only when its row of int_observations_converted is not the one already
-- located (a new figure, or one whose converted row changed: a figure added to the same document can change another's
-- figure_id); dbt replaces those rows. Otherwise the table is rebuilt whole.
{{ config(materialized='incremental', unique_key='observation_id', incremental_strategy='delete+insert') }}

-- Where each quote stands: character offsets in the normalised text and, through the offset map, in
-- the raw text; where the figure stands inside the quote; which qualifier the words around it imply.

with observations as (

    select * from {{ ref('int_observations_converted') }}
    {% if is_incremental() %}
        where observation_id in (
            select changed.observation_id from (
                select * from {{ ref('int_observations_converted') }}
                except
                -- The located table's own columns are those of int_observations_converted, in order, then these.
                select
                    * exclude (
                        char_start, figure_offset_in_quote, figure_length_in_quote, char_end, raw_char_start,
                        raw_char_end, raw_quote, qualifier_in_text, qualifier_term_in_text
                    )
                from {{ this }}
            ) as changed
        )
    {% endif %}

),

documents as (

    select texts.* from {{ ref('int_documents_normalised') }} as texts
    {% if is_incremental() %}
        where texts.document_id in (select observations.document_id from observations)
    {% endif %}

),

terms as (

    select * from {{ ref('stg_curation__qualifier_terms') }}

),

default_qualifier as (

    -- The qualifier of a figure no word qualifies (seeds/qualifiers.csv: is_default).
    select qualifier
    from {{ ref('qualifiers') }}
    where is_default

),

phrase_start as (

    -- The marks that end a phrase (seeds/qualifier_phrase_marks.csv, read by the extractor too), as the
    -- pattern of the phrase before a figure: no mark from there to the figure.
    select '[^' || string_agg(regexp_escape(mark), '' order by mark) || ']*$' as phrase_pattern
    from {{ ref('qualifier_phrase_marks') }}

),

figure_patterns as (

    -- The figure as a whole number (battlemap.build.figure_match): no digit or decimal point just before an
    -- Arabic number (41个 is not in 741个, 5亿元 not in 1.5亿元), no Chinese numeral just before a Chinese
    -- one (八个 is not in 十八个), and no digit or decimal point just after a figure that ends in a digit.
    -- A typeset space may stand between the number and its unit (共 502 个). Group 1 is everything before
    -- the first such occurrence, group 2 the figure itself.
    select
        observation_id,
        '(?s)^((?:.*?[^0-9０-９.．'
        || case when regexp_matches(value_as_written, '^[0-9０-９]') then '' else '零〇一二两三四五六七八九十百千万亿' end
        || '])??)('
        || regexp_escape(value_as_written)
        || case
            when unit_as_written = '' then ''
            -- In a table's row (cells cut by | or tabs) the number alone counts: its unit is the column's.
            when regexp_matches(quote, '[|｜\t]') then '(?:[ 　 ]?' || regexp_escape(unit_as_written) || ')?'
            else '[ 　 ]?' || regexp_escape(unit_as_written)
        end
        || ')'
        || case
            when
                (unit_as_written = '' or regexp_matches(quote, '[|｜\t]'))
                and regexp_matches(value_as_written, '[0-9０-９]$')
                then '(?:[^0-9０-９.．]|$)'
            else ''
        end as figure_pattern
    from observations

),

located as (

    select
        observations.*,
        -- 0-based half-open offsets; NULL when the quote is not in the text.
        nullif(instr(documents.normalised_text, observations.quote), 0) - 1 as char_start,
        case
            when regexp_matches(observations.quote, figure_patterns.figure_pattern)
                then length(regexp_extract(observations.quote, figure_patterns.figure_pattern, 1))
        end as figure_offset_in_quote,
        length(regexp_extract(observations.quote, figure_patterns.figure_pattern, 2)) as figure_length_in_quote,
        documents.raw_offsets,
        documents.raw_text
    from observations
    left join figure_patterns
        on observations.observation_id = figure_patterns.observation_id
    left join documents
        on observations.document_id = documents.document_id

),

with_offsets as (

    select
        * exclude (raw_offsets, raw_text),
        char_start + length(quote) as char_end,
        -- raw_offsets is 1-based: character i (0-based) sits at list index i + 1.
        raw_offsets[char_start + 1] as raw_char_start,
        raw_offsets[char_start + length(quote)] + 1 as raw_char_end,
        substring(raw_text, raw_offsets[char_start + 1] + 1,
                  raw_offsets[char_start + length(quote)] + 1 - raw_offsets[char_start + 1]) as raw_quote,
        substring(quote, 1, figure_offset_in_quote) as text_before_figure,
        substring(quote, figure_offset_in_quote + figure_length_in_quote + 1) as text_after_figure
    from located

),

phrases as (

    select
        with_offsets.observation_id,
        with_offsets.text_after_figure,
        -- The phrase before the figure: back to the last clause mark inside the quote, so that
        -- 需至少新谋划招引重大产业工程1个 reads 至少, but a 至少 of an earlier clause does not count.
        regexp_extract(with_offsets.text_before_figure, phrase_start.phrase_pattern) as phrase_before_figure
    from with_offsets
    cross join phrase_start

),

qualifier_matches as (

    select
        phrases.observation_id,
        terms.qualifier,
        terms.term,
        -- Where several words match, the longest wins (不超过 is at most, though it holds 超过).
        row_number() over (partition by phrases.observation_id order by length(terms.term) desc, terms.term) as preference
    from phrases
    inner join terms
        on (terms.position = 'before' and terms.reach = 'adjacent' and ends_with(phrases.phrase_before_figure, terms.term))
        or (terms.position = 'before' and terms.reach = 'phrase' and contains(phrases.phrase_before_figure, terms.term))
        or (terms.position = 'after' and starts_with(phrases.text_after_figure, terms.term))

),

final as (

    select
        -- The excluded names are columns of with_offsets (sqlfluff reads them as unqualified references).
        with_offsets.* exclude (text_before_figure, text_after_figure),  -- noqa: RF02
        coalesce(qualifier_matches.qualifier, default_qualifier.qualifier) as qualifier_in_text,
        qualifier_matches.term as qualifier_term_in_text
    from with_offsets
    cross join default_qualifier
    left join qualifier_matches
        on with_offsets.observation_id = qualifier_matches.observation_id
        and qualifier_matches.preference = 1

)

select * from final
