"""Exports: CSV (per claim or per cluster), ClaimReview JSON-LD, and manifests.

CSV files are UTF-8 with a BOM (so Excel shows Kazakh Cyrillic) written with the
``csv`` module.  Formula injection is neutralised (OWASP): a text cell starting
with ``=``, ``+``, ``-``, ``@``, TAB or CR, also after leading whitespace, gets a
leading apostrophe; so does a cell already starting with an apostrophe, which
keeps :func:`restore_cell` an exact inverse.  Typographic dashes such as "–" are
left alone.

ClaimReview JSON-LD is meant to be embedded in ``<script type="application/ld+json">``:
``<``, ``>`` and ``&`` are written as ``\u003c``, ``\u003e`` and ``\u0026``.

An export never writes over the store, its WAL/SHM/journal or the reviewers
file, and never over an existing file unless ``force=True``.  The manifest names
the actors recorded without authentication (:func:`unauthenticated_actors`).

ClaimReview rating (``reviewRating``): ``alternateName`` is always the verdict.  The
rating grades *agreement between sources*, not truth, on a documented 1..3 scale
(``worstRating`` 1, ``bestRating`` 3, :data:`RATING_SCALE` in ``ratingExplanation``):
contradictory = 1, partial = 2, consistent = 3; ``unclear`` (and ``unrelated``) carry
no ``ratingValue``.  ``author`` is the reviewer who wrote the verdict, ``editor`` the
person who signed it off, ``url`` the review's dashboard link when a base URL is known.

A verdicts CSV (``per="verdict"``) lists every verdict with its sign-off and reopening.

Every export is written to a temporary file and renamed into place, so a failed
export never leaves a half-written file.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import IO, Any, Literal

from claims.model import Article, Claim, Hint
from workbench.audit import GENESIS, events, utc_now
from workbench.auth import find_reviewers_file
from workbench.errors import InvalidInputError, WorkbenchError
from workbench.store import ClusterState, Store

__all__ = [
    "CLAIM_COLUMNS",
    "CLUSTER_COLUMNS",
    "ExportResult",
    "RATING_SCALE",
    "RATING_VALUES",
    "VERDICT_COLUMNS",
    "check_target",
    "export_csv",
    "export_jsonld",
    "neutralize_cell",
    "restore_cell",
    "script_safe_json",
    "unauthenticated_actors",
    "write_manifest",
]

CLAIM_COLUMNS = (
    "claim_id",
    "article_id",
    "source",
    "claim",
    "start",
    "end",
    "speaker",
    "cluster_id",
    "verdict",
    "reviewer",
    "signed_off_at",
    "signed_off_by",
    "note",
    "hints",
    "title",
    "language",
    "published",
    "url",
    "score",
    "context",
)
CLUSTER_COLUMNS = (
    "cluster_id",
    "verdict",
    "reviewer",
    "signed_off_at",
    "signed_off_by",
    "note",
    "needs_rereview",
    "hints",
    "claims",
    "claim_ids",
)
VERDICT_COLUMNS = (
    "verdict_id",
    "cluster_id",
    "current",
    "verdict",
    "reviewer",
    "created_at",
    "note",
    "signed_off_by",
    "signed_off_at",
    "reopened_by",
    "reopened_at",
    "reopen_reason",
    "cluster_active",
)
RATING_VALUES: dict[str, int] = {"consistent": 3, "partial": 2, "contradictory": 1}
RATING_SCALE = (
    "Agreement between sources, 1-3: 1 contradictory, 2 partial, 3 consistent; "
    "unclear and unrelated carry no value."
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")
TOOL = "claim-workbench"


@dataclass(frozen=True)
class ExportResult:
    """A written export: file, row count, its SHA-256 and the audit chain head it reflects."""

    path: Path
    rows: int
    sha256: str
    audit_head: str
    kind: str = ""
    created_at: str = ""
    unauthenticated: tuple[str, ...] = ()
    audit_events: int = 0


def neutralize_cell(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet could read as a formula."""
    risky = value.startswith(_DANGEROUS) or value.lstrip().startswith(_DANGEROUS)
    return "'" + value if risky else value


