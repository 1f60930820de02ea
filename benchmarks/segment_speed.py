"""Segmentation throughput on one core: ingest, our splitter, claims, pysbd, sentencex.

The corpus is Kazakh: every NTREX dev document (kk side, CC BY-SA 4.0) plus the
two seed articles, repeated until it reaches ``--mb`` megabytes (UTF-8).  Each
system runs over the same documents in the same process; the best of
``--repeat`` runs is reported in MB/s, with the ratio to pysbd.  Run::

    .venv/bin/python benchmarks/segment_speed.py [--mb 3] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.ingest import parse_document  # noqa: E402
from claims.segment import extract_claims, split_sentences  # noqa: E402

NTREX = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")


def _corpus(megabytes: float) -> list[str]:
    data = json.loads(NTREX.read_text(encoding="utf-8"))
    base = [
        seg[0]["kaz"] + "\n" + " ".join(s["kaz"] for s in seg[1:])
        for seg in (doc["segments"] for doc in data["documents"])
    ]
    base += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("0*.txt"))]
    docs: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for doc in base:
            docs.append(doc)
            size += len(doc.encode("utf-8"))
    return docs


def _time(run: Callable[[list[str]], object], docs: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(docs)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Print MB/s per system and the ratio to pysbd."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = _corpus(args.mb)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6

    import pysbd
    import sentencex

    segmenter = pysbd.Segmenter(language="kk", clean=False)
    systems: dict[str, Callable[[list[str]], object]] = {
        "ingest (parse_document)": lambda ds: [
            parse_document(d.encode("utf-8"), name=f"{i}.txt") for i, d in enumerate(ds)
        ],
        "split_sentences": lambda ds: [split_sentences(d) for d in ds],
        "ingest + split_sentences": lambda ds: [
            split_sentences(parse_document(d.encode("utf-8"), name=f"{i}.txt").text)
            for i, d in enumerate(ds)
        ],
        "extract_claims": lambda ds: [extract_claims(d, article_id="A") for d in ds],
        "ingest + extract_claims": lambda ds: [
            extract_claims(parse_document(d.encode("utf-8"), name=f"{i}.txt").text, article_id="A")
            for i, d in enumerate(ds)
        ],
        "pysbd kk": lambda ds: [segmenter.segment(d) for d in ds],
        "sentencex kk": lambda ds: [list(sentencex.segment("kk", d)) for d in ds],
    }
    print(f"corpus: {len(docs)} Kazakh documents, {megabytes:.2f} MB UTF-8, best of {args.repeat}")
    print(f"{'system':<26} {'seconds':>8} {'MB/s':>8} {'x pysbd':>8}")
    rates: dict[str, float] = {}
    for name, run in systems.items():
        seconds = _time(run, docs, args.repeat if "pysbd" not in name else 1)
        rates[name] = megabytes / seconds
        print(f"{name:<26} {seconds:8.2f} {rates[name]:8.2f}", end="")
        print(f" {rates[name] / rates['pysbd kk']:8.1f}" if "pysbd kk" in rates else "")
    print("ratios to pysbd (goal: >= 2 MB/s and >= 1.0x):")
    for name, rate in rates.items():
        print(f"  {name:<24} {rate / rates['pysbd kk']:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
