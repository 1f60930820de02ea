"""The claim engine: pure stages over frozen dataclasses (no database, no UI)."""

from claims.errors import ClaimsError, EncoderError, IngestError
from claims.model import Article, Claim, Cluster, Hint, Sentence

__all__ = [
    "Article",
    "Claim",
    "ClaimsError",
    "Cluster",
    "EncoderError",
    "Hint",
    "IngestError",
    "Sentence",
]
