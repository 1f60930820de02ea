"""Dashboard speed with 10,000 claims in 3,000 clusters (AppTest, in-process).

Builds a synthetic store through the Store API, then times script runs of the
review queue and the cluster view (cold cache, warm cache, and right after a
save), the articles and claims pages, and the other pages with streamlit.testing.
Target: each page <= 1.5 s.  Issue 11 item 4 is the 100,000-claim case:

    .venv/bin/python benchmarks/dashboard_speed.py [--claims 10000] [--clusters 3000]
    .venv/bin/python benchmarks/dashboard_speed.py --claims 100000 --clusters 30000
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _synthetic import synthetic_store
from streamlit.testing.v1 import AppTest

from workbench import review
from workbench.dashboard import app_path
from workbench.store import Store

LIMIT = 1.5


def _timed(at: AppTest) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all threads of this process) of one script run.

    On a shared machine the wall time includes waiting for a core; the CPU time is what
    the run itself costs, so both are printed.
    """
    start, cpu = time.perf_counter(), time.process_time()
    at.run()
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    if at.exception:
        raise SystemExit(f"page failed: {at.exception[0].value}")
    return elapsed


def main() -> int:
    """Build the store, time the pages, print a table; exit 1 if a page is over the limit."""
    with synthetic_store(__doc__ or "", name="bench.db") as built:
        db, cluster_ids = built.db, built.cluster_ids
        os.environ["WORKBENCH_DB"] = str(db)
        os.environ.pop("WORKBENCH_REVIEWERS", None)
        at = AppTest.from_file(str(app_path()), default_timeout=120)
        at.run()
        rows: list[tuple[str, tuple[float, float]]] = []
        at.switch_page("screens/queue.py")
        rows.append(("review queue (cold cache)", _timed(at)))
        rows.append(("review queue (warm)", _timed(at)))
        target = cluster_ids[0]
        at.query_params["cluster"] = target
        at.switch_page("screens/cluster.py")
        rows.append(("cluster view (first open)", _timed(at)))
        rows.append(("cluster view (warm)", _timed(at)))
        with Store.open(db) as store:
            version = store.cluster(target).version
        at.selectbox(key=f"verdict_choice:{target}").select("partial")
        at.button(key="verdict_save").click()
        rows.append(("save verdict + re-render", _timed(at)))
        with Store.open(db) as store:
            assert store.cluster(target).version > version, "the save did not land"
            assert review.history(store, target), "no history after save"
        at.switch_page("screens/queue.py")
        rows.append(("review queue after the save", _timed(at)))
        at.text_input(key="queue_query").set_value("Президент")
        rows.append(("queue search, cross-script (cold)", _timed(at)))
        at.text_input(key="queue_query").set_value("Токаев")
        rows.append(("queue search (warm)", _timed(at)))
        for page, name in (
            ("articles", "articles (first article)"),
            ("claims", "claims table"),
            ("mine", "my open items"),
            ("audit", "audit (500 events)"),
            ("export", "export page"),
            ("overview", "overview"),
        ):
            at.switch_page(f"screens/{page}.py")
            rows.append((name, _timed(at)))
    print(
        f"store: {built.claims} claims in {built.clusters} clusters (with links), "
        f"built in {built.seconds:.1f} s"
    )
    print(f"{'page':<34} {'seconds':>8} {'cpu s':>7}  {'<= ' + str(LIMIT) + ' s':>8}")
    for name, (seconds, cpu) in rows:
        print(f"{name:<34} {seconds:8.3f} {cpu:7.3f}  {'ok' if seconds <= LIMIT else 'SLOW':>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
