"""Claims: a searchable table of every claim, with a CSV download of the current filter."""

from __future__ import annotations

import streamlit as st

from workbench import views
from workbench.dashboard import data, paging, ui

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title(ui.t("Claims"))
frame = data.claims_frame(snap.db, snap.content, snap.version)
query = st.text_input(ui.t("Search text, speaker or title"), key="claims_query")
cols = st.columns(3)
sources = cols[0].multiselect(ui.t("Source"), sorted(frame["source"].unique()), key="claims_source")
languages = cols[1].multiselect(
    ui.t("Language"), sorted(frame["language"].unique()), key="claims_language"
)
statuses = cols[2].multiselect(
    ui.t("Status"),
    sorted(frame["status"].unique()),
    format_func=ui.translator(),
    key="claims_status",
)
shown = views.filter_claims(
    frame, query=query, sources=sources, languages=languages, statuses=statuses
)
st.caption(ui.t("{shown} of {total}", shown=len(shown), total=ui.plural(len(frame), "claim")))
part = paging.page_slice(len(shown), key="claims_page")
st.dataframe(
    ui.headers(ui.cells(shown.iloc[part], ("status", "verdict"))),
    hide_index=True,
    width="stretch",
    column_config={
        ui.t("headline"): st.column_config.CheckboxColumn(
            width="small", help=ui.t("Taken from the article's headline")
        )
    },
)
st.download_button(
    ui.t("Download CSV"),
    lambda: views.claims_csv(shown),  # built on click, not on every run
    file_name="claims.csv",
    mime="text/csv",
    key="claims_csv",
    on_click="ignore",
)
