"""Export of links: one row (CSV) or object (JSON) per aligned claim pair.

``workbench export --per link`` writes, for every link of every current cluster, both
claims (ids, exact texts, readings, sources, languages, dates), the relation, the score
and the hints behind it (kinds, messages and the surface values found in each claim),
with the cluster's verdict and sign-off.  CSV is written like every other CSV export
(:mod:`workbench.export`: UTF-8 with BOM, formula injection neutralised, atomic
rename); JSON is an array of objects with the hints kept structured.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from claims.model import Article, Claim, Hint, Link
from workbench.audit import GENESIS, events, utc_now
from workbench.errors import InvalidInputError, WorkbenchError
from workbench.export import ExportResult, _atomic, _cell
from workbench.store import ClusterState, Store

__all__ = ["LINK_COLUMNS", "export_links", "hint_values_text", "link_export", "link_records"]

LINK_COLUMNS = (
    "cluster_id",
    "relation",
    "score",
    "hint_kinds",
    "hint_values",
    "hints",
    "claim_a",
    "source_a",
    "language_a",
    "published_a",
    "text_a",
    "reading_a",
    "claim_b",
    "source_b",
    "language_b",
    "published_b",
    "text_b",
    "reading_b",
    "article_a",
    "article_b",
    "verdict",
    "reviewer",
    "signed_off_by",
    "signed_off_at",
)
Format = Literal["csv", "json"]


@dataclass(frozen=True)
class _Snapshot:
    articles: dict[str, Article]
    claims: dict[str, Claim]
    states: dict[str, ClusterState]
    links: list[Link]
    head: str


def _load(store: Store) -> _Snapshot:
    with store.snapshot():
        return _Snapshot(
            articles={a.article_id: a for a in store.articles()},
            claims={c.claim_id: c for c in store.claims()},
            states={s.cluster_id: s for s in store.clusters()},
            links=store.all_links(),
            head=_audit_head(store),
        )


def _audit_head(store: Store) -> str:
    last = events(store, limit=1)
    return last[0].hash if last else GENESIS


def _result(out: Path, rows: int, head: str, kind: str) -> ExportResult:
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    return ExportResult(
        path=out, rows=rows, sha256=digest, audit_head=head, kind=kind, created_at=utc_now()
    )


def _values(hint: Hint, claim_id: str) -> list[str]:
    return [value for cid, value in hint.values if cid == claim_id]


def hint_values_text(link: Link) -> str:
    """The hints' surface values, one ``kind: A vs B`` per hint (``;``-separated)."""
    parts = []
    for hint in link.hints:
        a = " / ".join(_values(hint, link.claim_a)) or "-"
        b = " / ".join(_values(hint, link.claim_b)) or "-"
        parts.append(f"{hint.kind}: {a} vs {b}")
    return "; ".join(parts)


def _side(snap: _Snapshot, claim_id: str) -> dict[str, Any]:
    claim = snap.claims[claim_id]
    article = snap.articles[claim.article_id]
    return {
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "source": article.source,
        "language": article.language,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "text": claim.text,
        "reading": claim.reading,
        "start": claim.start,
        "end": claim.end,
        "speaker": claim.speaker,
    }


def _record(snap: _Snapshot, link: Link) -> dict[str, Any]:
    state = snap.states.get(link.cluster_id)
    return {
        "cluster_id": link.cluster_id,
        "relation": link.relation,
        "score": link.score,
        "claim_a": _side(snap, link.claim_a),
        "claim_b": _side(snap, link.claim_b),
        "hints": [
            {
                "kind": h.kind,
                "message": h.message,
                "values_a": _values(h, link.claim_a),
                "values_b": _values(h, link.claim_b),
            }
            for h in link.hints
        ],
        "verdict": state.verdict if state else None,
        "reviewer": state.reviewer if state else None,
        "signed_off_by": state.signed_off_by if state else None,
        "signed_off_at": state.signed_off_at if state else None,
    }


def link_records(store: Store) -> list[dict[str, Any]]:
    """Every link of the current clusters as a JSON-ready record (what ``--format json`` writes)."""
    snap = _load(store)
    return [_record(snap, link) for link in snap.links]


def _csv_row(snap: _Snapshot, link: Link) -> list[object]:
    rec = _record(snap, link)
    a, b = rec["claim_a"], rec["claim_b"]
    row = (
        link.cluster_id,
        link.relation,
        link.score,
        " ".join(sorted({h.kind for h in link.hints})),
        hint_values_text(link),
        "; ".join(f"{h.kind}: {h.message}" for h in link.hints),
        a["claim_id"],
        a["source"],
        a["language"],
        a["published"],
        a["text"],
        a["reading"],
        b["claim_id"],
        b["source"],
        b["language"],
        b["published"],
        b["text"],
        b["reading"],
        a["article_id"],
        b["article_id"],
        rec["verdict"],
        rec["reviewer"],
        rec["signed_off_by"],
        rec["signed_off_at"],
    )
    return [_cell(v) for v in row]


def _write_csv(out: Path, snap: _Snapshot) -> None:
    with _atomic(out, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(LINK_COLUMNS)
        writer.writerows(_csv_row(snap, link) for link in snap.links)


def _write_json(out: Path, records: Sequence[dict[str, Any]]) -> None:
    with _atomic(out, newline=None) as handle:
        json.dump(list(records), handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def export_links(store: Store, out: Path, *, fmt: Format = "csv") -> ExportResult:
    """Write every link of the current clusters as CSV or JSON (see the module docstring)."""
    out = Path(out)
    if fmt not in ("csv", "json"):
        raise InvalidInputError(f"unknown link export format {fmt!r}: use 'csv' or 'json'")
    snap = _load(store)
    try:
        if fmt == "csv":
            _write_csv(out, snap)
        else:
            _write_json(out, [_record(snap, link) for link in snap.links])
    except OSError as exc:
        raise WorkbenchError(f"cannot write {out}: {exc.strerror or exc}") from None
    return _result(out, len(snap.links), snap.head, f"{fmt}-link")


def link_export(store: Store, out: Path, *, fmt: str, per: str) -> ExportResult:
    """The CLI's ``--per link`` / ``--format json`` choice; refuses the combinations that do
    not exist (JSON is per link; ClaimReview JSON-LD is per signed-off cluster)."""
    if per != "link":
        raise InvalidInputError("--format json writes links: add --per link")
    if fmt not in ("csv", "json"):
        raise InvalidInputError(f"--per link is written as csv or json, not {fmt}")
    return export_links(store, out, fmt="json" if fmt == "json" else "csv")
