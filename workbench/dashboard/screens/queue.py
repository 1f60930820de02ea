"""Review queue: clusters in attention order, with filters and text search."""

from __future__ import annotations

import streamlit as st

from workbench import views
from workbench.dashboard import data, ui

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title("Review queue")
rows = data.queue(snap.db, snap.content, snap.version)
if not rows:
    st.info("No clusters yet: add articles and cluster them on the Sources page.")
    st.stop()
options = views.queue_options(rows)

query = st.text_input("Search claims, speakers or cluster ids", key="queue_query")
cols = st.columns(4)
statuses = cols[0].multiselect("Status", options["statuses"], key="queue_status")
sources = cols[1].multiselect("Source", options["sources"], key="queue_source")
kinds = cols[2].multiselect("Hint", options["kinds"], key="queue_kind")
languages = cols[3].multiselect("Language", options["languages"], key="queue_language")
shown = views.filter_queue(
    rows, statuses=statuses, sources=sources, kinds=kinds, languages=languages, query=query
)
st.caption(
    f"{len(shown)} of {len(rows)} clusters. Open work first: clusters with conflicts, then "
    "multi-source clusters, then the rest (the “why” column says why); “needs re-review” "
    "marks verdicts a re-clustering invalidated."
)
if not shown:
    st.warning("No cluster matches these filters.")
    st.stop()

picked = st.selectbox(
    "Open cluster",
    range(min(len(shown), views.PICKER_LIMIT)),
    format_func=lambda i: shown[i].label,
    key="queue_pick",
)
if st.button("Open the cluster", type="primary", key="queue_open"):
    st.switch_page("screens/cluster.py", query_params={"cluster": shown[picked].cluster_id})

event = st.dataframe(
    views.queue_frame(shown),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="queue_table",
)
selected = event.selection.rows if event is not None else []
if selected and selected[0] < len(shown):
    target = shown[selected[0]].cluster_id
    if st.session_state.get("queue_opened") != target:
        st.session_state["queue_opened"] = target
        st.switch_page("screens/cluster.py", query_params={"cluster": target})
