"""Every cross-referencing set side by side: xref_dev, xref_dev2 (tuning) and xref_holdout.

Runs ``benchmarks/xref_dev.py --data DIR`` once per set (the same pipeline and scoring, see its
docstring) and prints one row per set with the figures the cross-referencing issue asks for.
``xref_dev`` and ``xref_dev2`` are tuning sets; ``xref_holdout`` is held out (its README: no rule,
threshold, word list or test may come from its sentences), so its row is the estimate of what a
desk sees on reports nobody tuned for.

    PYTHONPATH=. .venv/bin/python benchmarks/xref_sets.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = {
    "xref_dev (tuning)": Path("/work/shared/data/xref_dev"),
    "xref_dev2 (tuning)": HERE / "data" / "xref_dev2",
    "xref_holdout (held out)": HERE / "data" / "xref_holdout",
}
FIGURES = {
    "same": r"^same\s+(\d+/\d+ = [\d.]+)",
    "conflict": r"^conflict\s+(\d+/\d+ = [\d.]+)",
    "related": r"^related\s+(\d+/\d+ = [\d.]+)",
    "precision": r"precision (\d+/\d+ = [\d.]+)",
    "planted": r"planted conflicts flagged on their link: (\d+/\d+)",
    "same hinted": r"same pairs with a number/negation/entity hint: (\d+/\d+)",
    "furniture": r"furniture claims: (\d+)",
    "largest": r"largest cluster: \d+ claims = ([\d.]+%)",
}
GOALS = {
    "same": ">= .90",
    "conflict": ">= .90",
    "related": ">= .70",
    "precision": ">= .85",
    "planted": ">= 7/8",
    "same hinted": "<= 10 %",
    "furniture": "0",
    "largest": "<= 15 %",
}


def _figures(data: Path) -> dict[str, str]:
    script = HERE / "xref_dev.py"
    out = subprocess.run(
        [sys.executable, str(script), "--data", str(data)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, str] = {}
    for name, pattern in FIGURES.items():
        match = re.search(pattern, out, re.MULTILINE)
        found[name] = match.group(1) if match else "?"
    return found


def main() -> int:
    rows = {name: _figures(path) for name, path in SETS.items()}
    width = max(len(n) for n in FIGURES) + 2
    print(f"{'':<{width}}" + "".join(f"{name:>26}" for name in rows) + f"{'goal':>10}")
    for figure in FIGURES:
        cells = "".join(f"{rows[name][figure]:>26}" for name in rows)
        print(f"{figure:<{width}}{cells}{GOALS[figure]:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
