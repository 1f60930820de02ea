"""Golden output of claim extraction: speed-ups must not change a single claim.

``tests/data/segment_golden.json`` holds, for every input below, each claim's span, sentence,
speaker, check-worthiness score and reading as :func:`claims.segment.extract_claims` gave them
before the extraction was optimised.  Inputs: the seed pages and the four xref_dev reports as
they are on disk (headline, furniture, bylines, dateline included), and every NTREX dev document
in kk, ru and en written as one paragraph per segment.  A deliberate change of segmentation
regenerates the file (and the diff shows what changed):

    PYTHONPATH=. .venv/bin/python -m tests.claims.test_segment_golden --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claims.model import text_hash
from claims.segment import extract_claims
from tests.shared_data import SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "segment_golden.json"
XREF = SHARED_DATA / "xref_dev"
NTREX = SHARED_DATA / "ntrex128_dev_kaz_rus_eng.json"
_XREF_LANGS = {"kk_base_2025.txt": "kk", "kk_followup_2026.txt": "kk", "ru_report_2025.txt": "ru"}


def inputs() -> dict[str, tuple[str, str]]:
    """``name -> (text, language)`` for every golden input."""
    out: dict[str, tuple[str, str]] = {}
    for path in sorted((ROOT / "seeds").glob("0*.txt")):
        out[f"seeds/{path.name}"] = (path.read_text(encoding="utf-8"), "kk")
    for path in sorted(XREF.glob("*.txt")):
        out[f"xref_dev/{path.name}"] = (
            path.read_text(encoding="utf-8"),
            _XREF_LANGS.get(path.name, "en"),
        )
    documents = json.loads(NTREX.read_text(encoding="utf-8"))["documents"]
    for number, document in enumerate(documents):
        for key, language in (("kaz", "kk"), ("rus", "ru"), ("eng", "en")):
            text = "\n\n".join(segment[key] for segment in document["segments"])
            out[f"ntrex/{number:03d}_{key}"] = (text, language)
    return out


def extract(text: str, language: str) -> list[list[object]]:
    """Each claim as ``[start, end, context_start, context_end, speaker, score, reading]``."""
    return [
        [c.start, c.end, c.context_start, c.context_end, c.speaker, c.score, c.reading]
        for c in extract_claims(text, article_id="Agolden", language=language)
    ]


def _golden() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def test_golden_covers_every_input_and_its_text_is_unchanged() -> None:
    golden = _golden()
    current = inputs()
    assert sorted(golden) == sorted(current)
    assert len(golden) == 6 + 180
    for name, (text, language) in current.items():
        assert golden[name]["sha256"] == text_hash(text), f"{name}: input changed"
        assert golden[name]["language"] == language


@pytest.mark.parametrize("name", sorted(inputs()))
def test_extraction_matches_golden(name: str) -> None:
    text, language = inputs()[name]
    assert extract(text, language) == _golden()[name]["claims"]


def _write() -> None:
    golden = {
        name: {"sha256": text_hash(text), "language": language, "claims": extract(text, language)}
        for name, (text, language) in inputs().items()
    }
    lines = ["{"]
    for number, (name, entry) in enumerate(golden.items()):
        head = {k: v for k, v in entry.items() if k != "claims"}
        rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in entry["claims"])  # type: ignore[attr-defined]
        comma = "," if number < len(golden) - 1 else ""
        lines.append(
            f'{json.dumps(name)}: {json.dumps(head)[:-1]}, "claims": [\n{rows}\n]}}{comma}'
        )
    lines.append("}")
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")  # one claim per line
    print(f"wrote {GOLDEN}: {sum(len(v['claims']) for v in golden.values())} claims")


if __name__ == "__main__" and "--write" in sys.argv:
    _write()
