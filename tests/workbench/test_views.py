"""Read models behind the dashboard pages."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.model import text_hash
from tests.workbench.dashboard_store import HOSTILE, Built, build_store
from workbench import review, views
from workbench.errors import InvalidInputError
from workbench.store import Store


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build_store(tmp_path / "wb.db")


def _load(built: Built) -> tuple[Store, views.Corpus]:
    store = Store.open(built.db)
    return store, views.load_corpus(store)


def test_queue_orders_by_attention_and_filters(built: Built) -> None:
    store, corpus = _load(built)
    with store:
        review.record_verdict(store, built.clusters["shots"], verdict="contradictory", reviewer="a")
        states = store.clusters()
        rows = views.review_queue(corpus, states)
    order = [r.cluster_id for r in rows]
    # unreviewed cross-source with a difference, then unreviewed single source, then reviewed
    assert order == [built.clusters["troops"], built.clusters["weather"], built.clusters["shots"]]
    assert rows[0].differences == ("number",) and rows[1].differences == ()
    assert [r.status for r in rows] == ["unreviewed", "unreviewed", "reviewed"]
    only = views.filter_queue(rows, kinds=["negation"])
    assert [r.cluster_id for r in only] == [built.clusters["shots"]]
    texts = views.search_texts(corpus, states)
    found = views.filter_queue(rows, query="БІРДЕ-БІР оқ", texts=texts)
    assert [r.cluster_id for r in found] == [built.clusters["shots"]]
    assert views.filter_queue(rows, languages=["ru"], statuses=["unreviewed"]) == rows[:1]
    assert views.filter_queue(rows, sources=["nowhere"]) == []
    assert views.queue_options(rows)["statuses"] == ["unreviewed", "reviewed"]


def test_overview_counts(built: Built) -> None:
    store, corpus = _load(built)
    with store:
        states = store.clusters()
    sources = views.sources_frame(corpus, states).set_index("source")
    assert sources.loc["kazinform.kz", "claims"] == 3
    assert sources.loc["kazinform.kz", "shared with other sources"] == 2
    assert sources.loc["kazinform.kz", "only this source"] == 1
    assert sources.loc["tengrinews.kz", "only this source"] == 0
    coverage = views.coverage_frame(corpus, states)
    assert coverage.loc["kazinform.kz", "tengrinews.kz"] == 2
    assert coverage.loc["kazinform.kz", "kazinform.kz"] == 1
    progress = views.progress_counts(states)
    assert progress.loc["unreviewed", "cross-source"] == 2
    assert progress.loc["unreviewed", "single source"] == 1
    assert views.hint_counts(states)["clusters"].to_dict() == {
        "negation": 1,
        "number": 1,
        "singleton": 1,
    }


def test_cluster_view_highlights_hint_values_escaped(built: Built) -> None:
    store, corpus = _load(built)
    with store:
        view = views.cluster_view(store, corpus, built.clusters["troops"])
    assert [c.source for c in view.columns] == ["evil.example", "kazinform.kz", "tengrinews.kz"]
    cards = {c.source: c.cards[0] for c in view.columns}
    assert re.search(
        r'<span style="[^"]*font-weight:600[^"]*"[^>]*>2500</span>', cards["tengrinews.kz"].html
    )
    evil = cards["evil.example"].html
    assert "<script" not in evil and "<img" not in evil
    assert html.escape(HOSTILE[2]) in evil or "[click](http://evil)" in evil
    assert view.similarity.shape == (3, 3)
    assert np.allclose(np.diag(view.similarity.to_numpy()), 1.0)
    assert view.hint_table.iloc[0]["kind"] == "number"


def test_similarity_uses_cached_embeddings(built: Built) -> None:
    store, corpus = _load(built)
    with store:
        members = [corpus.claims[c] for c in store.cluster(built.clusters["troops"]).claim_ids]
        vectors = {
            text_hash(members[0].text): np.array([1.0, 0.0], dtype=np.float32),
            text_hash(members[1].text): np.array([0.0, 1.0], dtype=np.float32),
            text_hash(members[2].text): np.array([0.6, 0.8], dtype=np.float32),
        }
        store.put_embeddings("test-model", vectors)
        frame = views.similarity_frame(store, members, corpus=corpus, model_ids=["test-model"])
    assert frame.to_numpy()[0, 1] == pytest.approx(0.0)
    assert frame.to_numpy()[0, 2] == pytest.approx(0.6)
    assert len(views.similarity_long(frame)) == 9


def test_article_view_marks_exact_spans(built: Built) -> None:
    store, corpus = _load(built)
    with store:
        states = store.clusters()
    article_id = built.articles["evil.example"]
    view = views.article_view(corpus, states, article_id, focus=built.claims["en_troops"])
    assert view.focus == built.claims["en_troops"]
    assert [c[0] for c in view.claims] == ["[1]", "[2]"]
    assert {c[2] for c in view.claims} == {built.clusters["shots"], built.clusters["troops"]}
    assert "<script" not in view.html and "<img" not in view.html
    assert f'<a id="{built.claims["en_shot"]}"></a>' in view.html
    with pytest.raises(InvalidInputError):
        views.article_view(corpus, states, "Anope")


@given(
    text=st.text(alphabet="ab<>&\"'\n [](){}*_", max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5),
)
def test_highlight_html_keeps_text_and_escapes(text: str, spans: list[tuple[int, int]]) -> None:
    marks = [views.Mark(min(a, b), max(a, b), "number") for a, b in spans]
    out = views.highlight_html(text, marks)
    visible = html.unescape(re.sub(r"<[^>]+>", "", out.replace("<br>", "\n")))
    assert visible == text
    assert "<" not in re.sub(r"<(/?span|br)[^>]*>", "", out)


def test_escape_markdown_neutralises_links_and_html() -> None:
    out = views.escape_markdown(f"{HOSTILE[2]} {HOSTILE[0]} **bold**")
    # every Markdown/HTML special is backslash-escaped, so nothing becomes a link or tag
    assert re.search(r"(?<!\\)[<>\[\]()*]", out) is None
    assert out.replace("\\", "") == f"{HOSTILE[2]} {HOSTILE[0]} **bold**"


def test_claims_frame_filter_and_csv_neutralised(built: Built) -> None:
    store, corpus = _load(built)
    with store:
        frame = views.claims_frame(corpus, store.clusters())
    assert len(frame) == 7
    assert set(views.filter_claims(frame, query="2030")["source"]) == {
        "kazinform.kz",
        "evil.example",
    }
    evil = frame[frame["source"] == "evil.example"].copy()
    evil.loc[evil.index[0], "speaker"] = '=HYPERLINK("http://evil")'
    rows = list(csv.DictReader(io.StringIO(views.claims_csv(evil).decode("utf-8-sig"))))
    assert len(rows) == 2
    assert not rows[0]["speaker"].startswith("=")
    assert rows[1]["text"] == evil.iloc[1]["text"]


def test_audit_frame_newest_first(built: Built) -> None:
    from workbench import audit

    with Store.open(built.db) as store:
        frame = views.audit_frame(audit.events(store))
    assert list(frame["seq"]) == sorted(frame["seq"], reverse=True)
    assert "article_added" in set(frame["kind"])


def test_fetch_url_gives_a_clear_message_offline() -> None:
    with pytest.raises(InvalidInputError, match="could not fetch"):
        views.fetch_url("http://127.0.0.1:9/nothing", timeout=1.0)
    with pytest.raises(InvalidInputError, match="not an http"):
        views.fetch_url("file:///etc/passwd")
