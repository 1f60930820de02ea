"""Claims taken from an article's headline carry a "headline" badge (cluster view, claims table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from claims.model import Cluster, cluster_id_for
from claims.segment import is_headline_claim
from workbench import auth, pipeline, views, views_links
from workbench.dashboard import app_path, i18n
from workbench.store import Store

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_d584ff334e9af6fb.txt"
HEADLINE = "Шабуыл жасағандардың ішінде Ауғанстаннан келген шетелдік содырлар бар"


@pytest.fixture
def headlined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """A store with one seed article (its headline makes a claim) as one cluster."""
    db = str(tmp_path / "wb.db")
    with Store.open(db) as store:
        pipeline.ingest_paths(store, [SEED])
        ids = sorted(c.claim_id for c in store.claims())
        cluster = Cluster(cluster_id=cluster_id_for(ids), claim_ids=tuple(ids))
        store.replace_clustering([cluster], {}, actor="tests", params={})
    monkeypatch.setenv("WORKBENCH_DB", db)
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    return db, cluster.cluster_id


def test_the_claims_table_marks_exactly_the_engines_headline_claims(
    headlined: tuple[str, str],
) -> None:
    db, _cluster = headlined
    with Store.open(db) as store:
        corpus = views.load_corpus(store)
        frame = views.claims_frame(corpus, store.clusters())
    marked = set(frame.loc[frame["headline"], "text"])
    assert marked == {HEADLINE}
    articles = corpus.articles
    claims = corpus.claims.values()
    engine = {c.text for c in claims if is_headline_claim(c, articles[c.article_id])}
    assert marked == engine and len(frame) > 1  # the body's claims are not marked


def test_the_cluster_view_shows_a_headline_badge_in_the_readers_language(
    headlined: tuple[str, str],
) -> None:
    db, cluster = headlined
    with Store.open(db) as store:
        corpus = views.load_corpus(store)
        english = views_links.alignment_view(store, corpus, cluster)
        kazakh = views_links.alignment_view(store, corpus, cluster, words=i18n.words("kk"))
    flagged = [c for c in english.claims if c.headline]
    assert len(flagged) == 1 and len(english.claims) > 1
    assert english.table_html.count(">headline</span>") == 1
    assert kazakh.table_html.count(">тақырып жолы</span>") == 1
    assert ">headline</span>" not in kazakh.table_html


def test_the_claims_page_has_a_headline_column(headlined: tuple[str, str]) -> None:
    at = AppTest.from_file(str(app_path()), default_timeout=30)
    at.session_state["ui_language"] = "ru"
    at.run()
    at.switch_page("screens/claims.py").run()
    assert not at.exception, [e.value for e in at.exception]
    frame = at.dataframe[0].value
    assert "из заголовка" in frame.columns and frame["из заголовка"].sum() == 1
