"""Where the project's shared development data lives (``../shared/data`` beside the checkout).

CI clones the project into another folder with a copy of ``shared/`` beside it; developers'
worktrees may sit elsewhere, so ``/work/shared/data`` is the fallback.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SHARED_DATA"]

_CANDIDATES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data",
    Path("/work/shared/data"),
)
SHARED_DATA: Path = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[-1])
