"""Read models for links: the cluster's alignment table, the date badge, the queue's reasons.

The alignment puts the cluster's sources side by side as columns (earliest publication
first) and its claims in rows: each row is a group of claims the links join across
sources.  Links are taken strongest first (conflict, then same, then related; higher
score first) and join two rows unless the joined row would hold more than
:data:`MAX_PER_SOURCE` claims of one source; a link that joins no rows is still shown
on both of its claims ("also linked to row 3").  Every claim shows each of its links
with the relation spelled out, and the surface values of the hints on its links are
highlighted inside its text.

Nothing here imports Streamlit.  All untrusted text (claims, sources, titles, hint
messages and values) leaves this module escaped: claim texts through
:func:`workbench.views.highlight_html`, everything else through :func:`html.escape`.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from claims.model import Article, Claim, Hint, Link
from workbench.store import Store
from workbench.views import Corpus, Mark, highlight_html
from workbench.views_base import ENGLISH, Words, headline_claims
from workbench.views_queue import attention_order, queue_reason

__all__ = [
    "AlignedClaim",
    "AlignmentView",
    "BADGES",
    "MAX_PER_SOURCE",
    "RELATION_HELP",
    "alignment_view",
    "attention_order",
    "date_badge",
    "legend_html",
    "queue_reason",
    "row_groups",
]

MAX_PER_SOURCE = 4
RELATION_HELP = {
    "conflict": "differs in a checkable way",
    "same": "restates it",
    "related": "same question, other facts or detail",
}
_RELATION_RANK = {"conflict": 0, "same": 1, "related": 2}
_RELATION_STYLE = {
    "conflict": "background:#fdecea;color:#922b21;border:1px solid #c0392b;",
    "same": "background:#e9f7ef;color:#196f3d;border:1px solid #27ae60;",
    "related": "background:#eef2f5;color:#34495e;border:1px dashed #7f8c8d;",
}
_HINT_HELP = {
    "number": "numbers or quantities that differ",
    "negation": "one side negates, the other affirms",
    "entity": "different actors, places or organisations",
    "time": "different dates or durations",
    "cause": "different causes of one event",
}
_CELL = "vertical-align:top;border:1px solid #ddd;padding:6px;"


@dataclass(frozen=True, slots=True)
class AlignedClaim:
    """One claim in the alignment table."""

    claim_id: str
    article_id: str
    source: str
    label: str  # "kazinform.kz #2"
    row: int  # 1-based row of the table
    html: str  # the claim's text, escaped, hint values highlighted
    links: int  # how many links this claim has
    headline: bool = False  # taken from the article's headline (claims.segment)


@dataclass(frozen=True, slots=True)
class AlignmentView:
    """The cluster's sources as columns and aligned rows, ready to render (all HTML escaped)."""

    cluster_id: str
    sources: tuple[str, ...]
    claims: tuple[AlignedClaim, ...]
    rows: int
    relation_counts: Mapping[str, int]
    badge: str
    table_html: str
    legend_html: str


# --------------------------------------------------------------------------- date badge


def _span(days: int, words: Words) -> str:
    if days < 14:
        return words.plural(days, "day")
    if days < 60:
        return words.plural(round(days / 7), "week")
    if days < 700:
        return words.plural(round(days / 30.44), "month")
    return words.plural(round(days / 365.25), "year")


# The badge's sentences, worded by the dashboard (dates and source names as they are).
BADGES = (
    "sources published the same day ({day})",
    "sources {span} apart ({first} to {last})",
    " · undated: {sources}",
)


def date_badge(articles: Sequence[Article], *, words: Words = ENGLISH) -> str:
    """How far apart the sources were published ("sources 2 years apart (2022-01-10 to ...)").

    Context, not a conflict: reports of one event written years apart are expected to
    differ in tense and detail.  Empty when fewer than two sources are dated.
    """
    dated: dict[str, list[date]] = defaultdict(list)
    for article in articles:
        if article.published is not None:
            dated[article.source].append(article.published)
    undated = sorted({a.source for a in articles} - set(dated))
    note = words.t(BADGES[2], sources=", ".join(undated)) if undated else ""
    if len(dated) < 2:
        return ""
    days = [d for ds in dated.values() for d in ds]
    first, last = min(days), max(days)
    gap = (last - first).days
    if gap == 0:
        return words.t(BADGES[0], day=first.isoformat()) + note
    span = _span(gap, words)
    return words.t(BADGES[1], span=span, first=first.isoformat(), last=last.isoformat()) + note


