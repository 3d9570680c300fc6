-- Where each quote stands: character offsets in the normalised text and, through the offset map, in
-- the raw text; where the figure stands inside the quote; which qualifier the words around it imply.

with observations as (

    select * from {{ ref('int_observations_converted') }}

),

documents as (

    select * from {{ ref('int_documents_normalised') }}

),

qualifier_terms as (

    select * from {{ ref('stg_curation__qualifier_terms') }}

),

located as (

    select
        observations.*,
        -- 0-based half-open offsets; NULL when the quote is not in the text.
        nullif(instr(documents.normalised_text, observations.quote), 0) - 1 as char_start,
        nullif(instr(observations.quote, observations.value_as_written || observations.unit_as_written), 0) - 1
            as figure_offset_in_quote,
        documents.raw_offsets,
        documents.raw_text
    from observations
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
        substring(quote, figure_offset_in_quote + length(value_as_written || unit_as_written) + 1) as text_after_figure
    from located

),

matched_terms as (

    -- The words right before the figure or right after it (seeds/qualifier_terms.csv); a word before
    -- wins over one after, a longer word over a shorter one.
    select
        with_offsets.observation_id,
        qualifier_terms.qualifier,
        row_number() over (
            partition by with_offsets.observation_id
            order by qualifier_terms.side = 'before' desc, length(qualifier_terms.term) desc
        ) as preference
    from with_offsets
    inner join qualifier_terms
        on
            (qualifier_terms.side = 'before' and ends_with(with_offsets.text_before_figure, qualifier_terms.term))
            or (qualifier_terms.side = 'after' and starts_with(with_offsets.text_after_figure, qualifier_terms.term))

),

final as (

    select
        with_offsets.* exclude (text_before_figure, text_after_figure),
        coalesce(matched_terms.qualifier, 'exact') as qualifier_in_text
    from with_offsets
    left join matched_terms
        on
            with_offsets.observation_id = matched_terms.observation_id
            and matched_terms.preference = 1

)

select * from final
