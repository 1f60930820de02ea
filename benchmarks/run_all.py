"""Run every benchmark script in this folder, one after another, and print their tables.

.venv/bin/python benchmarks/run_all.py            # all
.venv/bin/python benchmarks/run_all.py cluster    # those whose name contains "cluster"
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = sys.argv[1:]
    scripts = sorted(p for p in HERE.glob("[!_]*.py") if p.name != "run_all.py")
    scripts = [p for p in scripts if not wanted or any(w in p.stem for w in wanted)]
    failed = 0
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        t0 = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"--- {script.name}: exit {code}, {time.perf_counter() - t0:.1f} s", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