# --------------------------------------------------------------------------- rows


class _Rows:
    """Union-find over claims with a per-source cap on each group."""

    def __init__(self, source_of: Mapping[str, str]) -> None:
        self.source_of = source_of
        self.parent = {cid: cid for cid in source_of}
        self.count: dict[str, dict[str, int]] = {cid: {s: 1} for cid, s in source_of.items()}

    def find(self, cid: str) -> str:
        while self.parent[cid] != cid:
            self.parent[cid] = self.parent[self.parent[cid]]
            cid = self.parent[cid]
        return cid

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        merged = dict(self.count[ra])
        for source, n in self.count[rb].items():
            merged[source] = merged.get(source, 0) + n
        if max(merged.values()) > MAX_PER_SOURCE:
            return False
        self.parent[rb] = ra
        self.count[ra] = merged
        return True


def row_groups(
    order: Sequence[str], source_of: Mapping[str, str], links: Sequence[Link]
) -> list[list[str]]:
    """Claims grouped into aligned rows (see the module docstring), rows in reading order.

    ``order`` lists the claims column by column, each column in article order; a row
    comes where its first claim in ``order`` is, and keeps ``order`` inside.
    """
    rows = _Rows({cid: source_of[cid] for cid in order})
    strongest = sorted(
        (k for k in links if k.claim_a in rows.parent and k.claim_b in rows.parent),
        key=lambda k: (_RELATION_RANK[k.relation], -k.score, k.claim_a, k.claim_b),
    )
    for link in strongest:
        rows.join(link.claim_a, link.claim_b)
    grouped: dict[str, list[str]] = {}
    for cid in order:
        grouped.setdefault(rows.find(cid), []).append(cid)
    return list(grouped.values())


# --------------------------------------------------------------------------- rendering


def _chip(relation: str, text: str) -> str:
    style = _RELATION_STYLE.get(relation, "")
    return (
        f'<span style="{style}border-radius:9px;padding:0 6px;font-size:0.85em;'
        f'white-space:nowrap" title="{html.escape(RELATION_HELP.get(relation, ""))}">'
        f"{html.escape(text)}</span>"
    )


def _value_marks(text: str, hints: Sequence[Hint], claim_id: str, *, offset: int) -> list[Mark]:
    marks = []
    for hint in hints:
        for cid, value in hint.values:
            if cid != claim_id or not value:
                continue
            at = text.find(value)
            while at >= 0:
                marks.append(Mark(offset + at, offset + at + len(value), hint.kind))
                at = text.find(value, at + len(value))
    return marks


def _claim_html(
    claim: Claim, article: Article, hints: Sequence[Hint], words: Words = ENGLISH
) -> str:
    """The claim inside its sentence (claim marked, hint values highlighted), escaped.

    A claim cut from an enumeration also shows how it reads with its shared predicate.
    """
    start = min(claim.context_start, claim.start)
    end = max(claim.context_end, claim.end)
    context = article.text[start:end]
    offset = claim.start - start
    marks = [Mark(offset, offset + len(claim.text), "claim", claim.claim_id)]
    marks += _value_marks(claim.text, hints, claim.claim_id, offset=offset)
    # a value outside the claim (its speaker, cut off as the attribution) is marked in the sentence
    outside = [
        Hint(
            h.kind,
            h.message,
            h.claim_ids,
            tuple((c, v) for c, v in h.values if v not in claim.text),
        )
        for h in hints
    ]
    marks += [
        m
        for m in _value_marks(context, outside, claim.claim_id, offset=0)
        if not offset <= m.start < offset + len(claim.text)
    ]
    body = highlight_html(context, marks)
    if claim.reading:
        reads = highlight_html(
            claim.reading, _value_marks(claim.reading, hints, claim.claim_id, offset=0)
        )
        label = html.escape(words.t("reads:"))
        body += f'<div style="font-size:0.85em;color:#555">{label} {reads}</div>'
    return body


