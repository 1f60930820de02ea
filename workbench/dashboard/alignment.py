"""Renders a cluster's alignment (sources as columns, aligned rows, legend, date badge).

The read model is :func:`workbench.views_links.alignment_view`; this module only shows it.
Every HTML fragment it passes to ``st.html`` was escaped there; every label it passes to
a Markdown-rendering widget goes through :func:`workbench.dashboard.ui.safe_text`.
"""

from __future__ import annotations

import streamlit as st

from workbench.dashboard import ui
from workbench.views_links import AlignmentView

__all__ = ["show"]


def show(view: AlignmentView) -> None:
    """The "Aligned claims" section of the cluster page."""
    st.subheader(ui.t("Aligned claims"))
    counts = view.relation_counts
    st.markdown(
        f"{len(view.sources)} source(s) as columns · {view.rows} aligned row(s) · links: "
        f"**{counts.get('conflict', 0)} conflict**, {counts.get('same', 0)} same, "
        f"{counts.get('related', 0)} related"
    )
    if view.badge:
        st.badge(ui.safe_text(view.badge), icon=":material/schedule:", color="blue")
    if not any(counts.values()) and len(view.sources) > 1:
        st.caption("No links stored for this cluster yet: run the clustering again to align it.")
    st.html(view.table_html)
    with st.expander("Legend: highlight colours and link relations"):
        st.html(view.legend_html)
    with st.expander("Open a claim in its article"):
        for claim in view.claims:
            st.page_link(
                "screens/articles.py",
                label=ui.safe_text(f"{claim.label} (row {claim.row})"),
                icon=":material/open_in_new:",
                query_params={"article": claim.article_id, "claim": claim.claim_id},
            )
