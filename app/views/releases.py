"""Data releases: the latest `battlemap release` offered for download, with its date, changes and citation.

Reads the releases folder (battlemap.shared.paths.releases_dir: $BATTLEMAP_RELEASES or releases/), not the
warehouse, so the page works before the first build; the zip is read only when the button is clicked.
"""

from __future__ import annotations

import streamlit as st

from battlemap.serve.explorer import ui
from battlemap.serve.explorer.i18n import t
from battlemap.serve.release.build import describe, releases
from battlemap.shared.paths import releases_dir

st.title(t("releases.title"))
st.caption(t("releases.intro"))

folder = releases_dir()
found = releases(folder)
if not found:
    st.info(t("releases.none", folder=str(folder)), icon=":material/inventory_2:")
    st.code("battlemap build\nbattlemap release 2026.12.0", language="bash")
    st.stop()


def offer(version: str, path, key: str, latest: bool) -> None:
    try:
        info = describe(version, path)
    except (OSError, ValueError, KeyError) as error:
        st.warning(t("releases.unreadable", version=version, problem=f"{type(error).__name__}: {error}"))
        return
    if latest:
        st.subheader(t("releases.latest", version=version))
        ui.facts(
            {
                t("releases.released"): info.created,
                t("releases.tables"): str(info.tables),
                t("releases.changes"): t("releases.changes.value", **info.changes),
            }
        )
    name = f"battlemap-{version}.zip"
    st.download_button(
        t("releases.download", name=name),
        data=info.zip_bytes,
        file_name=name,
        mime="application/zip",
        key=key,
        on_click="ignore",
        icon=":material/download:",
        type="primary" if latest else "secondary",
    )
    if latest:
        st.markdown(f"**{t('releases.cite')}**")
        st.code(info.citation, language=None, wrap_lines=True)


latest_version, latest_path = found[0]
offer(latest_version, latest_path, "release_latest", latest=True)
if len(found) > 1:
    st.subheader(t("releases.older"))
    for version, path in found[1:]:
        offer(version, path, f"release_{version}", latest=False)
