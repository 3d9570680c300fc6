"""Why a review step refused its input: ReviewError (a message naming the file), RowsRefused (accept: the rows the input pass refused)."""

from __future__ import annotations

from battlemap.build.input_rows import Problem


class ReviewError(ValueError):
    """A one-line reason the command cannot go on (exit 2)."""


class RowsRefused(ReviewError):
    """Accepted rows of a review CSV that do not fit, one line each (exit 1); nothing was appended.
    `problems` holds them one by one (file, line, reason) for a caller that shows them per row."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])
