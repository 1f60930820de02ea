"""Export: verdicts and sign-offs, links, claims, clusters, ClaimReview JSON-LD, manifests."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import streamlit as st

from workbench import export
from workbench.dashboard import exports, ui

ctx = ui.context()
st.title(ui.t("Export"))
page_url = st.context.url or ""
parts = urlsplit(page_url)
base_url = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
st.caption(
    ui.t(
        "The same files as `workbench export`: CSV cells that a spreadsheet could run as a "
        "formula are neutralised; ClaimReview rates agreement between sources "
        "({scale}), author = the reviewer, editor = who signed off",
        scale=export.RATING_SCALE,
    )
    + (f", url = {base_url}/cluster?cluster=…" if base_url else "")
    + "."
)
links = exports.links_supported()


def _deferred(key: str) -> Callable[[], bytes]:
    return lambda: exports.export_bytes(ctx.db, key, base_url=base_url)


for key, (name, label) in exports.EXPORTS.items():
    if key == "links" and not links:
        st.caption(ui.t("Links CSV: this store has no per-link export yet; use the verdicts CSV."))
        continue
    mime = "application/ld+json" if name.endswith(".jsonld") else "text/csv"
    st.download_button(
        ui.t(label),
        data=_deferred(key),
        file_name=name,
        mime=mime,
        key=f"export_{key}",
        on_click="ignore",
    )
st.download_button(
    ui.t("Everything with manifests (ZIP)"),
    data=lambda: exports.bundle(ctx.db, base_url=base_url),
    file_name="workbench-export.zip",
    mime="application/zip",
    key="export_bundle",
    type="primary",
    on_click="ignore",
)
