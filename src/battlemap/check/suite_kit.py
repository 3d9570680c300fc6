"""What the expectation suites (battlemap.check.suites) are written with: the catalogues they check values against,
suite parameters, and the suite builder with the shorthands every mart repeats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import great_expectations.expectations as gxe

from battlemap.check.mart_queries import IMPLIED_ROWS
from battlemap.shared import vocabularies
from battlemap.shared.places import ADMIN_TYPES
from battlemap.shared.seed_schema import vocabulary

# The vocabularies are those of their seeds (seeds/scope_levels.csv, qualifiers.csv …, the one home dbt tests, the
# input pass and the app read too; battlemap.shared.seed_schema.vocabulary follows a curated column's relationships test to
# its seed); rewrite expectations/gx/ after changing them there.
SCOPE_LEVELS = vocabulary("observations", "scope_level")
QUALIFIERS = vocabulary("observations", "qualifier")
FIGURES_ARE = vocabulary("campaigns", "figures_are")
CONFLICT_KINDS = vocabularies.values("conflict_kinds")  # as int_figures_merged names them (seeds/conflict_kinds.csv)
ADMIN_LEVELS = list(ADMIN_TYPES)  # battlemap.shared.places: the gazetteer says what a place is
METRIC_KINDS = vocabulary("metrics", "metric_kind")
GARBLED_KINDS = vocabularies.values("garbled_kinds")  # battlemap.read.text.GARBLED_PATTERNS finds them
# A campaign's plan year: the sources run from 2017 to 2023; anything outside these years is a typo.
PLAN_YEARS = (2010, 2035)

RATE_BOUND_NOTE = (
    "Upper bound from dim_metric.upper_bound (seeds/metrics.csv): 3 for investment completion, a documented "
    "choice because real reports give rates above 100% (122.6%), so 1 would reject true figures."
)


def P(name: str) -> dict[str, str]:
    """A suite parameter, filled in at run time from the warehouse."""
    return {"$PARAMETER": name}


def _rule(name: str, expectation: Any, notes: str | None = None) -> Any:
    expectation.meta = {"rule": name}
    if notes:
        expectation.notes = notes
    return expectation


class _Suite:
    """Collects one suite's expectations and refuses a rule name twice."""

    def __init__(self, mart: str) -> None:
        self.mart = mart
        self.expectations: list[Any] = []
        self._rules: set[str] = set()

    def add(self, name: str, expectation: Any, notes: str | None = None) -> None:
        if name in self._rules:
            raise ValueError(f"{self.mart}: rule {name!r} defined twice")
        self._rules.add(name)
        self.expectations.append(_rule(name, expectation, notes))

    # Shorthands for the patterns every mart repeats.
    def columns(self) -> None:
        self.add(
            "columns_match_contract",
            gxe.ExpectTableColumnsToMatchSet(column_set=P("expected_columns"), exact_match=True),
            "The mart's contract columns (models/marts/<mart>.yml) plus the derived columns the check adds. "
            "A column the warehouse has and the contract lacks, or the reverse, fails here.",
        )

    def volume(self, history: bool = True) -> None:
        """Row count against the inputs (when they imply one) and, unless history=False, against the last good run."""
        if self.mart in IMPLIED_ROWS:
            self.add(
                "rows_match_inputs",
                gxe.ExpectTableRowCountToEqual(value=P("rows_implied_by_inputs")),
                "As many rows as the inputs the build read imply (battlemap.check.mart_queries.IMPLIED_ROWS): "
                "a model that drops or duplicates rows fails here, however large the corpus.",
            )
        if not history:
            return
        self.add(
            "no_drop_since_last_good_run",
            gxe.ExpectTableRowCountToBeBetween(min_value=P("min_rows_since_last_good_run")),
            "Fewer rows than the last good run allows (battlemap.check.volume: by default a drop of more "
            "than 20 % fails; growth never does).",
        )

    def key(self, column: str) -> None:
        self.add(f"{column}_not_null", gxe.ExpectColumnValuesToNotBeNull(column=column))
        self.add(f"{column}_unique", gxe.ExpectColumnValuesToBeUnique(column=column))

    def not_null(self, *columns: str) -> None:
        for column in columns:
            self.add(f"{column}_not_null", gxe.ExpectColumnValuesToNotBeNull(column=column))

    def in_catalogue(self, column: str, catalogue: str | list[str], notes: str | None = None) -> None:
        value_set = P(catalogue) if isinstance(catalogue, str) else catalogue
        self.add(f"{column}_in_catalogue", gxe.ExpectColumnValuesToBeInSet(column=column, value_set=value_set), notes)

    def non_negative(self, columns: Iterable[str]) -> None:
        for column in columns:
            self.add(f"{column}_non_negative", gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0))

    def between(self, column: str, low: Any, high: Any, notes: str | None = None, name: str | None = None) -> None:
        self.add(
            name or f"{column}_within_bounds",
            gxe.ExpectColumnValuesToBeBetween(column=column, min_value=low, max_value=high),
            notes,
        )

    def at_most(self, small: str, large: str, notes: str | None = None, name: str | None = None, **kwargs: Any) -> None:
        """small <= large on every row where both are known."""
        self.add(
            name or f"{small}_le_{large}",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=large, column_B=small, or_equal=True, ignore_row_if="either_value_is_missing", **kwargs
            ),
            notes,
        )

    def equal(self, left: str, right: str, notes: str | None = None, name: str | None = None) -> None:
        self.add(
            name or f"{left}_equals_{right}",
            gxe.ExpectColumnPairValuesToBeEqual(column_A=left, column_B=right, ignore_row_if="either_value_is_missing"),
            notes,
        )

    def non_empty_text(self, column: str, notes: str | None = None) -> None:
        self.add(f"{column}_not_null", gxe.ExpectColumnValuesToNotBeNull(column=column))
        self.add(f"{column}_not_blank", gxe.ExpectColumnValuesToMatchRegex(column=column, regex=r"\S"), notes)

    def true(self, column: str, notes: str | None = None) -> None:
        self.add(f"{column}_true", gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True]), notes)



# ---------------------------------------------------------------------------------------------------------------
