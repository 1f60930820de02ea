"""Helpers the benchmark scripts share (not benchmark logic; ``run_all.py`` skips ``_*.py``).

Scripts run as ``python benchmarks/NAME.py`` have this folder on ``sys.path``, so they
import ``from _common import ...``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.model import Article, Claim, claim_id_for

__all__ = ["XREF_DEV", "claim_at", "gold_pairs"]

XREF_DEV = Path("/work/shared/data/xref_dev")


def claim_at(article: Article, text: str) -> Claim:
    """The claim whose text is the first occurrence of ``text`` in the article (its own context)."""
    start = article.text.index(text)
    end = start + len(text)
    return Claim(
        claim_id_for(article.article_id, start, end),
        article.article_id,
        text,
        start,
        end,
        start,
        end,
    )


def gold_pairs(data: Path = XREF_DEV) -> list[dict[str, object]]:
    """All gold pairs (direct and derived) of a set in xref_dev's format, from xref_dev's
    own ``check_gold.py --dir DATA --pairs`` (one checker serves every set)."""
    checker = XREF_DEV / "check_gold.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pairs.json"
        subprocess.run(
            [sys.executable, str(checker), "--dir", str(data), "--pairs", str(out)],
            check=True,
            capture_output=True,
        )
        pairs: list[dict[str, object]] = json.loads(out.read_text(encoding="utf-8"))
    return pairs
