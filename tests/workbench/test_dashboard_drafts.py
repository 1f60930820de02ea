"""An unsaved note and verdict survive a reload, a new tab, a refused save and a logout."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.workbench.dashboard_store import Built, build_store, open_page, page_texts
from workbench import auth, corrections, review, store_drafts
from workbench.dashboard import app_path
from workbench.errors import InvalidInputError
from workbench.store import Store

TIMEOUT = 30


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    data = build_store(tmp_path / "wb.db")
    monkeypatch.setenv("WORKBENCH_DB", data.db)
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    return data


def _write(at: AppTest, cid: str, *, verdict: str, note: str) -> None:
    at.selectbox(key=f"verdict_choice:{cid}").select(verdict).run()
    at.text_area(key=f"verdict_note:{cid}").input(note).run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_draft_survives_a_reload_and_is_cleared_by_saving(built: Built) -> None:
    cid = built.clusters["shots"]
    with Store.open(built.db) as store:
        version = store.data_version()
    first = open_page("cluster", cluster=cid)
    _write(first, cid, verdict="partial", note="kk and ru agree, en does not")
    assert "Draft kept at" in page_texts(first)
    with Store.open(built.db) as store:
        draft = store_drafts.load_draft(store, reviewer="local", cluster_id=cid)
        assert store.data_version() == version  # a draft is not review data: caches stay
        assert store.cluster(cid).verdict is None
    assert draft is not None and (draft.verdict, draft.note) == (
        "partial",
        "kk and ru agree, en does not",
    )
    again = open_page("cluster", cluster=cid)  # reload: a new session, nothing in memory
    assert again.selectbox(key=f"verdict_choice:{cid}").value == "partial"
    assert again.text_area(key=f"verdict_note:{cid}").value == "kk and ru agree, en does not"
    assert "Draft restored" in again.info[0].value
    again.button(key="verdict_save").click().run()
    assert not again.exception and "saved" in again.success[0].value
    with Store.open(built.db) as store:
        assert store.cluster(cid).note == "kk and ru agree, en does not"
        assert store_drafts.load_draft(store, reviewer="local", cluster_id=cid) is None
    later = open_page("cluster", cluster=cid)
    assert "Draft restored" not in page_texts(later)
    assert later.text_area(key=f"verdict_note:{cid}").value == ""


def test_a_draft_survives_leaving_the_page_and_can_be_discarded(built: Built) -> None:
    cid = built.clusters["troops"]
    at = open_page("cluster", cluster=cid)
    _write(at, cid, verdict="contradictory", note="2030 or 2500?")
    at.switch_page("screens/queue.py").run()
    at.query_params["cluster"] = cid
    at.switch_page("screens/cluster.py").run()
    assert at.text_area(key=f"verdict_note:{cid}").value == "2030 or 2500?"
    at.button(key=f"discard_draft:{cid}").click().run()
    assert not at.exception
    assert at.text_area(key=f"verdict_note:{cid}").value == ""
    assert at.selectbox(key=f"verdict_choice:{cid}").value is None
    with Store.open(built.db) as store:
        assert store_drafts.load_draft(store, reviewer="local", cluster_id=cid) is None


def test_a_stale_save_keeps_the_draft_for_the_next_session(built: Built) -> None:
    cid = built.clusters["troops"]
    at = open_page("cluster", cluster=cid)
    _write(at, cid, verdict="consistent", note="my careful note")
    with Store.open(built.db) as store:
        review.record_verdict(store, cid, verdict="partial", reviewer="bolat", note="theirs")
    at.button(key="verdict_save").click().run()
    assert "bolat" in at.error[0].value
    assert "kept as your draft" in page_texts(at)
    again = open_page("cluster", cluster=cid)
    assert again.text_area(key=f"verdict_note:{cid}").value == "my careful note"
    assert "The cluster changed since you wrote it" in page_texts(again)
    with Store.open(built.db) as store:
        assert store.cluster(cid).verdict == "partial"  # the refused save wrote nothing


def test_drafts_are_per_person_and_survive_a_logout(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewers = tmp_path / "reviewers.yaml"
    auth.add_reviewer(reviewers, name="aigerim", password="reviewer-pass")
    auth.add_reviewer(reviewers, name="erlan", password="editor-pass", role="editor")
    monkeypatch.setenv(auth.ENV_REVIEWERS, str(reviewers))
    cid = built.clusters["shots"]

    def login(at: AppTest, name: str, password: str) -> None:
        at.text_input(key="login_name").input(name)
        at.text_input(key="login_password").input(password)
        at.button(key="FormSubmitter:login-Log in").click().run()
        at.query_params["cluster"] = cid
        at.switch_page("screens/cluster.py").run()
        assert not at.exception, [e.value for e in at.exception]

    at = AppTest.from_file(str(app_path()), default_timeout=TIMEOUT).run()
    login(at, "aigerim", "reviewer-pass")
    _write(at, cid, verdict="unclear", note="aigerim's half-thought")
    at.sidebar.button(key="logout").click().run()
    login(at, "erlan", "editor-pass")
    assert at.text_area(key=f"verdict_note:{cid}").value == ""  # not someone else's draft
    at.sidebar.button(key="logout").click().run()
    login(at, "aigerim", "reviewer-pass")
    assert at.text_area(key=f"verdict_note:{cid}").value == "aigerim's half-thought"
    assert at.selectbox(key=f"verdict_choice:{cid}").value == "unclear"


def test_store_drafts_refuse_nameless_and_forget_empty_ones(built: Built) -> None:
    cid = built.clusters["shots"]
    with Store.open(built.db) as store:
        with pytest.raises(InvalidInputError):
            store_drafts.save_draft(
                store, reviewer=" ", cluster_id=cid, verdict=None, note="x", base_version=1
            )
        kept = store_drafts.save_draft(
            store, reviewer="a", cluster_id=cid, verdict=None, note="x", base_version=1
        )
        assert kept is not None and kept.note == "x"
        gone = store_drafts.save_draft(
            store, reviewer="a", cluster_id=cid, verdict=None, note="  ", base_version=1
        )
        assert gone is None
        assert store_drafts.load_draft(store, reviewer="a", cluster_id=cid) is None


def test_a_draft_on_a_merged_cluster_is_offered_on_its_successor(built: Built) -> None:
    old, other = built.clusters["troops"], built.clusters["weather"]
    at = open_page("cluster", cluster=old)
    _write(at, old, verdict="partial", note="halfway through the figures")
    with Store.open(built.db) as store:  # someone merges it: the claims get a new cluster id
        merged = corrections.merge_clusters(store, [old, other], actor="bolat")
    assert merged != old
    later = open_page("cluster", cluster=merged)
    assert "Draft from before the merge" in page_texts(later)
    assert "halfway through the figures" in page_texts(later)
    assert later.text_area(key=f"verdict_note:{merged}").value == ""  # offered, not imposed
    later.button(key=f"adopt_draft:{merged}").click().run()
    assert not later.exception, [e.value for e in later.exception]
    assert later.text_area(key=f"verdict_note:{merged}").value == "halfway through the figures"
    assert later.selectbox(key=f"verdict_choice:{merged}").value == "partial"
    assert "Draft restored" in page_texts(later) and "Draft from before" not in page_texts(later)
    with Store.open(built.db) as store:
        assert store_drafts.load_draft(store, reviewer="local", cluster_id=old) is None
        moved = store_drafts.load_draft(store, reviewer="local", cluster_id=merged)
        assert moved is not None and moved.note == "halfway through the figures"
    later.button(key="verdict_save").click().run()
    with Store.open(built.db) as store:
        assert store.cluster(merged).note == "halfway through the figures"
    assert "Draft from before" not in page_texts(open_page("cluster", cluster=merged))


def test_a_draft_left_before_a_merge_can_be_discarded(built: Built) -> None:
    old, other = built.clusters["troops"], built.clusters["weather"]
    with Store.open(built.db) as store:
        store_drafts.save_draft(
            store, reviewer="local", cluster_id=old, verdict=None, note="stale", base_version=1
        )
        merged = corrections.merge_clusters(store, [old, other], actor="bolat")
        assert store_drafts.inherited_draft(store, reviewer="someone", cluster_id=merged) is None
    at = open_page("cluster", cluster=merged)
    at.button(key=f"drop_inherited:{merged}").click().run()
    assert "Draft from before" not in page_texts(at)
    with Store.open(built.db) as store:
        assert store_drafts.inherited_draft(store, reviewer="local", cluster_id=merged) is None