def _values_of(hint: Hint, claim_id: str) -> str:
    return " / ".join(v for c, v in hint.values if c == claim_id) or "-"


def _score(score: float) -> str:
    """Two decimals, rounded down: 0.879 shows 0.87, never the 0.88 a "same" needs."""
    return f"{math.floor(score * 100) / 100:.2f}"


def _link_line(link: Link, me: str, other: AlignedClaim, words: Words) -> str:
    score = f"{words.t(link.relation)} {_score(link.score)}"
    where = words.t("{label} (row {row})", label=other.label, row=other.row)
    details = "; ".join(
        f"{words.t(h.kind)}: {_values_of(h, me)} vs {_values_of(h, other.claim_id)}"
        for h in link.hints
    )
    body = f" ⇄ {html.escape(where)}"
    if details:
        body += f'<br><span style="color:#555">{html.escape(details)}</span>'
    return f'<li style="margin:2px 0">{_chip(link.relation, score)}{body}</li>'


def _headline_badge(words: Words) -> str:
    label = html.escape(words.t("headline"))
    why = html.escape(words.t("Taken from the article's headline"))
    return (
        f' <span title="{why}" style="background:#e8eefc;color:#1a3d8f;border-radius:4px;'
        f'padding:0 5px;font-size:0.85em;font-weight:600">{label}</span>'
    )


def _claim_block(
    claim: AlignedClaim,
    speaker: str,
    links: Sequence[Link],
    by_id: Mapping[str, AlignedClaim],
    words: Words = ENGLISH,
) -> str:
    linked = html.escape(words.t("linked to {claims}", claims=words.plural(len(links), "claim")))
    many = (
        f' <span style="color:#8a5a00;font-weight:600">· {linked}</span>' if len(links) > 1 else ""
    )
    badge = _headline_badge(words) if claim.headline else ""
    head = f'<div style="font-size:0.85em;color:#666">{html.escape(claim.label)}{badge}{many}</div>'
    said = f'<div style="font-size:0.85em">{html.escape(speaker)}:</div>' if speaker else ""
    items = "".join(
        _link_line(
            k,
            claim.claim_id,
            by_id[k.claim_b if k.claim_a == claim.claim_id else k.claim_a],
            words,
        )
        for k in links
    )
    listing = f'<ul style="margin:4px 0 0 0;padding-left:16px">{items}</ul>' if items else ""
    return f'<div style="margin-bottom:8px">{head}{said}<div>{claim.html}</div>{listing}</div>'


def _row_chip(links: Sequence[Link], words: Words) -> str:
    if not links:
        return _chip("related", words.t("unlinked"))
    worst = min(links, key=lambda k: _RELATION_RANK[k.relation]).relation
    return _chip(worst, words.t(worst))


