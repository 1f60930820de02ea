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
from workbench.views_base import ENGLISH, Words

__all__ = [
    "AUDIT_SENTENCES",
    "AuditLine",
    "EVENT_KINDS",
    "KIND_WORDS",
    "audit_lines",
    "cluster_choices",
    "clusters_naming",
    "entity_hits",
    "event_kind_label",
    "filter_audit",
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
    corpus: Corpus,
    clusters: Sequence[ClusterState],
    *,
    exclude: Iterable[str] = (),
    words: Words = ENGLISH,
) -> dict[str, str]:
    """Cluster id -> a label a person can pick by: first claim, sources, size, status.

    ``words`` words the count and the status; the claim and the sources stay as written.
    """
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
        size = words.plural(len(state.claim_ids), "claim")
        out[state.cluster_id] = (
            f"«{text}» · {', '.join(state.sources)} · {size} · {words.t(status)}"
            f" · {state.cluster_id}"
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


# Audit events as sentences: English templates the dashboard words in its language.
AUDIT_SENTENCES = {
    "verdict_recorded": "{who} recorded “{verdict}” on {cluster}",
    "signed_off": "{who} signed off “{verdict}” on {cluster}",
    "reopened": "{who} reopened {cluster}",
    "article_added": "{who} added an article from {source} ({claims})",
    "clustering_replaced": "{who} re-clustered: {clusters}",
    "claim_moved": "{who} moved claim {claim} from {old} to {cluster}",
    "cluster_split": "{who} split {cluster}",
    "clusters_merged": "{who} merged {merged} into {cluster}",
    "correction_undone": "{who} undid correction #{undone}",
    "proposal_accepted": "{who} let new claims join {cluster}",
    "claims_kept_apart": "{who} kept new claims apart from {cluster}",
}
EVENT_KINDS = {  # event kinds as the Audit filter names them
    "verdict_recorded": "verdict recorded",
    "signed_off": "signed off",
    "reopened": "reopened",
    "article_added": "article added",
    "clustering_replaced": "re-clustered",
    "links_stored": "links stored",
    "embeddings_cached": "embeddings cached",
    "reviewer_saved": "reviewer saved",
    "login_failed": "login failed",
    "login_locked": "login locked",
    "login_refused": "login refused",
    "claim_moved": "claim moved",
    "cluster_split": "cluster split",
    "clusters_merged": "clusters merged",
    "correction_undone": "correction undone",
    "proposal_accepted": "proposal accepted",
    "claims_kept_apart": "claims kept apart",
}


def event_kind_label(kind: str, words: Words = ENGLISH) -> str:
    """An audit event kind as people read it ("clusters_merged" -> "clusters merged")."""
    return words.t(EVENT_KINDS.get(kind, kind.replace("_", " ")))


def _sentence(event: AuditEvent, words: Words) -> tuple[str, str]:
    """(cluster id, readable sentence) of one event; notes and reasons quoted as written."""
    p = event.payload
    cid = str(p.get("cluster_id") or "")
    added = list((p.get("added") or {}).keys())
    first = added[0] if added and event.kind not in ("verdict_recorded", "signed_off") else cid
    template = AUDIT_SENTENCES.get(event.kind)
    if template is None:
        return first, f"{event.actor} {event_kind_label(event.kind, words)}"
    text = words.t(
        template,
        who=event.actor,
        verdict=words.t(str(p.get("verdict") or "")),
        cluster=first,
        source=p.get("source"),
        claims=words.plural(len(p.get("claims") or []), "claim"),
        clusters=words.plural(len(added), "new cluster"),
        claim=p.get("claim_id"),
        old=p.get("from"),
        merged=", ".join(p.get("merged") or []),
        undone=p.get("undone"),
    )
    if event.kind in ("article_added", "clustering_replaced"):
        return "", text
    quoted = _quote(p.get("note") if event.kind == "verdict_recorded" else p.get("reason"))
    return first, f"{text}: {quoted}" if quoted else text


def audit_lines(
    events: Sequence[AuditEvent], *, tz: tzinfo | None = None, words: Words = ENGLISH
) -> list[AuditLine]:
    """Every event as one readable line, newest first, in local time, in ``words``."""
    out = []
    for e in events:
        cid, text = _sentence(e, words)
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
