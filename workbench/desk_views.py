"""Read models for a desk's working day: pickers, next cluster, my items, audit lines, search.

Like :mod:`workbench.views` these never import Streamlit; pages render what they
return.  Search crosses scripts and languages through the engine's own entity
aliases and folding (:mod:`claims.entities`): "Тоқаев", "Токаев" and "Tokayev" are
one person, "ҰҚШҰ", "ОДКБ" and "CSTO" one organisation.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

import pandas as pd

from claims.entities import ALIASES, extract_entities, fold
from workbench.audit import AuditEvent
from workbench.review import HistoryEntry
from workbench.store import ClusterState
from workbench.views import Corpus, QueueRow
from workbench.views_cluster import _STYLE

__all__ = [
    "AuditLine",
    "KIND_WORDS",
    "audit_lines",
    "cluster_choices",
    "clusters_naming",
    "entity_hits",
    "filter_audit",
    "highlight_legend_html",
    "history_lines",
    "local_time",
    "my_open_items",
    "next_cluster",
    "plural",
    "query_entities",
    "search_queue",
    "with_proposals",
]

_LABEL_TEXT = 70


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 claim``, ``2 claims`` (``many`` for irregular plurals)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


_LEGEND = {
    "claim": "claim",
    "number": "number differs",
    "negation": "negation",
    "entity": "name / organisation",
    "time": "date or time",
    "cause": "cause differs",
    "nli": "meaning differs",
}


def highlight_legend_html() -> str:
    """What each highlight colour in a claim means (the same styles the claims use)."""
    chips = "".join(
        f'<span style="{_STYLE[k]}padding:1px 6px;margin-right:8px">{label}</span>'
        for k, label in _LEGEND.items()
        if k in _STYLE
    )
    return f'<div style="font-size:0.85rem">Highlights: {chips}</div>'


# -- cross-script search ------------------------------------------------------------------------


def query_entities(query: str) -> frozenset[str]:
    """The canonical ids of the known entities a search names ("Токаев" -> PER:TOKAYEV)."""
    return frozenset(m.entity_id for m in extract_entities(query.strip()) if m.curated)


def _prefixes(wanted: Iterable[str]) -> tuple[str, ...]:
    """Case-folded beginnings of every alias of ``wanted`` (a cheap filter before parsing)."""
    out: set[str] = set()
    for entity_id in wanted:
        _label, aliases = ALIASES.get(entity_id, ("", ()))
        for alias in aliases:
            first = alias.split()[0].casefold() if alias.split() else ""
            out.add(first[:4])
    return tuple(sorted(p for p in out if p))


def entity_hits(corpus: Corpus, wanted: frozenset[str]) -> dict[str, frozenset[str]]:
    """claim id -> which of ``wanted`` it names, for the claims naming any (parsed once)."""
    prefixes = _prefixes(wanted)
    out: dict[str, frozenset[str]] = {}
    for claim_id, claim in corpus.claims.items():
        text = f"{claim.text} {claim.speaker or ''}"
        low = text.casefold()
        if not any(p in low for p in prefixes):
            continue
        found = {m.entity_id for m in extract_entities(text) if m.entity_id in wanted}
        if found:
            out[claim_id] = frozenset(found)
    return out


def clusters_naming(
    clusters: Iterable[ClusterState], hits: Mapping[str, frozenset[str]], wanted: frozenset[str]
) -> set[str]:
    """Clusters whose claims together name every entity in ``wanted``."""
    out = set()
    for state in clusters:
        named = frozenset().union(*(hits.get(c, frozenset()) for c in state.claim_ids))
        if wanted and wanted <= named:
            out.add(state.cluster_id)
    return out


def search_queue(
    rows: Sequence[QueueRow],
    query: str,
    named: Collection[str],
    texts: Callable[[], Mapping[str, str]],
) -> list[QueueRow]:
    """Rows whose text contains ``query`` or that name the entities it names (``named``).

    ``texts`` gives :func:`workbench.views.search_texts` (called only for a query).

    ``named`` comes from :func:`clusters_naming`: a query naming a known entity
    ("Токаев", "CSTO") matches it in every script and inflection; other words match
    the case-folded (and look-alike repaired) text of claims, speakers and ids.
    """
    raw = query.strip()
    if not raw:
        return list(rows)
    needles = {raw.casefold(), fold(raw)}
    found = texts()
    return [
        r
        for r in rows
        if r.cluster_id in named or any(n in found.get(r.cluster_id, "") for n in needles)
    ]


# -- pickers and the working day ----------------------------------------------------------------


def cluster_choices(
    corpus: Corpus, clusters: Sequence[ClusterState], *, exclude: Iterable[str] = ()
) -> dict[str, str]:
    """Cluster id -> a label a person can pick by: first claim, sources, size, status."""
    skip = set(exclude)
    out: dict[str, str] = {}
    for state in clusters:
        if state.cluster_id in skip:
            continue
        first = next((corpus.claims[c] for c in state.claim_ids if c in corpus.claims), None)
        text = " ".join(first.text.split()) if first else ""
        if len(text) > _LABEL_TEXT:
            text = text[: _LABEL_TEXT - 1] + "…"
        status = "signed off" if state.locked else state.verdict or "unreviewed"
        out[state.cluster_id] = (
            f"«{text}» · {', '.join(state.sources)} · {plural(len(state.claim_ids), 'claim')}"
            f" · {status} · {state.cluster_id}"
        )
    return out


def _open_for(row: QueueRow, user: str, *, editor: bool) -> bool:
    if row.status in ("unreviewed", "needs re-review"):
        return True
    mine = (row.reviewer or "").casefold() == user.casefold()
    return editor and row.status == "reviewed" and not mine


def next_cluster(
    rows: Sequence[QueueRow], *, user: str, editor: bool, after: str | None = None
) -> str | None:
    """The next cluster in queue order that ``user`` can act on (after ``after``), or None.

    Unreviewed clusters and those needing re-review; for an editor also verdicts by
    others awaiting sign-off.  The queue order itself comes from the review queue.
    """
    start = next((i for i, r in enumerate(rows) if r.cluster_id == after), -1)
    order: list[int] = [*range(start + 1, len(rows)), *range(0, start + 1)]
    for i in order:
        row: QueueRow = rows[i]
        if row.cluster_id != after and _open_for(row, user, editor=editor):
            return str(row.cluster_id)
    return None


def with_proposals(
    rows: Sequence[QueueRow], counts: Mapping[str, int], *, only: bool = False, first: bool = False
) -> list[QueueRow]:
    """Rows with open proposals (``counts``: cluster id -> new claims) kept or put first.

    ``only`` keeps the clusters a clustering wants to grow; ``first`` moves them to the
    top (more new claims first), the queue order otherwise unchanged.
    """
    out = [r for r in rows if counts.get(r.cluster_id)] if only else list(rows)
    if first:
        out.sort(key=lambda r: -counts.get(r.cluster_id, 0))
    return out


def my_open_items(
    rows: Sequence[QueueRow], *, user: str, editor: bool, proposals: Mapping[str, int]
) -> dict[str, pd.DataFrame]:
    """Per person: my verdicts awaiting sign-off, sign-offs waiting for me, open proposals."""
    me = user.casefold()
    mine = [r for r in rows if r.status == "reviewed" and (r.reviewer or "").casefold() == me]
    waiting = [
        r for r in rows if editor and r.status == "reviewed" and (r.reviewer or "").casefold() != me
    ]
    mine_first = sorted(rows, key=lambda r: (r.reviewer or "").casefold() != me)
    proposed = [r for r in mine_first if proposals.get(r.cluster_id)]
    return {
        "awaiting sign-off": _items(mine),
        "for me to sign off": _items(waiting),
        "new claims proposed for reviewed clusters (mine first)": _items(proposed, proposals),
    }


def _items(rows: Sequence[QueueRow], counts: Mapping[str, int] | None = None) -> pd.DataFrame:
    data = [
        {
            "cluster": r.cluster_id,
            "verdict": r.verdict or "",
            "by": r.reviewer or "",
            "sources": ", ".join(r.sources),
            "first claim": r.preview,
            **({"proposed": counts.get(r.cluster_id, 0)} if counts is not None else {}),
        }
        for r in rows
    ]
    columns = ["cluster", "verdict", "by", "sources", "first claim"]
    return pd.DataFrame(data, columns=[*columns, *(["proposed"] if counts is not None else [])])


# -- history and audit --------------------------------------------------------------------------

KIND_WORDS = {  # history kinds as people read them (translated in the dashboard)
    "verdict": "recorded",
    "signoff": "signed off",
    "reopen": "reopened",
    "previous": "earlier verdict (before the claims changed)",
    "move": "moved a claim",
    "split": "split",
    "merge": "merged",
    "accept": "accepted new claims",
    "keep_apart": "kept claims apart",
    "undo": "undid",
}


def local_time(at: str, tz: tzinfo | None = None) -> str:
    """An ISO timestamp as local "YYYY-MM-DD HH:MM" (unchanged if it is not one)."""
    return _local(at, tz)


def _local(at: str, tz: tzinfo | None) -> str:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def history_lines(
    entries: Sequence[HistoryEntry],
    *,
    tz: tzinfo | None = None,
    tr: Callable[[str], str] = str,
) -> pd.DataFrame:
    """A cluster's History for people: local time, who, what, why.

    ``tr`` puts the interface words ("recorded", the verdict names) in the reader's
    language; notes and names are shown as written.
    """
    rows = []
    for e in entries:
        what = tr(KIND_WORDS.get(e.kind, e.kind))
        if e.verdict and e.kind in ("verdict", "previous", "signoff", "reopen"):
            what += f" “{tr(e.verdict)}”"
        rows.append(
            {
                "when": _local(e.at, tz),
                "who": e.actor,
                "what": what,
                "note": e.note,
                "ref": f"#{e.ref}" if e.kind not in ("verdict", "previous", "signoff") else "",
            }
        )
    return pd.DataFrame(rows, columns=["when", "who", "what", "note", "ref"])


@dataclass(frozen=True)
class AuditLine:
    """One audit event as a sentence, with what it is filtered by."""

    seq: int
    when: str
    day: str
    actor: str
    kind: str
    cluster_id: str
    text: str


def _quote(text: object, limit: int = 80) -> str:
    value = " ".join(str(text or "").split())
    return f"«{value[: limit - 1]}…»" if len(value) > limit else f"«{value}»" if value else ""


def _sentence(event: AuditEvent) -> tuple[str, str]:
    """(cluster id, readable sentence) of one event."""
    p, who = event.payload, event.actor
    cid = str(p.get("cluster_id") or "")
    if event.kind == "verdict_recorded":
        return cid, f"{who} recorded “{p.get('verdict')}” on {cid}: {_quote(p.get('note'))}"
    if event.kind == "signed_off":
        return cid, f"{who} signed off “{p.get('verdict')}” on {cid}"
    if event.kind == "reopened":
        return cid, f"{who} reopened {cid}: {_quote(p.get('reason'))}"
    if event.kind == "article_added":
        n = len(p.get("claims") or [])
        return "", f"{who} added an article from {p.get('source')} ({plural(n, 'claim')})"
    added = list((p.get("added") or {}).keys())
    first = added[0] if added else cid
    if event.kind == "clustering_replaced":
        return "", f"{who} re-clustered: {plural(len(added), 'new cluster')}"
    reason = f": {_quote(p.get('reason'))}" if p.get("reason") else ""
    described = {
        "claim_moved": f"moved claim {p.get('claim_id')} from {p.get('from')} to {first}",
        "cluster_split": f"split {p.get('cluster_id')}",
        "clusters_merged": f"merged {', '.join(p.get('merged') or [])} into {first}",
        "correction_undone": f"undid correction #{p.get('undone')}",
        "proposal_accepted": f"let new claims join {p.get('cluster_id')}",
        "claims_kept_apart": f"kept new claims apart from {p.get('cluster_id')}",
    }
    text = described.get(event.kind, event.kind.replace("_", " "))
    return first or cid, f"{who} {text}{reason}"


def audit_lines(events: Sequence[AuditEvent], *, tz: tzinfo | None = None) -> list[AuditLine]:
    """Every event as one readable line, newest first, in local time."""
    out = []
    for e in events:
        cid, text = _sentence(e)
        when = _local(e.at, tz)
        out.append(AuditLine(e.seq, when, when[:10], e.actor, e.kind, cid, text))
    return sorted(out, key=lambda line: -line.seq)


def filter_audit(
    lines: Sequence[AuditLine],
    *,
    cluster: str = "",
    people: Iterable[str] = (),
    kinds: Iterable[str] = (),
    days: tuple[str, str] | None = None,
) -> list[AuditLine]:
    """Lines matching every given filter (cluster id substring, people, kinds, day range)."""
    who, what = set(people), set(kinds)
    needle = cluster.strip()
    return [
        line
        for line in lines
        if (not needle or needle in line.cluster_id or needle in line.text)
        and (not who or line.actor in who)
        and (not what or line.kind in what)
        and (days is None or days[0] <= line.day <= days[1])
    ]
