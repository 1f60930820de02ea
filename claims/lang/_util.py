"""Helpers for writing word tables: one space-separated string per table."""

from __future__ import annotations

__all__ = ["words"]


def words(text: str) -> list[str]:
    """The space-separated words of a table string."""
    return text.split()
