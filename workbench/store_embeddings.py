"""The store's embedding cache: vectors per model and text hash (float32 blobs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from workbench import integrity
from workbench.store_tx import Row, StoreBase, Tx, first

__all__ = ["EmbeddingsMixin", "SCAN_MIN"]

SCAN_MIN = 2_000  # hashes asked for from which a scan of the model's rows may pay
_COUNT = "SELECT COUNT(*) FROM embeddings WHERE model_id = ?"
_SCAN = "SELECT text_hash, dim, vector FROM embeddings WHERE model_id = ?"
_SCAN_DIM = "SELECT text_hash, vector FROM embeddings WHERE model_id = ? AND dim = ?"


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
            if self._scans(tx, model_id, wanted):
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

    def get_embedding_matrix(
        self, model_id: str, text_hashes: Sequence[str], *, dim: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The cached vectors of ``dim`` values as one array (:class:`claims.embed.MatrixCache`).

        The rows are read as :meth:`get_embeddings` reads them (one scan when most of the
        model's rows are asked for); their blobs become the array in one conversion, not
        one small array each (at 10k claims that took most of a clustering run's read).
        """
        wanted = list(dict.fromkeys(text_hashes))
        with self.snapshot() as tx:
            rows = self._vector_rows(tx, model_id, wanted, dim)
        slot = {key: row for row, key in enumerate(wanted)}
        size = 4 * max(dim, 0)
        pieces: list[bytes | None] = [None] * len(wanted)
        for text_hash, blob in rows:
            row = slot.get(text_hash)
            if row is not None and len(blob) == size:
                pieces[row] = blob
        found = np.fromiter((p is not None for p in pieces), dtype=bool, count=len(pieces))
        if not found.any():  # nothing cached yet (a first run): no zero blobs to join
            matrix = np.zeros((len(text_hashes), max(dim, 0)), dtype=np.float32)
            return matrix, np.zeros(len(text_hashes), dtype=bool)
        zero = bytes(size)
        joined = bytearray().join(zero if p is None else p for p in pieces)  # writable
        matrix = np.frombuffer(joined, dtype=np.float32).reshape(len(wanted), max(dim, 0))
        if len(wanted) == len(text_hashes):
            return matrix, found
        back = [slot[key] for key in text_hashes]
        return matrix[back], found[back]

    @staticmethod
    def _scans(tx: Tx, model_id: str, wanted: Sequence[str]) -> bool:
        """Whether reading all of ``model_id``'s rows beats looking ``wanted`` up: asked for
        at least :data:`SCAN_MIN` and half of the stored rows."""
        if len(wanted) < SCAN_MIN:
            return False
        return int(first(tx.one(_COUNT, (model_id,)))) <= 2 * len(wanted)

    @staticmethod
    def _vector_rows(tx: Tx, model_id: str, wanted: Sequence[str], dim: int) -> list[Row]:
        """``(text_hash, vector)`` of ``model_id``'s rows of ``dim`` values among ``wanted``
        (possibly more: a scan)."""
        if EmbeddingsMixin._scans(tx, model_id, wanted):
            return tx.all(_SCAN_DIM, (model_id, dim))
        return tx.all_in(_SCAN_DIM + " AND text_hash IN ({ins})", wanted, (model_id, dim))

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
