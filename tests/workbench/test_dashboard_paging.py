"""Big tables paginate (issue 11 item 4): one page of rows reaches the browser."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.workbench.dashboard_store import build_store
from workbench import auth
from workbench.dashboard import app_path, paging


@given(st.integers(0, 5000), st.integers(-3, 300), st.integers(1, 500))
def test_pages_cover_every_row_once(total: int, page: int, size: int) -> None:
    start, stop, pages = paging.page_bounds(total, page, size=size)
    assert 0 <= start <= stop <= total and stop - start <= size
    covered = [paging.page_bounds(total, p, size=size)[:2] for p in range(1, pages + 1)]
    assert sum(b - a for a, b in covered) == total
    assert all(a == b0 for (_, b0), (a, _) in itertools.pairwise(covered))


@pytest.mark.parametrize(
    ("page", "key", "column"),
    [("claims", "claims_page", "claim_id"), ("queue", "queue_page", "cluster")],
)
def test_table_shows_one_page_and_pages_on(
    page: str, key: str, column: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = build_store(tmp_path / "wb.db")
    monkeypatch.setenv("WORKBENCH_DB", data.db)
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    at = AppTest.from_file(str(app_path()), default_timeout=30)
    at.run()
    at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    first = list(at.dataframe[0].value[column])
    assert len(first) == 2
    assert any("rows 1–2 of" in str(c.value) for c in at.caption)
    at.number_input(key=key).set_value(2).run()
    second = list(at.dataframe[0].value[column])
    assert 1 <= len(second) <= 2 and not set(first) & set(second)
    assert any("rows 3–" in str(c.value) for c in at.caption)
