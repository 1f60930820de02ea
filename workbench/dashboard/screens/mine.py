"""My open items: my verdicts awaiting sign-off, sign-offs waiting for me, proposals."""

from __future__ import annotations

import streamlit as st

from workbench import desk_views
from workbench.dashboard import data, ui

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title(ui.t("My open items"))
rows = data.queue(snap.db, snap.content, snap.version)
tables = desk_views.my_open_items(
    rows,
    user=ctx.user.name,
    editor=ctx.user.can_sign_off,
    proposals=data.proposal_counts(snap.db, snap.version),
)
upcoming = desk_views.next_cluster(rows, user=ctx.user.name, editor=ctx.user.can_sign_off)
if st.button(
    ui.t("Next cluster to review"), type="primary", disabled=upcoming is None, key="mine_next"
):
    st.switch_page("screens/cluster.py", query_params={"cluster": upcoming or ""})
for title, frame in tables.items():
    st.subheader(f"{ui.t(title.capitalize())} ({len(frame)})")
    if frame.empty:
        st.caption(ui.t("Nothing here."))
        continue
    frame = ui.cells(frame.assign(open="/cluster?cluster=" + frame["cluster"]), ("verdict",))
    st.dataframe(
        ui.headers(frame),
        hide_index=True,
        width="stretch",
        column_config={
            ui.t("open"): st.column_config.LinkColumn(ui.t("open"), display_text=ui.t("open")),
            ui.t("first claim"): st.column_config.TextColumn(width="large"),
        },
    )
