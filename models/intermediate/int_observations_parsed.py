"""Each curated figure's value as written (3552, 835.4, 八, 百) read as a number with cn2an.

Unit conversion and qualifier handling are SQL (int_observations_converted) so they can be unit-tested.
"""

import polars as pl

from battlemap.read.numerals import parse_figure


def model(dbt, session):
    dbt.config(materialized="table")
    observations = dbt.ref("stg_curation__observations").pl()

    values = []
    for observation_id, written in observations.select("observation_id", "value_as_written").iter_rows():
        try:
            values.append(parse_figure(written))
        except ValueError as error:
            raise ValueError(f"sources/curation/observations.csv, observation {observation_id}: {error}") from None
    return observations.with_columns(pl.Series("value_reported", values, dtype=pl.Float64))
