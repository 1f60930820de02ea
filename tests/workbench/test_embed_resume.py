"""An embedding run killed with SIGKILL resumes without re-embedding what it cached."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import time
from collections.abc import Sequence
from multiprocessing.synchronize import Event

import numpy as np
import pytest

from claims.embed import Kind, embed_texts
from workbench.store import Store

CTX = multiprocessing.get_context("spawn")
TEXTS = [f"Мәлімдеме {i}: бюджет {i * 7} млрд теңге." for i in range(60)]
BATCH = 6
pytestmark = pytest.mark.timeout(120)


class SlowFakeEncoder:
    """Deterministic vectors from the text's hash; sleeps per batch; counts what it encodes."""

    model_id = "fake:slow"
    dim = 8

    def __init__(self, *, delay: float = 0.0, after: int = 0, reached: Event | None = None):
        self.delay, self.after, self.reached = delay, after, reached
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        self.encoded.extend(texts)
        if self.reached is not None and len(self.encoded) > self.after:
            self.reached.set()
        time.sleep(self.delay)
        digests = [hashlib.sha256(t.encode()).digest()[: self.dim] for t in texts]
        out = np.stack([np.frombuffer(d, dtype=np.uint8).astype(np.float32) + 1 for d in digests])
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def _doomed(url: str, reached: Event) -> None:
    with Store.open(url) as store:
        embed_texts(
            TEXTS,
            SlowFakeEncoder(delay=0.3, after=3 * BATCH, reached=reached),
            cache=store,
            batch_size=BATCH,
        )


def test_killed_embedding_run_resumes(store_url: str) -> None:
    Store.open(store_url).close()
    reached = CTX.Event()
    proc = CTX.Process(target=_doomed, args=(store_url, reached))
    proc.start()
    assert reached.wait(timeout=60)
    time.sleep(0.5)
    assert proc.pid is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(timeout=30)
    assert proc.exitcode == -signal.SIGKILL
    with Store.open(store_url) as store:
        resumed = SlowFakeEncoder()
        vectors = embed_texts(TEXTS, resumed, cache=store, batch_size=BATCH)
        already = len(TEXTS) - len(resumed.encoded)
        assert 3 * BATCH <= already < len(TEXTS)  # the batches finished before the kill
        assert set(resumed.encoded).isdisjoint(TEXTS[:already])
        np.testing.assert_allclose(vectors, SlowFakeEncoder().encode(TEXTS), rtol=1e-6)
        again = SlowFakeEncoder()
        embed_texts(TEXTS, again, cache=store, batch_size=BATCH)
        assert again.encoded == []