def restore_cell(value: str) -> str:
    """Inverse of :func:`neutralize_cell` (drop the protective apostrophe)."""
    return value[1:] if value.startswith("'") else value


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralize_cell(value)
    return value


@contextmanager
def _atomic(out: Path, *, newline: str | None) -> Iterator[IO[str]]:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        encoding = "utf-8-sig" if newline == "" else "utf-8"
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_error(out: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"disk full: {out} was not written (the previous file, if any, is untouched)"
    return f"cannot write {out}: {exc.strerror or exc}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _head(store: Store) -> tuple[str, int]:
    with store.snapshot() as tx:
        row = tx.one("SELECT hash, seq FROM events ORDER BY seq DESC LIMIT 1")
    return (str(row[0]), int(row[1])) if row else (GENESIS, 0)


_PERSON_KINDS = frozenset(
    {"verdict_recorded", "signed_off", "reopened", "claim_moved", "cluster_split"}
    | {"clusters_merged"}
)
_STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def unauthenticated_actors(store: Store) -> list[str]:
    """People whose recorded actions were not authenticated (no reviewers file, or a script)."""
    names = {
        e.actor
        for e in events(store)
        if (e.kind in _PERSON_KINDS or "authenticated" in e.payload)
        and e.payload.get("authenticated") is not True
    }
    return sorted(names)


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_target(store: Store, out: Path, *, force: bool) -> None:
    """Refuse an export path that would destroy the store, its reviewers file or a file."""
    protected = [Path(store.path + suffix) for suffix in _STORE_SUFFIXES]
    reviewers = find_reviewers_file(store.path) if store.path != ":memory:" else None
    if reviewers is not None:
        protected.append(reviewers)
    for guarded in protected:
        if _same_file(out, guarded):
            raise InvalidInputError(f"refusing to export over {guarded}: choose another -o file")
    if out.is_dir():
        raise InvalidInputError(f"{out} is a directory: name an output file")
    if out.exists() and not force:
        raise InvalidInputError(f"{out} already exists: use --force to overwrite it")


def _finish(out: Path, rows: int, head: tuple[str, int], kind: str, store: Store) -> ExportResult:
    people = tuple(unauthenticated_actors(store))
    return ExportResult(out, rows, _sha256(out), head[0], kind, utc_now(), people, head[1])


@dataclass(frozen=True)
class _Snapshot:
    articles: dict[str, Article]
    claims: list[Claim]
    clusters: list[ClusterState]
    hints: dict[str, list[Hint]]
    head: tuple[str, int]
    verdicts: tuple[tuple[Any, ...], ...] = ()


def _load(store: Store) -> _Snapshot:
    with store.snapshot():
        clusters = store.clusters()
        return _Snapshot(
            articles={a.article_id: a for a in store.articles()},
            claims=store.claims(),
            clusters=clusters,
            hints={c.cluster_id: store.hints(c.cluster_id) for c in clusters},
            head=_head(store),
        )


def _hint_text(hints: Sequence[Hint], claim_id: str | None = None) -> str:
    chosen = [h for h in hints if claim_id is None or claim_id in h.claim_ids]
    return "; ".join(f"{h.kind}: {h.message}" for h in chosen)


def export_csv(
    store: Store,
    out: Path,
    *,
    per: Literal["claim", "cluster", "verdict", "link"] = "claim",
    force: bool = False,
) -> ExportResult:
    """Write a CSV: one row per claim, per cluster (a column per source), per verdict or per
    link (aligned pair, :mod:`workbench.export_links`)."""
    out = Path(out)
    if per == "link":
        from workbench.export_links import export_links

        return export_links(store, out, fmt="csv", force=force)
    if per not in ("claim", "cluster", "verdict"):
        raise InvalidInputError(
            f"unknown CSV layout {per!r}: use 'claim', 'cluster', 'verdict' or 'link'"
        )
    check_target(store, out, force=force)
    snap = _load(store)
    if per == "verdict":
        snap = replace(snap, verdicts=_verdict_table(store))
    writers: dict[str, Callable[[Any, _Snapshot], int]] = {
        "claim": _claim_rows,
        "cluster": _cluster_rows,
        "verdict": _verdict_rows,
    }
    write = writers[per]
    try:
        with _atomic(out, newline="") as handle:
            rows = write(csv.writer(handle), snap)
    except OSError as exc:
        raise WorkbenchError(_write_error(out, exc)) from None
    return _finish(out, rows, snap.head, f"csv-{per}", store)


def _claim_rows(writer: Any, snap: _Snapshot) -> int:
    writer.writerow(CLAIM_COLUMNS)
    state_of = {cid: c for c in snap.clusters for cid in c.claim_ids}
    for claim in snap.claims:
        article = snap.articles[claim.article_id]
        state = state_of.get(claim.claim_id)
        hints = snap.hints.get(state.cluster_id, []) if state else []
        row = (
            claim.claim_id,
            claim.article_id,
            article.source,
            claim.text,
            claim.start,
            claim.end,
            claim.speaker,
            state.cluster_id if state else None,
            state.verdict if state else None,
            state.reviewer if state else None,
            state.signed_off_at if state else None,
            state.signed_off_by if state else None,
            state.note if state else None,
            _hint_text(hints, claim.claim_id),
            article.title,
            article.language,
            article.published.isoformat() if article.published else None,
            article.url,
            round(claim.score, 4),
            article.text[claim.context_start : claim.context_end],
        )
        writer.writerow([_cell(v) for v in row])
    return len(snap.claims)


def _cluster_rows(writer: Any, snap: _Snapshot) -> int:
    sources = sorted({a.source for a in snap.articles.values()})
    writer.writerow([*CLUSTER_COLUMNS, *sources])
    by_id = {c.claim_id: c for c in snap.claims}
    for state in snap.clusters:
        texts: dict[str, list[str]] = {s: [] for s in sources}
        for claim_id in state.claim_ids:
            claim = by_id[claim_id]
            texts[snap.articles[claim.article_id].source].append(claim.text)
        row = (
            state.cluster_id,
            state.verdict,
            state.reviewer,
            state.signed_off_at,
            state.signed_off_by,
            state.note,
            "yes" if state.needs_rereview else "no",
            _hint_text(snap.hints.get(state.cluster_id, [])),
            len(state.claim_ids),
            " ".join(state.claim_ids),
            *("\n".join(texts[s]) for s in sources),
        )
        writer.writerow([_cell(v) for v in row])
    return len(snap.clusters)


def _verdict_table(store: Store) -> tuple[tuple[Any, ...], ...]:
    with store.snapshot() as tx:
        rows = tx.all(
            "SELECT v.verdict_id, v.cluster_id, "
            "v.verdict_id = (SELECT MAX(w.verdict_id) FROM verdicts w "
            "WHERE w.cluster_id = v.cluster_id), v.verdict, v.reviewer, v.created_at, v.note, "
            "s.reviewer, s.signed_at, s.reopened_by, s.reopened_at, s.reopen_reason, c.active "
            "FROM verdicts v JOIN clusters c ON c.cluster_id = v.cluster_id "
            "LEFT JOIN signoffs s ON s.verdict_id = v.verdict_id "
            "ORDER BY v.verdict_id, s.signoff_id"
        )
    return tuple(rows)


def _verdict_rows(writer: Any, snap: _Snapshot) -> int:
    writer.writerow(VERDICT_COLUMNS)
    for row in snap.verdicts:
        values = list(row)
        values[2] = "yes" if values[2] else "no"
        values[12] = "yes" if values[12] else "no"
        writer.writerow([_cell(v) for v in values])
    return len(snap.verdicts)


# -- ClaimReview JSON-LD ------------------------------------------------------------------------


def _appearance(article: Article) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": article.language,
        "publisher": {"@type": "Organization", "name": article.source},
    }
    if article.url:
        node["url"] = article.url
    if article.published:
        node["datePublished"] = article.published.isoformat()
    return node


