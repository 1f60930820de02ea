"""The fact extractors on KazNERD validation (Kazakh TV news), by entity type, and their speed.

Each sentence's tokens are joined with spaces; the entity (claims.entities), number
(claims.numbers) and time (claims.dates) extractors run on it with a publication date
(2020-06-01) to resolve relative dates.  A gold mention is found when an extracted span
of the matching group overlaps it by at least one character.  Groups:
  entities  PERSON GPE LOCATION NORP ORGANISATION   goal recall >= 0.85, and >= 0.80 of
            found entity mentions overlapping a gold mention of these types
  numbers   CARDINAL MONEY QUANTITY PERCENTAGE      goal recall >= 0.95
  dates     DATE                                    goal recall >= 0.90
Speed: sentences/s and MB/s of the three extractors together (ingest must stay >= 2 MB/s).
Timing is noisy on a shared machine.

Run: PYTHONPATH=. .venv/bin/python benchmarks/kaznerd_facts.py [--limit N] [--misses TYPE]
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

from claims.dates import find_times  # noqa: E402
from claims.entities import extract_entities  # noqa: E402
from claims.numbers import extract_quantities  # noqa: E402

DATA = Path("/work/shared/data/kaznerd_valid.jsonl")
PUBLISHED = date(2020, 6, 1)
GROUPS = {
    "entities": ("PERSON", "GPE", "LOCATION", "NORP", "ORGANISATION"),
    "numbers": ("CARDINAL", "MONEY", "QUANTITY", "PERCENTAGE"),
    "dates": ("DATE",),
}
GOALS = {"entities": 0.85, "numbers": 0.95, "dates": 0.90}


def _char_spans(tokens: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for tok in tokens:
        out.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return out


def _extract(text: str) -> dict[str, list[tuple[int, int]]]:
    return {
        "entities": [(e.start, e.end) for e in extract_entities(text)],
        "numbers": [(q.start, q.end) for q in extract_quantities(text, language="kk")],
        "dates": [(t.start, t.end) for t in find_times(text, language="kk", published=PUBLISHED)],
    }


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--misses", default="", help="print up to 40 missed mentions of TYPE")
    args = parser.parse_args()
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    if args.limit:
        rows = rows[: args.limit]
    texts = [" ".join(r["tokens"]) for r in rows]
    started = time.perf_counter()
    found_all = [_extract(t) for t in texts]
    cold = time.perf_counter() - started  # includes compiling the alias patterns met
    started = time.perf_counter()
    for t in texts:
        _extract(t)
    elapsed = time.perf_counter() - started
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    ent_found = ent_on_gold = 0
    misses: list[str] = []
    for row, text, found in zip(rows, texts, found_all, strict=True):
        spans = _char_spans(row["tokens"])
        gold_ent = []
        for e in row["entities"]:
            span = (spans[e["start"]][0], spans[e["end"] - 1][1])
            for group, types in GROUPS.items():
                if e["type"] in types:
                    total[e["type"]] += 1
                    ok = _overlaps(span, found[group])
                    hit[e["type"]] += ok
                    if group == "entities":
                        gold_ent.append(span)
                    if not ok and e["type"] == args.misses and len(misses) < 40:
                        misses.append(f"{e['text']!r:40} in {text[:140]}")
        ent_found += len(found["entities"])
        ent_on_gold += sum(_overlaps(s, gold_ent) for s in found["entities"])
    print(f"KazNERD validation: {len(rows)} sentences")
    for group, types in GROUPS.items():
        h, t = sum(hit[x] for x in types), sum(total[x] for x in types)
        by_type = ", ".join(f"{x} {hit[x] / max(1, total[x]):.3f} ({total[x]})" for x in types)
        mark = "ok" if h / max(1, t) >= GOALS[group] else "short"
        print(
            f"  {group:8} recall {h / max(1, t):.3f} of {t} (goal {GOALS[group]}: {mark}); {by_type}"
        )
    share = ent_on_gold / max(1, ent_found)
    print(f"  found entity mentions overlapping gold: {share:.3f} of {ent_found} (goal 0.80)")
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"  speed: {len(rows) / elapsed:.0f} sentences/s, {size / elapsed:.2f} MB/s warm "
        f"({len(rows) / cold:.0f} sentences/s on the first pass; entities+numbers+dates; "
        "noisy on a shared machine)"
    )
    for line in misses:
        print("   miss", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
