"""Content digests written into the audit log, and the checks ``verify`` runs with them.

The audit chain proves the *log* is intact; these digests tie the reviewed
*content* to it.  When a row is written, its digest goes into the payload of the
event recording the write:

- ``article_added``: ``article_sha256`` (every column of the article but
  ``added_at``) and ``claims_sha256`` (every column of its claims);
- membership events (``clustering_replaced``, corrections): ``hints``, the digest
  of each given or new cluster's hint rows;
- ``embeddings_cached``: per model, an order-free sum of the new vectors' digests.

A check that needs no log runs on every store, old ones included: a claim's
text equals its article's body at its span.  Rows written before digests were
logged (older stores) are not covered by the digest checks.

:data:`CONTENT_CHECKS` is the registry ``verify`` runs: adding a table's check
is one entry (a function ``(tx, logged) -> problem lines``).  For a new table
(e.g. ``links``) the writer puts ``{"digests": {"links": {key: keyed_digest(rows)}}}``
into its event payload and the entry is
``("links", keyed_check("links", "cluster_id", "col_a, col_b, ..."))``: the rows of
every logged key must still hash to the logged digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "CONTENT_CHECKS",
    "ContentCheck",
    "LoggedContent",
    "article_digest",
    "claims_digest",
    "embedding_sum",
    "hints_digest",
    "keyed_check",
    "keyed_digest",
    "rows_digest",
]

_MOD = 2**256
_MAX_LINES = 20
ARTICLE_DIGEST_COLS = (
    "article_id, source, title, body, language, content_hash, published, url, origin, encoding"
)
CLAIM_DIGEST_COLS = (
    "claim_id, article_id, claim_text, start_char, end_char, context_start, context_end, "
    "speaker, score, position, reading"
)
HINT_DIGEST_COLS = "position, kind, message, claim_ids, value_pairs"


def rows_digest(rows: Iterable[Sequence[Any]]) -> str:
    """SHA-256 of rows as canonical JSON (floats by ``repr``, so a stored REAL round-trips)."""
    plain = [[repr(v) if isinstance(v, float) else v for v in row] for row in rows]
    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def keyed_digest(rows: Iterable[Sequence[Any]]) -> str:
    """Order-free digest of one key's rows (for :func:`keyed_check`)."""
    return rows_digest(sorted((tuple(r) for r in rows), key=repr))


def article_digest(row: Sequence[Any]) -> str:
    """Digest of one article row (columns :data:`ARTICLE_DIGEST_COLS`)."""
    return rows_digest([row])


def claims_digest(rows: Iterable[Sequence[Any]]) -> str:
    """Digest of an article's claim rows (columns :data:`CLAIM_DIGEST_COLS`), order-free."""
    return rows_digest(sorted((tuple(r) for r in rows), key=lambda r: str(r[0])))


def hints_digest(rows: Iterable[Sequence[Any]]) -> str:
    """Digest of a cluster's hint rows (columns :data:`HINT_DIGEST_COLS`) by position."""
    return rows_digest(sorted((tuple(r) for r in rows), key=lambda r: int(r[0])))


def _vector_digest(model_id: str, text_hash: str, dim: int, blob: bytes) -> int:
    head = f"{model_id}\0{text_hash}\0{int(dim)}\0".encode()
    return int.from_bytes(hashlib.sha256(head + bytes(blob)).digest(), "big")


def embedding_sum(rows: Iterable[Sequence[Any]]) -> str:
    """Order-free digest (sum mod 2^256) of ``(model_id, text_hash, dim, vector)`` rows."""
    total = sum(_vector_digest(str(m), str(t), int(d), bytes(b)) for m, t, d, b in rows) % _MOD
    return f"{total:064x}"


def add_sums(a: str, b: str) -> str:
    """Two :func:`embedding_sum` values combined."""
    return f"{(int(a, 16) + int(b, 16)) % _MOD:064x}"


class LoggedContent:
    """The content digests the audit log holds (fed event by event by the replay)."""

    def __init__(self) -> None:
        self.articles: dict[str, tuple[str, str]] = {}
        self.hints: dict[str, str] = {}
        self.embeddings: dict[str, str] = {}
        self.digests: dict[str, dict[str, str]] = {}
        self.reviewers_file: tuple[str, str] | None = None

    def apply(self, kind: str, payload: Mapping[str, Any]) -> None:
        """Take the digests of one event."""
        if kind == "article_added" and "article_sha256" in payload:
            self.articles[str(payload["article_id"])] = (
                str(payload["article_sha256"]),
                str(payload["claims_sha256"]),
            )
        hints = payload.get("hints")
        if isinstance(hints, Mapping):
            self.hints.update({str(k): str(v) for k, v in hints.items()})
        tables = payload.get("digests")
        if isinstance(tables, Mapping):
            for table, keyed in tables.items():
                if isinstance(keyed, Mapping):
                    slot = self.digests.setdefault(str(table), {})
                    slot.update({str(k): str(v) for k, v in keyed.items()})
        if kind == "reviewer_saved":
            self.reviewers_file = (str(payload["file"]), str(payload["file_sha256"]))
        if kind == "embeddings_cached":
            model = str(payload["model_id"])
            self.embeddings[model] = add_sums(self.embeddings.get(model, "0" * 64), payload["sum"])