def _rating(verdict: str) -> dict[str, Any]:
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": verdict,
        "ratingExplanation": RATING_SCALE,
    }
    if verdict in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[verdict], bestRating=3, worstRating=1)
    return rating


def _claim_review(
    state: ClusterState, snap: _Snapshot, organization: str | None, base_url: str | None = None
) -> dict[str, Any]:
    by_id = {c.claim_id: c for c in snap.claims}
    members = [by_id[c] for c in state.claim_ids]
    lead = max(members, key=lambda c: c.score)
    item: dict[str, Any] = {
        "@type": "Claim",
        "appearance": [_appearance(snap.articles[a]) for a in state.article_ids],
    }
    speakers = sorted({c.speaker for c in members if c.speaker})
    if len(speakers) == 1:
        item["author"] = {"@type": "Person", "name": speakers[0]}
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": state.cluster_id,
        "claimReviewed": lead.text,
        "reviewRating": _rating(state.verdict or "unclear"),
        "itemReviewed": item,
        "author": {"@type": "Person", "name": state.reviewer},
        "editor": {"@type": "Person", "name": state.signed_off_by},
        "datePublished": (state.signed_off_at or "")[:10],
    }
    if organization:
        review["publisher"] = {"@type": "Organization", "name": organization}
    if base_url:
        review["url"] = f"{base_url.rstrip('/')}/cluster?cluster={state.cluster_id}"
    if state.note:
        review["reviewBody"] = state.note
    return review


