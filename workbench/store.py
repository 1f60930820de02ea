"""The workbench's persistent store (SQLite by default).

The connection is created in exactly one place (:func:`connect`) with WAL,
foreign keys and a busy timeout; the schema comes from the ordered steps in
:mod:`workbench.migrations`.  Queries are standard, parameterised SQL so that a
PostgreSQL backend only needs another :func:`connect` and placeholder style.

Every write runs in one ``BEGIN IMMEDIATE`` transaction (:meth:`Store.transaction`)
that appends its audit event and bumps ``data_version`` before committing; any
exception rolls the whole change back.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from claims.model import Article, Claim, Cluster, Hint, Link, cluster_id_for
from workbench import integrity, rules, store_links, store_partial
from workbench.audit import AuditEvent, append_event, utc_now
from workbench.auth import Reviewer
from workbench.backends import Connection, prepare_location, redact, store_exists
from workbench.backends import connect as _backend_connect
from workbench.errors import InvalidInputError, LockedError, NotFoundError, WorkbenchError
from workbench.migrations import migrate

__all__ = [
    "BUSY_TIMEOUT_S",
    "ClusterState",
    "ReclusterReport",
    "Store",
    "Tx",
    "check_name",
    "connect",
    "current_verdict_ids",
]

BUSY_TIMEOUT_S = 60.0
_CHUNK = 500
Row = tuple[Any, ...]


def connect(path: str) -> Connection:
    """Open a connection (SQLite file or PostgreSQL URL; see :mod:`workbench.backends`)."""
    return _backend_connect(path, busy_timeout_s=BUSY_TIMEOUT_S)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


@dataclass(frozen=True)
class ReclusterReport:
    """What a re-clustering does (or would do) to the stored clusters and verdicts."""

    clusters: int
    unchanged: int
    new: int
    removed: int
    verdicts_kept: int
    verdicts_to_rereview: int


@dataclass(frozen=True)
class ClusterState:
    """A cluster as the reviewer sees it: members, provenance, current verdict, lock."""

    cluster_id: str
    claim_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    languages: tuple[str, ...]
    hint_kinds: tuple[str, ...]
    verdict: str | None
    note: str
    reviewer: str | None
    version: int
    signed_off_by: str | None
    signed_off_at: str | None
    locked: bool
    needs_rereview: bool


class Tx:
    """One open transaction on the store's connection (use via :meth:`Store.transaction`)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.dirty = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a writing statement; returns the rows of a ``RETURNING`` clause, if any."""
        self.dirty = True
        return list(self._conn.execute(sql, tuple(params)).fetchall())

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run a writing statement once per parameter row."""
        self.dirty = True
        self._conn.executemany(sql, (tuple(r) for r in rows))

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """First row of a query, or ``None``."""
        row = self._conn.execute(sql, tuple(params)).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """All rows of a query."""
        return [tuple(r) for r in self._conn.execute(sql, tuple(params)).fetchall()]

    def all_in(self, sql: str, values: Sequence[str], params: Sequence[Any] = ()) -> list[Row]:
        """Rows of ``sql`` whose ``{in}`` placeholder is expanded over ``values`` in chunks."""
        rows: list[Row] = []
        for chunk in _chunks(values):
            rows.extend(self.all(sql.format(ins=_marks(len(chunk))), (*params, *chunk)))
        return rows

    def event(self, kind: str, *, actor: str, payload: Mapping[str, Any]) -> AuditEvent:
        """Append an audit event to this transaction."""
        self.dirty = True
        return append_event(self._conn, kind=kind, actor=actor, payload=payload)


def _article_row(article: Article) -> tuple[Any, ...]:
    published = article.published.isoformat() if article.published else None
    return (
        article.article_id,
        article.source,
        article.title,
        article.text,
        article.language,
        article.content_hash,
        published,
        article.url,
        article.origin,
        article.encoding,
        utc_now(),
    )


def _claim_row(claim: Claim) -> tuple[Any, ...]:
    return (
        claim.claim_id,
        claim.article_id,
        claim.text,
        claim.start,
        claim.end,
        claim.context_start,
        claim.context_end,
        claim.speaker,
        float(claim.score),
        claim.position,
        claim.reading,
    )


def _article_from(row: Row) -> Article:
    return Article(
        article_id=row[0],
        source=row[1],
        title=row[2],
        text=row[3],
        language=row[4],
        content_hash=row[5],
        published=date.fromisoformat(row[6]) if row[6] else None,
        url=row[7],
        origin=row[8],
        encoding=row[9],
    )


_ARTICLE_COLS = (
    "article_id, source, title, body, language, content_hash, published, url, origin, encoding"
)
_CLAIM_COLS = (
    "claim_id, article_id, claim_text, start_char, end_char, context_start, context_end, "
    "speaker, score, position, reading"
)


def _claim_from(row: Row) -> Claim:
    return Claim(
        claim_id=row[0],
        article_id=row[1],
        text=row[2],
        start=int(row[3]),
        end=int(row[4]),
        context_start=int(row[5]),
        context_end=int(row[6]),
        speaker=row[7],
        score=float(row[8]),
        position=int(row[9]),
        reading=row[10],
    )


def _check_claim(article: Article, claim: Claim) -> None:
    where = f"claim {claim.claim_id} of article {article.article_id}"
    if claim.article_id != article.article_id:
        raise InvalidInputError(f"{where} names another article ({claim.article_id})")
    n = len(article.text)
    if not (0 <= claim.start <= claim.end <= n and 0 <= claim.context_start <= n):
        raise InvalidInputError(f"{where}: span {claim.start}:{claim.end} is outside the text")
    if article.text[claim.start : claim.end] != claim.text:
        raise InvalidInputError(f"{where}: text does not match span {claim.start}:{claim.end}")


def _hint_from(row: Row) -> Hint:
    pairs = tuple((str(a), str(b)) for a, b in json.loads(row[3]))
    return Hint(kind=row[0], message=row[1], claim_ids=tuple(json.loads(row[2])), values=pairs)


def check_name(value: str, *, what: str) -> str:
    """Strip a person's name; refuse an empty one with InvalidInputError."""
    name = (value or "").strip()
    if not name:
        raise InvalidInputError(f"{what} name must not be empty")
    return name


