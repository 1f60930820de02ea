"""The store's ``links`` table: aligned claim pairs inside clusters (SQL for links lives here).

A :class:`~claims.model.Link` is stored as one row: its cluster, its position in the
cluster's link list, both claim ids (``claim_a < claim_b``), relation, score, the
sorted hint kinds (comma-joined, for cheap aggregation) and the hints as JSON
(``[{"kind", "message", "claim_ids", "values": [[claim_id, value], ...]}, ...]``).

Every change to a cluster's links is audited as a ``links_stored`` event whose
payload maps each changed cluster to the :func:`links_digest` of its new link list
(``null`` when it has none left), so :func:`workbench.audit.verify` can replay the
log and compare the digests of the stored links.  These functions run inside a
:class:`workbench.store.Tx` the :class:`workbench.store.Store` opened; nothing else
writes the table.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claims.model import Hint, Link
from workbench.errors import InvalidInputError

if TYPE_CHECKING:
    from workbench.store import Row, Tx

__all__ = [
    "LINKS_EVENT",
    "LinkSummary",
    "RELATIONS",
    "active_links",
    "carry_links",
    "cluster_links",
    "group_links",
    "link_summaries",
    "links_digest",
    "signed_off_with_links",
    "stored_digests",
    "write_links",
]

LINKS_EVENT = "links_stored"
RELATIONS = ("same", "related", "conflict")
_COLS = "cluster_id, position, claim_a, claim_b, relation, score, hint_kinds, hints"
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """How many links of each relation a cluster has, and the hint kinds on its conflicts.

    ``conflict_kinds`` pairs each hint kind found on the cluster's ``conflict`` links
    with the number of conflict links carrying it, most frequent first.
    """

    cluster_id: str
    same: int = 0
    related: int = 0
    conflict: int = 0
    conflict_kinds: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        """All links of the cluster."""
        return self.same + self.related + self.conflict


def _hint_json(hint: Hint) -> dict[str, Any]:
    return {
        "kind": hint.kind,
        "message": hint.message,
        "claim_ids": list(hint.claim_ids),
        "values": [list(pair) for pair in hint.values],
    }


def _hint_from(item: Mapping[str, Any]) -> Hint:
    values = tuple((str(a), str(b)) for a, b in item.get("values", ()))
    ids = tuple(str(c) for c in item.get("claim_ids", ()))
    return Hint(kind=item["kind"], message=str(item["message"]), claim_ids=ids, values=values)


def _rows_digest(rows: Sequence[Sequence[Any]]) -> str:
    """SHA-256 over stored rows (cluster_id, position, claim_a, claim_b, relation, score,
    hint_kinds, hints JSON), in order; the score by ``repr`` (a REAL round-trips exactly)."""
    plain = [[*r[2:5], repr(float(r[5])), *r[6:8]] for r in rows]
    body = json.dumps(plain, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def links_digest(links: Sequence[Link]) -> str:
    """The digest of a cluster's links, in order (what the ``links_stored`` event records)."""
    return _rows_digest([_row(link, i) for i, link in enumerate(links)])


def _row(link: Link, position: int) -> tuple[Any, ...]:
    kinds = ",".join(sorted({h.kind for h in link.hints}))
    hints = json.dumps([_hint_json(h) for h in link.hints], ensure_ascii=False)
    return (
        link.cluster_id,
        position,
        link.claim_a,
        link.claim_b,
        link.relation,
        float(link.score),
        kinds,
        hints,
    )


def _link_from(row: Row) -> Link:
    hints = tuple(_hint_from(item) for item in json.loads(row[7]))
    return Link(
        cluster_id=str(row[0]),
        claim_a=str(row[2]),
        claim_b=str(row[3]),
        relation=row[4],
        score=float(row[5]),
        hints=hints,
    )


