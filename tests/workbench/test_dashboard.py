"""One AppTest per dashboard page, against a small hand-made store.

Hostile markup in an article (script, img onerror, a Markdown link) must reach
the page only escaped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.workbench.dashboard_store import HOSTILE, Built, build_store
from workbench import auth, review
from workbench.dashboard import app_path
from workbench.store import Store

TIMEOUT = 30


@pytest.fixture
def built(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Built:
    data = build_store(store_url)
    monkeypatch.setenv("WORKBENCH_DB", data.db)
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    return data


def _open(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(app_path()), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    if page:
        at.query_params.update(params)
        at.switch_page(f"screens/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.get("html")]
    parts += [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]
    return "\n".join(str(p) for p in parts)


def _visible(body: str) -> str:
    """What a person reads in an st.html body: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def _assert_inert(at: AppTest) -> None:
    """No hostile string appears raw in any Markdown, and HTML shows it only as text."""
    for element in (*at.markdown, *at.caption, *at.info, *at.error, *at.success):
        for raw in HOSTILE:
            assert raw not in str(element.value), element.value
    for block in at.get("html"):
        body = str(block.value)
        assert "<script" not in body and "<img" not in body and "<a href" not in body


def test_overview(built: Built) -> None:
    at = _open("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "3" and metrics["Claims"] == "7"
    sources = at.dataframe[0].value
    assert set(sources["source"]) == {"kazinform.kz", "tengrinews.kz", "evil.example"}
    assert len(at.get("vega_lite_chart")) >= 3
    assert "Local user" in at.sidebar.warning[0].value
    _assert_inert(at)


def test_review_queue_search_and_open(built: Built) -> None:
    at = _open("queue")
    picker = at.selectbox(key="queue_pick")
    assert picker.options[0].startswith(built.clusters["troops"])
    at.text_input(key="queue_query").input("бірде-бір оқ").run()
    picker = at.selectbox(key="queue_pick")
    assert len(picker.options) == 1 and picker.options[0].startswith(built.clusters["shots"])
    at.button(key="queue_open").click().run()
    assert not at.exception
    assert at.session_state["cluster_id"] == built.clusters["shots"]
    assert "Мемлекет басшысы" in _texts(at)


def test_queue_filters(built: Built) -> None:
    at = _open("queue")
    at.multiselect(key="queue_kind").select("number").run()
    assert len(at.dataframe[0].value) == 1
    at.multiselect(key="queue_kind").unselect("number").run()
    at.multiselect(key="queue_language").select("kk").run()
    assert len(at.dataframe[0].value) == 3
    at.text_input(key="queue_query").input("no such words").run()
    assert "No cluster matches" in at.warning[0].value


def test_cluster_view_escapes_and_saves(built: Built) -> None:
    at = _open("cluster", cluster=built.clusters["shots"])
    bodies = [str(h.value) for h in at.get("html")]
    assert len(bodies) == 2  # the alignment table and its legend
    evil = next(b for b in bodies if "peacekeepers" in b)
    assert HOSTILE[0] in _visible(evil) and HOSTILE[1] in _visible(evil)
    assert any("fired many shots</span>" in b for b in bodies)  # the negation value marked
    _assert_inert(at)
    assert "Only" not in _texts(at)  # the local user may sign off
    # nothing is preselected: saving without a choice writes nothing
    assert at.selectbox(key=f"verdict_choice:{built.clusters['shots']}").value is None
    at.button(key="verdict_save").click().run()
    assert "Choose a verdict first" in _texts(at)
    with Store.open(built.db) as store:
        assert store.cluster(built.clusters["shots"]).verdict is None
    at.selectbox(key=f"verdict_choice:{built.clusters['shots']}").select("contradictory")
    at.text_area(key=f"verdict_note:{built.clusters['shots']}").input(
        "en says [shots](http://evil) <b>were</b> fired"
    )
    at.button(key="verdict_save").click().run()
    assert not at.exception and "saved" in at.success[0].value
    with Store.open(built.db) as store:
        state = store.cluster(built.clusters["shots"])
    assert (state.verdict, state.reviewer) == ("contradictory", "local")
    _assert_inert(at)
    assert "<b>were</b>" not in _texts(at)
    history = at.dataframe[-1].value
    assert any("recorded “contradictory”" in w for w in history["what"])
    # four eyes: the same person's sign-off is disabled, with the reason beside it
    assert at.button(key="signoff").disabled
    assert "another editor signs it off" in _texts(at)


def test_cluster_conflict_shows_the_other_change(built: Built) -> None:
    cluster = built.clusters["troops"]
    at = _open("cluster", cluster=cluster)
    with Store.open(built.db) as store:
        review.record_verdict(
            store, cluster, verdict="partial", reviewer="bolat", note="2030 vs 2500"
        )
    at.selectbox(key=f"verdict_choice:{cluster}").select("consistent")
    at.button(key="verdict_save").click().run()
    assert not at.exception
    assert "bolat" in at.error[0].value and "reload" not in at.error[0].value
    assert "partial" in at.info[-1].value and "2030 vs 2500" in at.info[-1].value
    assert "reload" not in at.info[-1].value.casefold()
    with Store.open(built.db) as store:
        assert store.cluster(cluster).verdict == "partial"
    # having now seen their change, saving again deliberately replaces it
    at.button(key="verdict_save").click().run()
    assert not at.exception and "saved" in at.success[0].value
    with Store.open(built.db) as store:
        assert store.cluster(cluster).verdict == "consistent"


def test_cluster_split_and_unknown_id(built: Built) -> None:
    at = _open("cluster", cluster=built.clusters["troops"])
    split = at.multiselect(key="split_claims")
    split.select(built.claims["en_troops"]).run()
    at.button(key="split").click().run()
    with Store.open(built.db) as store:
        assert len(store.clusters()) == 3  # nothing happens before the confirmation
    at.button(key="confirm_split").click().run()
    assert not at.exception and "Split" in at.success[0].value
    with Store.open(built.db) as store:
        assert len(store.clusters()) == 4
    gone = _open("cluster", cluster="Cnope")
    assert not gone.exception and "Cnope" in gone.error[0].value


def test_articles_page(built: Built) -> None:
    article = built.articles["evil.example"]
    at = _open("articles", article=article, claim=built.claims["en_troops"])
    assert at.selectbox(key="article_pick").value == article
    body = str(at.get("html")[0].value)
    assert all(raw in _visible(body) for raw in HOSTILE)
    assert "outline" in body  # the anchored claim is emphasised
    assert "Anchored claim [2]" in at.info[0].value
    links = at.get("page_link")
    assert len(links) == 2
    _assert_inert(at)
    title = next(m.value for m in at.markdown if "CSTO" in m.value)
    assert "<b>" not in title and "](http" not in title


def test_claims_page_filter_and_download(built: Built) -> None:
    at = _open("claims")
    assert len(at.dataframe[0].value) == 7
    at.text_input(key="claims_query").input("2030").run()
    assert len(at.dataframe[0].value) == 2
    assert at.get("download_button")


def test_audit_page_verifies(built: Built) -> None:
    at = _open("audit")
    lines = list(at.dataframe[0].value["event"])
    assert any("added an article from kazinform.kz (3 claims)" in x for x in lines), lines
    assert any("re-clustered" in x for x in lines)
    assert not any("{" in x for x in lines)  # sentences, not raw payloads
    at.multiselect(key="audit_kinds").select("article_added").run()
    assert len(at.dataframe[0].value) == 3
    at.button(key="audit_verify").click().run()
    assert not at.exception and "Chain intact" in at.success[0].value


def test_sources_paste_and_offline_url(built: Built) -> None:
    at = _open("sources")
    at.text_input(key="paste_title").input("Жаңа мақала")
    at.text_input(key="paste_source").input("egemen.kz")
    at.text_area(key="paste_text").input(
        "Премьер-министр 2025 жылы жалақы 15 пайызға өсті деп мәлімдеді. "
        "Бұл шешімді үкімет қабылдады."
    )
    at.button(key="add_text").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Added 1 article" in at.success[0].value, [e.value for e in at.error]
    with Store.open(built.db) as store:
        assert store.counts()["articles"] == 4
    at.text_input(key="url_value").input("http://127.0.0.1:9/article")
    at.button(key="fetch_add").click().run()
    assert not at.exception
    assert "could not fetch" in at.error[0].value


def test_login_roles_and_four_eyes(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewers = tmp_path / "reviewers.yaml"
    monkeypatch.setenv(auth.ENV_REVIEWERS, str(reviewers))  # a server store has no folder
    auth.add_reviewer(reviewers, name="aigerim", password="reviewer-pass")
    auth.add_reviewer(reviewers, name="erlan", password="editor-pass", role="editor")
    at = AppTest.from_file(str(app_path()), default_timeout=TIMEOUT).run()
    at.text_input(key="login_name").input("aigerim")
    at.text_input(key="login_password").input("wrong")
    at.button(key="FormSubmitter:login-Log in").click().run()
    assert "wrong password" in at.error[0].value
    at.text_input(key="login_password").input("reviewer-pass")
    at.button(key="FormSubmitter:login-Log in").click().run()
    assert not at.exception and "aigerim" in at.sidebar.success[0].value
    at.query_params["cluster"] = built.clusters["shots"]
    at.switch_page("screens/cluster.py").run()
    assert "Only editors sign off" in _texts(at)
    assert at.button(key="signoff").disabled
    at.selectbox(key=f"verdict_choice:{built.clusters['shots']}").select("consistent")
    at.button(key="verdict_save").click().run()
    with Store.open(built.db) as store:
        assert store.cluster(built.clusters["shots"]).reviewer == "aigerim"
    at.sidebar.button(key="logout").click().run()
    at.text_input(key="login_name").input("erlan")
    at.text_input(key="login_password").input("editor-pass")
    at.button(key="FormSubmitter:login-Log in").click().run()
    at.switch_page("screens/cluster.py").run()
    at.button(key="signoff").click().run()
    assert not at.exception and "Signed off" in at.success[0].value
    with Store.open(built.db) as store:
        assert store.cluster(built.clusters["shots"]).signed_off_by == "erlan"


def test_sources_threshold_preview_then_recluster(built: Built) -> None:
    with Store.open(built.db) as store:
        review.record_verdict(store, built.clusters["weather"], verdict="unclear", reviewer="a")
        before = sorted(s.cluster_id for s in store.clusters())
    at = _open("sources")
    at.slider(key="threshold").set_value(0.95).run()
    at.button(key="preview").click().run()
    assert not at.exception, [e.value for e in at.exception]
    preview = at.info[0].value
    assert "At 0.95:" in preview and "would need re-review" in preview
    with Store.open(built.db) as store:
        assert sorted(s.cluster_id for s in store.clusters()) == before  # nothing applied
    at.button(key="apply").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "clusters" in at.success[0].value and "from 7 claims" in at.success[0].value
    with Store.open(built.db) as store:
        assert store.counts()["clusters"] >= 3


def test_command_is_headless_on_localhost_and_passes_the_db() -> None:
    from workbench.dashboard import command
    from workbench.dashboard.ui import resolve_db

    cmd = command("/data/x.db", port=8600)
    assert cmd[1:4] == ["-m", "streamlit", "run"] and cmd[4] == str(app_path())
    flags = dict(zip(cmd[5:-3:2], cmd[6:-3:2], strict=True))
    assert flags["--server.headless"] == "true"
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8600"
    assert cmd[-3:] == ["--", "--db", "/data/x.db"]
    assert resolve_db(["--db", "/data/x.db"]) == "/data/x.db"


def test_db_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from workbench.dashboard.ui import resolve_db

    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "env.db"))
    assert resolve_db(["-q", "--durations=5"]) == str(tmp_path / "env.db")