def _table(
    sources: Sequence[str],
    heads: Mapping[str, str],
    rows: Sequence[list[AlignedClaim]],
    blocks: Mapping[str, str],
    row_links: Mapping[int, list[Link]],
    words: Words = ENGLISH,
) -> str:
    header = "".join(
        f'<th style="{_CELL}text-align:left">{html.escape(s)}<br>'
        f'<span style="font-weight:400;font-size:0.8em;color:#666">{html.escape(heads[s])}'
        "</span></th>"
        for s in sources
    )
    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            f'<td style="{_CELL}">'
            + "".join(blocks[c.claim_id] for c in row if c.source == s)
            + "</td>"
            for s in sources
        )
        chip = _row_chip(row_links[number], words)
        lead = f'<td style="{_CELL}white-space:nowrap">{number}<br>{chip}</td>'
        body.append(f"<tr>{lead}{cells}</tr>")
    return (
        '<table style="border-collapse:collapse;width:100%;table-layout:fixed">'
        f'<thead><tr><th style="{_CELL}width:6em">{html.escape(words.t("row"))}</th>'
        f"{header}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def legend_html(*, tr: Callable[[str], str] = str) -> str:
    """The colours of the highlighted hint values and of the three relations, explained.

    ``tr`` puts the words in the reader's language (the dashboard passes its own).
    """
    marks = "".join(
        f"<li>{highlight_html(tr(kind), [Mark(0, len(tr(kind)), kind)])}: "
        f"{html.escape(tr(text))}</li>"
        for kind, text in _HINT_HELP.items()
    )
    relations = "".join(
        f"<li>{_chip(r, tr(r))}: {html.escape(tr(text))}</li>" for r, text in RELATION_HELP.items()
    )
    values = html.escape(tr("Highlighted values"))
    where = html.escape(tr("(from the hints on the claim's links)"))
    return (
        f'<div style="font-size:0.9em"><b>{values}</b> {where}<ul style="margin:2px 0 6px 0">'
        f"{marks}</ul><b>{html.escape(tr('Links'))}</b>"
        f'<ul style="margin:2px 0 0 0">{relations}</ul></div>'
    )


# --------------------------------------------------------------------------- view


def _columns(members: Sequence[Claim], corpus: Corpus) -> tuple[list[str], dict[str, str]]:
    firsts: dict[str, date | None] = {}
    langs: dict[str, set[str]] = defaultdict(set)
    for claim in members:
        article = corpus.articles[claim.article_id]
        langs[article.source].add(article.language)
        seen = firsts.get(article.source)
        if article.published and (seen is None or article.published < seen):
            firsts[article.source] = article.published
        firsts.setdefault(article.source, None)
    order = sorted(firsts, key=lambda s: (firsts[s] is None, firsts[s] or date.min, s))
    heads = {s: " · ".join([_day(firsts[s]), *sorted(langs[s])]) for s in order}
    return order, heads


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "no date"


def alignment_view(
    store: Store, corpus: Corpus, cluster_id: str, *, words: Words = ENGLISH
) -> AlignmentView:
    """The alignment of one cluster (NotFoundError for an unknown or retired cluster).

    ``words`` words the table's badges (a headline claim is marked "headline").
    """
    state = store.cluster(cluster_id)
    links = store.links(cluster_id)
    members = [corpus.claims[c] for c in state.claim_ids if c in corpus.claims]
    sources, heads = _columns(members, corpus)
    source_of = {c.claim_id: corpus.source_of(c.claim_id) for c in members}
    rank = {s: i for i, s in enumerate(sources)}
    members.sort(key=lambda c: (rank[source_of[c.claim_id]], c.article_id, c.position, c.start))
    groups = row_groups([c.claim_id for c in members], source_of, links)
    row_of = {cid: n for n, group in enumerate(groups, start=1) for cid in group}
    per_claim: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        per_claim[link.claim_a].append(link)
        per_claim[link.claim_b].append(link)
    numbering: dict[str, int] = defaultdict(int)
    aligned: dict[str, AlignedClaim] = {}
    headlines = headline_claims(corpus, members)
    for claim in members:
        source = source_of[claim.claim_id]
        numbering[source] += 1
        own = per_claim[claim.claim_id]
        hints = [h for k in own for h in k.hints]
        aligned[claim.claim_id] = AlignedClaim(
            claim.claim_id,
            claim.article_id,
            source,
            f"{source} #{numbering[source]}",
            row_of[claim.claim_id],
            _claim_html(claim, corpus.articles[claim.article_id], hints, words),
            len(own),
            claim.claim_id in headlines,
        )
    blocks = {
        cid: _claim_block(a, corpus.claims[cid].speaker or "", per_claim[cid], aligned, words)
        for cid, a in aligned.items()
    }
    rows = [[aligned[cid] for cid in group] for group in groups]
    row_links: dict[int, list[Link]] = defaultdict(list)
    for link in links:
        if row_of.get(link.claim_a) == row_of.get(link.claim_b):
            row_links[row_of[link.claim_a]].append(link)
    counts = {r: sum(1 for k in links if k.relation == r) for r in RELATION_HELP}
    articles = [corpus.articles[a] for a in state.article_ids if a in corpus.articles]
    return AlignmentView(
        cluster_id=cluster_id,
        sources=tuple(sources),
        claims=tuple(aligned[c.claim_id] for c in members),
        rows=len(groups),
        relation_counts=counts,
        badge=date_badge(articles, words=words),
        table_html=_table(sources, heads, rows, blocks, row_links, words),
        legend_html=legend_html(),
    )


# --------------------------------------------------------------------------- queue
# The queue's reasons and order live in workbench.views_queue (built with the rows);
# queue_reason and attention_order are re-exported here.
