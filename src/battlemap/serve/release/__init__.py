"""`battlemap release VERSION`: a versioned, citable data release of the warehouse's marts.

A folder `releases/battlemap-VERSION/` and its zip, holding every mart as Parquet and as CSV (UTF-8 with a
byte-order mark, formula-safe: battlemap.shared.safe_csv), a Frictionless Data Package `datapackage.json` (the
marts' enforced contracts as table schemas, the yml docs as descriptions, the metric catalogue's units and
definitions), a codebook in English and in 简体中文, `CITATION.cff`, the source documents (sources.csv) and
the changes against the previous release (changes.csv, changes.md). See docs/releases.md.
"""
