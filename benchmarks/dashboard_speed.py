"""Dashboard speed with 10,000 claims in 3,000 clusters (AppTest, in-process).

Builds a synthetic store through the Store API, then times script runs of the
review queue and the cluster view (cold cache, warm cache, and right after a
save), the articles and claims pages, and the other pages with streamlit.testing.
Target: each page <= 1.5 s.  Issue 11 item 4 is the 100,000-claim case:

    .venv/bin/python benchmarks/dashboard_speed.py [--claims 10000] [--clusters 3000]
    .venv/bin/python benchmarks/dashboard_speed.py --claims 100000 --clusters 30000
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streamlit.testing.v1 import AppTest

from claims.model import (
    Article,
    Claim,
    Cluster,
    Hint,
    Link,
    article_id_for,
    claim_id_for,
    cluster_id_for,
    text_hash,
)
from workbench import review
from workbench.dashboard import app_path
from workbench.store import Store

SOURCES = (("kazinform.kz", "kk"), ("tengrinews.kz", "ru"), ("egemen.kz", "kk"), ("reuters", "en"))
WORDS = [
    "президент",
    "министр",
    "үкімет",
    "әскер",
    "бітімгер",
    "миссия",
    "шекара",
    "келісім",
    "сайлау",
    "бюджет",
    "заявил",
    "сообщил",
    "правительство",
    "войска",
    "миротворцы",
    "граница",
    "соглашение",
    "выборы",
    "president",
    "said",
    "government",
    "troops",
    "peacekeepers",
    "border",
    "agreement",
    "election",
    "budget",
]
LIMIT = 1.5


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    words.insert(rng.randint(0, len(words)), str(1000 + n))
    return " ".join(words).capitalize()


def build(path: Path, *, n_claims: int, n_clusters: int, per_article: int = 20) -> list[str]:
    """Write the synthetic store; the cluster ids, biggest cross-source first."""
    rng = random.Random(7)
    claims: list[Claim] = []
    source_of: dict[str, str] = {}
    with Store.open(path) as store:
        batch: list[tuple[Article, list[Claim]]] = []
        for a in range((n_claims + per_article - 1) // per_article):
            source, language = SOURCES[a % len(SOURCES)]
            count = min(per_article, n_claims - a * per_article)
            sentences = [_sentence(rng, a * per_article + i) for i in range(count)]
            text = ". ".join(sentences) + "."
            digest = text_hash(text)
            article = Article(
                article_id=article_id_for(digest),
                source=source,
                title=f"Article {a}",
                text=text,
                language=language,
                content_hash=digest,
                published=date(2024, 1, 1) + timedelta(days=a % 365),
            )
            own: list[Claim] = []
            start = 0
            for position, sentence in enumerate(sentences):
                end = start + len(sentence)
                own.append(
                    Claim(
                        claim_id=claim_id_for(article.article_id, start, end),
                        article_id=article.article_id,
                        text=sentence,
                        start=start,
                        end=end,
                        context_start=start,
                        context_end=end + 1,
                        speaker="Президент" if position % 3 == 0 else None,
                        score=0.8,
                        position=position,
                    )
                )
                source_of[own[-1].claim_id] = source
                start = end + 2
            batch.append((article, own))
            if len(batch) == 200:
                store.add_articles(batch)
                batch = []
            claims.extend(own)
        store.add_articles(batch)
        rng.shuffle(claims)
        groups: list[list[Claim]] = [[] for _ in range(n_clusters)]
        for i, claim in enumerate(claims):
            groups[i % n_clusters].append(claim)
        clusters = [
            Cluster(cluster_id_for([c.claim_id for c in g]), tuple(c.claim_id for c in g))
            for g in groups
        ]
        hints = {
            cl.cluster_id: [
                Hint(
                    kind="number",
                    message="numbers differ",
                    claim_ids=tuple(c.claim_id for c in g[:2]),
                    values=tuple((c.claim_id, c.text.split()[0]) for c in g[:2]),
                )
            ]
            for cl, g in zip(clusters, groups, strict=True)
            if len(g) > 1 and len({source_of[c.claim_id] for c in g}) > 1
        }
        links = _links(clusters, groups, source_of)
        store.replace_clustering(
            clusters, hints, actor="bench", params={"synthetic": True}, links=links
        )
        ordered = sorted(clusters, key=lambda c: -len(c.claim_ids))
    return [c.cluster_id for c in ordered]


def _links(
    clusters: list[Cluster], groups: list[list[Claim]], source_of: dict[str, str]
) -> list[Link]:
    """Each claim linked to the next one from another source; every third link a conflict."""
    links: list[Link] = []
    for cluster, group in zip(clusters, groups, strict=True):
        for a, b in itertools.pairwise(group):
            if source_of[a.claim_id] == source_of[b.claim_id]:
                continue
            x, y = sorted((a.claim_id, b.claim_id))
            if len(links) % 3 == 0:
                value = ((x, a.text.split()[0]), (y, b.text.split()[0]))
                hint = Hint("number", "numbers differ", (x, y), value)
                links.append(Link(cluster.cluster_id, x, y, "conflict", 0.9, (hint,)))
            else:
                links.append(Link(cluster.cluster_id, x, y, "same", 0.92))
    return links


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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--clusters", type=int, default=3_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        cluster_ids = build(db, n_claims=args.claims, n_clusters=args.clusters)
        built = time.perf_counter() - t0
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
        f"store: {args.claims} claims in {args.clusters} clusters (with links), "
        f"built in {built:.1f} s"
    )
    print(f"{'page':<34} {'seconds':>8} {'cpu s':>7}  {'<= ' + str(LIMIT) + ' s':>8}")
    for name, (seconds, cpu) in rows:
        print(f"{name:<34} {seconds:8.3f} {cpu:7.3f}  {'ok' if seconds <= LIMIT else 'SLOW':>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
