"""The cluster page's review actions: verdict, sign-off, reopen, proposals, corrections, undo.

Each control says beforehand why it would be refused (disabled, with the reason
beside it), but the library decides: every call goes through :mod:`workbench.review`
or :mod:`workbench.corrections`, and a refusal is shown as its one-line message.
Destructive steps (merge, split, move, undo) ask for confirmation first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from workbench import corrections, desk_views, review, store_drafts, views
from workbench.dashboard import data, ui
from workbench.errors import ConflictError, WorkbenchError
from workbench.identity import same_person
from workbench.store import ClusterState

__all__ = [
    "corrections_panel",
    "go_to",
    "history_panel",
    "proposals_panel",
    "restore_draft",
    "signoff_panel",
    "undo_picker",
    "verdict_panel",
]

_SHORTCUT_KEYS = ("1", "2", "3", "4", "5")
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


# -- verdict and its draft ---------------------------------------------------------------------


def _keys(cluster_id: str) -> tuple[str, str]:
    """The session keys of a cluster's verdict choice and note widgets."""
    return f"verdict_choice:{cluster_id}", f"verdict_note:{cluster_id}"


def _keep_draft(db: str, reviewer: str, cluster_id: str, base_version: int) -> None:
    """Store what is in the form now as the person's draft (on every change)."""
    choice_key, note_key = _keys(cluster_id)
    try:
        with data.open_store(db) as store:
            kept = store_drafts.save_draft(
                store,
                reviewer=reviewer,
                cluster_id=cluster_id,
                verdict=st.session_state.get(choice_key),
                note=str(st.session_state.get(note_key) or ""),
                base_version=base_version,
            )
    except WorkbenchError as error:
        st.session_state["draft_error"] = str(error)
        return
    st.session_state[f"draft_at:{cluster_id}"] = kept.updated_at if kept else None


def _pick_verdict(db: str, reviewer: str, cluster_id: str, base: int, choice: str) -> None:
    st.session_state[_keys(cluster_id)[0]] = choice
    _keep_draft(db, reviewer, cluster_id, base)


def restore_draft(ctx: ui.Context, state: ClusterState) -> store_drafts.Draft | None:
    """Put the person's stored draft into the form when the form has nothing (a reload,
    a new tab, coming back to the page, logging in again); the draft it restored."""
    choice_key, note_key = _keys(state.cluster_id)
    shown_key = f"draft_shown:{ctx.user.name}:{state.cluster_id}"
    if note_key in st.session_state:
        shown = st.session_state.get(shown_key)
        return shown if isinstance(shown, store_drafts.Draft) else None
    with data.open_store(ctx.db) as store:
        draft = store_drafts.load_draft(store, reviewer=ctx.user.name, cluster_id=state.cluster_id)
    st.session_state[note_key] = draft.note if draft else ""
    st.session_state[choice_key] = (
        draft.verdict if draft and draft.verdict in review.VERDICTS else None
    )
    st.session_state[shown_key] = draft
    return draft


def _draft_notice(ctx: ui.Context, state: ClusterState, draft: store_drafts.Draft) -> None:
    at = ui.clock(draft.updated_at)
    st.info(ui.t("Draft restored: your unsaved note and verdict from {at}.", at=at))
    if draft.base_version != state.version:
        st.warning(
            ui.t(
                "The cluster changed since you wrote it (version {old} → {new}): "
                "check the current verdict before saving.",
                old=draft.base_version,
                new=state.version,
            )
        )
    if st.button(ui.t("Discard the draft"), key=f"discard_draft:{state.cluster_id}"):
        with data.open_store(ctx.db) as store:
            store_drafts.clear_draft(store, reviewer=ctx.user.name, cluster_id=state.cluster_id)
        st.session_state["verdict_reset"] = state.cluster_id
        st.rerun()


def _reset_form(cluster_id: str) -> None:
    """After a save or a discard: a clean form (the widgets are not drawn yet)."""
    if st.session_state.get("verdict_reset") != cluster_id:
        return
    st.session_state.pop("verdict_reset", None)
    choice_key, note_key = _keys(cluster_id)
    for key in (choice_key, note_key, f"draft_at:{cluster_id}"):
        st.session_state.pop(key, None)
    for key in [k for k in st.session_state if str(k).startswith("draft_shown:")]:
        if str(key).endswith(f":{cluster_id}"):
            st.session_state.pop(key, None)


