"""The xref_dev run shared by the acceptance tests of this package (the app's pipeline on the
four reports, scored by ``benchmarks/xref_dev.py``): run once per test session, not per module."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import xref_dev as xref  # noqa: E402  (the benchmark module is the scorer)


@pytest.fixture(scope="session")
def scored() -> tuple[object, list[dict[str, object]]]:
    gold = json.loads((xref.DATA / "gold.json").read_text(encoding="utf-8"))
    run = xref.run_pipeline(gold, threshold=None)
    return xref.Scorer(run, gold), xref.gold_pairs()
