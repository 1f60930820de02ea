"""Stage 3 of matching: review clusters, every claim about one question from any source.

A review cluster is the unit of review (one verdict, one sign-off).  Unlike a
translation cluster it may hold several claims of one article: a 2022 "their
main task is to guard strategic sites" sits with each of the 2024 claims that
name a guarded site.  :func:`cluster_claims` is the entry point the pipeline
calls:

1. candidates: :func:`claims.match.candidates.find_candidates` (faiss k-NN,
   :data:`~claims.match.graph.CANDIDATE_K` neighbours per claim), completed by
   :func:`~claims.match.graph.complete_blocks` (both in :func:`~claims.match.graph.build_graph`):
   two articles that share several sure pairs (:data:`COMPLETE_MIN_PAIRS`, one per
   ten claims) compare all their claims, then every pair is scored again;
2. scores: :func:`claims.match.score.score_pairs` (margin, rank, stems, prior);
3. an edge joins two claims of different articles whose score reaches the
   threshold and that are among each other's :data:`MAX_RANK` + 1 best
   candidates in the other's article; near-duplicates inside one article
   (cosine >= :data:`NEAR_DUPLICATE_COSINE`) are joined too; a claim rated below
   :data:`MIN_WORTHINESS` (but at least half of it) joins only a mutual-best pair scoring
   :data:`SURE_SCORE` or more; two reports of one event (not translations) also join
   a passage they tell in another order (:func:`passage_pairs`): a claim beside a sure
   pair in one report meets that pair's other end, at a lower score;
4. clusters are the connected components (``scipy.sparse.csgraph``); a
   component larger than :func:`size_cap` (about 15 % of the corpus, at most
   :data:`MAX_CLUSTER_SIZE`) is split by raising the threshold inside it until
   every piece fits, so one busy topic cannot swallow the corpus; a component
   that is no clique is re-clustered by average linkage (:func:`_refine`);
5. finished clusters then grow: a claim left alone joins the cluster of a claim it
   ties with (:func:`tie_pairs`: a restatement told twice by the other report), and a
   lone clause claim joins the whole sentence its sibling clause met
   (:func:`sibling_pairs`: one language cut the sentence, the other kept it whole), both
   by :func:`attach_ties`; two reports of one event merge the clusters of a question
   they both answer with other facts (:func:`question_pairs`, :func:`merge_questions`),
   and two claims in two languages that state one specific figure merge theirs too
   (:func:`claims.match.figures.figure_pairs`).  An edge or tie between two claims
   that date two questions apart (the start on one day, the area on another:
   :func:`claims.match.dated.dated_apart`) is dropped first.

Everything is arrays (numpy/scipy/faiss); only oversized components are
visited one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from claims.match.candidates import CandidateFinder, find_candidates
from claims.match.dated import dated_apart
from claims.match.ends import best_per_end, ends_of
from claims.match.figures import figure_pairs
from claims.match.graph import STRONG_SCORE, ClaimGraph, build_graph, claim_languages
from claims.match.questions import shared_kinds
from claims.match.score import PairScorer, score_pairs, wordless_pairs
from claims.match.ties import TIE_GAP, attach_ties, sibling_pairs, tie_pairs
from claims.model import Claim, Cluster, cluster_id_for

__all__ = [
    "DEFAULT_THRESHOLD",
    "Edges",
    "MAX_CLUSTER_SIZE",
    "MAX_RANK",
    "NEAR_DUPLICATE_COSINE",
    "TIE_GAP",
    "attach_ties",
    "cluster_claims",
    "event_pairs",
    "graph_edges",
    "merge_questions",
    "passage_pairs",
    "question_pairs",
    "review_labels",
    "sibling_pairs",
    "size_cap",
    "tie_pairs",
    "validate_threshold",
]

DEFAULT_THRESHOLD = 0.8
MAX_RANK = 3
MAX_CLUSTER_SIZE = 50
MAX_SHARE = 0.15
NEAR_DUPLICATE_COSINE = 0.97
_SPLIT_STEP = 0.02
LINKAGE = "average"
MIN_WORTHINESS = 0.2
SURE_SCORE = 0.95
LINK_OFFSET = 0.08  # average-linkage cut above the threshold distance (_refine; measured 0.05-0.12)
PASSAGE_MIN_PAIRS = 2  # two articles sharing this many sure pairs report one event ...
PASSAGE_MAX_SHARE = 0.6  # ... unless these cover this share of claims (a translation)
PASSAGE_WINDOW = 1  # places between a claim and the sure partner of its passage pair
PASSAGE_SCORE = 0.35  # least score of a passage pair (passage_pairs; above 1: off)
QUESTION_COSINE = 0.815  # least cosine of a question pair (question_pairs; above 1: off)
QUESTION_ANY_COSINE = 1.01  # ... sharing no kind of fact (above 1: never)
QUESTION_COUNTS = True  # two counts of one thing (homes, families) are one kind of fact


def validate_threshold(threshold: float) -> float:
    """Return ``threshold`` as a float if it lies in (0, 1]; else raise ValueError (one line)."""
    value = float(threshold)
    if not (0.0 < value <= 1.0) or value != value:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    return value


def size_cap(n: int) -> int:
    """Largest review cluster allowed in a corpus of ``n`` claims."""
    return int(min(MAX_CLUSTER_SIZE, max(4, MAX_SHARE * n)))


def _partners(
    graph: ClaimGraph, sure: np.ndarray, ends: np.ndarray, other: np.ndarray
) -> np.ndarray:
    """The sure partner of each claim of ``ends`` in the article of ``other`` (-1: none)."""
    cand, articles = graph.candidates, graph.articles
    n_art = int(articles.max()) + 1
    firsts = np.concatenate([cand.rows[sure], cand.cols[sure]])
    seconds = np.concatenate([cand.cols[sure], cand.rows[sure]])
    keys = firsts.astype(np.int64) * n_art + articles[seconds]
    order = np.argsort(keys, kind="stable")
    keys, seconds = keys[order], seconds[order]
    wanted = ends.astype(np.int64) * n_art + articles[other]
    at = np.clip(np.searchsorted(keys, wanted), 0, max(len(keys) - 1, 0))
    found = keys[at] == wanted if len(keys) else np.zeros(len(wanted), dtype=bool)
    return np.where(found, seconds[at] if len(keys) else -1, -1)


def event_pairs(graph: ClaimGraph, sure: np.ndarray) -> np.ndarray:
    """Per candidate pair: do its two claims sit in two reports of one event?

    Two articles report one event when they share at least :data:`PASSAGE_MIN_PAIRS`
    ``sure`` pairs but sure pairs cover at most :data:`PASSAGE_MAX_SHARE` of the shorter
    article's claims (more is a translation, which already matches claim by claim).
    """
    cand, articles = graph.candidates, graph.articles
    if not sure.any():
        return np.zeros(len(cand), dtype=bool)
    n_art = int(articles.max()) + 1
    first, second = articles[cand.rows], articles[cand.cols]
    block = np.minimum(first, second) * n_art + np.maximum(first, second)
    keys, counts = np.unique(block[sure], return_counts=True)
    sizes = np.bincount(articles, minlength=n_art)
    share = counts / np.minimum(sizes[keys // n_art], sizes[keys % n_art])
    event = keys[(counts >= PASSAGE_MIN_PAIRS) & (share <= PASSAGE_MAX_SHARE)]
    return np.asarray(np.isin(block, event) & (first != second), dtype=bool)


def passage_pairs(
    graph: ClaimGraph, sure: np.ndarray, *, event: np.ndarray | None = None
) -> np.ndarray:
    """Pairs of one passage told in another order by two reports of one event (bool per pair).

    Two articles report one event when they share at least :data:`PASSAGE_MIN_PAIRS`
    ``sure`` pairs (mutual best, score >= :data:`STRONG_SCORE`) but are no translation of
    each other (sure pairs for at most :data:`PASSAGE_MAX_SHARE` of the shorter article's
    claims: a translation already matches claim by claim).  A pair ``(i, j)`` of their
    claims scoring at least :data:`PASSAGE_SCORE` joins when both have a sure partner,
    one partner within :data:`PASSAGE_WINDOW` places of the other end and the other not:
    "guarded strategic sites" sits next to "took no part in operations" in one report,
    whose restatement "did not fire a shot" is far from where the other report names the
    guarded sites.  Neighbours of a parallel text (both partners near) stay apart.
    ``event``: :func:`event_pairs` of ``sure``, when the caller has it already.
    """
    cand = graph.candidates
    out = np.zeros(len(cand), dtype=bool)
    if graph.places is None or PASSAGE_SCORE > 1.0 or not sure.any():
        return out
    places = graph.places
    if event is None:
        event = event_pairs(graph, sure)
    chosen = np.flatnonzero(event & ~sure & (graph.scores.score >= PASSAGE_SCORE))
    rows, cols = cand.rows[chosen], cand.cols[chosen]
    of_row = _partners(graph, sure, rows, cols)  # in the article of cols
    of_col = _partners(graph, sure, cols, rows)
    both = (of_row >= 0) & (of_col >= 0)
    near_col = np.abs(places[of_row] - places[cols]) <= PASSAGE_WINDOW
    near_row = np.abs(places[of_col] - places[rows]) <= PASSAGE_WINDOW
    out[chosen] = both & (near_col != near_row)
    return out


def question_pairs(
    graph: ClaimGraph, sure: np.ndarray, taken: np.ndarray, *, event: np.ndarray | None = None
) -> np.ndarray:
    """Pairs about one question in two reports of one event (bool per pair).

    In two reports of one event (:func:`event_pairs`), a claim not yet joined to the other
    report (``taken``: its edges) meets its nearest claim there when the cosine reaches
    :data:`QUESTION_COSINE`, the two state facts of one kind
    (:func:`claims.match.questions.shared_kinds`: amounts in one currency, counts of one
    thing) and each is the other's best such counterpart in the pair of articles:
    "compensation of 3 to 5 million tenge is promised" and "the average payout was 4.3
    million tenge" ask one question with other facts.  Ends left open then meet their best
    counterpart that also names a calendar day ("gave way on April 5" / "в ночь с 6 на 7
    апреля": one question, when it happened) among its :data:`MAX_RANK` best counterparts
    there (a story names many days: with no bound, xref_dev2's start, area, duration and
    emergency claims chained into one cluster of 13, precision 0.636 -> 0.840).  Two
    stated causes are one kind of fact too (:data:`claims.match.questions.CAUSE`).
    :func:`review_labels` merges the finished clusters of these pairs
    (:func:`merge_questions`).  ``event``: as for
    :func:`passage_pairs`.
    """
    cand = graph.candidates
    if QUESTION_COSINE > 1.0 or graph.claims is None:  # no claims: no facts to share
        return np.zeros(len(cand), dtype=bool)
    if event is None:
        event = event_pairs(graph, sure)
    open_pairs = event & ~taken & (cand.cosine >= QUESTION_COSINE)
    idx = np.flatnonzero(open_pairs)
    rows, cols = cand.rows[idx], cand.cols[idx]
    unit, day = shared_kinds(graph.claims, rows, cols, counts=QUESTION_COUNTS)
    chosen = np.zeros(len(cand), dtype=bool)
    chosen[idx] = unit | (cand.cosine[idx] >= QUESTION_ANY_COSINE)
    first = best_per_end(cand, chosen, cand.cosine, graph.articles)
    # then two claims that each name a calendar day, for ends the first pass left open
    dated = np.zeros(len(cand), dtype=bool)
    dated[idx] = day
    dated &= graph.scores.rank <= MAX_RANK  # many claims name a day: only near counterparts
    dated &= ~ends_of(cand, first, graph.articles)
    second = best_per_end(cand, dated, cand.cosine, graph.articles)
    return np.asarray(first | second, dtype=bool)


def _components(n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n)).tocsr()
    return np.asarray(connected_components(graph, directed=False)[1], dtype=np.int64)


def _split(
    members: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    n: int,
    *,
    threshold: float,
    cap: int,
) -> list[np.ndarray]:
    """Pieces of one oversized component, raising the threshold until each piece fits."""
    rows, cols, weights = edges
    local = np.full(n, -1, dtype=np.int64)
    local[members] = np.arange(len(members))
    inside = (local[rows] >= 0) & (local[cols] >= 0)
    rows, cols, weights = local[rows[inside]], local[cols[inside]], weights[inside]
    pending = [(np.arange(len(members)), threshold)]
    pieces: list[np.ndarray] = []
    while pending:
        piece, level = pending.pop()
        if len(piece) <= cap:
            pieces.append(members[piece])
            continue
        level += _SPLIT_STEP
        mask = np.zeros(len(members), dtype=bool)
        mask[piece] = True
        keep = mask[rows] & mask[cols] & (weights >= level)
        labels = _components(len(members), rows[keep], cols[keep])
        for label in np.unique(labels[piece]):
            pending.append((piece[labels[piece] == label], level))
    return pieces


def _refine(
    members: np.ndarray,
    articles: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    local: np.ndarray,
    *,
    threshold: float,
) -> np.ndarray:
    """Sub-labels (1, 2, ...) of one component by :data:`LINKAGE` linkage over its pair scores.

    ``edges`` are the scored pairs inside the component, ``local`` maps a claim to its
    index in ``members``.  Unscored pairs count 0; two claims of one article count as
    exactly at the threshold (an article may hold several claims of one cluster).
    """
    rows, cols, weights = edges
    size = len(members)
    score = np.zeros((size, size), dtype=np.float64)
    score[local[rows], local[cols]] = weights
    score[local[cols], local[rows]] = weights
    article = articles[members]
    score[(article[:, None] == article[None, :]) & (score < 1.0)] = threshold
    distance = 1.0 - score[np.triu_indices(size, 1)]
    tree = linkage(np.clip(distance, 0.0, 1.0), method=LINKAGE)
    cut = 1.0 - threshold + LINK_OFFSET
    return np.asarray(fcluster(tree, t=cut, criterion="distance"), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Edges:
    """Per candidate pair of a :class:`ClaimGraph`, what joins it (:func:`graph_edges`).

    ``edge``: two claims of different articles join (a passage pair included);
    ``passage``: the pair joins as a :func:`passage_pairs` pair only;
    ``duplicate``: a near-duplicate inside one article;
    ``question``: a :func:`question_pairs` pair, which merges two finished clusters
    (:func:`merge_questions`);
    ``tie``: a :func:`tie_pairs` or :func:`sibling_pairs` pair, which brings a claim left
    alone into a finished cluster (:func:`attach_ties`).
    """

    edge: np.ndarray
    passage: np.ndarray
    duplicate: np.ndarray
    question: np.ndarray
    tie: np.ndarray

    @property
    def joined(self) -> np.ndarray:
        """Every pair that joins a cluster (``edge``, ``duplicate``, ``question`` or ``tie``)."""
        return np.asarray(self.edge | self.duplicate | self.question | self.tie, dtype=bool)


def graph_edges(graph: ClaimGraph, *, threshold: float) -> Edges:
    """The one edge rule of review clustering (module docstring, step 3).

    :func:`review_labels` and the incremental re-clustering
    (:func:`claims.match.incremental.recluster`) both call it.
    """
    cand, scores = graph.candidates, graph.scores
    cross = graph.articles[cand.rows] != graph.articles[cand.cols]
    least = np.minimum(graph.worthiness[cand.rows], graph.worthiness[cand.cols])
    # A barely check-worthy claim ("Қаза тапқандар жоқ.") joins only on near-certain
    # evidence: a mutual-best pair scoring at least SURE_SCORE.
    sure = (least >= MIN_WORTHINESS / 2) & (scores.score >= SURE_SCORE) & (scores.rank == 0)
    worthy = (least >= MIN_WORTHINESS) | sure
    edge = cross & worthy & (scores.score >= threshold) & (scores.rank <= MAX_RANK)
    strong = cross & (scores.rank == 0) & (scores.score >= STRONG_SCORE)
    event = event_pairs(graph, strong)  # one pass over the candidates for both rules
    passage = worthy & ~edge & passage_pairs(graph, strong, event=event)
    # Two reports in one language that restate a claim share some of its words (names,
    # numbers, the key noun); same-language cosines run high for any two claims of a story.
    edge &= ~_wordless(graph, edge & ~sure)
    edge &= ~dated_apart(graph, edge)
    near, rank = QUESTION_COSINE, MAX_RANK
    tie = tie_pairs(graph, threshold=threshold, least_cosine=near, max_rank=rank)
    tie = worthy & ~edge & ~passage & tie
    tie |= worthy & ~passage & sibling_pairs(graph, edge, least_cosine=near, max_rank=rank)
    tie &= ~_wordless(graph, tie)  # a passage pair is no edge here
    question = worthy & question_pairs(graph, strong, edge | passage, event=event)
    # one figure across two languages: one question (merge_questions), unless dated apart
    figure = figure_pairs(
        graph, edge | passage | tie | question, least_cosine=QUESTION_COSINE, max_rank=MAX_RANK
    )
    figure &= worthy & ~question
    question |= figure & ~dated_apart(graph, figure)
    tie &= ~dated_apart(graph, tie)
    duplicate = ~cross & (cand.cosine >= NEAR_DUPLICATE_COSINE)
    question &= ~edge & ~passage & ~tie
    return Edges(edge | passage, passage, duplicate, question, tie)


def _wordless(graph: ClaimGraph, chosen: np.ndarray) -> np.ndarray:
    """Chosen pairs of two claims in one language sharing almost no stems (bool per pair;
    the rule :func:`claims.match.score.wordless_pairs` states for the ranks too)."""
    languages = graph.languages
    if languages is None:
        if graph.claims is None:
            return np.zeros(len(chosen), dtype=bool)
        languages = claim_languages(graph.claims)
    cand = graph.candidates
    wordless = wordless_pairs(languages, cand.rows, cand.cols, graph.scores.lexical)
    return np.asarray(chosen & wordless, dtype=bool)


def review_labels(graph: ClaimGraph, *, threshold: float, cap: int | None = None) -> np.ndarray:
    """One review-cluster label per claim (see the module docstring).

    ``cap`` replaces :func:`size_cap` of the graph's size (a part of a larger corpus
    re-clustered alone keeps the corpus's cap).
    """
    n = len(graph.articles)
    cand, scores = graph.candidates, graph.scores
    edges = graph_edges(graph, threshold=threshold)
    edge, passage, duplicate = edges.edge, edges.passage, edges.duplicate
    # Splitting raises the threshold on these weights; the cosine breaks ties between
    # pairs whose score saturates at 1.  A passage pair counts as exactly at the threshold.
    score = np.where(passage, np.maximum(scores.score, threshold), scores.score)
    weights = np.where(duplicate, 1.0, score + 0.1 * (cand.cosine - 1.0)).astype(np.float32)
    keep = edge | duplicate
    rows, cols, weights = cand.rows[keep], cand.cols[keep], weights[keep]
    labels = _components(n, rows, cols)
    cap = size_cap(n) if cap is None else cap
    sizes = np.bincount(labels)
    for label in np.flatnonzero(sizes > cap):
        members = np.flatnonzero(labels == label)
        pieces = _split(members, (rows, cols, weights), n, threshold=threshold, cap=cap)
        for piece in pieces[1:]:
            labels[piece] = labels.max() + 1
    within = labels[rows] == labels[cols]
    every = (cand.rows, cand.cols, np.where(duplicate, 1.0, score))
    labels = _refine_components(labels, graph, rows[within], every, threshold=threshold)
    question = edges.question
    tie = edges.tie
    labels = attach_ties(labels, cand.rows[tie], cand.cols[tie], cand.cosine[tie], cap=cap)
    return merge_questions(
        labels, cand.rows[question], cand.cols[question], cand.cosine[question], cap=cap
    )


def merge_questions(
    labels: np.ndarray, rows: np.ndarray, cols: np.ndarray, value: np.ndarray, *, cap: int
) -> np.ndarray:
    """Labels after merging the clusters of question pairs (``rows[i]``, ``cols[i]``).

    Pairs are taken best ``value`` first; two clusters merge unless the merged cluster
    would exceed ``cap`` claims, so one busy question cannot chain a story together.
    """
    if not len(rows):
        return labels
    parent = np.arange(int(labels.max()) + 1)
    size = np.bincount(labels, minlength=len(parent))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    for at in np.argsort(-value, kind="stable").tolist():
        a, b = root(int(labels[rows[at]])), root(int(labels[cols[at]]))
        if a != b and size[a] + size[b] <= cap:
            low, high = min(a, b), max(a, b)
            parent[high] = low
            size[low] += size[high]
    roots = np.asarray([root(x) for x in range(len(parent))], dtype=np.int64)
    return np.asarray(roots[labels], dtype=np.int64)


def _refine_components(
    labels: np.ndarray,
    graph: ClaimGraph,
    accepted: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    *,
    threshold: float,
) -> np.ndarray:
    """Re-cluster every component that is not a clique of its accepted edges (:func:`_refine`).

    ``accepted`` holds one end of each accepted edge inside a component; ``edges`` are all
    scored pairs.  Components are visited one by one, each with only its own pairs.
    """
    sizes = np.bincount(labels)
    edge_counts = np.bincount(labels[accepted], minlength=len(sizes))
    loose = (sizes >= 3) & (edge_counts < sizes * (sizes - 1) // 2)
    rows, cols, weights = edges
    inside = loose[labels[rows]] & (labels[rows] == labels[cols])
    rows, cols, weights = rows[inside], cols[inside], weights[inside]
    if not loose.any():
        return labels
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(len(sizes) + 1))
    edge_order = np.argsort(labels[rows], kind="stable")
    rows, cols, weights = rows[edge_order], cols[edge_order], weights[edge_order]
    edge_bounds = np.searchsorted(labels[rows], np.arange(len(sizes) + 1))
    local = np.zeros(len(labels), dtype=np.int64)
    out = labels.copy()
    next_label = int(labels.max()) + 1
    for label in np.flatnonzero(loose).tolist():
        members = order[bounds[label] : bounds[label + 1]]
        local[members] = np.arange(len(members))
        span = slice(edge_bounds[label], edge_bounds[label + 1])
        sub = _refine(
            members,
            graph.articles,
            (rows[span], cols[span], weights[span]),
            local,
            threshold=threshold,
        )
        extra = sub > 1
        out[members[extra]] = next_label + sub[extra] - 2
        next_label += int(sub.max()) - 1
    return out


def _to_clusters(claims: Sequence[Claim], labels: np.ndarray) -> list[Cluster]:
    members: dict[int, list[str]] = {}
    for claim, label in zip(claims, labels.tolist(), strict=True):
        members.setdefault(label, []).append(claim.claim_id)
    return [Cluster(cluster_id_for(ids), tuple(ids)) for ids in members.values()]


def cluster_claims(
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    threshold: float | None = None,
    finder: CandidateFinder = find_candidates,
    scorer: PairScorer = score_pairs,
) -> list[Cluster]:
    """Review clusters: every claim lands in exactly one :class:`Cluster`.

    ``embeddings`` has one row per claim (of :attr:`Claim.read`, as from
    :func:`claims.embed.embed_texts`).  Pairs scoring at least ``threshold``
    (default :data:`DEFAULT_THRESHOLD`) join (module docstring).  A claim no
    other source makes is a singleton (unless an in-article near-duplicate
    joins it).  Clusters come in the order of their first claim in ``claims``;
    members keep input order; ``cluster_id = cluster_id_for(members)``.
    """
    chosen = validate_threshold(DEFAULT_THRESHOLD if threshold is None else threshold)
    if not claims:
        if len(embeddings):
            raise ValueError(f"got {len(embeddings)} embeddings for 0 claims")
        return []
    graph = build_graph(claims, embeddings, finder=finder, scorer=scorer)
    return _to_clusters(claims, review_labels(graph, threshold=chosen))
