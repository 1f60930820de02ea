"""Overview: sources, claims per source, cross-source coverage, review progress, hints."""

from __future__ import annotations

import streamlit as st

from workbench.dashboard import data, ui

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title(ui.t("Overview"))
with data.open_store(ctx.db) as store:
    counts = store.counts()
tables = data.overview(snap.db, snap.content, snap.version)

metrics = st.columns(6)
for column, key in zip(
    metrics, ("articles", "claims", "clusters", "verdicts", "signoffs", "events"), strict=True
):
    column.metric(key.replace("signoffs", "sign-offs").capitalize(), counts.get(key, 0))

if not counts.get("articles"):
    st.info("The store is empty: add articles on the Sources page (or `workbench ingest`).")
    st.stop()

st.subheader("Sources")
st.dataframe(tables["sources"], hide_index=True, width="stretch")

left, right = st.columns(2)
with left:
    st.subheader("Claims per source")
    st.caption(
        "Shared: the claim's cluster holds another source too. Only: no other source says it."
    )
    st.bar_chart(tables["per_source"], horizontal=True, stack=True)
with right:
    st.subheader("Review progress")
    st.caption("Clusters per status; cross-source clusters need the most attention.")
    st.bar_chart(tables["progress"], stack=True, sort=False)

left, right = st.columns(2)
with left:
    st.subheader("Cross-source coverage")
    st.caption(
        "Row source's claims that share a cluster with the column source; "
        "the diagonal counts claims only the row source makes."
    )
    st.dataframe(tables["coverage"], width="stretch")
with right:
    st.subheader("Hints")
    st.caption("Clusters flagged for each kind of difference.")
    if tables["hints"].empty:
        st.write("No hints yet: cluster the claims on the Sources page.")
    else:
        st.bar_chart(tables["hints"], horizontal=True, sort=False)
