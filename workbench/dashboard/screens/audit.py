"""Audit: the tamper-evident event log and its verification."""

from __future__ import annotations

import streamlit as st

from workbench import audit, views
from workbench.dashboard import data, ui

ctx = ui.context()
st.title("Audit log")
limit = st.number_input("Latest events", min_value=10, max_value=100_000, value=500, step=100)
if st.button("Verify the chain", type="primary", key="audit_verify"):
    with data.open_store(ctx.db) as store:
        report = audit.verify(store)
    if report.ok:
        st.success(f"Chain intact: {report.events} events, head {report.head}")
    else:
        st.error(f"Chain broken: {len(report.problems)} problem(s) in {report.events} events")
        for problem in report.problems:
            st.text(problem)
with data.open_store(ctx.db) as store:
    events = audit.events(store, limit=int(limit))
st.dataframe(views.audit_frame(events), hide_index=True, width="stretch")
