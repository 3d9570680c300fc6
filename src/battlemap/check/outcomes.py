"""What one expectation and one suite of a `battlemap check` run came to, read from Great Expectations' results."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

_EXAMPLES = 5  # failing rows shown per expectation in the summary string


class CheckNotRunError(RuntimeError):
    """The checks could not run; the message says why (exit code 2)."""


@dataclass
class Outcome:
    """One expectation's result, flattened for the summary, latest.json and the history."""

    rule: str
    expectation: str
    column: str | None
    success: bool
    observed_value: str
    observed: Any
    exception: str | None = None
    unexpected_count: int | None = None
    unexpected_rows: list = field(default_factory=list)
    expected: dict = field(default_factory=dict)
    notes: str | None = None

    def failure(self) -> dict[str, Any]:
        return {  # the keys the app relies on come first
            "expectation": self.expectation,
            "column": self.column,
            "observed_value": self.observed_value,
            "rule": self.rule,
            "observed": self.observed,
            "unexpected_count": self.unexpected_count,
            "unexpected_rows": self.unexpected_rows,
            "exception": self.exception,
            "expected": self.expected,
            "notes": self.notes,
        }


@dataclass
class SuiteOutcome:
    suite: str
    rows: int
    outcomes: list[Outcome]

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.success]

    @property
    def raised(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.exception]

    @property
    def success(self) -> bool:
        return not self.failed

    def as_json(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "success": self.success,
            "evaluated": len(self.outcomes),
            "failed": len(self.failed),
            "failures": [outcome.failure() for outcome in self.failed],
            "passed": len(self.outcomes) - len(self.failed),
            "raised": len(self.raised),
            "rows": self.rows,
        }


def _json_safe(value: Any) -> Any:
    """A plain-JSON copy: numpy/pandas scalars become Python ones, dates ISO strings, NaN and NA null."""
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_safe(item) for item in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 0) == 0:
        value = value.item()  # numpy scalar
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _short(value: Any, limit: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _columns_of(kwargs: dict[str, Any]) -> str | None:
    if kwargs.get("column"):
        return kwargs["column"]
    if kwargs.get("column_A"):
        return f"{kwargs['column_A']}, {kwargs['column_B']}"
    if kwargs.get("column_list"):
        return ", ".join(kwargs["column_list"])
    return None


def _exception_message(exception_info: Any) -> str | None:
    """GX gives either one {raised_exception, exception_message} or a dict of them keyed by metric."""
    if not exception_info:
        return None
    infos = [exception_info] if "raised_exception" in exception_info else list(exception_info.values())
    messages = [str(info.get("exception_message") or "raised") for info in infos if info.get("raised_exception")]
    return "; ".join(dict.fromkeys(messages)) or None


def _row_text(row: dict[str, Any], key: str | None) -> str:
    ordered = ([key] if key in row else []) + [name for name in row if name != key]
    return " ".join(f"{name}={_json_safe(row[name])}" for name in ordered)


_COLUMN_KWARGS = {"batch_id", "column", "column_A", "column_B", "column_list", "result_format"}


def _outcome(result: Any, key: str | None) -> Outcome:
    config = result.expectation_config
    kwargs = {name: value for name, value in config.kwargs.items() if name != "batch_id"}
    expected = _json_safe({name: value for name, value in kwargs.items() if name not in _COLUMN_KWARGS})
    if isinstance(expected.get("row_condition"), dict):
        expected["row_condition"] = repr(config.kwargs["row_condition"])
    details = result.result or {}
    exception = _exception_message(result.exception_info)
    unexpected_count = details.get("unexpected_count")
    rows = _json_safe(details.get("partial_unexpected_index_list") or [])
    if exception:
        observed: Any = None
        text = f"error: {exception}"
    elif "observed_value" in details:
        observed = _json_safe(details["observed_value"])
        text = _short(observed, 400)
        mismatched = (details.get("details") or {}).get("mismatched")
        if mismatched:  # the column-set expectation says which columns are missing or unexpected
            text = "; ".join(f"{kind}: {', '.join(map(str, names))}" for kind, names in _json_safe(mismatched).items())
    elif unexpected_count is not None:
        values = _json_safe(details.get("partial_unexpected_list") or [])
        observed = {
            "unexpected_count": unexpected_count,
            "element_count": details.get("element_count"),
            "unexpected_values": values,
        }
        text = f"{unexpected_count} of {details.get('element_count')} rows unexpected"
        if unexpected_count:
            examples = [_row_text(row, key) for row in rows[:_EXAMPLES]] or [
                json.dumps(value, ensure_ascii=False) for value in values[:_EXAMPLES]
            ]
            more = " …" if unexpected_count > len(examples) else ""
            text += ": " + "; ".join(examples) + more
    else:
        observed = _json_safe(details)
        text = json.dumps(observed, ensure_ascii=False)
    return Outcome(
        rule=str((config.meta or {}).get("rule") or config.type),
        expectation=config.type,
        column=_columns_of(kwargs),
        success=bool(result.success) and not exception,
        observed_value=text,
        observed=observed,
        exception=exception,
        unexpected_count=unexpected_count,
        unexpected_rows=rows,
        expected=expected,
        notes=config.notes if isinstance(config.notes, str) else None,
    )
