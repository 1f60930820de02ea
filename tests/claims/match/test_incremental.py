"""claims.match.incremental: new claims re-cluster only the neighbourhood they reach."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims.match import incremental
from claims.match.candidates import Candidates, as_unit_rows
from claims.match.clusters import review_labels
from claims.match.graph import build_graph
from claims.match.incremental import nearest_rows, recluster
from claims.match.score import PairScores
from claims.model import Claim
from tests.claims.match.test_clusters import _claim, planted


def _partition(labels: np.ndarray) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for row, label in enumerate(labels.tolist()):
        groups.setdefault(label, set()).add(row)
    return {frozenset(g) for g in groups.values()}


def _full(claims: list[Claim], vectors: np.ndarray) -> np.ndarray:
    return review_labels(build_graph(claims, vectors), threshold=0.8)


def _desk(seed: int) -> tuple[list[Claim], np.ndarray, int]:
    """A monitoring desk: 15 stories, each told by 4 articles of 25 claims (one claim per
    event per article), stored; then 3 new articles: two follow stories 3 and 7, one tells
    a new story.  Texts share no words (the lexical score stays out of it)."""
    rng = np.random.default_rng(seed)
    stories = [g for g in range(15) for _ in range(4)] + [3, 7, 11]
    events = np.concatenate([np.arange(g * 25, g * 25 + 25) for g in stories])
    centres = rng.standard_normal((16 * 25, 384)).astype(np.float32)
    vectors = centres[events] + 0.35 * rng.standard_normal((len(events), 384)).astype(np.float32)
    claims = [_claim(f"A{i // 25}", i % 25, text=f"r{i}q") for i in range(len(events))]
    return claims, as_unit_rows(vectors), 1500


@settings(max_examples=4, deadline=None, derandomize=True)
@given(st.integers(0, 10_000))
@example(167)  # a context claim drew a false edge in the part (4 clusters differed)
@example(47)  # two followed stories' events meet in the part: 2 clusters differ
@example(71)  # the full run itself moves 3 clusters no new claim reaches
def test_incremental_matches_a_full_run_on_a_desk_of_stories(seed: int) -> None:
    # Measured over seeds 0-79, 167 and 508 (benchmarks/incremental_cluster.py --claims
    # --store-claims 0 --desk-seeds 80): 80 equal a full run exactly.  Seed 47: a part
    # holds the followed stories' articles but not the rest of the corpus, so two claims'
    # candidate lists (and ranks) differ from the corpus's and two events of stories 3
    # and 7 meet.  Seed 71: the three clusters that differ are outside the part, kept from
    # the previous full run, which the full run over the grown corpus decides otherwise.
    # Deterministic (derandomize); the examples are the seeds that ever differed.
    claims, vectors, old = _desk(seed)
    before = _full(claims[:old], vectors[:old])
    previous = np.concatenate([before, np.full(len(claims) - old, -1)])
    step = recluster(claims, vectors, previous, np.arange(len(claims)) >= old)
    full = _partition(_full(claims, vectors))
    assert len(_partition(step.labels) - full) <= 3
    # the two followed stories' 50 clusters were re-clustered, not most of the 375
    assert 50 <= len(step.replaced) < 100


def test_incremental_equals_a_full_run_on_a_desk_of_stories() -> None:
    claims, vectors, old = _desk(0)
    before = _full(claims[:old], vectors[:old])
    previous = np.concatenate([before, np.full(len(claims) - old, -1)])
    step = recluster(claims, vectors, previous, np.arange(len(claims)) >= old)
    assert _partition(step.labels) == _partition(_full(claims, vectors))


def test_untouched_rows_keep_their_labels_and_new_rows_are_reclustered() -> None:
    claims, vectors, old = _desk(7)
    before = _full(claims[:old], vectors[:old])
    previous = np.concatenate([before, np.full(len(claims) - old, -1)])
    new = np.arange(len(claims)) >= old
    step = recluster(claims, vectors, previous, new)
    untouched = np.setdiff1d(np.arange(len(claims)), step.rows)
    assert np.array_equal(step.labels[untouched], previous[untouched])
    assert set(np.flatnonzero(new)) <= set(step.rows.tolist())
    assert set(step.replaced.tolist()) == set(previous[step.rows[step.rows < old]].tolist())
    assert step.labels[step.rows].min() > before.max()
    # a replaced cluster is replaced whole: none of its claims stays behind
    assert not np.isin(previous[untouched], step.replaced).any()
    assert 0 < len(step.replaced) < len(set(before.tolist())) // 4


def test_no_new_rows_changes_nothing() -> None:
    claims, vectors, _ = planted(300, 16, seed=2)
    previous = _full(claims, vectors)
    step = recluster(claims, vectors, previous, np.zeros(300, dtype=bool))
    assert np.array_equal(step.labels, previous) and len(step.rows) == 0


def test_mismatched_lengths_are_refused() -> None:
    claims, vectors, _ = planted(40, 16, seed=2)
    with pytest.raises(ValueError, match="labels"):
        recluster(claims, vectors, np.zeros(39, dtype=np.int64), np.zeros(40, dtype=bool))


def test_nearest_rows_are_the_exact_neighbours() -> None:
    _, vectors, _ = planted(3000, 32, seed=4)
    queries = np.array([0, 17, 2999, 1234])
    found = nearest_rows(vectors, queries, k=10)
    scores = vectors[queries] @ vectors.T
    scores[np.arange(4), queries] = -np.inf
    expected = np.argsort(-scores, axis=1, kind="stable")[:, :10]
    assert np.array_equal(found, expected)
    assert nearest_rows(vectors[:1], np.array([0]), k=5).shape == (1, 0)


@pytest.mark.parametrize("cells", [1 << 24, 1 << 10])
def test_nearest_rows_of_every_row_in_one_product_or_in_blocks(
    cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1 << 24: all 700 rows in one product (the view of the whole matrix); 1 << 10:
    # blocks of 256 queries; both are the exact neighbours, the query itself excluded
    monkeypatch.setattr(incremental, "_BLOCK_CELLS", cells)
    _, vectors, _ = planted(700, 32, seed=5)
    scores = vectors @ vectors.T
    np.fill_diagonal(scores, -np.inf)
    expected = np.argsort(-scores, axis=1, kind="stable")[:, :6]
    assert np.array_equal(nearest_rows(vectors, np.arange(700), k=6), expected)
    reverse = np.arange(700)[::-1].copy()
    assert np.array_equal(nearest_rows(vectors, reverse, k=6), expected[reverse])


def test_nearest_rows_of_raw_vectors_with_their_norms() -> None:
    # rows of any length (one zero row) with their norms: the unit rows' neighbours
    _, vectors, _ = planted(500, 32, seed=6)
    lengths = np.random.default_rng(6).uniform(0.2, 5.0, 500).astype(np.float32)
    raw = vectors * lengths[:, None]
    raw[42] = 0.0
    norms = np.linalg.norm(raw, axis=1)
    norms[norms == 0.0] = 1.0
    unit = as_unit_rows(raw)
    queries = np.array([0, 42, 499, 250])
    expected = nearest_rows(unit, queries, k=7)
    assert np.array_equal(nearest_rows(raw, queries, k=7, norms=norms), expected)


class _TableScorer:
    """Scores pairs of claims by their texts from a table (rank 0 from 0.8 up, else 2);
    pairs not in the table score 0 (rank 9).  A scored pair shares words (lexical 1); the
    other evidence fields are zero."""

    def __init__(self, table: dict[tuple[str, str], float]) -> None:
        self.table = table | {(b, a): s for (a, b), s in table.items()}

    def __call__(
        self,
        candidates: Candidates,
        *,
        texts: Sequence[str],
        articles: np.ndarray,
        languages: np.ndarray | None = None,
    ) -> PairScores:
        pairs = zip(candidates.rows.tolist(), candidates.cols.tolist(), strict=True)
        score = np.asarray(
            [self.table.get((texts[a], texts[b]), 0.0) for a, b in pairs], dtype=np.float32
        )
        rank = np.where(score >= 0.8, 0, np.where(score > 0, 2, 9))
        zero = np.zeros(len(score), dtype=np.float32)
        shared = (score > 0).astype(np.float32)  # a scored pair shares its words
        return PairScores(score, candidates.cosine, zero, shared, rank, zero, zero)


def _reports(worthiness: dict[str, float]) -> list[Claim]:
    """Articles A, B (10 claims each, in reading order) and C, D (unrelated, 10 each)."""
    claims = [_claim(a, i, text=f"{a}{i}") for a in "ABCD" for i in range(10)]
    return [replace(c, score=worthiness.get(c.text, c.score)) for c in claims]


def _incremental_and_full(
    claims: list[Claim], table: dict[tuple[str, str], float], new: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # vectors agree with the table: a scored pair shares a direction (nearest rows)
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((len(claims), 32))
    at = {c.text: i for i, c in enumerate(claims)}
    for a, b in table:
        shared = 2.0 * rng.standard_normal(32)
        vectors[at[a]] += shared
        vectors[at[b]] += shared
    vectors = as_unit_rows(vectors.astype(np.float32))
    scorer = _TableScorer(table)
    old = np.flatnonzero(~new)

    def full(rows: np.ndarray) -> np.ndarray:
        picked = [claims[i] for i in rows.tolist()]
        graph = build_graph(picked, vectors[rows], scorer=scorer)
        return review_labels(graph, threshold=0.8)

    previous = np.full(len(claims), -1, dtype=np.int64)
    previous[old] = full(old)
    step = recluster(claims, vectors, previous, new, scorer=scorer)
    return step.labels, full(np.arange(len(claims))), previous


def test_a_passage_pair_reaches_an_old_cluster_as_in_a_full_run() -> None:
    # A (stored) and B (new) report one event: sure pairs A2-B5, A3-B1, A7-B8; A3 sits
    # beside A2, whose partner B5 is far from B1: A3-B5 is a passage pair.  A3's own sure
    # partner B1 is barely check-worthy (0.15 < 0.2, score < 0.95): no edge, so only the
    # passage pair reaches A3's stored cluster.
    table = {("A2", "B5"): 0.9, ("A3", "B1"): 0.9, ("A7", "B8"): 0.9, ("A3", "B5"): 0.5}
    claims = _reports({"B1": 0.15})
    new = np.asarray([c.article_id == "B" for c in claims])
    labels, full, previous = _incremental_and_full(claims, table, new)
    at = {c.text: i for i, c in enumerate(claims)}
    assert previous[at["A3"]] != previous[at["A2"]]
    assert full[at["A3"]] == full[at["B5"]] == full[at["A2"]] != full[at["B1"]]
    assert _partition(labels) == _partition(full)


def test_a_barely_check_worthy_new_claim_joins_as_in_a_full_run() -> None:
    # new B4 (rated 0.15) joins stored A4 on a sure mutual best (0.97 >= 0.95); new B6
    # (0.15) does not join A6 at 0.9, while new B7 (0.5) joins A7 at 0.85
    table = {("A4", "B4"): 0.97, ("A6", "B6"): 0.9, ("A7", "B7"): 0.85}
    claims = _reports({"B4": 0.15, "B6": 0.15})
    new = np.asarray([c.article_id == "B" for c in claims])
    labels, full, _ = _incremental_and_full(claims, table, new)
    at = {c.text: i for i, c in enumerate(claims)}
    assert full[at["B4"]] == full[at["A4"]]
    assert full[at["B6"]] != full[at["A6"]] and full[at["B7"]] == full[at["A7"]]
    assert _partition(labels) == _partition(full)
