"""The Review page's state in the session: the open review, and the table's edits folded into it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from battlemap.review.review_desk import Review, ReviewUnreadable, load_review
from battlemap.serve.explorer import review_table
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.plain import plain


def editor_key() -> str:
    return f"review_editor_{st.session_state.get('review_version', 0)}"


def take_edits() -> list[dict[str, str]]:
    """The review's rows with the table's edits folded in. The editor sends its edits relative to the rows it was
    last given, so they are folded into the review on every run and the edited rows given back; its identity
    (key, columns, row count) stays, so it is not redrawn. A delta sent again is the same edit: folding it twice
    changes nothing."""
    review = st.session_state["review"]
    edits = st.session_state.get(editor_key(), {}).get("edited_rows", {})
    review.rows = review_table.apply_edits(review.rows, edits, review.text)
    return review.rows


def replace_rows(rows: list[dict[str, str]]) -> None:
    """Rows changed other than by the table (all ticked, a row added): a new editor is drawn on them."""
    st.session_state["review"].rows = rows
    st.session_state["review_version"] = st.session_state.get("review_version", 0) + 1
    st.session_state.pop("review_saved", None)


def open_review(project: Path, path: Path) -> Review | None:
    """The review at `path`, loaded once per choice (a new choice starts with a fresh table); None if unreadable."""
    loaded = st.session_state.get("review")
    if loaded is not None and loaded.path == path:
        return loaded
    st.session_state.pop("review_saved", None)
    st.session_state.pop("review_build", None)
    try:
        st.session_state["review"] = load_review(project, path)
    except ReviewUnreadable as error:
        st.session_state["review"] = None
        st.error(t("review.unreadable", reason=plain(error)), icon=":material/error:")
    st.session_state["review_version"] = st.session_state.get("review_version", 0) + 1
    return st.session_state["review"]
