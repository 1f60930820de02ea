"""Per-link hints on the xref_dev gold pairs and on NTREX translations.

1. xref_dev: every gold pair (direct and derived, from ``check_gold.py --pairs``)
   is built from the files directly (claim offsets found in the text, each file an
   article with its language and date) and passed to ``claims.compare.link_hints``.
   Reports the planted conflicts flagged with a hint of their kind (goal >= 7/8;
   ``substance`` counts with any hint) and the share of ``same`` pairs carrying a
   number/negation/entity hint (goal <= 10 %), with every hint listed; and the relation
   each gold pair gets from its facts alone (``link_stances`` + hints, as
   ``claims.match.align`` decides it for a linked pair that restates): ``related`` when a
   step (later state, plan and outcome, two versions) is found, else ``conflict`` when a
   checkable hint fires, else ``same``; independent of clustering.
2. NTREX dev: each segment's kk/ru/en translations as three pairs (kk-ru, kk-en,
   ru-en); translations agree, so every hint is a false one: the share per kind.

Run: PYTHONPATH=. .venv/bin/python benchmarks/xref_hints.py [--verbose] [--data DIR]   (~10 s;
``--data`` scores another set in xref_dev's format, e.g. benchmarks/data/xref_holdout)
"""

# ruff: noqa: E501  (report lines read best on one line)

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import claim_at, gold_pairs  # noqa: E402

from claims.causes import find_causes  # noqa: E402
from claims.compare import link_hints, link_stances  # noqa: E402
from claims.model import Article, Claim, Hint, claim_id_for  # noqa: E402

XREF = Path("/work/shared/data/xref_dev")
NTREX = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")
CHECKED = ("number", "negation", "entity")


def _articles(data: Path) -> dict[str, Article]:
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    out = {}
    for name, doc in gold["docs"].items():
        text = (data / name).read_text(encoding="utf-8")
        published = date.fromisoformat(doc["date"])
        out[name] = Article(
            name, doc["outlet"], doc["title"], text, doc["language"], name, published
        )
    return out


def _show(hints: tuple[Hint, ...]) -> str:
    return "; ".join(f"{h.kind}: {h.message} [{' | '.join(v for _, v in h.values)}]" for h in hints)


def xref_report(verbose: bool, *, data: Path = XREF) -> dict[str, float]:
    articles = _articles(data)
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    pairs = gold_pairs(data)
    claim_pairs = [
        (
            claim_at(articles[p["a"]["doc"]], p["a"]["claim"]),
            claim_at(articles[p["b"]["doc"]], p["b"]["claim"]),
        )
        for p in pairs
    ]
    started = time.perf_counter()
    hints = link_hints(claim_pairs, articles=articles)
    elapsed = time.perf_counter() - started
    by_text = {(p["a"]["claim"], p["b"]["claim"]): h for p, h in zip(pairs, hints, strict=True)}
    by_text.update({(b, a): h for (a, b), h in list(by_text.items())})
    flagged = 0
    print("planted conflicts:")
    for c in gold["conflicts"]:
        found = by_text.get((c["claim"], c["against"]["claim"]), ())
        kinds = {h.kind for h in found}
        ok = bool(found) if c["kind"] == "substance" else c["kind"] in kinds
        flagged += ok
        print(
            f"  {'ok' if ok else '!!'} {c['kind']:9} {c['values']}  -> {_show(found) or 'no hint'}"
        )
    same = [(p, h) for p, h in zip(pairs, hints, strict=True) if p["relation"] == "same"]
    false_same = [(p, h) for p, h in same if any(x.kind in CHECKED for x in h)]
    print(f"\nsame pairs with a number/negation/entity hint: {len(false_same)}/{len(same)}")
    for p, h in false_same:
        print(f"  !! {p['a']['claim'][:70]} || {p['b']['claim'][:70]}\n       {_show(h)}")
    per_relation: Counter[str] = Counter()
    totals: Counter[str] = Counter(p["relation"] for p in pairs)
    for p, h in zip(pairs, hints, strict=True):
        per_relation[p["relation"]] += any(x.kind in CHECKED for x in h)
        if verbose and h:
            print(
                f"  [{p['relation']}] {p['a']['claim'][:60]} || {p['b']['claim'][:60]}\n       {_show(h)}"
            )
    print(
        "pairs with a number/negation/entity hint by relation:",
        {r: f"{per_relation[r]}/{totals[r]}" for r in sorted(totals)},
    )
    print(
        f"planted conflicts flagged with a hint of their kind: {flagged}/{len(gold['conflicts'])}"
    )
    relation_report(pairs, claim_pairs, hints, articles)
    share = len(false_same) / max(1, len(same))
    print(
        f"same pairs with a false number/negation/entity hint: {share:.1%}  ({len(pairs)} pairs in {elapsed:.2f} s)"
    )
    return {"flagged": flagged, "same_false": share}


