"""The store's embedding cache: vectors per model and text hash (float32 blobs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from workbench import integrity
from workbench.store_tx import StoreBase, first

__all__ = ["EmbeddingsMixin", "SCAN_MIN"]

SCAN_MIN = 2_000  # hashes asked for from which a scan of the model's rows may pay
_COUNT = "SELECT COUNT(*) FROM embeddings WHERE model_id = ?"
_SCAN = "SELECT text_hash, dim, vector FROM embeddings WHERE model_id = ?"


class EmbeddingsMixin(StoreBase):
    """The embedding cache (part of :class:`workbench.store.Store`)."""

    def get_embeddings(self, model_id: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors of ``model_id`` for those text hashes that are stored.

        Asked for most of a model's rows (a clustering run asks for every claim's), one
        scan of them is read and filtered: at 10k rows half the time of looking each up
        in chunks of :data:`~workbench.store_tx.chunks` hashes.
        """
        wanted = list(dict.fromkeys(text_hashes))
        with self.snapshot() as tx:
            scan = len(wanted) >= SCAN_MIN and (
                int(first(tx.one(_COUNT, (model_id,)))) <= 2 * len(wanted)
            )
            if scan:
                keep = set(wanted)
                rows = [r for r in tx.all(_SCAN, (model_id,)) if r[0] in keep]
            else:
                rows = tx.all_in(_SCAN + " AND text_hash IN ({ins})", wanted, (model_id,))
        out: dict[str, np.ndarray] = {}
        for text_hash, dim, blob in rows:
            vector = np.frombuffer(blob, dtype=np.float32)
            if vector.shape[0] == int(dim):
                out[str(text_hash)] = vector.copy()
        return out

    def put_embeddings(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Cache vectors (float32) of ``model_id``; existing entries are kept."""
        if not vectors:
            return
        rows = []
        for text_hash, vector in vectors.items():
            flat = np.ascontiguousarray(vector, dtype=np.float32).reshape(-1)
            rows.append((model_id, text_hash, int(flat.shape[0]), flat.tobytes()))
        with self.transaction() as tx:
            known = {
                str(r[0])
                for r in tx.all_in(
                    "SELECT text_hash FROM embeddings WHERE model_id = ? AND text_hash IN ({ins})",
                    [r[1] for r in rows],
                    (model_id,),
                )
            }
            rows = [r for r in rows if r[1] not in known]
            if not rows:
                return
            tx.executemany(
                "INSERT INTO embeddings (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (model_id, text_hash) DO NOTHING",
                rows,
            )
            payload = {
                "model_id": model_id,
                "count": len(rows),
                "sum": integrity.embedding_sum(rows),
            }
            tx.event("embeddings_cached", actor="workbench", payload=payload)