def _verdict_keys(ctx: ui.Context, state: ClusterState) -> None:
    keys = st.columns(len(review.VERDICTS))
    for column, verdict, key in zip(keys, review.VERDICTS, _SHORTCUT_KEYS, strict=True):
        column.button(
            ui.t(verdict),
            key=f"verdict_key_{verdict}",
            shortcut=key,
            on_click=_pick_verdict,
            args=(ctx.db, ctx.user.name, state.cluster_id, state.version, verdict),
            disabled=state.locked,
            help=ui.t("Choose “{verdict}” (key {key})", verdict=ui.t(verdict), key=key),
        )


def verdict_panel(ctx: ui.Context, state: ClusterState, *, seen_version: int) -> None:
    """The verdict form: nothing preselected, refused on a signed-off cluster.

    Every change of the note or the choice is kept as the person's draft in the
    store, so nothing typed is lost before it is saved.
    """
    st.subheader(ui.t("Verdict"))
    _reset_form(state.cluster_id)
    draft = restore_draft(ctx, state)
    if draft is not None:
        _draft_notice(ctx, state, draft)
    _verdict_keys(ctx, state)
    choice_key, note_key = _keys(state.cluster_id)
    keep = (ctx.db, ctx.user.name, state.cluster_id, state.version)
    verdict = st.selectbox(
        ui.t("Verdict"),
        review.VERDICTS,
        index=None,
        format_func=ui.translator(),
        placeholder=ui.t("Choose a verdict"),
        key=choice_key,
        disabled=state.locked,
        on_change=_keep_draft,
        args=keep,
    )
    note = st.text_area(ui.t("Note"), key=note_key, on_change=_keep_draft, args=keep)
    kept_at = st.session_state.get(f"draft_at:{state.cluster_id}")
    if kept_at:
        st.caption(ui.t("Draft kept at {at}; press Save to record it.", at=ui.clock(str(kept_at))))
    error = st.session_state.pop("draft_error", None)
    if error:
        st.warning(ui.t("The draft could not be kept: {error}", error=error))
    save = st.button(
        ui.t("Save as {name}", name=ui.safe_text(ctx.user.name)),
        key="verdict_save",
        type="secondary" if state.locked else "primary",
        disabled=state.locked,
        shortcut="Ctrl+Enter",
    )
    _verdict_captions(state)
    if save:
        _save(ctx, state, verdict, str(note or ""), seen_version=seen_version)


def _verdict_captions(state: ClusterState) -> None:
    if state.locked:
        st.caption(
            ui.t(
                "Signed off by {who}: reopen it (with a reason) before recording a new verdict.",
                who=ui.safe_text(state.signed_off_by or "?"),
            )
        )
    if state.verdict:
        st.caption(
            ui.t(
                "Current: **{verdict}** by {who}",
                verdict=ui.t(state.verdict),
                who=ui.safe_text(state.reviewer or "?"),
            )
            + (f" · {ui.safe_text(state.note)}" if state.note else "")
        )


def _save(
    ctx: ui.Context, state: ClusterState, verdict: str | None, note: str, *, seen_version: int
) -> None:
    if verdict is None:
        st.warning(ui.t("Choose a verdict first: nothing was saved."))
        return
    try:
        with data.open_store(ctx.db) as store:
            review.record_verdict(
                store,
                state.cluster_id,
                verdict=verdict,
                reviewer=ctx.user,
                note=note,
                expected_version=seen_version,
            )
            store_drafts.clear_draft(store, reviewer=ctx.user.name, cluster_id=state.cluster_id)
    except ConflictError as error:
        _conflict(state, error)
        return
    except WorkbenchError as error:
        st.error(str(error))
        return
    st.session_state["verdict_reset"] = state.cluster_id
    st.session_state.pop(f"seen_version:{state.cluster_id}", None)
    data.invalidate()
    st.session_state["cluster_flash"] = ui.t("Verdict “{verdict}” saved.", verdict=ui.t(verdict))
    st.rerun()


def _conflict(state: ClusterState, error: ConflictError) -> None:
    st.error(ui.t("Not saved: {error}", error=str(error)))
    st.info(
        ui.t(
            "Their version {version}: verdict **{verdict}** by {who}",
            version=state.version,
            verdict=ui.t(state.verdict or "none"),
            who=ui.safe_text(state.reviewer or "?"),
        )
        + (ui.t(", note: {note}", note=ui.safe_text(state.note)) if state.note else "")
        + ". "
        + (
            ui.t("It is now signed off: reopen it first if it must change.")
            if state.locked
            else ui.t(
                "Your note is still in the form and kept as your draft: compare, "
                "then save again to replace it."
            )
        )
    )
    st.session_state[f"seen_version:{state.cluster_id}"] = state.version


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
    labels = data.choices(snap.db, snap.content, snap.version, ids)
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
