#!/usr/bin/env python3
"""Check the xref_dev2 gold file against its four articles, print counts, optionally write all gold pairs.

    python3 check_gold.py                  # check, print counts; exit 1 on any error
    python3 check_gold.py --pairs OUT.json # also write every gold pair (direct and derived)
    python3 check_gold.py --quiet          # print only errors and the one-line summary

Checks: every file here is UTF-8 without BOM, LF line ends, final newline; every claim/text string in
gold.json occurs exactly once, byte-exact, in its file; claims are one line, trimmed, >= 12 characters;
links and conflicts agree (each conflict is a direct "conflict" link and back); conflict values occur in
the claims they quote; only_here claims are in no link; furniture overlaps no claim; claims in one
file do not partly overlap; every non-blank stretch of each article is a title, a furniture text or a
gold claim (so only_here is complete); derived pairs never contradict a direct pair.

Pairs written with --pairs: one per unordered pair of claims, {"a", "b", "relation", "derived", "via"}.
Direct pairs come from links. Derived pairs join two claims of two different non-base files that are
both linked to the same base claim: same+same -> same, same+conflict -> conflict, same+related or
conflict+related -> related; related+related and conflict+conflict derive nothing (too loose /
undecidable). A direct pair always wins over a derived one.
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
RELATIONS = ("same", "related", "conflict")
KINDS = ("number", "negation", "entity", "time", "substance")
EXPECTED_KINDS = {"number": 2, "negation": 2, "entity": 2, "time": 1, "substance": 1}
LANGS = {"kk", "ru", "en"}
KK_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MIN_CLAIM = 12  # claims shorter than this cannot be matched by a normalised-containment scorer
DERIVE = {
    ("same", "same"): "same",
    ("conflict", "same"): "conflict",
    ("related", "same"): "related",
    ("conflict", "related"): "related",
}
PRIORITY = {"conflict": 0, "same": 1, "related": 2}


class Checker:
    def __init__(self, folder: str, base: str) -> None:
        self.folder, self.base = folder, base
        self.errors: list[str] = []
        self.notes: list[str] = []
        self.raw: dict[str, bytes] = {}
        self.text: dict[str, str] = {}

    def err(self, msg: str) -> None:
        self.errors.append(msg)

    # -- files ---------------------------------------------------------------------------------
    def check_files(self) -> None:
        for name in sorted(os.listdir(self.folder)):
            path = os.path.join(self.folder, name)
            if not os.path.isfile(path) or not name.endswith((".txt", ".json", ".md", ".py")):
                continue
            raw = open(path, "rb").read()
            if raw.startswith(b"\xef\xbb\xbf"):
                self.err(f"{name}: starts with a UTF-8 BOM")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                self.err(f"{name}: not valid UTF-8 ({e})")
                continue
            if b"\r" in raw:
                self.err(f"{name}: has CR characters (use LF line ends)")
            if not raw.endswith(b"\n"):
                self.err(f"{name}: no final newline")
            if unicodedata.normalize("NFC", text) != text:
                self.err(f"{name}: not NFC-normalised")
            self.raw[name], self.text[name] = raw, text

    # -- strings -------------------------------------------------------------------------------
    def locate(self, doc: str, s: str, what: str) -> int | None:
        """Byte offset of s in doc if it occurs exactly once, else record an error."""
        if doc not in self.raw:
            self.err(f"{what}: unknown document {doc!r}")
            return None
        if not isinstance(s, str) or not s:
            self.err(f"{what}: empty or non-string text in {doc}")
            return None
        b = s.encode("utf-8")
        n = self.raw[doc].count(b)
        if n != 1:
            self.err(f"{what}: occurs {n} times in {doc} (need exactly 1): {s[:70]!r}")
            return None
        return self.raw[doc].index(b)

    def check_claim_text(self, doc: str, s: str, what: str) -> None:
        if not isinstance(s, str):
            return
        if s != s.strip():
            self.err(f"{what}: leading/trailing whitespace in {doc}: {s[:60]!r}")
        if "\n" in s:
            self.err(f"{what}: spans more than one line in {doc}: {s[:60]!r}")
        if len(s) < MIN_CLAIM:
            self.err(f"{what}: shorter than {MIN_CLAIM} characters in {doc}: {s!r}")
        lang = self.gold["docs"].get(doc, {}).get("language")
        if lang == "ru" and KK_ONLY & set(s):
            self.err(f"{what}: Kazakh-only letters in a Russian claim: {s[:60]!r}")
        if lang == "en" and CYRILLIC.search(s):
            self.err(f"{what}: Cyrillic in an English claim: {s[:60]!r}")
        if lang == "kk" and not (KK_ONLY & set(s)) and CYRILLIC.search(s) is None:
            self.err(f"{what}: Kazakh claim without Cyrillic: {s[:60]!r}")

    # -- gold ----------------------------------------------------------------------------------
    def run(self, gold_path: str) -> None:
        self.check_files()
        try:
            self.gold = json.loads(open(gold_path, "rb").read().decode("utf-8"))
        except (OSError, ValueError) as e:
            self.err(f"gold.json unreadable: {e}")
            return
        g = self.gold
        for key in ("about", "docs", "links", "conflicts", "only_here", "furniture"):
            if key not in g:
                self.err(f"gold.json: missing key {key!r}")
        if self.errors:
            return
        if self.base not in g["docs"]:
            self.err(f"base document {self.base!r} not in docs")
        for doc, meta in g["docs"].items():
            if doc not in self.raw:
                self.err(f"docs: {doc} is not a file here")
                continue
            if meta.get("language") not in LANGS:
                self.err(f"docs: {doc} language {meta.get('language')!r} not in {sorted(LANGS)}")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta.get("date", ""))):
                self.err(f"docs: {doc} date {meta.get('date')!r} is not YYYY-MM-DD")
            if not meta.get("outlet"):
                self.err(f"docs: {doc} has no outlet")
            elif meta["outlet"] not in self.text[doc].split("\n", 2)[1]:
                self.err(f"docs: {doc} outlet {meta['outlet']!r} not on the outlet/date line")
            first = self.text[doc].split("\n", 1)[0]
            if "title" in meta and meta["title"] != first:
                self.err(f"docs: {doc} title is not the file's first line")
        for name in self.raw:
            if name.endswith(".txt") and name not in g["docs"]:
                self.err(f"{name}: article not listed in docs")

        spans: dict[str, dict[str, int]] = collections.defaultdict(dict)  # doc -> claim -> byte offset

        def claim(x: dict, what: str) -> tuple[str, str] | None:
            if not isinstance(x, dict) or set(x) - {"doc", "claim"} or "doc" not in x or "claim" not in x:
                self.err(f"{what}: expected {{doc, claim}}, got {x!r}"[:200])
                return None
            self.check_claim_text(x["doc"], x["claim"], what)
            off = self.locate(x["doc"], x["claim"], what)
            if off is None:
                return None
            spans[x["doc"]][x["claim"]] = off
            return x["doc"], x["claim"]

        # links -> direct pairs
        direct: dict[tuple, str] = {}
        oriented: dict[tuple, tuple] = {}
        linked: set[tuple] = set()
        link_rel = collections.Counter()
        seen_links = set()
        for i, ln in enumerate(g["links"]):
            what = f"links[{i}]"
            a = claim({"doc": ln.get("doc"), "claim": ln.get("claim")}, what)
            rel = ln.get("relation")
            if rel not in RELATIONS:
                self.err(f"{what}: relation {rel!r} not in {RELATIONS}")
                continue
            if a and a[0] == self.base:
                self.err(f"{what}: a link's own claim must be in a non-base file (base claims are matches)")
            if (a, rel) in seen_links:
                self.err(f"{what}: duplicate link for the same claim and relation")
            seen_links.add((a, rel))
            link_rel[rel] += 1
            if not ln.get("matches"):
                self.err(f"{what}: no matches")
            for j, m in enumerate(ln.get("matches", [])):
                b = claim(m, f"{what}.matches[{j}]")
                if not a or not b:
                    continue
                if a[0] == b[0]:
                    self.err(f"{what}.matches[{j}]: matches a claim in its own file")
                    continue
                key = tuple(sorted((a, b)))
                if key in direct and direct[key] != rel:
                    self.err(f"{what}: pair already linked as {direct[key]!r}, now {rel!r}: {a[1][:40]!r} / {b[1][:40]!r}")
                direct[key] = rel
                oriented.setdefault(key, (a, b))
                linked |= {a, b}

        # conflicts
        kinds = collections.Counter()
        conflict_keys = set()
        for i, c in enumerate(g["conflicts"]):
            what = f"conflicts[{i}]"
            a = claim({"doc": c.get("doc"), "claim": c.get("claim")}, what)
            b = claim(c.get("against"), f"{what}.against")
            if c.get("kind") not in KINDS:
                self.err(f"{what}: kind {c.get('kind')!r} not in {KINDS}")
            kinds[c.get("kind")] += 1
            v = c.get("values")
            if not (isinstance(v, list) and len(v) == 2 and all(isinstance(s, str) and s for s in v)):
                self.err(f"{what}: values must be [base says, this says]")
            elif a and b:
                if v[0] not in b[1]:
                    self.err(f"{what}: values[0] {v[0]!r} is not in the 'against' claim")
                if v[1] not in a[1]:
                    self.err(f"{what}: values[1] {v[1]!r} is not in the claim")
            if a and b:
                key = tuple(sorted((a, b)))
                if key in conflict_keys:
                    self.err(f"{what}: duplicate conflict")
                conflict_keys.add(key)
                if direct.get(key) != "conflict":
                    self.err(f"{what}: no direct link with relation 'conflict' between claim and against")
        for key, rel in direct.items():
            if rel == "conflict" and key not in conflict_keys:
                self.err(f"conflict link without a conflicts entry: {key[0][1][:40]!r} / {key[1][1][:40]!r}")
        if dict(kinds) != EXPECTED_KINDS:
            self.err(f"conflict kinds {dict(kinds)} != expected {EXPECTED_KINDS} (update EXPECTED_KINDS and the README together)")

        # only_here
        only = collections.Counter()
        seen_only = set()
        for i, x in enumerate(g["only_here"]):
            a = claim(x, f"only_here[{i}]")
            if not a:
                continue
            if a in linked:
                self.err(f"only_here[{i}]: claim is also in a link: {a[1][:60]!r}")
            if a in seen_only:
                self.err(f"only_here[{i}]: duplicate")
            seen_only.add(a)
            only[a[0]] += 1

        # furniture
        furn_spans: dict[str, list[tuple[int, int, str]]] = collections.defaultdict(list)
        furn = collections.Counter()
        for i, f in enumerate(g["furniture"]):
            what = f"furniture[{i}]"
            if not isinstance(f, dict) or set(f) != {"doc", "text"}:
                self.err(f"{what}: expected {{doc, text}}")
                continue
            if f["text"] != f["text"].strip() or "\n" in f["text"]:
                self.err(f"{what}: must be one trimmed line: {f['text']!r}")
            off = self.locate(f["doc"], f["text"], what)
            if off is None:
                continue
            furn[f["doc"]] += 1
            furn_spans[f["doc"]].append((off, off + len(f["text"].encode()), f["text"]))

        # overlaps and coverage
        claim_count = collections.Counter()
        for doc in g["docs"]:
            if doc not in self.raw:
                continue
            items = [(off, off + len(c.encode()), "claim", c) for c, off in spans[doc].items()]
            items += [(s, e, "furniture", t) for s, e, t in furn_spans[doc]]
            title = self.text[doc].split("\n", 1)[0]
            items.append((0, len(title.encode()), "title", title))
            claim_count[doc] = len(spans[doc])
            items.sort()
            for (s1, e1, k1, t1), (s2, e2, k2, t2) in itertools.combinations(items, 2):
                if s2 < e1 and s1 < e2:
                    self.err(f"{doc}: {k1} and {k2} overlap: {t1[:40]!r} / {t2[:40]!r}")
            covered = bytearray(len(self.raw[doc]))
            for s, e, _, _ in items:
                covered[s:e] = b"\x01" * (e - s)
            rest = bytes(b if not covered[i] else 0x20 for i, b in enumerate(self.raw[doc])).decode("utf-8", "replace")
            for line in rest.split("\n"):
                left = line.strip(" \t\u00a0.,;:–—-«»\"'()")
                if left:
                    self.err(f"{doc}: text in no title, furniture or gold claim: {left[:80]!r}")

        # derived pairs through base claims
        nbr: dict[tuple, list[tuple[tuple, str]]] = collections.defaultdict(list)
        for (x, y), rel in direct.items():
            if x[0] == self.base and y[0] != self.base:
                nbr[x].append((y, rel))
            elif y[0] == self.base and x[0] != self.base:
                nbr[y].append((x, rel))
        derived: dict[tuple, tuple[str, tuple]] = {}
        skipped = collections.Counter()
        for via, items in sorted(nbr.items()):
            for (a, ra), (b, rb) in itertools.combinations(items, 2):
                if a[0] == b[0]:
                    continue
                rel = DERIVE.get(tuple(sorted((ra, rb))))
                key = tuple(sorted((a, b)))
                if rel is None:
                    skipped[f"{'+'.join(sorted((ra, rb)))}"] += 1
                    if (ra, rb) == ("conflict", "conflict") and key not in direct:
                        self.notes.append(f"conflict+conflict via base claim, no pair derived: {a[1][:40]!r} / {b[1][:40]!r}")
                    continue
                if key in direct:
                    if {direct[key], rel} == {"same", "conflict"}:
                        self.err(f"direct {direct[key]!r} pair derives as {rel!r}: {a[1][:40]!r} / {b[1][:40]!r}")
                    continue
                old = derived.get(key)
                if old and old[0] != rel:
                    self.notes.append(f"pair derives as {old[0]} and {rel}; kept the stronger: {a[1][:40]!r} / {b[1][:40]!r}")
                if not old or PRIORITY[rel] < PRIORITY[old[0]]:
                    derived[key] = (rel, via)

        self.summary = {
            "claims": dict(claim_count),
            "links": dict(link_rel),
            "direct_pairs": dict(collections.Counter(direct.values())),
            "derived_pairs": dict(collections.Counter(r for r, _ in derived.values())),
            "derivations_skipped": dict(skipped),
            "conflicts": dict(kinds),
            "only_here": dict(only),
            "furniture": dict(furn),
        }
        order = {d: i for i, d in enumerate(g["docs"])}

        def side(x):
            return {"doc": x[0], "claim": x[1]}

        pairs = []
        for key, rel in direct.items():
            a, b = oriented[key]
            pairs.append({"a": side(a), "b": side(b), "relation": rel, "derived": False, "via": None})
        for key, (rel, via) in derived.items():
            a, b = sorted(key, key=lambda x: (order.get(x[0], 99), x[1]))
            pairs.append({"a": side(a), "b": side(b), "relation": rel, "derived": True, "via": side(via)})
        pairs.sort(key=lambda p: (p["derived"], order.get(p["a"]["doc"], 99), order.get(p["b"]["doc"], 99),
                                  p["a"]["claim"], p["b"]["claim"]))
        self.pairs = pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", default=HERE, help="folder with gold.json and the articles (default: this script's)")
    ap.add_argument("--base", default="kk_base_2025.txt", help="the base article (derived pairs go through its claims)")
    ap.add_argument("--pairs", metavar="OUT.json", help="write every gold pair here")
    ap.add_argument("--quiet", action="store_true", help="print only errors and the summary line")
    args = ap.parse_args()
    ck = Checker(args.dir, args.base)
    ck.run(os.path.join(args.dir, "gold.json"))
    for e in ck.errors:
        print(f"ERROR {e}")
    if ck.errors:
        print(f"gold check FAILED: {len(ck.errors)} error(s)")
        return 1
    s = ck.summary
    if not args.quiet:
        for n in ck.notes:
            print(f"note  {n}")
        print("claims per file      ", s["claims"])
        print("links by relation    ", s["links"])
        print("direct pairs         ", s["direct_pairs"])
        print("derived pairs        ", s["derived_pairs"], " skipped:", s["derivations_skipped"])
        print("conflicts by kind    ", s["conflicts"])
        print("only_here per file   ", s["only_here"])
        print("furniture per file   ", s["furniture"])
    tot = collections.Counter(p["relation"] for p in ck.pairs)
    print(f"gold OK: {sum(s['claims'].values())} claims in {len(s['claims'])} files, {len(ck.pairs)} pairs "
          f"(same {tot['same']}, related {tot['related']}, conflict {tot['conflict']}), "
          f"{sum(s['conflicts'].values())} planted conflicts, {sum(s['only_here'].values())} only_here, "
          f"{sum(s['furniture'].values())} furniture")
    if args.pairs:
        with open(args.pairs, "w", encoding="utf-8") as fh:
            json.dump(ck.pairs, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
