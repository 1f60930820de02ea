"""Store targets: a SQLite file path or a ``postgresql://`` URL, and how to show one safely."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["is_postgres", "normalise_target", "redact"]

_SCHEMES = ("postgresql://", "postgres://")
_PASSWORD = re.compile(r"^(?P<head>[a-z]+://[^/@:]*):[^/@]*@", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"(?P<key>[?&]password=)[^&]*", re.IGNORECASE)


def is_postgres(target: str | Path) -> bool:
    """True when ``target`` is a PostgreSQL URL rather than a SQLite file."""
    return str(target).strip().lower().startswith(_SCHEMES)


def redact(target: str | Path) -> str:
    """``target`` with any password replaced by ``***`` (safe to print or log)."""
    text = str(target)
    if not is_postgres(text):
        return text
    text = _PASSWORD.sub(lambda m: f"{m.group('head')}:***@", text)
    return _QUERY_PASSWORD.sub(lambda m: f"{m.group('key')}***", text)


def normalise_target(target: str | Path) -> str:
    """An absolute file path for SQLite (so a child process finds it); URLs unchanged."""
    text = str(target)
    if is_postgres(text) or text == ":memory:":
        return text
    return str(Path(text).expanduser().resolve())
