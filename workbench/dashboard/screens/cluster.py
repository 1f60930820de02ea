"""Cluster view: the claims side by side per source, differences highlighted, review actions."""

from __future__ import annotations

import altair as alt
import streamlit as st

from workbench import review, views
from workbench.dashboard import data, ui
from workbench.errors import ConflictError, WorkbenchError

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title("Cluster")

pending = st.session_state.pop("cluster_goto", None)
asked = st.query_params.get("cluster", "")
if pending:
    st.session_state["cluster_typed"] = pending
elif asked and asked != st.session_state.get("cluster_id"):
    st.session_state["cluster_typed"] = asked
elif "cluster_typed" not in st.session_state:
    st.session_state["cluster_typed"] = st.session_state.get("cluster_id", "")
cluster_id = st.text_input("Cluster id", key="cluster_typed").strip()
if not cluster_id:
    st.info("Pick a cluster in the Review queue (or type its id).")
    st.stop()
try:
    view = data.cluster_view(snap.db, snap.content, snap.version, cluster_id)
except WorkbenchError as error:
    st.error(str(error))
    st.stop()
st.session_state["cluster_id"] = cluster_id
st.query_params["cluster"] = cluster_id
state = view.state
seen_key = f"seen_version:{cluster_id}"
# The version this reviewer last saw rendered: a save is checked against it, so a
# change made meanwhile by someone else is a ConflictError, not silently replaced.
seen_version = int(st.session_state.get(seen_key, state.version))

st.markdown(
    f"**{ui.safe_text(cluster_id)}** · status **{view.status}** · "
    f"{len(state.claim_ids)} claims from {len(view.columns)} source(s) · version {state.version}"
)
if state.needs_rereview:
    st.warning("Needs re-review: the cluster's membership changed since its verdict.")
if state.verdict:
    st.caption(
        f"Verdict: **{ui.safe_text(state.verdict)}** by {ui.safe_text(state.reviewer or '?')}"
        + (f" · note: {ui.safe_text(state.note)}" if state.note else "")
        + (
            f" · signed off by {ui.safe_text(state.signed_off_by)} at {state.signed_off_at}"
            if state.signed_off_by
            else ""
        )
    )

if not view.hint_table.empty:
    st.subheader("Differences to check")
    st.dataframe(view.hint_table, hide_index=True, width="stretch")

st.subheader("Claims by source")
for start in range(0, len(view.columns), 4):
    chunk = view.columns[start : start + 4]
    for column, source_column in zip(st.columns(len(chunk)), chunk, strict=True):
        with column:
            st.markdown(f"#### {ui.safe_text(source_column.source)}")
            for card in source_column.cards:
                with st.container(border=True):
                    st.caption(
                        f"{ui.safe_text(card.title)} · {card.published or 'no date'} · "
                        f"{ui.safe_text(card.language)}"
                    )
                    if card.speaker:
                        st.markdown(f"Speaker: **{ui.safe_text(card.speaker)}**")
                    st.html(card.html)
                    if card.differences:
                        st.caption("Flags: " + ", ".join(card.differences))
                    st.page_link(
                        "screens/articles.py",
                        label="Show in the article",
                        icon=":material/open_in_new:",
                        query_params={"article": card.article_id, "claim": card.claim_id},
                    )

if len(view.similarity) > 1:
    st.subheader("Similarity")
    heat = (
        alt.Chart(views.similarity_long(view.similarity))
        .mark_rect()
        .encode(
            x=alt.X("a:N", title=None),
            y=alt.Y("b:N", title=None),
            color=alt.Color("similarity:Q", scale=alt.Scale(domain=[0, 1], scheme="blues")),
            tooltip=["a", "b", alt.Tooltip("similarity:Q", format=".2f")],
        )
        .properties(height=min(60 * len(view.similarity) + 40, 420))
    )
    st.altair_chart(heat, width="stretch")


def _saved(message: str) -> None:
    data.invalidate()
    st.session_state.pop(seen_key, None)
    st.session_state["cluster_flash"] = message
    st.rerun()


flash = st.session_state.pop("cluster_flash", None)
if flash:
    st.success(flash)

