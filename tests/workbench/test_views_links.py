"""Read models for links: alignment rows, the date badge, queue reasons and order."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from claims.model import Article, Link
from tests.workbench.dashboard_store import HOSTILE, Built, build_store
from workbench import views, views_links
from workbench.store import Store
from workbench.store_links import LinkSummary
from workbench.store_states import ClusterState


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build_store(tmp_path / "wb.db")


def _visible(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def _article(source: str, day: date | None) -> Article:
    return Article("A" + source, source, "t", "x", "kk", "h", day)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (
            (date(2022, 1, 10), date(2024, 1, 19)),
            "sources 2 years apart (2022-01-10 to 2024-01-19)",
        ),
        ((date(2024, 1, 1), date(2024, 1, 4)), "sources 3 days apart"),
        ((date(2024, 1, 1), date(2024, 2, 5)), "sources 5 weeks apart"),
        ((date(2023, 1, 1), date(2024, 7, 1)), "sources 18 months apart"),
        ((date(2024, 1, 1), date(2024, 1, 1)), "sources published the same day (2024-01-01)"),
    ],
)
def test_date_badge_says_how_far_apart_the_sources_are(
    days: tuple[date, date], expected: str
) -> None:
    badge = views_links.date_badge([_article("a", days[0]), _article("b", days[1])])
    assert badge.startswith(expected)


def test_date_badge_needs_two_dated_sources_and_names_the_undated() -> None:
    assert views_links.date_badge([_article("a", date(2024, 1, 1))]) == ""
    two = [_article("a", date(2024, 1, 1)), _article("b", date(2025, 1, 1)), _article("c", None)]
    assert views_links.date_badge(two).endswith("· undated: c")


def _link(a: str, b: str, relation: str, score: float) -> Link:
    x, y = sorted((a, b))
    return Link("C", x, y, relation, score)  # type: ignore[arg-type]


def test_rows_group_linked_claims_and_a_claim_with_four_counterparts() -> None:
    # A says one thing (a1) that B splits into four (b1..b4); a2 is alone; b5 relates to a2.
    source = {"a1": "A", "a2": "A", **{f"b{i}": "B" for i in range(1, 6)}}
    links = [_link("a1", f"b{i}", "same", 0.9) for i in range(1, 5)]
    links.append(_link("a2", "b5", "related", 0.82))
    order = ["a1", "a2", "b1", "b2", "b3", "b4", "b5"]
    assert views_links.row_groups(order, source, links) == [
        ["a1", "b1", "b2", "b3", "b4"],
        ["a2", "b5"],
    ]


def test_rows_cap_claims_per_source_and_prefer_conflicts() -> None:
    source = {"a": "A", **{f"b{i}": "B" for i in range(6)}}
    links = [_link("a", f"b{i}", "related", 0.81 + i / 100) for i in range(6)]
    links.append(_link("a", "b0", "conflict", 0.9))
    rows = views_links.row_groups(["a", *(f"b{i}" for i in range(6))], source, links)
    first = rows[0]
    assert first[0] == "a" and "b0" in first  # the conflict joined first
    assert sum(1 for c in first if source[c] == "B") == views_links.MAX_PER_SOURCE
    assert sorted(c for r in rows for c in r) == sorted(source)


def test_alignment_view_columns_relations_and_escaping(built: Built) -> None:
    with Store.open(built.db) as store:
        corpus = views.load_corpus(store)
        view = views_links.alignment_view(store, corpus, built.clusters["shots"])
    assert view.sources == ("kazinform.kz", "tengrinews.kz", "evil.example")  # by date
    assert view.relation_counts == {"conflict": 1, "same": 1, "related": 1}
    assert view.rows == 1 and {c.row for c in view.claims} == {1}
    assert all(c.links == 2 for c in view.claims)
    body = view.table_html
    assert "<script" not in body and "<img" not in body and "<a href" not in body
    assert HOSTILE[0] in _visible(body) and HOSTILE[1] in _visible(body)
    for relation in ("conflict 0.89", "same 0.94", "related 0.84"):
        assert relation in body
    assert "negation: жоқ vs fired many shots" in _visible(body)
    assert "linked to 2 claims" in body
    assert view.badge == "sources 2 days apart (2024-01-05 to 2024-01-07)"
    for word in ("number", "negation", "entity", "time", "cause", "same", "related", "conflict"):
        assert word in view.legend_html


def test_alignment_of_an_unlinked_single_source_cluster(built: Built) -> None:
    with Store.open(built.db) as store:
        corpus = views.load_corpus(store)
        view = views_links.alignment_view(store, corpus, built.clusters["weather"])
    assert view.sources == ("kazinform.kz",) and view.rows == 1 and view.badge == ""
    assert "unlinked" in view.table_html


def test_queue_conflicts_first_then_multi_source_then_the_rest(built: Built) -> None:
    with Store.open(built.db) as store:
        corpus = views.load_corpus(store)
        rows = views.review_queue(corpus, store.clusters())
        ordered = views_links.attention_order(rows, store.link_summaries())
    reasons = [(r.cluster_id, r.reason) for r in ordered]
    assert reasons == [
        (built.clusters["troops"], "2 conflicts: number"),
        (built.clusters["shots"], "1 conflict: negation"),
        (built.clusters["weather"], "only in kazinform.kz"),
    ]
    frame = views.queue_frame(ordered)
    assert list(frame["why"]) == [r for _, r in reasons]
    assert "2 conflicts: number" in ordered[0].label


def _row(
    cid: str,
    *,
    status: str = "unreviewed",
    sources: tuple[str, ...] = ("a", "b"),
    differences: tuple[str, ...] = (),
) -> views.QueueRow:
    return views.QueueRow(
        cluster_id=cid,
        status=status,
        cross_source=len(sources) > 1,
        differences=differences,
        hint_kinds=differences,
        sources=sources,
        languages=("kk",),
        size=len(sources),
        verdict=None,
        reviewer=None,
        signed_off_by=None,
        version=0,
        preview="",
    )


def test_queue_order_and_reasons_without_the_store() -> None:
    rows = [
        _row("C1", sources=("a",)),
        _row("C2", sources=("a", "b", "c")),
        _row("C3"),
        _row("C4", status="signed off"),
        _row("C5"),
        _row("C6", differences=("number",)),
    ]
    summaries = {
        "C3": LinkSummary("C3", conflict=1, conflict_kinds=(("number", 1),)),
        "C4": LinkSummary("C4", conflict=3),
        "C6": LinkSummary("C6", related=2),
        "C5": LinkSummary(
            "C5", same=2, conflict=2, conflict_kinds=(("negation", 2), ("number", 1))
        ),
    }
    ordered = views_links.attention_order(rows, summaries)
    assert [(r.cluster_id, r.reason) for r in ordered] == [
        ("C5", "2 conflicts: negation, number"),
        ("C3", "1 conflict: number"),
        ("C6", "2 sources; hints on related links: number"),
        ("C2", "3 sources"),
        ("C1", "only in a"),
        ("C4", "3 conflicts"),  # signed off: done work sinks, whatever it holds
    ]


def test_a_cause_hint_is_a_difference_the_queue_gives_as_its_reason() -> None:
    state = ClusterState(
        "C1", (), (), ("a", "b"), ("kk",), ("cause", "singleton"), None, "", None, 0, None, None,
        False, False,
    )  # fmt: skip
    (row,) = views.review_queue(views.Corpus({}, {}), [state])
    assert row.differences == ("cause",)
    summary = LinkSummary("C1", conflict=1, conflict_kinds=(("cause", 1),))
    (ordered,) = views_links.attention_order([row], {"C1": summary})
    assert ordered.reason == "1 conflict: cause"


def test_a_hint_value_outside_the_claim_is_highlighted_in_its_sentence() -> None:
    # the speaker hint's value is the attribution segmentation cut off the claim
    from claims.model import Article, Claim, Hint
    from workbench.views_links import _claim_html

    sentence = "«Өрт ошағын инспекторлар бірден байқады», – деді директор Бекзат Қуанышев."
    article = Article("A", "src", "t", sentence, "kk", "A", None)
    quoted = "Өрт ошағын инспекторлар бірден байқады"
    start = sentence.index(quoted)
    claim = Claim("c1", "A", quoted, start, start + len(quoted), 0, len(sentence))
    hint = Hint("entity", "different speakers", ("c1", "c2"),
                (("c1", "Бекзат Қуанышев"), ("c2", "Ерлана Нуркенова")))  # fmt: skip
    body = _claim_html(claim, article, [hint])
    marked = re.findall(r"<span[^>]*>([^<]*)</span>", body)
    assert "Бекзат Қуанышев" in marked  # its own span: highlighted, not only in the sentence
    assert _claim_html(claim, article, []).count("Бекзат Қуанышев") == 1
