"""Over-long "claims": a post-step after segmentation that keeps every claim readable.

A line with no sentence punctuation (a 5 MB dump, a table flattened to text)
comes out of segmentation as one giant "claim"; spreadsheets cap a cell at
32,767 characters and nobody can review a page-long claim.  :func:`split_long_claims`
cuts every claim longer than ``limit`` characters (default :data:`MAX_CLAIM_CHARS`)
into pieces of at most ``limit`` characters:

1. at clause boundaries (``;``, ``:``, ``,``, dashes, line breaks), the last one
   before the limit;
2. where a stretch has no clause boundary, at the last space before the limit;
3. where it has no space either, at the limit.

Every piece keeps an exact span (``text == article_text[start:end]``), its own
id, the speaker and score of the claim it came from, and a context bounded by
its own span (so that an export never carries the giant sentence back).
Positions are renumbered.  Claims within the limit are returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claims.model import Claim, claim_id_for

__all__ = ["MAX_CLAIM_CHARS", "split_long_claims"]

MAX_CLAIM_CHARS = 2000
_CLAUSE_END = re.compile(r"[;:,\n]\s*|\s[—–-]\s+")
_SPACE = re.compile(r"\s+")


def _cut(text: str, limit: int) -> int:
    """Where to end the next piece of ``text`` (len > limit): clause, else space, else limit."""
    window = text[: limit + 1]
    for pattern in (_CLAUSE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(window) if 0 < m.end() <= limit]
        if ends and ends[-1] >= limit // 4:
            return ends[-1]
    return limit


def _pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """Spans (relative to ``text``) of trimmed pieces of at most ``limit`` characters."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        rest = text[pos:]
        end = len(rest) if len(rest) <= limit else _cut(rest, limit)
        piece = rest[:end]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            spans.append((pos + lead, pos + lead + len(body)))
        pos += end
    return spans


def split_long_claims(
    claims: Sequence[Claim], article_text: str, *, limit: int = MAX_CLAIM_CHARS
) -> list[Claim]:
    """``claims`` with every claim over ``limit`` characters split (see the module docstring)."""
    if limit < 10:
        raise ValueError(f"limit must be at least 10 characters, got {limit}")
    if all(len(c.text) <= limit for c in claims):
        return list(claims)
    out: list[Claim] = []
    for claim in claims:
        if len(claim.text) <= limit:
            out.append(claim)
            continue
        for rel_start, rel_end in _pieces(claim.text, limit):
            start, end = claim.start + rel_start, claim.start + rel_end
            out.append(
                replace(
                    claim,
                    claim_id=claim_id_for(claim.article_id, start, end),
                    text=article_text[start:end],
                    start=start,
                    end=end,
                    context_start=start,
                    context_end=end,
                    reading=None,
                )
            )
    return [replace(c, position=i) for i, c in enumerate(out)]
