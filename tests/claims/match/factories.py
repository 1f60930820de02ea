"""Shared claim factory for the matching tests that build a ClaimGraph by hand."""

from __future__ import annotations

from claims.model import Claim

__all__ = ["text_claim"]


def text_claim(article: str, index: int, text: str) -> Claim:
    """Claim ``index`` of ``article`` (id ``article + index``), its own whole text, worth 0.5."""
    return Claim(f"{article}{index}", article, text, 0, len(text), 0, len(text), None, 0.5,
                 position=index)  # fmt: skip
