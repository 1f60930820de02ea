"""Sentence-boundary precision/recall/F1: ours vs pysbd vs sentencex on the same text.

Datasets (each reported separately, never mixed):

* ``ud-ktb``: ``tests/data/ud_kk_ktb_test_sentences.json`` — the ``# text =``
  lines of UD Kazakh-KTB test (CC BY-SA 4.0), a prefix of the file, grouped by
  source document (``sent_id`` prefix) and joined with one space into running
  text, as the treebank gives no paragraph structure.
* ``ntrex-kk`` / ``ntrex-ru``: NTREX-128 dev documents (CC BY-SA 4.0) from
  ``/work/shared/data``; each document's segments after the headline are joined
  with one space.  NTREX segments are translation units, which are sometimes
  two sentences: a split inside one counts against every system equally.

A boundary is the end offset of a sentence with trailing whitespace removed;
the end of the document is not counted.  It also scores the claims of the two
seed articles against ``seeds/expected_claims.json`` (precision, recall, recall
with the right speaker), on the ingested text and on the raw file.  Run::

    .venv/bin/python benchmarks/segment_quality.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.ingest import parse_document  # noqa: E402
from claims.segment import extract_claims  # noqa: E402
from claims.sentences import split_sentences  # noqa: E402

NTREX = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")
UD = ROOT / "tests" / "data" / "ud_kk_ktb_test_sentences.json"

Splitter = Callable[[str, str], list[str]]


def _ours(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(text, language=lang)]


def _pysbd(text: str, lang: str) -> list[str]:
    import pysbd

    segmenter = pysbd.Segmenter(language=lang, clean=False)
    return [str(s) for s in segmenter.segment(text)]


def _sentencex(text: str, lang: str) -> list[str]:
    import sentencex

    return list(sentencex.segment(lang, text))


def _ends(text: str, pieces: Sequence[str]) -> set[int]:
    """Map pieces back onto ``text`` (in order) and return their stripped ends."""
    ends: set[int] = set()
    cursor = 0
    for piece in pieces:
        core = piece.strip()
        if not core:
            continue
        found = text.find(core, cursor)
        if found < 0:
            continue
        cursor = found + len(core)
        ends.add(cursor)
    ends.discard(len(text.rstrip()))
    return ends


def _documents(name: str) -> tuple[str, list[list[str]]]:
    if name == "ud-ktb":
        data = json.loads(UD.read_text(encoding="utf-8"))
        return "kk", [doc["sentences"] for doc in data["documents"]]
    lang_field = {"ntrex-kk": "kaz", "ntrex-ru": "rus", "ntrex-en": "eng"}[name]
    data = json.loads(NTREX.read_text(encoding="utf-8"))
    docs = [[seg[lang_field] for seg in doc["segments"][1:]] for doc in data["documents"]]
    return name[-2:], docs


def _score(lang: str, docs: list[list[str]], splitter: Splitter) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for sentences in docs:
        sentences = [s.strip() for s in sentences if s.strip()]
        text = " ".join(sentences)
        gold = _ends(text, sentences)
        pred = _ends(text, splitter(text, lang))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


SEEDS = {"000": "000_d584ff334e9af6fb.txt", "001": "001_c7d509376adc05ed.txt"}


def _norm(text: str) -> str:
    import regex

    text = regex.sub(r"[«»\"“”„'’–—]", " ", text.casefold())
    return regex.sub(r"\s+", " ", text).strip().strip(" .,;:!?")


def _seed_scores(*, ingested: bool) -> tuple[int, int, int, int]:
    """(expected, produced, matched text, matched text+speaker) over both seeds."""
    expected_items = json.loads((ROOT / "seeds" / "expected_claims.json").read_text("utf-8"))
    expected = {(e["article"], _norm(e["text"])): e["speaker"] for e in expected_items["claims"]}
    produced: dict[tuple[str, str], str | None] = {}
    for key, name in SEEDS.items():
        raw = (ROOT / "seeds" / name).read_bytes()
        text = parse_document(raw, name=name).text if ingested else raw.decode("utf-8")
        for claim in extract_claims(text, article_id=key):
            produced[(key, _norm(claim.text))] = claim.speaker
    hits = [k for k in produced if k in expected]
    with_speaker = [k for k in hits if produced[k] == expected[k]]
    return len(expected), len(produced), len(hits), len(with_speaker)


def _print_seeds() -> None:
    print()
    print("seed claims vs seeds/expected_claims.json (normalised exact text match)")
    print(f"{'input':<10} {'expected':>8} {'produced':>8} {'P':>6} {'R':>6} {'R+speaker':>10}")
    for ingested in (True, False):
        n_exp, n_prod, hits, spk = _seed_scores(ingested=ingested)
        label = "ingested" if ingested else "raw file"
        print(
            f"{label:<10} {n_exp:>8} {n_prod:>8} {hits / n_prod:6.3f} {hits / n_exp:6.3f}"
            f" {spk / n_exp:10.3f}"
        )


def main() -> int:
    """Print one table row per dataset and system, then the seed-claim scores."""
    systems: dict[str, Splitter] = {"ours": _ours, "pysbd": _pysbd, "sentencex": _sentencex}
    datasets = ["ud-ktb", "ntrex-kk", "ntrex-ru", "ntrex-en"]
    print(f"{'dataset':<10} {'docs':>5} {'sents':>6} {'system':<10} {'P':>6} {'R':>6} {'F1':>6}")
    for name in datasets:
        if name == "ud-ktb" and not UD.exists():
            print(f"{name:<10} missing {UD}")
            continue
        lang, docs = _documents(name)
        n_sents = sum(len(d) for d in docs)
        for system, splitter in systems.items():
            p, r, f = _score(lang, docs, splitter)
            print(f"{name:<10} {len(docs):>5} {n_sents:>6} {system:<10} {p:6.3f} {r:6.3f} {f:6.3f}")
    _print_seeds()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