st.subheader("Verdict")
with st.form("verdict_form"):
    current = review.VERDICTS.index(state.verdict) if state.verdict in review.VERDICTS else 0
    verdict = st.selectbox("Verdict", review.VERDICTS, index=current, key="verdict_choice")
    note = st.text_area("Note", value=state.note, key="verdict_note")
    save = st.form_submit_button(f"Save as {ui.safe_text(ctx.user.name)}", type="primary")
if save:
    try:
        with data.open_store(ctx.db) as store:
            review.record_verdict(
                store,
                cluster_id,
                verdict=verdict,
                reviewer=ctx.user,
                note=note,
                expected_version=seen_version,
            )
    except ConflictError as error:
        st.error(f"Not saved: {error}")
        st.info(
            f"Their version {state.version}: verdict "
            f"**{ui.safe_text(state.verdict or 'none')}** by "
            f"{ui.safe_text(state.reviewer or '?')}"
            + (f", note: {ui.safe_text(state.note)}" if state.note else "")
            + ". Review it and save again to replace it."
        )
    except WorkbenchError as error:
        st.error(str(error))
    else:
        _saved(f"Verdict “{verdict}” saved.")
st.session_state[seen_key] = state.version  # what is on screen now

left, right = st.columns(2)
with left:
    st.subheader("Sign-off")
    if not ctx.user.can_sign_off:
        st.caption("Only editors sign off.")
    elif st.button("Sign off", key="signoff", disabled=not state.verdict or state.locked):
        try:
            with data.open_store(ctx.db) as store:
                review.sign_off(store, cluster_id, reviewer=ctx.user)
        except WorkbenchError as error:
            st.error(str(error))
        else:
            _saved("Signed off.")
    if state.locked:
        st.caption("Signed off: reopen with a reason to change the verdict.")
with right:
    st.subheader("Reopen")
    reason = st.text_input("Reason", key="reopen_reason")
    if st.button("Reopen", key="reopen", disabled=not state.verdict):
        try:
            with data.open_store(ctx.db) as store:
                review.reopen(store, cluster_id, reviewer=ctx.user, reason=reason)
        except WorkbenchError as error:
            st.error(str(error))
        else:
            _saved("Reopened.")


def _go(target: str, message: str) -> None:
    data.invalidate()
    st.session_state["cluster_flash"] = message
    st.session_state["cluster_goto"] = target
    st.rerun()


with st.expander("Reorganise: move a claim, split, merge"):
    labels = {
        card.claim_id: f"{card.source}: {card.text[:80]}" for c in view.columns for card in c.cards
    }
    claim_ids = list(labels)
    moved = st.selectbox(
        "Claim to move", claim_ids, format_func=lambda cid: labels[cid], key="move_claim"
    )
    target = st.text_input("To cluster id (empty: a cluster of its own)", key="move_target")
    if st.button("Move claim", key="move"):
        try:
            with data.open_store(ctx.db) as store:
                new_id = review.move_claim(
                    store, moved, to_cluster=target.strip() or None, actor=ctx.user.name
                )
                rest = [cid for cid in state.claim_ids if cid != moved]
                stay = store.cluster_of(rest[0]) if rest else new_id
        except WorkbenchError as error:
            st.error(str(error))
        else:
            _go(stay, f"Claim moved to {new_id}.")
    split_ids = st.multiselect(
        "Claims to split off", claim_ids, format_func=lambda cid: labels[cid], key="split_claims"
    )
    if st.button("Split", key="split"):
        try:
            with data.open_store(ctx.db) as store:
                kept, new_id = review.split_cluster(
                    store, cluster_id, split_ids, actor=ctx.user.name
                )
        except WorkbenchError as error:
            st.error(str(error))
        else:
            _go(kept, f"Split into {kept} and {new_id}.")
    others = st.text_input("Merge with cluster ids (comma-separated)", key="merge_ids")
    if st.button("Merge", key="merge"):
        ids = [cluster_id, *(x.strip() for x in others.split(",") if x.strip())]
        try:
            with data.open_store(ctx.db) as store:
                merged = review.merge_clusters(store, ids, actor=ctx.user.name)
        except WorkbenchError as error:
            st.error(str(error))
        else:
            _go(merged, f"Merged into {merged}.")

st.subheader("History")
with data.open_store(ctx.db) as store:
    entries = review.history(store, cluster_id)
if entries:
    st.dataframe(views.history_frame(entries), hide_index=True, width="stretch")
else:
    st.caption("No review events yet.")
