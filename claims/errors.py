"""Exceptions raised by the engine. Each carries a one-line, user-facing message."""

from __future__ import annotations

__all__ = ["ClaimsError", "EncoderError", "IngestError"]


class ClaimsError(Exception):
    """Base class: ``str(error)`` is a clear one-line message for the user."""


class IngestError(ClaimsError):
    """An input could not be ingested (empty, binary, undecodable, too large...)."""


class EncoderError(ClaimsError):
    """An encoder could not be loaded or used (unknown name, not available offline...)."""
