"""Audit: the tamper-evident event log as one readable line per event, with filters."""

from __future__ import annotations

from datetime import UTC, date, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from workbench import audit, corrections, desk_views
from workbench.dashboard import actions, data, ui

ctx = ui.context()
st.title(ui.t("Audit"))


def _browser_tz() -> tzinfo:
    name = st.context.timezone
    try:
        return ZoneInfo(name) if name else UTC
    except (KeyError, ValueError):
        return UTC


if st.button(ui.t("Verify the chain"), type="primary", key="audit_verify"):
    with data.open_store(ctx.db) as store:
        report = audit.verify(store)
    if report.ok:
        st.success(
            ui.t(
                "Chain intact: {events}, head {head}…",
                events=ui.plural(report.events, "event"),
                head=report.head[:16],
            )
        )
    else:
        st.error(
            ui.t(
                "Chain broken: {problems} in {events}",
                problems=ui.plural(len(report.problems), "problem"),
                events=ui.plural(report.events, "event"),
            )
        )
        for problem in report.problems:
            st.text(problem)

with st.expander(ui.t("Corrections: undo any of them"), expanded=False):
    with data.open_store(ctx.db) as store:
        fixes = corrections.corrections(store)
    in_force = [c for c in reversed(fixes) if not c.undone_at]
    st.caption(
        ui.t(
            "{n} of {total} corrections still in force, newest first. One followed by another "
            "on the same claims is undone after that one.",
            n=len(in_force),
            total=len(fixes),
        )
    )
    actions.undo_picker(ctx, in_force, key="audit_undo")

tz = _browser_tz()
limit = st.number_input(ui.t("Latest events"), min_value=10, max_value=100_000, value=500, step=100)
with data.open_store(ctx.db) as store:
    lines = desk_views.audit_lines(audit.events(store, limit=int(limit)), tz=tz, words=ui.words())
st.caption(ui.t("Times in {zone} (your browser's time zone).", zone=getattr(tz, "key", "UTC")))
cols = st.columns(4)
cluster = cols[0].text_input(ui.t("Cluster id"), key="audit_cluster")
people = cols[1].multiselect(ui.t("Person"), sorted({x.actor for x in lines}), key="audit_people")
worded = ui.words()
kinds = cols[2].multiselect(
    ui.t("Kind"),
    sorted({x.kind for x in lines}),
    format_func=lambda kind: desk_views.event_kind_label(kind, worded),
    key="audit_kinds",
)
today = date.today()
span = cols[3].date_input(
    ui.t("Dates"), value=(today - timedelta(days=30), today), key="audit_dates", format="YYYY-MM-DD"
)
days = None
if isinstance(span, tuple) and len(span) == 2:
    days = (span[0].isoformat(), span[1].isoformat())
shown = desk_views.filter_audit(lines, cluster=cluster, people=people, kinds=kinds, days=days)
st.caption(ui.t("{shown} of {total}", shown=len(shown), total=ui.plural(len(lines), "event")) + ".")
frame = pd.DataFrame(
    [
        {
            "#": x.seq,
            "when": x.when,
            "event": x.text,
            "cluster": f"/cluster?cluster={x.cluster_id}" if x.cluster_id else None,
        }
        for x in shown
    ],
    columns=["#", "when", "event", "cluster"],
)
st.dataframe(
    ui.headers(frame),
    hide_index=True,
    width="stretch",
    column_config={
        ui.t("event"): st.column_config.TextColumn(width="large"),
        ui.t("cluster"): st.column_config.LinkColumn(ui.t("cluster"), display_text=r"cluster=(.*)"),
    },
)
