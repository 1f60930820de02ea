"""The cluster page's verdict form, and the drafts that keep what is typed until it is saved.

Every change of the note or the chosen verdict is stored as the person's draft
(:mod:`workbench.store_drafts`), so a reload, a new tab, a refused save or a logout never
loses it; the form is filled from the draft whenever it is empty, and saving clears it.
The library decides whether a save is allowed (:func:`workbench.review.record_verdict`).
"""

from __future__ import annotations

import streamlit as st

from workbench import review, store_drafts
from workbench.dashboard import data, ui
from workbench.errors import ConflictError, WorkbenchError
from workbench.store import ClusterState

__all__ = ["restore_draft", "verdict_panel"]

_SHORTCUT_KEYS = ("1", "2", "3", "4", "5")


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


def _adopt(db: str, cluster_id: str, draft: store_drafts.Draft, shown_key: str) -> None:
    """Use a predecessor's draft here: into the form, and kept as this cluster's draft."""
    with data.open_store(db) as store:
        kept = store_drafts.adopt_draft(store, draft, cluster_id=cluster_id)
    choice_key, note_key = _keys(cluster_id)
    st.session_state[note_key] = kept.note
    st.session_state[choice_key] = kept.verdict if kept.verdict in review.VERDICTS else None
    st.session_state[shown_key] = kept
    st.session_state[f"draft_at:{cluster_id}"] = kept.updated_at


def _drop_inherited(db: str, draft: store_drafts.Draft) -> None:
    with data.open_store(db) as store:
        store_drafts.clear_draft(store, reviewer=draft.reviewer, cluster_id=draft.cluster_id)


def _offer_inherited(ctx: ui.Context, state: ClusterState) -> None:
    """A draft left on the cluster this one continues (its id changed): offered, not lost."""
    _choice_key, note_key = _keys(state.cluster_id)
    if st.session_state.get(note_key) or state.locked:
        return
    with data.open_store(ctx.db) as store:
        draft = store_drafts.inherited_draft(
            store, reviewer=ctx.user.name, cluster_id=state.cluster_id
        )
    if draft is None:
        return
    st.info(
        ui.t(
            "Draft from before the merge, split or move: you wrote it on {old} at {at}.",
            old=draft.cluster_id,
            at=ui.clock(draft.updated_at),
        )
        + (f" «{ui.safe_text(draft.note[:200])}»" if draft.note.strip() else "")
        + (f" ({ui.t(draft.verdict)})" if draft.verdict else "")
    )
    shown_key = f"draft_shown:{ctx.user.name}:{state.cluster_id}"
    cols = st.columns(2)
    cols[0].button(
        ui.t("Use this draft here"),
        key=f"adopt_draft:{state.cluster_id}",
        on_click=_adopt,
        args=(ctx.db, state.cluster_id, draft, shown_key),
    )
    cols[1].button(
        ui.t("Discard that draft"),
        key=f"drop_inherited:{state.cluster_id}",
        on_click=_drop_inherited,
        args=(ctx.db, draft),
    )


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
    else:
        _offer_inherited(ctx, state)
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
