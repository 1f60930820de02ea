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

_METRICS = {
    "articles": "Articles",
    "claims": "Claims",
    "clusters": "Clusters",
    "verdicts": "Verdicts",
    "signoffs": "Sign-offs",
    "events": "Events",
}
for column, (key, label) in zip(st.columns(len(_METRICS)), _METRICS.items(), strict=True):
    column.metric(ui.t(label), counts.get(key, 0))

if not counts.get("articles"):
    st.info(ui.t("The store is empty: add articles on the Sources page (or `workbench ingest`)."))
    st.stop()

st.subheader(ui.t("Sources"))
st.dataframe(ui.headers(tables["sources"]), hide_index=True, width="stretch")

left, right = st.columns(2)
with left:
    st.subheader(ui.t("Claims per source"))
    st.caption(
        ui.t("Shared: the claim's cluster holds another source too. Only: no other source says it.")
    )
    st.bar_chart(ui.headers(tables["per_source"]), horizontal=True, stack=True)
with right:
    st.subheader(ui.t("Review progress"))
    st.caption(ui.t("Clusters per status; cross-source clusters need the most attention."))
    progress = ui.headers(tables["progress"])
    progress.index = [ui.t(str(s)) for s in progress.index]
    st.bar_chart(progress, stack=True, sort=False)

left, right = st.columns(2)
with left:
    st.subheader(ui.t("Cross-source coverage"))
    st.caption(
        ui.t(
            "Row source's claims that share a cluster with the column source; "
            "the diagonal counts claims only the row source makes."
        )
    )
    st.dataframe(tables["coverage"], width="stretch")
with right:
    st.subheader(ui.t("Hints"))
    st.caption(ui.t("Clusters flagged for each kind of difference."))
    if tables["hints"].empty:
        st.write(ui.t("No hints yet: cluster the claims on the Sources page."))
    else:
        hints = ui.headers(tables["hints"])
        hints.index = [ui.t(str(k)) for k in hints.index]
        st.bar_chart(hints, horizontal=True, sort=False)
