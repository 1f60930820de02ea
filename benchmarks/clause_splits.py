"""Do translations split into clause claims alike?  (issue 8: claims read as claims)

For every segment of the NTREX dev split (kk, ru and en translations of one sentence or
two), counts the claims :func:`claims.segment.extract_claims` makes in each language, and
how many of those come from :func:`claims.clauses.split_clauses` cutting a compound
sentence.  A segment whose three translations give a different number of claims is one a
reviewer sees split in one language and whole in another (the many-to-many alignment
inside a cluster can still link the pieces to the whole).

    .venv/bin/python benchmarks/clause_splits.py
"""

from __future__ import annotations

import json
from pathlib import Path

from claims.clauses import split_clauses
from claims.segment import extract_claims

NTREX = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")
LANGUAGES = (("kk", "kaz"), ("ru", "rus"), ("en", "eng"))


def main() -> None:
    data = json.loads(NTREX.read_text(encoding="utf-8"))
    segments = [seg for doc in data["documents"] for seg in doc["segments"]]
    claims_differ = cuts_differ = 0
    split = dict.fromkeys((lang for lang, _ in LANGUAGES), 0)
    for seg in segments:
        counts, cuts = set(), set()
        for lang, key in LANGUAGES:
            text = seg[key]
            counts.add(len(extract_claims(text, article_id="a", language=lang)))
            pieces = len(split_clauses(text, 0, len(text), language=lang))
            cuts.add(pieces)
            split[lang] += pieces > 1
        claims_differ += len(counts) > 1
        cuts_differ += len(cuts) > 1
    total = len(segments)
    print(f"NTREX dev segments: {total}")
    print(f"  claim counts differ across kk/ru/en: {claims_differ} ({claims_differ / total:.1%})")
    print(f"  clause cuts differ (split_clauses alone): {cuts_differ} ({cuts_differ / total:.1%})")
    print("  segments split into clauses: " + ", ".join(f"{k} {v}" for k, v in split.items()))


if __name__ == "__main__":
    main()
