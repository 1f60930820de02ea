"""AppTest: the cluster page's alignment (columns, relations, legend, badge), the queue's why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.dashboard_store import HOSTILE, Built, build_store
from tests.workbench.test_dashboard import _assert_inert, _open, _texts, _visible
from workbench import auth


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    data = build_store(tmp_path / "wb.db")
    monkeypatch.setenv("WORKBENCH_DB", data.db)
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    return data


def test_cluster_page_shows_sources_as_columns_with_relations_and_legend(built: Built) -> None:
    at = _open("cluster", cluster=built.clusters["shots"])
    bodies = [str(h.value) for h in at.get("html")]
    table = next(b for b in bodies if b.startswith("<table"))
    heads = table.split("</thead>")[0]
    assert heads.index("kazinform.kz") < heads.index("tengrinews.kz") < heads.index("evil.example")
    for chip in ("conflict 0.89", "same 0.94", "related 0.84"):
        assert chip in table
    assert "negation: жоқ vs fired many shots" in _visible(table)
    legend = next(b for b in bodies if "Highlighted values" in b)
    assert all(w in legend for w in ("number", "negation", "entity", "time", "restates it"))
    assert "<script>" not in table and HOSTILE[0] in _visible(table)
    texts = _texts(at)
    assert "1 conflict" in texts and "1 same" in texts and "1 related" in texts
    assert "sources 2 days apart" in texts
    _assert_inert(at)


def test_queue_says_why_each_cluster_is_there(built: Built) -> None:
    at = _open("queue")
    frame = at.dataframe[0].value
    assert list(frame["cluster"]) == [
        built.clusters["troops"],
        built.clusters["shots"],
        built.clusters["weather"],
    ]
    assert list(frame["why"]) == [
        "2 conflicts: number",
        "1 conflict: negation",
        "only in kazinform.kz",
    ]
    assert "2 conflicts: number" in at.selectbox(key="queue_pick").options[0]
