"""CLI command groups kept apart from :mod:`workbench.cli` (each registers itself there)."""

from __future__ import annotations

__all__: list[str] = []
