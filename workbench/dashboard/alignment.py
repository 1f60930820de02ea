"""Renders a cluster's alignment (sources as columns, aligned rows, legend, date badge).

The read model is :func:`workbench.views_links.alignment_view`; this module only shows it.
Every HTML fragment it passes to ``st.html`` was escaped there; every label it passes to
a Markdown-rendering widget goes through :func:`workbench.dashboard.ui.safe_text`.
"""

from __future__ import annotations

import streamlit as st

from workbench import views_links
from workbench.dashboard import ui
from workbench.views_links import AlignmentView

__all__ = ["show"]


def show(view: AlignmentView) -> None:
    """The "Aligned claims" section of the cluster page."""
    st.subheader(ui.t("Aligned claims"))
    counts = view.relation_counts
    st.markdown(
        ui.t(
            "{sources} as columns · {rows} · links: **{conflict} conflict**, {same} same, "
            "{related} related",
            sources=ui.plural(len(view.sources), "source"),
            rows=ui.plural(view.rows, "aligned row"),
            conflict=counts.get("conflict", 0),
            same=counts.get("same", 0),
            related=counts.get("related", 0),
        )
    )
    if view.badge:
        st.badge(ui.safe_text(view.badge), icon=":material/schedule:", color="blue")
    if not any(counts.values()) and len(view.sources) > 1:
        st.caption(
            ui.t("No links stored for this cluster yet: run the clustering again to align it.")
        )
    st.html(view.table_html)
    with st.expander(ui.t("Legend: highlight colours and link relations")):
        st.html(views_links.legend_html(tr=ui.t))
    with st.expander(ui.t("Open a claim in its article")):
        for claim in view.claims:
            st.page_link(
                "screens/articles.py",
                label=ui.safe_text(ui.t("{label} (row {row})", label=claim.label, row=claim.row)),
                icon=":material/open_in_new:",
                query_params={"article": claim.article_id, "claim": claim.claim_id},
            )