def _check(link: Link, members: frozenset[str]) -> None:
    where = f"link {link.claim_a}-{link.claim_b} of cluster {link.cluster_id}"
    if link.relation not in RELATIONS:
        raise InvalidInputError(f"{where}: unknown relation {link.relation!r}")
    if link.claim_a not in members or link.claim_b not in members:
        raise InvalidInputError(f"{where}: both claims must be members of the cluster")
    if not link.claim_a < link.claim_b:
        raise InvalidInputError(f"{where}: claim_a must sort before claim_b")
    if not (isinstance(link.score, int | float) and math.isfinite(link.score)):
        raise InvalidInputError(f"{where}: score must be a finite number")
    if not 0.0 <= float(link.score) <= 1.0:
        raise InvalidInputError(f"{where}: score {link.score} is outside [0, 1]")
    pair = {link.claim_a, link.claim_b}
    for hint in link.hints:
        named = set(hint.claim_ids) | {cid for cid, _ in hint.values}
        if not named <= pair:
            raise InvalidInputError(f"{where}: a {hint.kind} hint names another claim")


def group_links(
    links: Sequence[Link], members: Mapping[str, Sequence[str]]
) -> dict[str, list[Link]]:
    """Links by cluster (given order), refusing any that does not fit its cluster.

    ``members`` maps each cluster id to its claim ids.  Raises InvalidInputError for a
    link of an unknown cluster, a claim outside the cluster, ``claim_a >= claim_b``, an
    unknown relation, a score outside [0, 1], a pair given twice, or a hint naming a
    third claim.
    """
    sets = {cid: frozenset(ms) for cid, ms in members.items()}
    out: dict[str, list[Link]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for link in links:
        if link.cluster_id not in sets:
            raise InvalidInputError(f"link given for unknown cluster {link.cluster_id}")
        _check(link, sets[link.cluster_id])
        key = (link.cluster_id, link.claim_a, link.claim_b)
        if key in seen:
            raise InvalidInputError(f"link {link.claim_a}-{link.claim_b} given twice")
        seen.add(key)
        out[link.cluster_id].append(link)
    return dict(out)


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def _digests(rows: Sequence[Row]) -> dict[str, str]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[str(row[0])].append(row)
    return {cid: _rows_digest(rs) for cid, rs in grouped.items()}


def _current_digests(tx: Tx, cluster_ids: Sequence[str]) -> dict[str, str]:
    return _digests(
        tx.all_in(
            f"SELECT {_COLS} FROM links WHERE cluster_id IN ({{ins}}) "
            "ORDER BY cluster_id, position",
            list(cluster_ids),
        )
    )


def write_links(tx: Tx, by_cluster: Mapping[str, Sequence[Link]]) -> dict[str, str | None]:
    """Replace the links of every cluster in ``by_cluster`` (an empty list clears them).

    Returns the clusters whose links changed, each with its new digest (``None``: no
    links left); the caller records that in a :data:`LINKS_EVENT` event.
    """
    ids = sorted(by_cluster)
    before = _current_digests(tx, ids)
    rows = {cid: [_row(link, i) for i, link in enumerate(by_cluster[cid])] for cid in ids}
    changed: dict[str, str | None] = {}
    for cid in ids:
        after = _rows_digest(rows[cid]) if rows[cid] else None
        if after != before.get(cid):
            changed[cid] = after
    stale = sorted(changed)  # clusters whose links are unchanged are left as they are
    for chunk in _chunks(stale):
        tx.execute(f"DELETE FROM links WHERE cluster_id IN ({', '.join('?' * len(chunk))})", chunk)
    tx.executemany(
        f"INSERT INTO links ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [row for cid in stale for row in rows[cid]],
    )
    return changed


def cluster_links(tx: Tx, cluster_id: str) -> list[Link]:
    """The links of one cluster, in their stored order."""
    rows = tx.all(
        f"SELECT {_COLS} FROM links WHERE cluster_id = ? ORDER BY position", (cluster_id,)
    )
    return [_link_from(r) for r in rows]


def active_links(tx: Tx) -> list[Link]:
    """The links of every current cluster, by cluster id then position."""
    rows = tx.all(
        f"SELECT {', '.join('l.' + c.strip() for c in _COLS.split(','))} FROM links l "
        "JOIN clusters c ON c.cluster_id = l.cluster_id WHERE c.active = 1 "
        "ORDER BY l.cluster_id, l.position"
    )
    return [_link_from(r) for r in rows]


_SUMMARY_SQL = (
    "SELECT l.cluster_id, "
    "SUM(CASE WHEN l.relation = 'same' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN l.relation = 'related' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN l.relation = 'conflict' THEN 1 ELSE 0 END) "
    "FROM links l JOIN clusters c ON c.cluster_id = l.cluster_id WHERE c.active = 1 "
    "GROUP BY l.cluster_id"
)
_CONFLICT_KINDS_SQL = (
    "SELECT l.cluster_id, l.hint_kinds FROM links l "
    "JOIN clusters c ON c.cluster_id = l.cluster_id "
    "WHERE c.active = 1 AND l.relation = 'conflict' AND l.hint_kinds <> ''"
)


def link_summaries(tx: Tx) -> dict[str, LinkSummary]:
    """Relation counts and conflict hint kinds per current cluster that has links.

    The counting is done by the database (one row per cluster); only conflict links
    are read one by one, for their hint kinds.  Part of the review queue's cold start.
    """
    kinds: dict[str, dict[str, int]] = {}
    for cid, hint_kinds in tx.all(_CONFLICT_KINDS_SQL):
        seen = kinds.get(cid)
        if seen is None:
            seen = kinds[cid] = {}
        for kind in str(hint_kinds).split(","):
            if kind:
                seen[kind] = seen.get(kind, 0) + 1
    return {
        str(cid): LinkSummary(
            str(cid), int(same), int(related), int(conflict), _ranked(kinds.get(cid))
        )
        for cid, same, related, conflict in tx.all(_SUMMARY_SQL)
    }


def _ranked(counts: dict[str, int] | None) -> tuple[tuple[str, int], ...]:
    if not counts:
        return ()
    if len(counts) == 1:
        return tuple(counts.items())
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def stored_digests(tx: Tx) -> dict[str, str]:
    """The digest of every cluster's stored links (what ``verify`` compares with the log)."""
    return _digests(tx.all(f"SELECT {_COLS} FROM links ORDER BY cluster_id, position"))


def signed_off_with_links(tx: Tx, cluster_ids: Sequence[str]) -> set[str]:
    """Those of ``cluster_ids`` that are signed off (current verdict, not reopened) and
    have stored links: a re-clustering keeps those links as they were signed off."""
    rows = tx.all_in(
        "SELECT DISTINCT s.cluster_id FROM signoffs s WHERE s.reopened_at IS NULL "
        "AND s.verdict_id = (SELECT MAX(v.verdict_id) FROM verdicts v "
        "WHERE v.cluster_id = s.cluster_id) "
        "AND EXISTS (SELECT 1 FROM links l WHERE l.cluster_id = s.cluster_id) "
        "AND s.cluster_id IN ({ins})",
        list(cluster_ids),
    )
    return {str(r[0]) for r in rows}


def carry_links(
    tx: Tx, removed: Sequence[str], added: Mapping[str, Sequence[str]]
) -> dict[str, str | None]:
    """Copy the links of retired clusters whose two claims both landed in one new cluster.

    Used by corrections (move, split, merge, undo): a link is evidence about two claims,
    and it still holds when both stay together.  An added cluster that already has stored
    links (restored to a membership it had, e.g. by an undo) keeps them.  Returns the
    changed digests like :func:`write_links`.
    """
    old = tx.all_in(
        f"SELECT {_COLS} FROM links WHERE cluster_id IN ({{ins}}) ORDER BY cluster_id, position",
        list(removed),
    )
    own = {
        str(r[0])
        for r in tx.all_in(
            "SELECT DISTINCT cluster_id FROM links WHERE cluster_id IN ({ins})", list(added)
        )
    }
    fresh = {cid: ms for cid, ms in added.items() if cid not in own}
    home = {m: cid for cid, ms in fresh.items() for m in ms}
    carried: dict[str, list[Link]] = {cid: [] for cid in fresh}
    seen: set[tuple[str, str]] = set()
    for row in old:
        link = _link_from(row)
        target = home.get(link.claim_a)
        if target is None or home.get(link.claim_b) != target:
            continue
        if (link.claim_a, link.claim_b) in seen:
            continue
        seen.add((link.claim_a, link.claim_b))
        carried[target].append(
            Link(target, link.claim_a, link.claim_b, link.relation, link.score, link.hints)
        )
    return write_links(tx, carried)