def export_jsonld(
    store: Store,
    out: Path,
    *,
    organization: str | None = None,
    base_url: str | None = None,
    force: bool = False,
) -> ExportResult:
    """Write a JSON array of schema.org ClaimReview objects, one per signed-off cluster.

    ``base_url`` (the dashboard's address) gives each review a ``url``.
    """
    out = Path(out)
    check_target(store, out, force=force)
    snap = _load(store)
    reviews = [_claim_review(s, snap, organization, base_url) for s in snap.clusters if s.locked]
    try:
        with _atomic(out, newline=None) as handle:
            handle.write(script_safe_json(reviews))
            handle.write("\n")
    except OSError as exc:
        raise WorkbenchError(_write_error(out, exc)) from None
    return _finish(out, len(reviews), snap.head, "claimreview-jsonld", store)


def script_safe_json(value: object) -> str:
    """JSON that can sit inside ``<script>``: ``<``, ``>``, ``&`` escaped (they occur only in
    strings, so the text stays the same JSON value)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- manifest -----------------------------------------------------------------------------------


def _tool_version() -> str:
    try:
        return metadata.version(TOOL)
    except metadata.PackageNotFoundError:
        return "unknown"


def write_manifest(result: ExportResult, path: Path | None = None) -> Path:
    """Write ``<export>.manifest.json``: rows, SHA-256, audit chain head, time, tool version."""
    target = Path(path) if path is not None else Path(f"{result.path}.manifest.json")
    manifest = {
        "file": result.path.name,
        "kind": result.kind,
        "rows": result.rows,
        "sha256": result.sha256,
        "audit_head": result.audit_head,
        "audit_events": result.audit_events,
        "created_at": result.created_at or utc_now(),
        "tool": TOOL,
        "tool_version": _tool_version(),
        "unauthenticated_actors": list(result.unauthenticated),
    }
    with _atomic(target, newline=None) as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2, sort_keys=True)
        handle.write("\n")
    return target
