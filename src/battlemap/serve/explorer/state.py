"""Shareable state: widget values seeded from and written back to the URL's query parameters.

A page calls `seed(...)` before drawing a keyed widget and `publish(...)` after it. The widget's
first value comes from the URL (a shared link), else from what this session chose last time on
the page (Streamlit forgets a widget's value when its page is left), else from the default.
Query parameters are cleared by Streamlit on every page change; each page writes its own back.

The browser sends a choice widget's value back as its label (format_func's text), so when the
language changes the label no longer matches and Streamlit would fall back to the default option.
On the run where the language changed, `seed` therefore restores every widget from memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

MEMORY_PREFIX = "_remember_"
LANGUAGE_CHANGED = "_language_changed"


def url_values(param: str) -> list[str]:
    """All values of a query parameter, repeated keys and comma-separated lists alike."""
    values: list[str] = []
    for raw in st.query_params.get_all(param):
        values += [part.strip() for part in raw.split(",") if part.strip()]
    return values


def seed(key: str, param: str, default: Any, allowed: Iterable[Any] | None = None, many: bool = False) -> None:
    """Give the widget `key` its first value (URL, then memory, then default), if it has none yet."""
    allowed_values = list(allowed) if allowed is not None else None
    if key in st.session_state:
        if st.session_state.get(LANGUAGE_CHANGED) and MEMORY_PREFIX + key in st.session_state:
            remembered = st.session_state[MEMORY_PREFIX + key]
            if many:
                st.session_state[key] = [item for item in remembered if allowed_values is None or item in allowed_values]
            elif allowed_values is None or remembered in allowed_values:
                st.session_state[key] = remembered
        return

    def acceptable(value: Any) -> bool:
        return allowed_values is None or value in allowed_values

    from_url = [value for value in url_values(param) if acceptable(value)]
    if from_url:
        value: Any = from_url if many else from_url[0]
    elif MEMORY_PREFIX + key in st.session_state:
        value = st.session_state[MEMORY_PREFIX + key]
        if many:
            value = [item for item in value if acceptable(item)]
        elif not acceptable(value):
            value = default
    else:
        value = default
    st.session_state[key] = value


def publish(key: str, param: str, dump: Callable[[Any], str | None] | None = None) -> None:
    """Remember the widget's value for this session and write it to the URL."""
    value = st.session_state.get(key)
    st.session_state[MEMORY_PREFIX + key] = value
    if dump is not None:
        text = dump(value)
    elif isinstance(value, (list, tuple)):
        text = ",".join(str(item) for item in value)
    elif isinstance(value, bool):
        text = "1" if value else "0"
    else:
        text = None if value is None else str(value)
    if not text:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != text:
        st.query_params[param] = text


def seed_flag(key: str, param: str, default: bool) -> None:
    """A boolean widget (toggle, checkbox) seeded from ?param=1 / 0."""
    if key in st.session_state:
        if st.session_state.get(LANGUAGE_CHANGED) and MEMORY_PREFIX + key in st.session_state:
            st.session_state[key] = st.session_state[MEMORY_PREFIX + key]
        return
    values = url_values(param)
    if values and values[0] in ("1", "0", "true", "false"):
        st.session_state[key] = values[0] in ("1", "true")
    else:
        st.session_state[key] = st.session_state.get(MEMORY_PREFIX + key, default)


def note_language(language: str) -> None:
    """Record whether this run's language differs from the previous run's (see the module's note)."""
    previous = st.session_state.get("_previous_language", language)
    st.session_state[LANGUAGE_CHANGED] = previous != language
    st.session_state["_previous_language"] = language
