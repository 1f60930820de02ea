"""Reviewer names: does the confusables skeleton catch look-alikes without merging real people?

Names: the distinct PERSON entities of KazNERD validation (Kazakh Cyrillic), each
also transliterated to Latin (a simple ISO-9-like table), i.e. the kind of names a
Kazakh desk registers.  For every name the script builds attack variants a
cheater would type (one Cyrillic letter swapped for its Latin twin, fullwidth
Latin, upper case, a zero-width space) and counts:

- caught: the variant compares equal to the name (``identity.same_person``) or is
  refused (``identity.canonical_name``);
- false merges: two *different* names (after case folding) with one skeleton;
- cost: microseconds per name (both skeletons).

    PYTHONPATH=. .venv/bin/python benchmarks/identity_names.py
"""

from __future__ import annotations

import itertools
import json
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from workbench.errors import InvalidInputError
from workbench.identity import canonical_name, same_person, skeleton, upper_skeleton

__all__ = ["main"]

DATA = Path("/work/shared/data/kaznerd_valid.jsonl")
TWINS = dict(zip("аеорсхуіАВЕКМНОРСТХ", "aeopcxyiABEKMHOPCTX", strict=True))
_LATIN = (
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya a g q n o u u h i"
)
TRANSLIT = {
    c: ("" if t == "-" else t)
    for c, t in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі", _LATIN.split(), strict=True)
}


def names() -> list[str]:
    seen: dict[str, None] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        for entity in json.loads(line)["entities"]:
            if entity["type"] == "PERSON":
                seen[entity["text"].replace(" ", "_")] = None
    people = list(seen)
    latin = ["".join(TRANSLIT.get(c.lower(), c) for c in n) for n in people]
    return list(dict.fromkeys(people + [n for n in latin if n]))


def attacks(name: str) -> list[str]:
    out = [name.upper(), name + "\u200b"[:0] + name[:1] + "\u200b" + name[1:]]
    swapped = "".join(TWINS.get(c, c) for c in name)
    if swapped != name:
        out.append(swapped)
    one = next((i for i, c in enumerate(name) if c in TWINS), None)
    if one is not None:
        out.append(name[:one] + TWINS[name[one]] + name[one + 1 :])
    if name.isascii():
        out.append(
            unicodedata.normalize(
                "NFC", "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
            )
        )
    return out


def caught(name: str, variant: str) -> bool:
    try:
        canonical_name(variant)
    except InvalidInputError:
        return True
    return same_person(name, variant)


def main() -> None:
    people = names()
    start = time.perf_counter()
    for n in people:
        skeleton(n)
        upper_skeleton(n)
    per_name_us = (time.perf_counter() - start) / len(people) * 1e6
    tried = hits = 0
    for name in people:
        for variant in attacks(name):
            tried += 1
            hits += caught(name, variant)
    merged_pairs: set[tuple[str, str]] = set()
    for key_of in (skeleton, upper_skeleton):
        groups: dict[str, set[str]] = defaultdict(set)
        for name in people:
            groups[key_of(name)].add(name.casefold())
        for group in groups.values():
            merged_pairs.update(itertools.combinations(sorted(group), 2))
    pairs = len(merged_pairs)
    print(f"names: {len(people)} (KazNERD PERSON, Cyrillic + Latin transliteration)")
    print(f"attack variants caught: {hits}/{tried} ({hits / tried:.1%})")
    print(f"false merges: {pairs} pair(s) of different names share a skeleton")
    for pair in sorted(merged_pairs)[:8]:
        print(f"  {pair}")
    print(f"skeleton cost: {per_name_us:.1f} µs per name")


if __name__ == "__main__":
    main()
