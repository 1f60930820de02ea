"""Pagination for the dashboard's big tables: only one page of rows goes to the browser.

At 100,000 claims a table that ships every row costs seconds to serialise and render;
the pages show :data:`PAGE_SIZE` rows at a time with a page picker and say which rows
are shown.  Downloads still cover the whole filter.
"""

from __future__ import annotations

import streamlit as st

from workbench.dashboard import ui

__all__ = ["PAGE_SIZE", "page_bounds", "page_slice"]

PAGE_SIZE = 200


def page_bounds(total: int, page: int, *, size: int = PAGE_SIZE) -> tuple[int, int, int]:
    """``(start, stop, pages)`` of 1-based ``page`` (clamped) over ``total`` rows."""
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    start = (page - 1) * size
    return start, min(total, start + size), pages


def page_slice(total: int, *, key: str, size: int | None = None) -> slice:
    """A page picker (shown only when there is more than one page); the rows to show."""
    size = size or PAGE_SIZE
    if total <= size:
        return slice(0, total)
    pages = page_bounds(total, 1, size=size)[2]
    if int(st.session_state.get(key, 1)) > pages:  # the filter shrank: back to page 1
        st.session_state[key] = 1
    left, right = st.columns([1, 4])
    page = left.number_input(ui.t("Page"), min_value=1, max_value=pages, step=1, key=key)
    start, stop, _ = page_bounds(total, int(page), size=size)
    right.caption(
        ui.t(
            "rows {start}–{stop} of {total} (page {page} of {pages})",
            start=start + 1,
            stop=stop,
            total=total,
            page=int(page),
            pages=pages,
        )
    )
    return slice(start, stop)
