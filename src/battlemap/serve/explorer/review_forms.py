"""The Review page's two forms: add a report (`battlemap add-document`), and add a metric to the catalogue for
rows proposed as `other` (battlemap.review.catalogue). Both write through battlemap's own checked functions."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from battlemap.extract import ArticleError
from battlemap.extract.cues import OTHER
from battlemap.extract.seedfiles import read_rows
from battlemap.review.add_document import NewCampaign, add_document
from battlemap.review.catalogue import DEFAULT_ROLE, add_metric, kind_of_unit, metric_roles
from battlemap.review.errors import ReviewError
from battlemap.serve.explorer.i18n import t
from battlemap.serve.explorer.plain import plain
from battlemap.serve.explorer.review_state import replace_rows
from battlemap.shared.paths import seeds_dir
from battlemap.shared.seed_schema import vocabulary

NEW_CAMPAIGN = "__new__"


def add_report_form(project: Path, lang: str, expanded: bool) -> None:
    """Upload a report, name its place and campaign (or a new one): add-document runs, and its review is chosen."""
    _, campaigns = read_rows(seeds_dir(project) / "campaigns.csv")
    with st.expander(t("review.add"), expanded=expanded, icon=":material/upload_file:"):
        with st.form("review_add_form"):
            uploaded = st.file_uploader(t("review.add.file"), type=["txt"], key="review_add_file")
            city = st.text_input(t("review.add.city"), key="review_add_city")
            campaign = st.selectbox(
                t("review.add.campaign"),
                [row["campaign_id"] for row in campaigns] + [NEW_CAMPAIGN],
                format_func=lambda c: t("review.add.campaign.new", lang) if c == NEW_CAMPAIGN else c,
                key="review_add_campaign",
            )
            left, right = st.columns(2)
            new_id = left.text_input(t("review.add.campaign_id"), key="review_add_campaign_id")
            new_name = right.text_input(t("review.add.campaign_name"), key="review_add_campaign_name")
            plan_year = left.number_input(t("review.add.plan_year"), 2000, 2100, 2024, key="review_add_plan_year")
            as_of = right.text_input(t("review.add.as_of"), key="review_add_as_of")
            basis = st.text_input(t("review.add.as_of_basis"), key="review_add_basis")
            submitted = st.form_submit_button(t("review.add.run"), type="primary")
    if not submitted:
        return
    campaign_id = new_id.strip() if campaign == NEW_CAMPAIGN else campaign
    if uploaded is None or not city.strip() or not campaign_id:
        st.warning(t("review.add.missing"))
        return
    new_campaign = (
        NewCampaign(new_name.strip(), int(plan_year), as_of.strip(), basis.strip()) if campaign == NEW_CAMPAIGN else None
    )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / Path(uploaded.name).name
        source.write_bytes(uploaded.getvalue())
        try:
            added = add_document(
                project, source, city.strip(), campaign_id, new_campaign,
                as_of_date=as_of.strip() or None, as_of_basis=basis.strip() or None,
            )
        except (ArticleError, ReviewError) as error:
            st.error(t("review.add.failed", reason=plain(error)), icon=":material/error:")
            return
    st.success(t("review.add.done", document=plain(added.document_id), n=added.proposals))
    st.session_state["review_file"] = added.review.name


def metric_form(project: Path, lang: str, rows: list[dict[str, str]]) -> None:
    """A new catalogue metric, set on the chosen `other` rows once seeds/metrics.csv has taken it."""
    others = [index for index, row in enumerate(rows) if row.get("metric_id") == OTHER]
    with st.expander(t("review.metric"), expanded=bool(others), icon=":material/library_add:"):
        st.caption(t("review.metric.intro"))
        pairs = kind_of_unit(project)
        with st.form("review_metric_form"):
            left, right = st.columns(2)
            metric_id = left.text_input(t("review.metric.id"), key="review_metric_id")
            base_unit = right.selectbox(t("review.metric.base_unit"), vocabulary("metrics", "base_unit", project), key="review_metric_unit")
            name_en = left.text_input(t("review.metric.name_en"), key="review_metric_name_en")
            name_zh = right.text_input(t("review.metric.name_zh"), key="review_metric_name_zh")
            kinds = vocabulary("metrics", "metric_kind", project)
            kind = left.selectbox(t("review.metric.kind"), ["", *kinds], key="review_metric_kind",
                                  help=", ".join(f"{unit}: {kind}" for unit, kind in pairs.items()))
            roles = metric_roles(project)
            role = right.selectbox(
                t("review.metric.role"), list(roles), index=list(roles).index(DEFAULT_ROLE) if DEFAULT_ROLE in roles else 0,
                key="review_metric_role", format_func=lambda r: roles[r]["label_zh" if lang == "zh" else "label_en"],
                help=" · ".join(
                    f"{roles[r]['label_zh' if lang == 'zh' else 'label_en']}: {roles[r]['description_zh' if lang == 'zh' else 'description']}"
                    for r in roles
                ),
            )
            upper = left.text_input(t("review.metric.upper_bound"), key="review_metric_upper")
            definition = left.text_input(t("review.metric.definition"), key="review_metric_definition")
            definition_zh = right.text_input(t("review.metric.definition_zh"), key="review_metric_definition_zh")
            caveat = left.text_input(t("review.metric.caveat"), key="review_metric_caveat")
            caveat_zh = right.text_input(t("review.metric.caveat_zh"), key="review_metric_caveat_zh")
            use_for = st.multiselect(
                t("review.metric.rows"), others, default=others, key="review_metric_rows",
                format_func=lambda i: f"{i + 1}: {rows[i]['value_as_written']}{rows[i]['unit_as_written']} {rows[i]['quote']}",
            )
            if st.form_submit_button(t("review.metric.run"), icon=":material/add:"):
                problems = add_metric(project, {
                    "metric_id": metric_id, "name_en": name_en, "name_zh": name_zh, "base_unit": base_unit,
                    "metric_kind": kind or pairs.get(base_unit, ""), "role": role, "definition": definition,
                    "definition_zh": definition_zh, "comparability_caveat": caveat, "comparability_caveat_zh": caveat_zh,
                    "upper_bound": upper,
                })
                if problems:
                    st.error(t("review.metric.refused", reasons=plain("; ".join(problems))), icon=":material/error:")
                else:
                    replace_rows([{**row, "metric_id": metric_id.strip()} if i in use_for else row for i, row in enumerate(rows)])
                    st.session_state["review_metric_note"] = t("review.metric.done", metric=plain(metric_id.strip()))
                    st.rerun()
    if note := st.session_state.pop("review_metric_note", None):
        st.success(note)
