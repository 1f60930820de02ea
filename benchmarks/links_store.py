"""What storing, exporting and verifying links costs at scale (synthetic store).

Builds the dashboard benchmark's synthetic store (claims in clusters across four
sources, each claim linked to the next one from another source), then times, on the
same clustering:

- ``Store.replace_clustering`` without links (the baseline a clustering pays anyway),
- with the same links again (rewritten, digests unchanged: no links event),
- with changed links (every relation flipped: a ``links_stored`` event),
- ``export_links`` to CSV and to JSON, and ``audit.verify`` (which replays the link digests).

    .venv/bin/python benchmarks/links_store.py [--claims 10000] [--clusters 3000]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _synthetic import synthetic_store

from claims.model import Cluster, Link
from workbench import audit
from workbench.export_links import export_links
from workbench.store import Store

_FLIP = {"same": "related", "related": "same", "conflict": "conflict"}


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    """Build the store and print one line per timed step."""
    with synthetic_store(__doc__ or "", name="links.db") as built:
        tmp = built.db.parent
        with Store.open(built.db) as store:
            clusters = [Cluster(s.cluster_id, s.claim_ids) for s in store.clusters()]
            hints = {c.cluster_id: store.hints(c.cluster_id) for c in clusters}
            links = store.all_links()
            flipped: list[Link] = [replace(k, relation=_FLIP[k.relation]) for k in links]  # type: ignore[arg-type]

            def recluster(given: list[Link] | None) -> Callable[[], object]:
                return lambda: store.replace_clustering(
                    clusters, hints, actor="bench", params={}, links=given
                )

            rows = [
                ("replace_clustering, links=None", _time(recluster(None))),
                ("replace_clustering, same links", _time(recluster(links))),
                ("replace_clustering, changed links", _time(recluster(flipped))),
                ("export_links csv", _time(lambda: export_links(store, Path(tmp) / "l.csv"))),
                (
                    "export_links json",
                    _time(lambda: export_links(store, Path(tmp) / "l.json", fmt="json")),
                ),
            ]
            report: list[audit.VerifyReport] = []
            rows.append(("audit.verify", _time(lambda: report.append(audit.verify(store)))))
            assert report[0].ok, report[0].problems
    print(
        f"store: {built.claims} claims, {len(clusters)} clusters, {len(links)} links "
        f"(built in {built.seconds:.1f} s)"
    )
    for name, seconds in rows:
        print(f"{name:<36} {seconds:8.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
