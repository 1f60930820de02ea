"""Time references in claim texts, anchored to the article's publication date.

A thin entry point over :mod:`claims.dates` (the one date parser, shared with
ingest metadata): explicit dates ("5 қаңтар 2022", "5 января 2022 года",
"January 5, 2022", "05.01.2022"), years ("2022 жылы", "в 2022 году"),
relative expressions resolved against ``published`` ("биыл", "былтыр", "в
прошлом году", "last year", "2 жыл бұрын", "кеше"), day ranges and nights,
and durations ("тура 2 жыл", "three years since").  Relative references
without a publication date are skipped here (they have no year).
"""

from __future__ import annotations

from datetime import date

from claims.dates import TimeRef, find_times

__all__ = ["TimeRef", "extract_times"]


def extract_times(
    text: str, *, language: str = "kk", published: date | None = None
) -> list[TimeRef]:
    """Dated time references in ``text`` (with a year), left to right."""
    return [
        ref
        for ref in find_times(text, language=language, published=published)
        if ref.kind == "date" and ref.year is not None
    ]
