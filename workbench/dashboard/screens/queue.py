"""Review queue: clusters in attention order, with filters, cross-script search and "next"."""

from __future__ import annotations

import streamlit as st

from workbench import desk_views, views
from workbench.dashboard import data, paging, ui

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title(ui.t("Review queue"))
rows = data.queue(snap.db, snap.content, snap.version)
if not rows:
    st.info(ui.t("No clusters yet: add articles and cluster them on the Sources page."))
    st.stop()
options = views.queue_options(rows)
waiting = data.proposal_counts(snap.db, snap.version)

upcoming = desk_views.next_cluster(rows, user=ctx.user.name, editor=ctx.user.can_sign_off)
if st.button(
    ui.t("Next cluster to review"),
    type="primary",
    key="queue_next",
    disabled=upcoming is None,
    help=ui.t(
        "The first cluster in queue order that you can act on (shortcut: n on the cluster page)"
    ),
):
    st.switch_page("screens/cluster.py", query_params={"cluster": upcoming or ""})
if upcoming is None:
    st.caption(ui.t("Nothing left for you to review or sign off."))

query = st.text_input(ui.t("Search claims, speakers or cluster ids"), key="queue_query")
st.caption(
    ui.t("Names match across scripts and languages: Тоқаев = Токаев = Tokayev, ҰҚШҰ = ОДКБ = CSTO.")
)
cols = st.columns(4)
statuses = cols[0].multiselect(
    ui.t("Status"), options["statuses"], format_func=ui.translator(), key="queue_status"
)
sources = cols[1].multiselect(ui.t("Source"), options["sources"], key="queue_source")
kinds = cols[2].multiselect(
    ui.t("Hint"), options["kinds"], format_func=ui.translator(), key="queue_kind"
)
languages = cols[3].multiselect(ui.t("Language"), options["languages"], key="queue_language")
flags = st.columns(2)
only_proposed = flags[0].toggle(
    ui.t("Only clusters with an open proposal ({n})", n=len(waiting)),
    key="queue_proposals_only",
    disabled=not waiting and not st.session_state.get("queue_proposals_only"),
)
proposed_first = flags[1].toggle(
    ui.t("Open proposals first"), key="queue_proposals_first", disabled=not waiting
)
filtered = views.filter_queue(
    rows, statuses=statuses, sources=sources, kinds=kinds, languages=languages
)
filtered = desk_views.with_proposals(filtered, waiting, only=only_proposed, first=proposed_first)
shown = data.search(snap, filtered, query)
st.caption(
    ui.t(
        "{shown} of {total}. Open work first: clusters with conflicts, then multi-source "
        "clusters, then the rest (the “why” column says why); “needs re-review” marks verdicts "
        "whose claims changed; “proposal” marks new claims waiting to join a reviewed cluster.",
        shown=len(shown),
        total=ui.plural(len(rows), "cluster"),
    )
)
if not shown:
    st.warning(ui.t("No cluster matches these filters."))
    st.stop()


worded = ui.words()


def _labels() -> list[str]:
    out = []
    for row in shown[: views.PICKER_LIMIT]:
        count = waiting.get(row.cluster_id, 0)
        flag = ui.t("proposal: {n}", n=ui.plural(count, "new claim")) + " · " if count else ""
        scope = " + ".join(row.sources)
        why = f" [{row.why.worded(worded)}]" if row.why is not None else ""
        out.append(
            f"{flag}{row.cluster_id} · {ui.t(row.status)} · {scope}{why} · {row.preview[:60]}"
        )
    return out


labels = _labels()  # worded now, in the chosen language


picked = st.selectbox(
    ui.t("Open cluster"),
    range(min(len(shown), views.PICKER_LIMIT)),
    format_func=lambda i: labels[i],
    key="queue_pick",
)
if st.button(ui.t("Open the cluster"), key="queue_open"):
    st.switch_page("screens/cluster.py", query_params={"cluster": shown[picked].cluster_id})

part = paging.page_slice(len(shown), key="queue_page")
st.dataframe(
    ui.headers(
        ui.cells(
            views.queue_frame(shown[part], proposals=waiting, words=worded), ("status", "verdict")
        )
    ),
    hide_index=True,
    width="stretch",
    column_config={
        ui.t("cluster"): st.column_config.TextColumn(width="small"),
        ui.t("first claim"): st.column_config.TextColumn(width="large"),
    },
    key="queue_table",
)
