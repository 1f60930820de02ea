"""Review queue: clusters in attention order, with filters, cross-script search and "next"."""

from __future__ import annotations

import streamlit as st

from workbench import desk_views, views
from workbench.dashboard import data, paging, ui

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title(ui.t("Review queue"))
rows = data.queue(snap.db, snap.content, snap.version)
if not rows:
    st.info("No clusters yet: add articles and cluster them on the Sources page.")
    st.stop()
options = views.queue_options(rows)

upcoming = desk_views.next_cluster(rows, user=ctx.user.name, editor=ctx.user.can_sign_off)
if st.button(
    ui.t("Next cluster to review"),
    type="primary",
    key="queue_next",
    disabled=upcoming is None,
    help="The first cluster in queue order that you can act on (shortcut: n on the cluster page)",
):
    st.switch_page("screens/cluster.py", query_params={"cluster": upcoming or ""})
if upcoming is None:
    st.caption("Nothing left for you to review or sign off.")

query = st.text_input(ui.t("Search claims, speakers or cluster ids"), key="queue_query")
st.caption(
    "Names match across scripts and languages: Тоқаев = Токаев = Tokayev, ҰҚШҰ = ОДКБ = CSTO."
)
cols = st.columns(4)
statuses = cols[0].multiselect(ui.t("Status"), options["statuses"], key="queue_status")
sources = cols[1].multiselect(ui.t("Source"), options["sources"], key="queue_source")
kinds = cols[2].multiselect(ui.t("Hint"), options["kinds"], key="queue_kind")
languages = cols[3].multiselect(ui.t("Language"), options["languages"], key="queue_language")
filtered = views.filter_queue(
    rows, statuses=statuses, sources=sources, kinds=kinds, languages=languages
)
shown = data.search(snap, filtered, query)
st.caption(
    f"{len(shown)} of {desk_views.plural(len(rows), 'cluster')}. Open work first: clusters "
    "with conflicts, then multi-source clusters, then the rest (the “why” column says why); "
    "“needs re-review” marks verdicts whose claims changed."
)
if not shown:
    st.warning("No cluster matches these filters.")
    st.stop()

picked = st.selectbox(
    ui.t("Open cluster"),
    range(min(len(shown), views.PICKER_LIMIT)),
    format_func=lambda i: shown[i].label,
    key="queue_pick",
)
if st.button(ui.t("Open the cluster"), key="queue_open"):
    st.switch_page("screens/cluster.py", query_params={"cluster": shown[picked].cluster_id})

part = paging.page_slice(len(shown), key="queue_page")
st.dataframe(
    views.queue_frame(shown[part]),
    hide_index=True,
    width="stretch",
    column_config={
        "cluster": st.column_config.TextColumn(width="small"),
        "first claim": st.column_config.TextColumn(width="large"),
    },
    key="queue_table",
)