def relation_report(
    pairs: list[dict], claim_pairs: list[tuple[Claim, Claim]], hints: list, articles: dict
) -> None:
    """The relation each gold pair gets from its facts (see the module docstring)."""
    stances = link_stances(claim_pairs, articles=articles)
    table: Counter[tuple[str, str]] = Counter()
    for p, h, st in zip(pairs, hints, stances, strict=True):
        checkable = any(x.kind in ("number", "negation", "entity", "time", "cause") for x in h)
        cause = any(x.kind == "cause" for x in h)
        got = "conflict" if cause else "related" if st.step else "conflict" if checkable else "same"
        table[(p["relation"], got)] += 1
    print("\nrelation from the facts of every gold pair (rows gold, columns given):")
    print(f"  {'':10}{'same':>8}{'related':>9}{'conflict':>10}")
    for gold in ("same", "related", "conflict"):
        row = [table[(gold, got)] for got in ("same", "related", "conflict")]
        print(
            f"  {gold:10}{row[0]:>8}{row[1]:>9}{row[2]:>10}   right {row[('same', 'related', 'conflict').index(gold)]}/{sum(row)}"
        )


def ntrex_report() -> None:
    data = json.loads(NTREX.read_text(encoding="utf-8"))
    articles: dict[str, Article] = {}
    pairs: list[tuple[Claim, Claim]] = []
    for doc in data["documents"]:
        for seg in doc["segments"]:
            claims = {}
            for key, language in (("kaz", "kk"), ("rus", "ru"), ("eng", "en")):
                text = seg[key]
                aid = f"{doc['doc_id']}:{seg['line']}:{language}"
                articles[aid] = Article(
                    aid, f"{language}.src", "t", text, language, aid, date(2019, 1, 1)
                )
                claims[language] = Claim(
                    claim_id_for(aid, 0, len(text)), aid, text, 0, len(text), 0, len(text)
                )
            pairs += [
                (claims["kk"], claims["ru"]),
                (claims["kk"], claims["en"]),
                (claims["ru"], claims["en"]),
            ]
    started = time.perf_counter()
    hints = link_hints(pairs, articles=articles)
    elapsed = time.perf_counter() - started
    kinds: Counter[str] = Counter()
    for h in hints:
        kinds.update({x.kind for x in h})
    n = len(pairs)
    print(
        f"\nNTREX dev: {n} translation pairs (kk-ru, kk-en, ru-en), {elapsed:.1f} s; every hint is false:"
    )
    for kind in ("number", "negation", "entity", "time", "cause"):
        print(f"  {kind:9} {kinds[kind]:5d} {kinds[kind] / n:6.1%}")
    anyk = sum(1 for h in hints if any(x.kind in CHECKED for x in h))
    print(f"  any number/negation/entity hint: {anyk / n:.1%}")
    both = sum(
        1
        for a, b in pairs
        if find_causes(a.text, language=articles[a.article_id].language)
        and find_causes(b.text, language=articles[b.article_id].language)
    )
    print(f"  pairs where both translations state a cause (what the cause rate is over): {both}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--data", type=Path, default=XREF, help="a set in xref_dev's format")
    args = parser.parse_args()
    xref_report(args.verbose, data=args.data)
    if NTREX.exists() and args.data == XREF:
        ntrex_report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
