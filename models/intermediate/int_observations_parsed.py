"""Each curated figure's value as written (3552, 835.4, 八, 百) read as a number with cn2an.

Unit conversion and qualifier handling are SQL (int_observations_converted) so they can be unit-tested.

On battlemap build's append path (macros/append_only.sql) the model is incremental: a figure is read again only when
its row of stg_curation__observations is not the one already read (a new figure); dbt replaces those rows.
"""

import polars as pl

from battlemap.build.incremental import quoted
from battlemap.read.numerals import parse_figure


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="observation_id", incremental_strategy="delete+insert")
    observations = dbt.ref("stg_curation__observations")
    if dbt.is_incremental:
        this = quoted(dbt.this.database, dbt.this.schema, dbt.this.identifier)
        # This table's columns are stg_curation__observations', in order, then value_reported.
        observations = observations.except_(session.sql(f"select * exclude (value_reported) from {this}"))
    observations = observations.pl()

    values = []
    for observation_id, written in observations.select("observation_id", "value_as_written").iter_rows():
        try:
            values.append(parse_figure(written))
        except ValueError as error:
            raise ValueError(f"sources/curation/observations.csv, observation {observation_id}: {error}") from None
    return observations.with_columns(pl.Series("value_reported", values, dtype=pl.Float64))
