"""Every label, title and caption of the app in English and simplified Chinese.

`t(key, lang=None, **values)` returns the text of `key` in `lang` (default: the language chosen in
the sidebar), with `{placeholders}` filled from `values`. Data from the warehouse (caveats,
definitions, quotes) is shown as stored; only the app's own words live here, split by concern into
explorer.i18n_common (frame, shared columns, Compare), explorer.i18n_pages (the reading pages) and
explorer.i18n_review (Extract, Review). The labels of the vocabularies (scope levels, qualifiers, units, KPIs …)
are not here: they live in their seeds and are read by explorer.labels.
A missing key falls back to English, then to the key itself; with BATTLEMAP_I18N_STRICT=1 (tests)
it raises KeyError instead.
"""

from __future__ import annotations

import os

from battlemap.serve.explorer import i18n_common, i18n_pages, i18n_review

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
STRICT_ENV = "BATTLEMAP_I18N_STRICT"


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = sorted(set(part) & set(merged))
        if twice:
            raise ValueError(f"text keys defined twice: {', '.join(twice)}")
        merged |= part
    return merged


TEXT: dict[str, dict[str, str]] = _merged(i18n_common.TEXT, i18n_pages.TEXT, i18n_review.TEXT)


def current_language() -> str:
    """The language chosen in the sidebar (English outside a Streamlit run)."""
    try:
        import streamlit as st

        language = st.session_state.get("lang", DEFAULT_LANGUAGE)
    except Exception:  # no script run context: plain Python, unit tests
        return DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def has(key: str) -> bool:
    return key in TEXT


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text of `key` in `lang` (default: the current language), placeholders filled."""
    language = lang or current_language()
    entry = TEXT.get(key)
    if entry is None:
        if os.environ.get(STRICT_ENV):
            raise KeyError(f"no text for {key!r}")
        return key
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
