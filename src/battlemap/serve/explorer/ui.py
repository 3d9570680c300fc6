"""Page furniture shared by every page: language switch, missing-warehouse message, labels of data values."""

from __future__ import annotations

import streamlit as st

from battlemap.serve.explorer import data, i18n, place_options, state
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.labels import scope_label  # noqa: F401  (ui.scope_label: the pages' format_func)
from battlemap.serve.explorer.plain import plain

LANGUAGE_KEY = "lang"
# Places the Compare page shows before the reader chooses (the largest portfolios first).
DEFAULT_CITIES = 10


def language_switch() -> str:
    """Sidebar radio English / 简体中文, seeded from ?lang=en|zh; returns the chosen language.

    Call `publish_language()` after st.navigation: a page change clears the query parameters.
    """
    st.session_state[state.LANGUAGE_CHANGED] = False  # decided anew below, after the switch is read
    state.seed(LANGUAGE_KEY, "lang", i18n.DEFAULT_LANGUAGE, allowed=i18n.LANGUAGES)
    with st.sidebar:
        st.radio(
            "Language · 语言",
            options=list(i18n.LANGUAGES),
            format_func=lambda code: i18n.LANGUAGES[code],
            key=LANGUAGE_KEY,
            horizontal=True,
        )
    state.note_language(st.session_state[LANGUAGE_KEY])
    return st.session_state[LANGUAGE_KEY]


def publish_language() -> None:
    state.publish(LANGUAGE_KEY, "lang")


def missing_warehouse(detail: str | None = None) -> None:
    """What to do when there is no warehouse yet (instead of a traceback)."""
    st.title(t("app.title"))
    st.error(t("missing.title"), icon=":material/database_off:")
    st.markdown(t("missing.body"))
    st.code("battlemap build", language="bash")
    if detail:
        st.caption(plain(detail))


def unreadable_warehouse(detail: str) -> None:
    st.title(t("app.title"))
    st.error(t("unreadable.title"), icon=":material/error:")
    st.markdown(t("unreadable.body"))
    st.code("battlemap build", language="bash")
    st.caption(plain(detail))


def city_label_column(lang: str | None = None) -> str:
    """Column holding the city's name as lists show it in the current language (dim_city / mart naming): the
    name, with its prefecture or province where another place of the corpus shares it."""
    return "display_name_zh" if (lang or i18n.current_language()) == "zh" else "display_name_en"


def missing_note() -> None:
    st.caption(t("missing.legend"))


def facts(items: dict[str, str]) -> None:
    """Label/value pairs side by side, values never cut off (unlike st.metric)."""
    for column, (label, value) in zip(st.columns(len(items)), items.items()):
        column.caption(label)
        column.markdown(f"**{plain(value)}**")


def place_choices(snap: data.Snapshot, ranked_ids: list[str], chosen: list[str], search_key: str) -> tuple[list[str], str | None]:
    """The options of a place selector, and the note to show under it (None: nothing to say).

    With at most place_options.OPTION_LIMIT places: all of them. With more (a generated corpus of thousands):
    a search box (`search_key`) drawn here, and as options the chosen places plus the first OPTION_LIMIT others
    in `ranked_ids` order, or the first ones matching the search; every option is sent to the browser on every
    rerun, so thousands of them made each interaction slow.
    """
    if not place_options.needs_search(len(ranked_ids)):
        return list(ranked_ids), None
    st.text_input(t("place.find"), key=search_key, placeholder=t("place.find.placeholder"))
    query = str(st.session_state.get(search_key) or "").strip()
    texts = data.place_search_texts(snap)
    options = place_options.offered(ranked_ids, texts, chosen, query)
    if not query:
        return options, t("place.find.note", limit=place_options.OPTION_LIMIT, total=f"{len(ranked_ids):,}")
    found = len(place_options.matching(ranked_ids, texts, query))
    if not found:
        return options, t("place.find.none", query=plain(query))
    return options, t("place.find.found", count=f"{found:,}", shown=f"{min(found, place_options.OPTION_LIMIT):,}")


def upload_widget_words(lang: str) -> None:
    """The file uploader's own words in the page's language. Streamlit 1.67 writes its button ("Upload") and its
    limit ("200MB per file • TXT") in English with no option to change them, so on the Chinese pages a style hides
    them and shows the app's words in their place (the app's own texts: no data goes into the style)."""
    if lang == "en":
        return
    mb = int(st.get_option("server.maxUploadSize"))
    button = t("upload.button", lang).replace("\\", "").replace('"', "")
    limit = t("upload.limit", lang, mb=mb).replace("\\", "").replace('"', "")
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size: 0;}'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after '
        f'{{content: "{button}"; font-size: 0.875rem;}}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0;}'
        f'[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: "{limit}"; font-size: 0.875rem;}}'
        "</style>"
    )
