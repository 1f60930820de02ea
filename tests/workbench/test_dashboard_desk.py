"""AppTests for the desk's working day: corrections, proposals, successors, exports, search."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from pyld import jsonld
from streamlit.testing.v1 import AppTest

from claims.model import Cluster, cluster_id_for
from tests.workbench.dashboard_store import Built, build_store, open_page, page_texts
from workbench import auth, corrections, pipeline, review
from workbench.dashboard import app_path, exports, session
from workbench.store import Store

TIMEOUT = 30


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    data = build_store(tmp_path / "wb.db")
    monkeypatch.setenv("WORKBENCH_DB", data.db)
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    return data


def test_merge_by_picking_confirm_then_undo(built: Built) -> None:
    shots, troops = built.clusters["shots"], built.clusters["troops"]
    at = open_page("cluster", cluster=shots)
    merge = at.multiselect(key="merge_ids")
    [label] = [o for o in merge.options if troops in o]  # picked from a list, never typed
    assert "3 claims" in label and "kazinform.kz" in label
    merge.select(troops).run()
    at.button(key="merge").click().run()
    assert "Merge 2 clusters into one?" in page_texts(at)
    at.button(key="confirm_merge").click().run()
    assert not at.exception and "Merged" in at.success[0].value
    with Store.open(built.db) as store:
        assert len(store.clusters()) == 2
        merged = store.cluster_of(built.claims["kk_shot"])
    assert at.session_state["cluster_id"] == merged
    history = at.dataframe[-1].value
    assert "merged" in set(history["what"])
    at.button(key="undo").click().run()
    at.button(key="confirm_undo").click().run()
    assert not at.exception and "Undone" in at.success[0].value
    with Store.open(built.db) as store:
        assert {s.cluster_id for s in store.clusters()} == set(built.clusters.values())


def test_cluster_page_from_the_sidebar_offers_a_picker(built: Built) -> None:
    at = open_page("cluster")
    picker = at.selectbox(key="cluster_pick")
    assert picker.value is None and len(picker.options) == 3
    picker.select(built.clusters["troops"]).run()
    assert not at.exception and "Aligned claims" in [s.value for s in at.subheader]


def test_an_old_link_opens_the_successor_with_a_note(built: Built) -> None:
    old = built.clusters["troops"]
    with Store.open(built.db) as store:
        rest, _ = corrections.split_cluster(
            store, old, [built.claims["en_troops"]], actor="ana", reason="en counts differ"
        )
    at = open_page("cluster", cluster=old)
    assert f"Cluster {old} was changed" in at.info[0].value and rest in at.info[0].value
    assert at.session_state["cluster_id"] == rest
    assert any("en counts differ" in n for n in at.dataframe[-1].value["note"])


def test_claim_deep_link_opens_its_cluster(built: Built) -> None:
    at = open_page("cluster", claim=built.claims["ru_troops"])
    assert at.session_state["cluster_id"] == built.clusters["troops"]


def test_locked_cluster_controls_are_disabled_with_reasons(built: Built) -> None:
    cid = built.clusters["shots"]
    with Store.open(built.db) as store:
        review.record_verdict(store, cid, verdict="consistent", reviewer="aigerim")
        review.sign_off(store, cid, reviewer="erlan")
    at = open_page("cluster", cluster=cid)
    save = at.button(key="verdict_save")
    assert save.disabled and at.button(key="signoff").disabled
    assert not at.button(key="reopen").disabled
    assert "reopen it (with a reason) before recording a new verdict" in page_texts(at)
    assert "Already signed off by erlan" in page_texts(at)
    assert "Review it and save again" not in page_texts(at)


def test_proposal_accept_and_keep_apart(built: Built) -> None:
    cid = built.clusters["troops"]
    with Store.open(built.db) as store:
        review.record_verdict(store, cid, verdict="partial", reviewer="aigerim")
        corrections.record_proposals(store, {cid: (built.claims["kk_weather"],)})
    at = open_page("cluster", cluster=cid)
    assert "1 new claim would join this reviewed cluster" in page_texts(at)
    [proposal] = corrections.proposals(Store.open(built.db), cid)
    at.button(key=f"apart_{proposal.proposal_id}").click().run()
    assert not at.exception and "Kept apart" in at.success[0].value
    with Store.open(built.db) as store:
        assert not corrections.proposals(store, cid)
        assert store.cluster(cid).claim_ids  # unchanged
        assert [c.kind for c in corrections.corrections(store, cluster_id=cid)] == ["keep_apart"]


def test_search_crosses_scripts_and_languages(built: Built) -> None:
    texts = {
        "kk": "Тоқаев ҰҚШҰ саммитіне қатысты деп хабарланды.",
        "ru": "Токаев принял участие в саммите ОДКБ, сообщили в пресс-службе.",
        "en": "Tokayev attended the CSTO summit, his office said.",
    }
    with Store.open(built.db) as store:
        for lang, text in texts.items():
            report = pipeline.add_document(store, text.encode(), name=f"{lang}.txt", source=lang)
            assert report.ok and report.stored
        clusters = [Cluster(s.cluster_id, s.claim_ids) for s in store.clusters()]
        clustered = {m for c in clusters for m in c.claim_ids}
        new = [c.claim_id for c in store.claims() if c.claim_id not in clustered]
        singles = [Cluster(cluster_id_for([m]), (m,)) for m in new]
        store.replace_clustering([*clusters, *singles], {}, actor="t", params={})
    at = open_page("queue")
    found: dict[str, set[str]] = {}
    for query in ("Тоқаев", "Токаев", "Tokayev", "ҰҚШҰ", "ОДКБ", "CSTO"):
        at.text_input(key="queue_query").input(query).run()
        found[query] = set(at.dataframe[0].value["cluster"])
    assert len(found["Токаев"]) == 3
    assert len({frozenset(v) for v in found.values()}) == 1, found


def test_next_cluster_and_my_open_items(built: Built) -> None:
    at = open_page("queue")
    at.button(key="queue_next").click().run()
    assert not at.exception
    first = at.session_state["cluster_id"]
    at.switch_page("screens/cluster.py").run()  # AppTest does not follow st.switch_page
    at.button(key="cluster_next").click().run()
    assert at.session_state["cluster_id"] != first
    with Store.open(built.db) as store:
        review.record_verdict(store, first, verdict="unclear", reviewer="local")
    mine = open_page("mine")
    assert "Awaiting sign-off (1)" in [s.value for s in mine.subheader]
    assert first in set(mine.dataframe[0].value["cluster"])


def test_interface_language_switch(built: Built) -> None:
    at = open_page("queue")
    at.sidebar.selectbox(key="ui_language").select("ru").run()
    assert at.title[0].value == "Очередь проверки"
    at.sidebar.selectbox(key="ui_language").select("kk").run()
    assert at.title[0].value == "Тексеру кезегі"


def test_export_page_and_bytes_share_the_cli_mapping(built: Built) -> None:
    cid = built.clusters["shots"]
    with Store.open(built.db) as store:
        review.record_verdict(store, cid, verdict="consistent", reviewer="aigerim", note="ok")
        review.sign_off(store, cid, reviewer="erlan")
    at = open_page("export")
    keys = {b.key for b in at.get("download_button")}  # type: ignore[attr-defined]
    assert {"export_verdicts", "export_claimreview", "export_bundle"} <= keys
    reviews = json.loads(exports.export_bytes(built.db, "claimreview", base_url="http://d:1"))
    [doc] = reviews
    assert doc["reviewRating"]["ratingValue"] == 3 and doc["reviewRating"]["bestRating"] == 3
    assert doc["author"]["name"] == "aigerim" and doc["editor"]["name"] == "erlan"
    assert doc["url"] == f"http://d:1/cluster?cluster={cid}"
    expanded = jsonld.expand(reviews, {"documentLoader": _schema_loader})
    assert expanded[0]["@type"] == ["https://schema.org/ClaimReview"]
    verdicts = exports.export_bytes(built.db, "verdicts").decode("utf-8-sig")
    assert "aigerim" in verdicts and "erlan" in verdicts
    with zipfile.ZipFile(io.BytesIO(exports.bundle(built.db))) as archive:
        names = set(archive.namelist())
    assert {"claimreview.jsonld", "claimreview.jsonld.manifest.json", "verdicts.csv"} <= names


def _schema_loader(url: str, options: object = None) -> dict[str, object]:
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "https://schema.org/"}},
    }


def test_upload_is_attributed_to_the_person(built: Built) -> None:
    with Store.open(built.db) as store:
        pipeline.add_document(store, "Жаңа хабар келді.".encode(), name="a.txt", actor="aigerim")
    at = open_page("audit")
    assert any(x.startswith("aigerim added an article") for x in at.dataframe[0].value["event"])


# -- sessions ---------------------------------------------------------------------------------


def test_session_token_round_trip_revoke_and_tamper(tmp_path: Path) -> None:
    db = tmp_path / "wb.db"
    reviewers = tmp_path / "reviewers.yaml"
    user = auth.add_reviewer(reviewers, name="aigerim", password="reviewer-pass", role="editor")
    token = session.issue(db, user)
    assert session.resume(db, token) == user
    assert (session.secret_path(db).stat().st_mode & 0o777) == 0o600
    assert session.resume(db, token[:-2] + "xx") is None
    assert session.resume(tmp_path / "other.db", token) is None  # another store's secret
    session.revoke(db, token)
    assert session.resume(db, token) is None
    fresh = session.issue(db, user)
    auth.add_reviewer(reviewers, name="aigerim", password="reviewer-pass", role="reviewer")
    resumed = session.resume(db, fresh)
    assert resumed is not None and resumed.role == "reviewer"  # the file's role, not the cookie's


def test_session_expires(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "wb.db"
    user = auth.add_reviewer(tmp_path / "reviewers.yaml", name="erlan", password="editor-pass")
    token = session.issue(db, user)
    monkeypatch.setattr(session, "MAX_AGE_S", -1)
    assert session.resume(db, token) is None


def test_deep_link_before_login_opens_after_login(built: Built, tmp_path: Path) -> None:
    auth.add_reviewer(tmp_path / "reviewers.yaml", name="aigerim", password="reviewer-pass")
    at = AppTest.from_file(str(app_path()), default_timeout=TIMEOUT)
    at.query_params["cluster"] = built.clusters["troops"]
    at.run()
    assert not at.exception
    assert "Log in to open cluster" in page_texts(at)
    at.text_input(key="login_name").input("aigerim")
    at.text_input(key="login_password").input("reviewer-pass")
    at.button(key="FormSubmitter:login-Log in").click().run()
    assert not at.exception
    assert at.session_state["session_token"]
    assert (
        at.query_params["cluster"] == [built.clusters["troops"]]
        or at.query_params["cluster"] == built.clusters["troops"]
    )


def test_cluster_now_keeps_a_reviewed_cluster_and_shows_the_proposal(built: Built) -> None:
    cid = built.clusters["troops"]
    with Store.open(built.db) as store:
        review.record_verdict(store, cid, verdict="partial", reviewer="aigerim")
        copy = store.claim(built.claims["kk_troops"]).text + "."
        assert pipeline.add_document(store, copy.encode(), name="c.txt", source="copy.kz").ok
        before = store.cluster(cid).claim_ids
    at = open_page("sources")
    at.button(key="apply").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store.open(built.db) as store:
        assert store.cluster(cid).claim_ids == before  # never dissolved by clustering
        waiting = corrections.proposals(store, cid)
    assert waiting, "the copy should be proposed, not added"
    assert "would join" in page_texts(at) and "nothing was changed" in page_texts(at)


def test_any_correction_is_undone_from_the_audit_page(built: Built) -> None:
    with Store.open(built.db) as store:
        corrections.split_cluster(
            store, built.clusters["shots"], [built.claims["en_shot"]], actor="tests"
        )
        corrections.merge_clusters(
            store, [built.clusters["troops"], built.clusters["weather"]], actor="tests"
        )
        fixes = corrections.corrections(store)
    first, latest = fixes[0].event, fixes[-1].event
    at = open_page("audit")
    picker = at.selectbox(key="audit_undo_pick")
    assert picker.value == latest and len(picker.options) == 2  # newest first
    picker.select(first).run()  # not the latest one
    at.button(key="audit_undo").click().run()
    at.button(key="confirm_audit_undo").click().run()
    assert not at.exception and f"Undone: #{first}." in page_texts(at)
    with Store.open(built.db) as store:
        assert store.cluster_of(built.claims["en_shot"]) == built.clusters["shots"]
        still = [c for c in corrections.corrections(store) if not c.undone_at]
    assert [c.event for c in still] == [latest]  # the merge is still in force


def test_a_refused_undo_writes_nothing_and_says_why(built: Built) -> None:
    with Store.open(built.db) as store:
        _kept, alone = corrections.split_cluster(
            store, built.clusters["shots"], [built.claims["en_shot"]], actor="tests"
        )
        merged = corrections.merge_clusters(
            store, [alone, built.clusters["weather"]], actor="tests"
        )
        fixes = corrections.corrections(store)
        version = store.data_version()
    split_event, merge_event = fixes[0].event, fixes[-1].event
    at = open_page("cluster", cluster=merged)
    picker = at.selectbox(key="undo_pick")
    assert picker.value == merge_event  # newest first
    picker.select(split_event).run()
    at.button(key="undo").click().run()
    at.button(key="confirm_undo").click().run()
    assert not at.exception
    assert f"undo #{merge_event} first" in at.error[0].value
    with Store.open(built.db) as store:
        assert store.data_version() == version
        assert store.cluster_of(built.claims["en_shot"]) == merged
        assert not any(c.undone_at for c in corrections.corrections(store))


def test_queue_flags_sorts_and_filters_open_proposals(built: Built) -> None:
    cid = built.clusters["weather"]  # single-source: last in attention order
    with Store.open(built.db) as store:
        review.record_verdict(store, cid, verdict="consistent", reviewer="aigerim")
        corrections.record_proposals(store, {cid: (built.claims["kk_troops"],)})
    at = open_page("queue")
    table = at.dataframe[0].value
    flagged = dict(zip(table["cluster"], table["proposal"], strict=True))
    assert flagged[cid] == "1 new claim"
    assert [c for c, p in flagged.items() if p] == [cid]
    assert table["cluster"].iloc[0] != cid
    assert "proposal: 1 new claim" in at.selectbox(key="queue_pick").options[-1]
    at.toggle(key="queue_proposals_first").set_value(True).run()
    assert at.dataframe[0].value["cluster"].iloc[0] == cid
    at.toggle(key="queue_proposals_only").set_value(True).run()
    assert list(at.dataframe[0].value["cluster"]) == [cid]
    [proposal] = corrections.proposals(Store.open(built.db), cid)
    with Store.open(built.db) as store:
        corrections.keep_apart(store, proposal.proposal_id, actor="aigerim")
    at.run()
    assert not at.exception and "No cluster matches these filters." in page_texts(at)
