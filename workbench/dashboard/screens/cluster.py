"""Cluster view: the claims side by side per source, differences highlighted, review actions."""

from __future__ import annotations

import altair as alt
import streamlit as st

from workbench import corrections, desk_views, views
from workbench.dashboard import actions, alignment, data, ui, verdict
from workbench.errors import NotFoundError, WorkbenchError

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title(ui.t("Cluster"))
rows = data.queue(snap.db, snap.content, snap.version)

# -- which cluster: a pending jump, the link (?cluster= or ?claim=), the last one, or a pick
pending = st.session_state.pop("cluster_goto", None)
asked = st.query_params.get("cluster", "")
claim_asked = st.query_params.get("claim", "")
if claim_asked and not asked:
    try:
        with data.open_store(ctx.db) as store:
            asked = store.cluster_of(claim_asked)
    except WorkbenchError as error:
        st.error(str(error))
cluster_id = pending or asked or st.session_state.get("cluster_id", "")
if not cluster_id:
    queue_ids = [r.cluster_id for r in rows][: views.PICKER_LIMIT]
    labels = data.choices(snap.db, snap.content, snap.version, queue_ids, words=ui.words())
    picked = st.selectbox(
        ui.t("Pick a cluster (queue order; type to search)"),
        queue_ids,
        index=None,
        format_func=lambda c: labels.get(c, c),
        placeholder=ui.t("Type a claim, source or id"),
        key="cluster_pick",
    )
    if picked is None:
        st.info(ui.t("Pick a cluster above, or open one from the Review queue."))
        st.stop()
    cluster_id = picked

try:
    view = data.cluster_view(snap.db, snap.content, snap.version, cluster_id)
except NotFoundError as error:
    with data.open_store(ctx.db) as store:
        later = corrections.successors(store, cluster_id)
    if not later:
        st.error(str(error))
        st.stop()
    st.info(
        ui.t(
            "Cluster {old} was changed (re-clustered, moved, split or merged); "
            "showing its successor {new}",
            old=cluster_id,
            new=later[0],
        )
        + (
            ui.t(" (its claims also went to {others})", others=", ".join(later[1:4]))
            if len(later) > 1
            else ""
        )
        + "."
    )
    cluster_id = later[0]
    view = data.cluster_view(snap.db, snap.content, snap.version, cluster_id)
st.session_state["cluster_id"] = cluster_id
if st.query_params.get("cluster") != cluster_id:
    st.query_params["cluster"] = cluster_id
st.query_params.pop("claim", None)
state = view.state
seen_key = f"seen_version:{cluster_id}"
# The version this reviewer last saw rendered: a save is checked against it, so a
# change made meanwhile by someone else is a ConflictError, not silently replaced.
seen_version = int(st.session_state.get(seen_key, state.version))

head, nxt = st.columns([4, 1])
head.markdown(
    ui.t(
        "**{cluster}** · status **{status}** · {claims} from {sources} · version {version}",
        cluster=ui.safe_text(cluster_id),
        status=ui.t(view.status),
        claims=ui.plural(len(state.claim_ids), "claim"),
        sources=ui.plural(len(view.columns), "source"),
        version=state.version,
    )
)
upcoming = desk_views.next_cluster(
    rows, user=ctx.user.name, editor=ctx.user.can_sign_off, after=cluster_id
)
if nxt.button(
    ui.t("Next cluster to review"),
    key="cluster_next",
    disabled=upcoming is None,
    shortcut="N",
    help=ui.t("Shortcut: n"),
):
    st.session_state["cluster_goto"] = upcoming
    st.rerun()
flash = st.session_state.pop("cluster_flash", None)
if flash:
    st.success(flash)
if state.needs_rereview:
    st.warning(ui.t("Needs re-review: the cluster's claims changed since its verdict."))
if state.verdict:
    st.caption(
        ui.t(
            "Verdict: **{verdict}** by {who}",
            verdict=ui.t(state.verdict),
            who=ui.safe_text(state.reviewer or "?"),
        )
        + (ui.t(" · note: {note}", note=ui.safe_text(state.note)) if state.note else "")
        + (
            ui.t(
                " · signed off by {who} at {at} UTC",
                who=ui.safe_text(state.signed_off_by),
                at=(state.signed_off_at or "")[:16].replace("T", " "),
            )
            if state.signed_off_by
            else ""
        )
    )

texts = {
    card.claim_id: f"{card.source}: {' '.join(card.text.split())[:90]}"
    for column in view.columns
    for card in column.cards
}
actions.proposals_panel(ctx, state, texts)

if not view.hint_table.empty:
    st.subheader(ui.t("Differences to check"))
    for hint in view.hint_table.itertuples(index=False):
        values = f" — {ui.safe_text(str(hint.values))}" if hint.values else ""
        st.markdown(
            f"- **{ui.safe_text(ui.t(str(hint.kind)))}**: {ui.safe_text(str(hint.message))}{values}"
        )

alignment.show(data.alignment(snap.db, snap.content, snap.version, cluster_id, ui.language()))

if len(view.similarity) > 1:
    st.subheader(ui.t("Similarity"))
    st.caption(ui.t("Cosine similarity of the claims' embeddings (1 = same meaning)."))
    long = views.similarity_long(view.similarity)
    base = alt.Chart(long).encode(x=alt.X("a:N", title=None), y=alt.Y("b:N", title=None))
    heat = base.mark_rect().encode(
        color=alt.Color("similarity:Q", scale=alt.Scale(domain=[0, 1], scheme="blues")),
        tooltip=["a", "b", alt.Tooltip("similarity:Q", format=".2f")],
    )
    numbers = base.mark_text(fontSize=12).encode(
        text=alt.Text("similarity:Q", format=".2f"),
        color=alt.condition(alt.datum.similarity > 0.6, alt.value("white"), alt.value("black")),
    )
    chart = (heat + numbers).properties(height=min(60 * len(view.similarity) + 40, 420))
    st.altair_chart(chart, width="stretch")

verdict.verdict_panel(ctx, state, seen_version=seen_version)
st.session_state[seen_key] = state.version  # what is on screen now
actions.signoff_panel(ctx, state)
actions.corrections_panel(ctx, snap, state, texts)
actions.history_panel(ctx, state)
