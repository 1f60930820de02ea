"""The cluster page's review actions: sign-off, reopen, proposals, corrections, undo.

The verdict form and its drafts are in :mod:`workbench.dashboard.verdict`.

Each control says beforehand why it would be refused (disabled, with the reason
beside it), but the library decides: every call goes through :mod:`workbench.review`
or :mod:`workbench.corrections`, and a refusal is shown as its one-line message.
Destructive steps (merge, split, move, undo) ask for confirmation first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from workbench import corrections, desk_views, review, views
from workbench.dashboard import data, ui
from workbench.errors import WorkbenchError
from workbench.identity import same_person
from workbench.store import ClusterState

__all__ = [
    "corrections_panel",
    "go_to",
    "history_panel",
    "proposals_panel",
    "signoff_panel",
    "undo_picker",
]

_OWN = "__own__"


def go_to(target: str, message: str) -> None:
    """Show ``target`` next, with ``message`` above it."""
    data.invalidate()
    st.session_state["cluster_flash"] = message
    st.session_state["cluster_goto"] = target
    st.rerun()


def _attempt(action: Callable[[], str | None], *, success: str) -> None:
    try:
        target = action()
    except WorkbenchError as error:
        st.error(str(error))
        return
    st.session_state.pop("cluster_confirm", None)
    if target:
        go_to(target, success)
    data.invalidate()
    st.session_state["cluster_flash"] = success
    st.rerun()


def _confirm(key: str, question: str) -> bool:
    """True once the person confirmed the step started with ``key``."""
    if st.session_state.get("cluster_confirm") != key:
        return False
    st.warning(question)
    yes, no = st.columns(2)
    if no.button(ui.t("Cancel"), key=f"cancel_{key}"):
        st.session_state.pop("cluster_confirm", None)
        st.rerun()
    return yes.button(ui.t("Confirm"), type="primary", key=f"confirm_{key}")


def _ask(key: str) -> None:
    st.session_state["cluster_confirm"] = key


# -- sign-off and reopen ------------------------------------------------------------------------


def _signoff_refusal(ctx: ui.Context, state: ClusterState) -> str:
    if not ctx.user.can_sign_off:
        return ui.t("Only editors sign off.")
    if not state.verdict:
        return ui.t("No verdict to sign off yet.")
    if state.locked:
        return ui.t("Already signed off by {who}.", who=ui.safe_text(state.signed_off_by or "?"))
    if same_person(state.reviewer or "", ctx.user.name):
        return ui.t("You wrote this verdict: another editor signs it off (four eyes).")
    return ""


def signoff_panel(ctx: ui.Context, state: ClusterState) -> None:
    """Sign off and reopen, each disabled with its reason when it would be refused."""
    left, right = st.columns(2)
    with left:
        st.subheader(ui.t("Sign off"))
        refusal = _signoff_refusal(ctx, state)
        if st.button(ui.t("Sign off"), key="signoff", disabled=bool(refusal)):

            def sign() -> None:
                with data.open_store(ctx.db) as store:
                    review.sign_off(store, state.cluster_id, reviewer=ctx.user)

            _attempt(lambda: sign(), success=ui.t("Signed off."))
        if refusal:
            st.caption(refusal)
    with right:
        st.subheader(ui.t("Reopen"))
        reason = st.text_input(ui.t("Reason"), key="reopen_reason", disabled=not state.locked)
        if st.button(ui.t("Reopen"), key="reopen", disabled=not state.locked):

            def reopen() -> None:
                with data.open_store(ctx.db) as store:
                    review.reopen(store, state.cluster_id, reviewer=ctx.user, reason=reason)

            _attempt(lambda: reopen(), success=ui.t("Reopened."))
        st.caption(
            ui.t("A reason is required; reopening lets the verdict and the claims change.")
            if state.locked
            else ui.t("Not signed off: nothing to reopen.")
        )


# -- proposals ----------------------------------------------------------------------------------


def proposals_panel(ctx: ui.Context, state: ClusterState, texts: dict[str, str]) -> None:
    """New claims a clustering would add to this reviewed cluster: accept or keep apart."""
    with data.open_store(ctx.db) as store:
        found = corrections.proposals(store, state.cluster_id)
    for proposal in found:
        n = ui.plural(len(proposal.claim_ids), "new claim")
        question = (
            "**{n} would join this signed-off cluster**"
            if state.locked
            else "**{n} would join this reviewed cluster**"
        )
        with st.container(border=True):
            st.markdown(ui.t(question, n=n))
            for claim_id in proposal.claim_ids:
                st.markdown(f"- {ui.safe_text(texts.get(claim_id, claim_id))}")
            accept, apart = st.columns(2)
            pid = proposal.proposal_id
            if accept.button(ui.t("Accept"), key=f"accept_{pid}", disabled=state.locked):

                def do_accept(pid: int = pid) -> str:
                    with data.open_store(ctx.db) as store:
                        return corrections.accept_proposal(store, pid, actor=ctx.user)

                _attempt(do_accept, success=ui.t("Accepted: the cluster now needs re-review."))
            if apart.button(ui.t("Keep apart"), key=f"apart_{pid}"):

                def do_apart(pid: int = pid) -> None:
                    with data.open_store(ctx.db) as store:
                        corrections.keep_apart(store, pid, actor=ctx.user)

                _attempt(lambda: do_apart(), success=ui.t("Kept apart for good (undo in History)."))
            if state.locked:
                accept.caption(ui.t("Signed off: reopen it before letting new claims join."))


# -- corrections --------------------------------------------------------------------------------


def _targets(snap: data.Snapshot, state: ClusterState, query: str) -> dict[str, str]:
    rows = data.queue(snap.db, snap.content, snap.version)
    found = data.search(snap, rows, query)
    ids = [r.cluster_id for r in found if r.cluster_id != state.cluster_id][: views.PICKER_LIMIT]
    labels = data.choices(snap.db, snap.content, snap.version, ids, words=ui.words())
    return {cid: labels[cid] for cid in ids if cid in labels}


def corrections_panel(
    ctx: ui.Context, snap: data.Snapshot, state: ClusterState, texts: dict[str, str]
) -> None:
    """Move, split and merge by picking (never typing ids), each confirmed, each undoable."""
    with st.expander(ui.t("Reorganise: move a claim, split, merge"), expanded=False):
        if state.locked:
            st.caption(ui.t("Signed off: reopen it before changing its claims."))
        reason = st.text_input(ui.t("Why (shown in History)"), key="fix_reason")
        claim_ids = list(texts)
        query = st.text_input(
            ui.t("Find other clusters (claim text, name in any script, source or id)"),
            key="fix_query",
        )
        targets = _targets(snap, state, query)
        st.caption(ui.t("{n} offered below.", n=ui.plural(len(targets), "cluster")))
        _move(ctx, state, claim_ids, texts, targets, reason)
        _split(ctx, state, claim_ids, texts, reason)
        _merge(ctx, state, targets, reason)


def _move(
    ctx: ui.Context,
    state: ClusterState,
    claim_ids: Sequence[str],
    texts: dict[str, str],
    targets: dict[str, str],
    reason: str,
) -> None:
    st.markdown(f"**{ui.t('Move claim')}**")
    moved = st.selectbox(
        ui.t("Claim to move"),
        claim_ids,
        format_func=lambda c: texts[c],
        index=None,
        key="move_claim",
    )
    options = [_OWN, *targets]
    own = ui.t("a cluster of its own")
    target = st.selectbox(
        ui.t("To cluster"),
        options,
        format_func=lambda c: own if c == _OWN else targets[c],
        index=None,
        placeholder=ui.t("Pick a target cluster"),
        key="move_target",
    )
    ready = moved is not None and target is not None and not state.locked
    if st.button(ui.t("Move claim"), key="move", disabled=not ready):
        _ask("move")
    if _confirm("move", ui.t("Move this claim? Both clusters get new ids (old links lead on).")):
        to = None if target == _OWN else target

        def run() -> str:
            with data.open_store(ctx.db) as store:
                corrections.move_claim(
                    store, str(moved), to_cluster=to, actor=ctx.user, reason=reason
                )
                rest = [c for c in state.claim_ids if c != moved]
                return store.cluster_of(rest[0]) if rest else store.cluster_of(str(moved))

        _attempt(run, success=ui.t("Claim moved (undo in History)."))


def _split(
    ctx: ui.Context,
    state: ClusterState,
    claim_ids: Sequence[str],
    texts: dict[str, str],
    reason: str,
) -> None:
    st.markdown(f"**{ui.t('Split')}**")
    chosen = st.multiselect(
        ui.t("Claims that leave as a new cluster"),
        claim_ids,
        format_func=lambda c: texts[c],
        key="split_claims",
    )
    ok = 0 < len(chosen) < len(claim_ids) and not state.locked
    if st.button(ui.t("Split"), key="split", disabled=not ok):
        _ask("split")
    if not ok and chosen and len(chosen) == len(claim_ids):
        st.caption(ui.t("Leave at least one claim in the cluster."))
    question = ui.t("Split {n} off this cluster?", n=ui.plural(len(chosen), "claim"))
    if _confirm("split", question):

        def run() -> str:
            with data.open_store(ctx.db) as store:
                kept, _new = corrections.split_cluster(
                    store, state.cluster_id, chosen, actor=ctx.user, reason=reason
                )
            return kept

        _attempt(run, success=ui.t("Split (undo in History)."))


def _merge(ctx: ui.Context, state: ClusterState, targets: dict[str, str], reason: str) -> None:
    st.markdown(f"**{ui.t('Merge')}**")
    others = st.multiselect(
        ui.t("Merge with"),
        list(targets),
        format_func=lambda c: targets[c],
        placeholder=ui.t("Pick one or more clusters"),
        key="merge_ids",
    )
    if st.button(ui.t("Merge"), key="merge", disabled=not others or state.locked):
        _ask("merge")
    question = ui.t("Merge {n} into one?", n=ui.plural(len(others) + 1, "cluster"))
    if _confirm("merge", question):

        def run() -> str:
            with data.open_store(ctx.db) as store:
                return corrections.merge_clusters(
                    store, [state.cluster_id, *others], actor=ctx.user, reason=reason
                )

        _attempt(run, success=ui.t("Merged (undo in History)."))


# -- history ------------------------------------------------------------------------------------


def history_panel(ctx: ui.Context, state: ClusterState) -> None:
    """Every verdict, sign-off and correction with who and why; undo any listed correction.

    The library decides whether an undo is allowed (a later correction on the same
    claims must be undone first): a refused undo writes nothing and says why.
    """
    st.subheader(ui.t("History"))
    with data.open_store(ctx.db) as store:
        entries = review.history(store, state.cluster_id)
        fixes = corrections.corrections(store, cluster_id=state.cluster_id)
    if entries:
        st.dataframe(
            ui.headers(desk_views.history_lines(entries, tr=ui.t)),
            hide_index=True,
            width="stretch",
            column_config={ui.t("note"): st.column_config.TextColumn(width="large")},
        )
    else:
        st.caption(ui.t("No review events yet."))
    undo_picker(ctx, [c for c in reversed(fixes) if not c.undone_at], state=state)


def undo_picker(
    ctx: ui.Context,
    open_fixes: Sequence[corrections.Correction],
    *,
    state: ClusterState | None = None,
    key: str = "undo",
) -> None:
    """Pick any correction still in force (newest first), confirm, undo it by its event.

    On the cluster page (``state`` given) the page then shows where its claims went;
    elsewhere it stays, with the outcome above.  A refusal is the library's one line.
    """
    flash = st.session_state.pop(f"{key}_flash", None)
    if flash:
        st.success(flash)
    if not open_fixes:
        return
    by_event = {c.event: c for c in open_fixes}
    event = st.selectbox(
        ui.t("Correction to undo"),
        list(by_event),
        format_func=lambda e: f"#{e}: {by_event[e].summary} ({by_event[e].actor})",
        key=f"{key}_pick",
    )
    chosen = by_event.get(event) if event is not None else None
    if chosen is None:
        return
    if st.button(f"{ui.t('Undo')} #{chosen.event}: {chosen.summary}", key=key):
        _ask(key)
    question = ui.t("Undo #{event} ({summary})?", event=chosen.event, summary=chosen.summary)
    if not _confirm(key, question):
        return
    done = ui.t("Undone: #{event}.", event=chosen.event)

    def run() -> str | None:
        with data.open_store(ctx.db) as store:
            corrections.undo(store, actor=ctx.user, event=chosen.event)
            if state is None:
                return None
            first = chosen.clusters_before[0] if chosen.clusters_before else state.cluster_id
            later = corrections.successors(store, first)
            return later[0] if later else first

    if state is not None:
        _attempt(run, success=done)
        return
    try:
        run()
    except WorkbenchError as error:
        st.error(str(error))
        return
    st.session_state.pop("cluster_confirm", None)
    st.session_state[f"{key}_flash"] = done
    data.invalidate()
    st.rerun()