ContentCheck = Callable[[Any, LoggedContent], list[str]]


def _cap(what: str, lines: list[str]) -> list[str]:
    if len(lines) > _MAX_LINES:
        return [*lines[:_MAX_LINES], f"... and {len(lines) - _MAX_LINES} more {what} problems"]
    return lines


def check_articles(tx: Any, logged: LoggedContent) -> list[str]:
    """Every column of an article and its claims equals what was logged when it was added."""
    claims: dict[str, list[tuple[Any, ...]]] = {}
    for row in tx.all(f"SELECT {CLAIM_DIGEST_COLS} FROM claims"):
        claims.setdefault(str(row[1]), []).append(tuple(row))
    lines = []
    for row in tx.all(f"SELECT {ARTICLE_DIGEST_COLS} FROM articles ORDER BY article_id"):
        aid = str(row[0])
        if aid not in logged.articles:
            continue  # added before content digests were logged
        want_article, want_claims = logged.articles[aid]
        if article_digest(row) != want_article:
            lines.append(
                f"article {aid} was edited after it was added (body, title, source, url, "
                "language, date or hash differ from the audit log)"
            )
        if claims_digest(claims.get(aid, [])) != want_claims:
            lines.append(f"claims of article {aid} were edited after they were added")
    return _cap("article content", lines)


def check_spans(tx: Any, logged: LoggedContent) -> list[str]:
    """A claim's text is its article's body at its span (no log needed)."""
    del logged
    rows = tx.all(
        "SELECT c.claim_id, c.claim_text, c.start_char, c.end_char, a.body "
        "FROM claims c JOIN articles a ON a.article_id = c.article_id ORDER BY c.claim_id"
    )
    lines = [
        f"claim {cid} text does not match its article at {start}:{end}"
        for cid, text, start, end, body in rows
        if str(body)[int(start) : int(end)] != str(text)
    ]
    return _cap("claim span", lines)


def check_hints(tx: Any, logged: LoggedContent) -> list[str]:
    """The hints of every cluster whose hints were logged equal the logged digest."""
    stored: dict[str, list[tuple[Any, ...]]] = {}
    for row in tx.all(f"SELECT cluster_id, {HINT_DIGEST_COLS} FROM hints"):
        stored.setdefault(str(row[0]), []).append(tuple(row[1:]))
    lines = [
        f"hints of cluster {cid} differ from the audit log"
        for cid, digest in sorted(logged.hints.items())
        if hints_digest(stored.get(cid, [])) != digest
    ]
    return _cap("hint", lines)


def check_embeddings(tx: Any, logged: LoggedContent) -> list[str]:
    """The cached vectors of every logged model sum to the logged digest."""
    lines = []
    for model, want in sorted(logged.embeddings.items()):
        rows = tx.all(
            "SELECT model_id, text_hash, dim, vector FROM embeddings WHERE model_id = ?", (model,)
        )
        if embedding_sum(rows) != want:
            lines.append(f"cached embeddings of model {model} differ from the audit log")
    return lines


def keyed_check(table: str, key: str, columns: str) -> ContentCheck:
    """A check for ``table``: per logged ``key`` value, ``rows_digest`` of its rows' ``columns``
    (sorted) equals the digest logged under ``payload["digests"][table]``."""

    def check(tx: Any, logged: LoggedContent) -> list[str]:
        wanted = logged.digests.get(table, {})
        if not wanted:
            return []
        stored: dict[str, list[tuple[Any, ...]]] = {}
        for row in tx.all(f"SELECT {key}, {columns} FROM {table}"):
            stored.setdefault(str(row[0]), []).append(tuple(row[1:]))
        lines = [
            f"{table} of {k} differ from the audit log"
            for k, digest in sorted(wanted.items())
            if keyed_digest(stored.get(k, [])) != digest
        ]
        return _cap(table, lines)

    return check


CONTENT_CHECKS: tuple[tuple[str, ContentCheck], ...] = (
    ("articles", check_articles),
    ("claims", check_spans),
    ("hints", check_hints),
    ("embeddings", check_embeddings),
)