class Store:
    """SQLite-backed store of articles, claims, clusters, verdicts, sign-offs and audit log."""

    def __init__(self, conn: Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (creating and migrating as needed) the store at ``path`` (``":memory:"`` ok).

        With ``create=False`` (read-only commands) a missing file is a NotFoundError and
        nothing is created.  Opening an up-to-date store takes no write lock.
        """
        name = str(path)
        if not create and not store_exists(name):
            raise NotFoundError(f"no store at {redact(name)}: check --db (nothing was created)")
        prepare_location(name)
        try:
            conn = connect(name)
        except sqlite3.DatabaseError as exc:
            raise WorkbenchError(f"cannot open store {redact(name)}: {exc}") from None
        try:
            migrate(conn)
        except (sqlite3.DatabaseError, WorkbenchError) as exc:
            conn.close()
            raise WorkbenchError(f"cannot open store {redact(name)}: {exc}") from None
        return cls(conn, name)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A write transaction (``BEGIN IMMEDIATE``): commit on success, roll back on error."""
        with self._lock:
            if self._depth:
                raise WorkbenchError("nested write transaction")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise WorkbenchError(f"store {self.path} is busy: {exc}") from None
            self._depth += 1
            tx = Tx(self._conn)
            try:
                yield tx
                if tx.dirty:
                    tx.execute(
                        "UPDATE meta SET meta_value = meta_value + 1 WHERE meta_key = ?",
                        ("data_version",),
                    )
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:  # SQLite already rolled back on SQLITE_FULL
                    self._conn.execute("ROLLBACK")
                if _disk_full(exc):
                    raise WorkbenchError(f"disk full: nothing was written to {self.path}") from None
                raise
            finally:
                self._depth -= 1

    @contextmanager
    def snapshot(self) -> Iterator[Tx]:
        """A consistent read-only view (joins an open transaction of this thread)."""
        with self._lock:
            if self._depth:
                yield Tx(self._conn)
                return
            self._conn.execute("BEGIN")
            self._depth += 1
            try:
                yield Tx(self._conn)
            finally:
                self._depth -= 1
                self._conn.execute("ROLLBACK")

    # -- articles and claims ------------------------------------------------------------------

    def add_article(
        self, article: Article, claims: Sequence[Claim], *, actor: str = "workbench"
    ) -> bool:
        """Store an article and its claims in one transaction; False if already stored."""
        return self.add_articles([(article, claims)], actor=actor)[0]

    def add_articles(
        self, items: Sequence[tuple[Article, Sequence[Claim]]], *, actor: str = "workbench"
    ) -> list[bool]:
        """Store many articles with their claims in ONE transaction (one commit for a batch).

        Per item: False if that article was already stored.  All or nothing: if any item
        is refused (InvalidInputError) nothing is written, so a caller can retry singly.
        """
        try:
            with self.transaction() as tx:
                return [self._add_article(tx, a, c, actor=actor) for a, c in items]
        except sqlite3.IntegrityError as exc:
            ids = ", ".join(a.article_id for a, _ in items)
            raise InvalidInputError(f"article {ids} not stored: {exc}") from None

    def has_article(self, article_id: str) -> bool:
        """True if an article with this id (its content hash) is stored."""
        with self.snapshot() as tx:
            return tx.one("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)) is not None

    @staticmethod
    def _add_article(tx: Tx, article: Article, claims: Sequence[Claim], *, actor: str) -> bool:
        if tx.one("SELECT 1 FROM articles WHERE article_id = ?", (article.article_id,)):
            return False
        tx.execute(
            f"INSERT INTO articles ({_ARTICLE_COLS}, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _article_row(article),
        )
        claim_ids = [Store._insert_claim(tx, article, c) for c in claims]
        payload = {
            "article_id": article.article_id,
            "content_hash": article.content_hash,
            "source": article.source,
            "claims": claim_ids,
            "article_sha256": integrity.article_digest(_article_row(article)[:10]),
            "claims_sha256": integrity.claims_digest(_claim_row(c) for c in claims),
        }
        tx.event("article_added", actor=actor, payload=payload)
        return True

    @staticmethod
    def _insert_claim(tx: Tx, article: Article, claim: Claim) -> str:
        _check_claim(article, claim)
        tx.execute(
            f"INSERT INTO claims ({_CLAIM_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _claim_row(claim),
        )
        return claim.claim_id

    def articles(self) -> list[Article]:
        """All articles, in the order they were added."""
        with self.snapshot() as tx:
            rows = tx.all(f"SELECT {_ARTICLE_COLS} FROM articles ORDER BY added_at, article_id")
        return [_article_from(r) for r in rows]

    def article(self, article_id: str) -> Article:
        """One article; NotFoundError if unknown."""
        with self.snapshot() as tx:
            row = tx.one(
                f"SELECT {_ARTICLE_COLS} FROM articles WHERE article_id = ?", (article_id,)
            )
        if row is None:
            raise NotFoundError(f"unknown article {article_id}")
        return _article_from(row)

    def claims(self, *, article_id: str | None = None) -> list[Claim]:
        """Claims (of one article, or all), ordered by article then position."""
        sql = f"SELECT {_CLAIM_COLS} FROM claims"
        params: tuple[str, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            params = (article_id,)
        with self.snapshot() as tx:
            rows = tx.all(sql + " ORDER BY article_id, position, claim_id", params)
        return [_claim_from(r) for r in rows]

    def claim(self, claim_id: str) -> Claim:
        """One claim; NotFoundError if unknown."""
        with self.snapshot() as tx:
            row = tx.one(f"SELECT {_CLAIM_COLS} FROM claims WHERE claim_id = ?", (claim_id,))
        if row is None:
            raise NotFoundError(f"unknown claim {claim_id}")
        return _claim_from(row)

    # -- counters -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts: articles, claims, clusters (current), verdicts, signoffs, events."""
        queries = {
            "articles": "SELECT COUNT(*) FROM articles",
            "claims": "SELECT COUNT(*) FROM claims",
            "clusters": "SELECT COUNT(*) FROM clusters WHERE active = 1",
            "verdicts": "SELECT COUNT(*) FROM verdicts",
            "signoffs": "SELECT COUNT(*) FROM signoffs",
            "events": "SELECT COUNT(*) FROM events",
        }
        with self.snapshot() as tx:
            return {name: int(_first(tx.one(sql))) for name, sql in queries.items()}

    def data_version(self) -> int:
        """A number that grows on every committed write (a cache key for the dashboard)."""
        with self.snapshot() as tx:
            row = tx.one("SELECT meta_value FROM meta WHERE meta_key = ?", ("data_version",))
        return int(_first(row))

    # -- embedding cache ----------------------------------------------------------------------

    def get_embeddings(self, model_id: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors of ``model_id`` for those text hashes that are stored."""
        with self.snapshot() as tx:
            rows = tx.all_in(
                "SELECT text_hash, dim, vector FROM embeddings "
                "WHERE model_id = ? AND text_hash IN ({ins})",
                list(dict.fromkeys(text_hashes)),
                (model_id,),
            )
        out: dict[str, np.ndarray] = {}
        for text_hash, dim, blob in rows:
            vector = np.frombuffer(blob, dtype=np.float32)
            if vector.shape[0] == int(dim):
                out[str(text_hash)] = vector.copy()
        return out

    def put_embeddings(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Cache vectors (float32) of ``model_id``; existing entries are kept."""
        if not vectors:
            return
        rows = []
        for text_hash, vector in vectors.items():
            flat = np.ascontiguousarray(vector, dtype=np.float32).reshape(-1)
            rows.append((model_id, text_hash, int(flat.shape[0]), flat.tobytes()))
        with self.transaction() as tx:
            known = {
                str(r[0])
                for r in tx.all_in(
                    "SELECT text_hash FROM embeddings WHERE model_id = ? AND text_hash IN ({ins})",
                    [r[1] for r in rows],
                    (model_id,),
                )
            }
            rows = [r for r in rows if r[1] not in known]
            if not rows:
                return
            tx.executemany(
                "INSERT INTO embeddings (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (model_id, text_hash) DO NOTHING",
                rows,
            )
            payload = {
                "model_id": model_id,
                "count": len(rows),
                "sum": integrity.embedding_sum(rows),
            }
            tx.event("embeddings_cached", actor="workbench", payload=payload)

    # -- clustering ---------------------------------------------------------------------------

    def preview_clustering(
        self, clusters: Sequence[Cluster], *, retire: Sequence[str] | None = None
    ) -> ReclusterReport:
        """What :meth:`replace_clustering` would do with ``clusters``; writes nothing."""
        with self.snapshot() as tx:
            report, _, _ = self._plan(tx, clusters, retire)
        return report

    def replace_clustering(
        self,
        clusters: Sequence[Cluster],
        hints: Mapping[str, Sequence[Hint]],
        *,
        actor: str | Reviewer,
        params: Mapping[str, object],
        links: Sequence[Link] | None = None,
        retire: Sequence[str] | None = None,
    ) -> ReclusterReport:
        """Make ``clusters`` the current clustering (audited).

        With ``retire`` (an incremental clustering, :mod:`workbench.store_partial`) the
        given clusters replace only those current clusters; every other one stays as it is.

        Clusters whose membership is unchanged keep their id, verdicts and sign-off; new
        clusters that took over claims of a reviewed cluster are marked needs_rereview and
        point to the previous verdict; old verdicts stay in history.  Hints are replaced
        for every given cluster.  ``links`` (when given) replace the links of every given
        cluster, except that a signed-off cluster keeps the links and hints it was signed
        off with (one signed off before it had links gets the given ones); ``None`` leaves
        links as they are.  A clustering that sends verdicts to re-review needs an editor
        (:mod:`workbench.rules`); a signed-off cluster is never dissolved.
        """
        person = actor
        actor = check_name(actor if isinstance(actor, str) else actor.name, what="actor")
        given = {c.cluster_id for c in clusters}
        stray = sorted(set(hints) - given)
        if stray:
            raise InvalidInputError(f"hints given for unknown cluster {stray[0]}")
        with self.transaction() as tx:
            report, removed, added = self._plan(tx, clusters, retire)
            ids = [c.cluster_id for c in clusters]
            kept = store_links.signed_off_with_links(tx, ids) if links is not None else set()
            fresh = [cid for cid in ids if cid not in kept]
            detail = {
                "params": json.loads(json.dumps(dict(params), default=str)),
                "hints": _hints_digests(_hint_rows(fresh, hints), fresh),
            }
            if report.verdicts_to_rereview:
                who = rules.check(self.path, person, "recluster")
                actor, detail = who.name, {**detail, **rules.mark(who)}
            self.change_membership(
                tx,
                removed=removed,
                added=added,
                kind="clustering_replaced",
                actor=actor,
                detail=detail,
            )
            self._replace_hints(tx, fresh, hints)
            if links is not None:
                self._store_links(tx, clusters, links, kept=kept, actor=actor)
        return report

    @staticmethod
    def _store_links(
        tx: Tx,
        clusters: Sequence[Cluster],
        links: Sequence[Link],
        *,
        kept: set[str],
        actor: str,
    ) -> None:
        grouped = store_links.group_links(links, {c.cluster_id: c.claim_ids for c in clusters})
        ids = [c.cluster_id for c in clusters]
        wanted = {cid: grouped.get(cid, []) for cid in ids if cid not in kept}
        changed = store_links.write_links(tx, wanted)
        if changed:
            payload = {"clusters": changed, "cause": "clustering_replaced"}
            tx.event(store_links.LINKS_EVENT, actor=actor, payload=payload)

    def carry_links(
        self,
        tx: Tx,
        *,
        removed: Sequence[str],
        added: Mapping[str, tuple[str, ...]],
        actor: str,
        cause: str,
    ) -> None:
        """Inside ``tx``: give added clusters the links of removed ones whose two claims stay
        together; a cluster restored to a membership it had keeps its own (audited)."""
        changed = store_links.carry_links(tx, removed, added)
        if changed:
            payload = {"clusters": changed, "cause": cause}
            tx.event(store_links.LINKS_EVENT, actor=actor, payload=payload)

    def links(self, cluster_id: str) -> list[Link]:
        """The links of a cluster (aligned claim pairs), in their stored order."""
        with self.snapshot() as tx:
            return store_links.cluster_links(tx, cluster_id)

    def all_links(self) -> list[Link]:
        """The links of every current cluster, by cluster id then stored order (for export)."""
        with self.snapshot() as tx:
            return store_links.active_links(tx)

    def link_summaries(self) -> dict[str, store_links.LinkSummary]:
        """Relation counts and conflict hint kinds per current cluster that has links."""
        with self.snapshot() as tx:
            return store_links.link_summaries(tx)

    def _plan(
        self, tx: Tx, clusters: Sequence[Cluster], retire: Sequence[str] | None = None
    ) -> tuple[ReclusterReport, list[str], dict[str, tuple[str, ...]]]:
        wanted = _validate_clusters(tx, clusters)
        if retire is not None:
            return store_partial.plan(tx, wanted, retire)
        current = set(_active_ids(tx))
        removed = sorted(current - set(wanted))
        added = {cid: wanted[cid] for cid in sorted(set(wanted) - current)}
        unchanged = sorted(current & set(wanted))
        with_verdict = set(current_verdict_ids(tx, [*unchanged, *removed]))
        report = ReclusterReport(
            clusters=len(wanted),
            unchanged=len(unchanged),
            new=len(added),
            removed=len(removed),
            verdicts_kept=sum(1 for c in unchanged if c in with_verdict),
            verdicts_to_rereview=sum(1 for c in removed if c in with_verdict),
        )
        return report, removed, added

    @staticmethod
    def _replace_hints(
        tx: Tx, cluster_ids: Sequence[str], hints: Mapping[str, Sequence[Hint]]
    ) -> None:
        for chunk in _chunks(list(cluster_ids)):
            tx.execute(f"DELETE FROM hints WHERE cluster_id IN ({_marks(len(chunk))})", chunk)
        rows = _hint_rows(cluster_ids, hints)
        tx.executemany(
            "INSERT INTO hints (cluster_id, position, kind, message, claim_ids, value_pairs) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )

    def change_membership(
        self,
        tx: Tx,
        *,
        removed: Sequence[str],
        added: Mapping[str, tuple[str, ...]],
        kind: str,
        actor: str,
        detail: Mapping[str, Any],
    ) -> AuditEvent:
        """Retire ``removed`` clusters and activate ``added`` ones inside ``tx`` (audited).

        Every claim of an added cluster must be unclustered or in a removed cluster.  An
        added cluster that takes over claims of a cluster with a verdict (or one still
        awaiting re-review) is marked needs_rereview, with a lineage row pointing to the
        previous verdict.  Links whose two claims stay together in an added cluster are
        carried over (audited), except by a clustering, which stores its own.
        """
        now = utc_now()
        members = [m for ms in added.values() for m in ms]
        old_of: dict[str, str] = dict(
            tx.all_in(
                "SELECT claim_id, cluster_id FROM memberships WHERE claim_id IN ({ins})", members
            )
        )
        gone = set(removed)
        _refuse_signed_off(tx, sorted(gone))
        blocked = sorted(c for c in set(old_of.values()) if c not in gone)
        if blocked:
            raise InvalidInputError(f"cluster {blocked[0]} still holds claims of a new cluster")
        inherited = _inherited_verdicts(tx, sorted(gone))
        for cid in removed:
            tx.execute("DELETE FROM memberships WHERE cluster_id = ?", (cid,))
            tx.execute("UPDATE clusters SET active = 0 WHERE cluster_id = ?", (cid,))
        for cid, claim_ids in added.items():
            preds = sorted({old_of[m] for m in claim_ids if m in old_of})
            pointers = [(p, v) for p in preds for v in inherited.get(p, [None])]
            rereview = any(v is not None for _, v in pointers)
            _activate(tx, cid, rereview=rereview, now=now)
            tx.executemany(
                "INSERT INTO cluster_lineage "
                "(cluster_id, previous_cluster_id, previous_verdict_id, created_at) "
                "VALUES (?, ?, ?, ?)",
                [(cid, p, v, now) for p, v in pointers],
            )
            tx.executemany(
                "INSERT INTO memberships (claim_id, cluster_id) VALUES (?, ?)",
                [(m, cid) for m in claim_ids],
            )
        if "hints" not in detail:
            carried = _carried_hint_rows(tx, removed, added)
            detail = {**detail, "hints": _hints_digests(carried, list(added))}
        payload = {
            **detail,
            "removed": sorted(removed),
            "added": {cid: sorted(ms) for cid, ms in added.items()},
        }
        event = tx.event(kind, actor=actor, payload=payload)
        if kind != "clustering_replaced":  # a clustering stores its own links
            self.carry_links(tx, removed=removed, added=added, actor=actor, cause=kind)
        return event

    def clusters(self) -> list[ClusterState]:
        """All current clusters: most sources first, then largest, then by id."""
        with self.snapshot() as tx:
            states = _states(tx, None)
        return sorted(states, key=lambda s: (-len(s.sources), -len(s.claim_ids), s.cluster_id))

    def review_changes(self, since_seq: int) -> tuple[int, frozenset[str] | None]:
        """``(latest event seq, clusters whose review changed after since_seq)``.

        Only verdicts, sign-offs and reopenings name their cluster; any other event after
        ``since_seq`` (clustering, corrections, articles, ...) gives None: reload everything.
        """
        with self.snapshot() as tx:
            rows = tx.all(
                "SELECT seq, kind, payload FROM events WHERE seq > ? ORDER BY seq", (since_seq,)
            )
            if not rows:
                return int(_first(tx.one("SELECT COALESCE(MAX(seq), 0) FROM events"))), frozenset()
        if any(str(kind) not in _REVIEW_EVENTS for _, kind, _ in rows):
            return int(rows[-1][0]), None
        changed = frozenset(str(json.loads(str(payload))["cluster_id"]) for _, _, payload in rows)
        return int(rows[-1][0]), changed

    def cluster(self, cluster_id: str) -> ClusterState:
        """One current cluster; NotFoundError if unknown or retired by re-clustering."""
        with self.snapshot() as tx:
            states = _states(tx, cluster_id)
            if not states:
                raise NotFoundError(_missing_cluster(tx, cluster_id))
        return states[0]

    def hints(self, cluster_id: str) -> list[Hint]:
        """The hints of a cluster, in their original order."""
        with self.snapshot() as tx:
            rows = tx.all(
                "SELECT kind, message, claim_ids, value_pairs FROM hints "
                "WHERE cluster_id = ? ORDER BY position",
                (cluster_id,),
            )
        return [_hint_from(r) for r in rows]

    def cluster_of(self, claim_id: str) -> str:
        """The id of the current cluster holding ``claim_id``; NotFoundError otherwise."""
        with self.snapshot() as tx:
            row = tx.one("SELECT cluster_id FROM memberships WHERE claim_id = ?", (claim_id,))
            if row is None:
                known = tx.one("SELECT 1 FROM claims WHERE claim_id = ?", (claim_id,))
                msg = f"claim {claim_id} is not in any cluster yet" if known else None
                raise NotFoundError(msg or f"unknown claim {claim_id}")
        return str(row[0])


def _disk_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL) or the OS's ENOSPC."""
    if isinstance(exc, sqlite3.OperationalError):
        return "disk is full" in str(exc) or getattr(exc, "sqlite_errorcode", 0) == 13
    return isinstance(exc, OSError) and exc.errno == 28


def _hint_rows(
    cluster_ids: Sequence[str], hints: Mapping[str, Sequence[Hint]]
) -> list[tuple[Any, ...]]:
    return [
        (
            cid,
            i,
            h.kind,
            h.message,
            json.dumps(list(h.claim_ids)),
            json.dumps([list(p) for p in h.values], ensure_ascii=False),
        )
        for cid in cluster_ids
        for i, h in enumerate(hints.get(cid, ()))
    ]


def _hints_digests(rows: Sequence[tuple[Any, ...]], ids: Sequence[str] = ()) -> dict[str, str]:
    """Per cluster, the digest of its hint rows ``(cluster_id, position, ...)``."""
    grouped: dict[str, list[tuple[Any, ...]]] = {cid: [] for cid in ids}
    for row in rows:
        grouped.setdefault(str(row[0]), []).append(tuple(row[1:]))
    return {cid: integrity.hints_digest(group) for cid, group in sorted(grouped.items())}


def _carried_hint_rows(
    tx: Tx, removed: Sequence[str], added: Mapping[str, tuple[str, ...]]
) -> list[tuple[Any, ...]]:
    """The hint rows a correction carries into each new cluster: the old hints that still
    apply wholly inside it (what ``review`` writes after :meth:`Store.change_membership`)."""
    old = tx.all_in(
        "SELECT kind, message, claim_ids, value_pairs FROM hints "
        "WHERE cluster_id IN ({ins}) AND kind <> 'singleton' ORDER BY cluster_id, position",
        list(removed),
    )
    rows: list[tuple[Any, ...]] = []
    for cid, members in added.items():
        keep = [h for h in old if set(json.loads(h[2])) <= set(members)]
        rows.extend((cid, i, *h) for i, h in enumerate(keep))
    return rows


def _refuse_signed_off(tx: Tx, cluster_ids: Sequence[str]) -> None:
    """The sign-off lock, whatever the caller: a signed-off cluster is never dissolved."""
    rows = tx.all_in(
        "SELECT cluster_id, reviewer FROM signoffs WHERE reopened_at IS NULL "
        "AND cluster_id IN ({ins}) ORDER BY cluster_id",
        list(cluster_ids),
    )
    if rows:
        raise LockedError(
            f"cluster {rows[0][0]} is signed off by {rows[0][1]}: reopen it before changing "
            "its membership"
        )


_REVIEW_EVENTS = frozenset({"verdict_recorded", "signed_off", "reopened"})


def _first(row: Row | None) -> Any:
    return row[0] if row is not None else 0


def _missing_cluster(tx: Tx, cluster_id: str) -> str:
    if tx.one("SELECT 1 FROM clusters WHERE cluster_id = ?", (cluster_id,)):
        return f"cluster {cluster_id} no longer exists (its claims were re-clustered)"
    return f"unknown cluster {cluster_id}"


def _active_ids(tx: Tx) -> list[str]:
    return [str(r[0]) for r in tx.all("SELECT cluster_id FROM clusters WHERE active = 1")]


def _validate_clusters(tx: Tx, clusters: Sequence[Cluster]) -> dict[str, tuple[str, ...]]:
    wanted: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    for c in clusters:
        members = tuple(sorted(c.claim_ids))
        if not members:
            raise InvalidInputError(f"cluster {c.cluster_id} has no claims")
        if c.cluster_id != cluster_id_for(members):
            raise InvalidInputError(f"cluster id {c.cluster_id} does not match its membership")
        if c.cluster_id in wanted:
            raise InvalidInputError(f"cluster {c.cluster_id} given twice")
        twice = seen.intersection(members)
        if twice or len(set(members)) != len(members):
            dup = sorted(twice)[0] if twice else members[0]
            raise InvalidInputError(f"claim {dup} is in more than one cluster")
        seen.update(members)
        wanted[c.cluster_id] = members
    known = {
        r[0]
        for r in tx.all_in("SELECT claim_id FROM claims WHERE claim_id IN ({ins})", sorted(seen))
    }
    missing = sorted(seen - known)
    if missing:
        raise InvalidInputError(f"unknown claim {missing[0]} in clustering")
    return wanted


def current_verdict_ids(tx: Tx, cluster_ids: Sequence[str]) -> dict[str, int]:
    """Latest verdict id per cluster (clusters without a verdict are absent)."""
    rows = tx.all_in(
        "SELECT cluster_id, MAX(verdict_id) FROM verdicts WHERE cluster_id IN ({ins}) "
        "GROUP BY cluster_id",
        list(cluster_ids),
    )
    return {str(c): int(v) for c, v in rows}


def _inherited_verdicts(tx: Tx, cluster_ids: Sequence[str]) -> dict[str, list[int | None]]:
    """Verdicts a successor of each cluster must re-review: its own, else the ones it inherited."""
    own = current_verdict_ids(tx, cluster_ids)
    out: dict[str, list[int | None]] = {c: [v] for c, v in own.items()}
    pending = [c for c in cluster_ids if c not in own]
    rows = tx.all_in(
        "SELECT l.cluster_id, l.previous_verdict_id FROM cluster_lineage l "
        "JOIN clusters c ON c.cluster_id = l.cluster_id "
        "WHERE c.needs_rereview = 1 AND l.previous_verdict_id IS NOT NULL "
        "AND l.cluster_id IN ({ins}) ORDER BY l.lineage_id",
        pending,
    )
    for cid, vid in rows:
        out.setdefault(str(cid), []).append(int(vid))
    return out


def _activate(tx: Tx, cluster_id: str, *, rereview: bool, now: str) -> None:
    if tx.one("SELECT 1 FROM clusters WHERE cluster_id = ?", (cluster_id,)):
        tx.execute(
            "UPDATE clusters SET active = 1, needs_rereview = ? WHERE cluster_id = ?",
            (1 if rereview else 0, cluster_id),
        )
        return
    tx.execute(
        "INSERT INTO clusters (cluster_id, active, version, changed_by, needs_rereview, "
        "created_at) VALUES (?, 1, 0, NULL, ?, ?)",
        (cluster_id, 1 if rereview else 0, now),
    )


def _all_members(tx: Tx) -> list[Row]:
    """The per-cluster query's rows for every active cluster, in its order.

    Three scans joined in Python: at 100,000 claims the four-table join with
    per-row index look-ups and a sort was about twice as slow (issue 11 item 4).
    """
    claims = {
        str(r[0]): (str(r[1]), int(r[2]))
        for r in tx.all("SELECT claim_id, article_id, position FROM claims")
    }
    articles = {
        str(r[0]): (r[1], r[2]) for r in tx.all("SELECT article_id, source, language FROM articles")
    }
    keyed = []
    for cid, claim_id in tx.all(
        "SELECT m.cluster_id, m.claim_id FROM memberships m "
        "JOIN clusters cl ON cl.cluster_id = m.cluster_id WHERE cl.active = 1"
    ):
        article_id, position = claims[str(claim_id)]
        source, language = articles[article_id]
        keyed.append((article_id, position, str(claim_id), cid, source, language))
    keyed.sort()
    return [(cid, claim_id, aid, src, lang) for aid, _, claim_id, cid, src, lang in keyed]


def _states(tx: Tx, cluster_id: str | None) -> list[ClusterState]:
    where = " AND cl.cluster_id = ?" if cluster_id is not None else ""
    params: tuple[str, ...] = (cluster_id,) if cluster_id is not None else ()
    heads = tx.all(
        "SELECT cl.cluster_id, cl.version, cl.needs_rereview FROM clusters cl "
        "WHERE cl.active = 1" + where,
        params,
    )
    members: dict[str, list[Row]] = defaultdict(list)
    for row in (
        _all_members(tx)
        if cluster_id is None
        else tx.all(
            "SELECT m.cluster_id, m.claim_id, c.article_id, a.source, a.language "
            "FROM memberships m JOIN claims c ON c.claim_id = m.claim_id "
            "JOIN articles a ON a.article_id = c.article_id "
            "JOIN clusters cl ON cl.cluster_id = m.cluster_id WHERE cl.active = 1"
            + where
            + " ORDER BY c.article_id, c.position, c.claim_id",
            params,
        )
    ):
        members[str(row[0])].append(row)
    kinds: dict[str, set[str]] = defaultdict(set)
    for cid, kind in tx.all(
        "SELECT DISTINCT h.cluster_id, h.kind FROM hints h "
        "JOIN clusters cl ON cl.cluster_id = h.cluster_id WHERE cl.active = 1" + where,
        params,
    ):
        kinds[str(cid)].add(str(kind))
    verdicts = {
        str(r[0]): r
        for r in tx.all(
            "SELECT v.cluster_id, v.verdict_id, v.verdict, v.note, v.reviewer FROM verdicts v "
            "JOIN clusters cl ON cl.cluster_id = v.cluster_id "
            "WHERE cl.active = 1" + where + " AND v.verdict_id = "
            "(SELECT MAX(w.verdict_id) FROM verdicts w WHERE w.cluster_id = v.cluster_id)",
            params,
        )
    }
    signoffs = {
        (str(r[0]), int(r[1])): r
        for r in tx.all(
            "SELECT s.cluster_id, s.verdict_id, s.reviewer, s.signed_at FROM signoffs s "
            "JOIN clusters cl ON cl.cluster_id = s.cluster_id "
            "WHERE cl.active = 1" + where + " AND s.reopened_at IS NULL",
            params,
        )
    }
    out = []
    for cid_raw, version, rereview in heads:
        cid = str(cid_raw)
        rows = members.get(cid, [])
        verdict = verdicts.get(cid)
        signoff = signoffs.get((cid, int(verdict[1]))) if verdict else None
        out.append(
            ClusterState(
                cluster_id=cid,
                claim_ids=tuple(str(r[1]) for r in rows),
                article_ids=tuple(dict.fromkeys(str(r[2]) for r in rows)),
                sources=tuple(sorted({str(r[3]) for r in rows})),
                languages=tuple(sorted({str(r[4]) for r in rows})),
                hint_kinds=tuple(sorted(kinds.get(cid, set()))),
                verdict=str(verdict[2]) if verdict else None,
                note=str(verdict[3]) if verdict else "",
                reviewer=str(verdict[4]) if verdict else None,
                version=int(version),
                signed_off_by=str(signoff[2]) if signoff else None,
                signed_off_at=str(signoff[3]) if signoff else None,
                locked=signoff is not None,
                needs_rereview=bool(rereview),
            )
        )
    return out
