"""Read models for the dashboard: every number and table a page shows is computed here.

Pages call these functions and render what they return; they compute nothing
themselves.  Nothing here imports Streamlit, so the read models are tested
directly and cached by the dashboard keyed by ``(db path, data version)``.

One module per page seam, all re-exported here (``views.queue_frame`` keeps working):
:mod:`~workbench.views_base` (corpus, statuses, safe Markdown, fetching),
:mod:`~workbench.views_overview`, :mod:`~workbench.views_queue`,
:mod:`~workbench.views_cluster` (highlighting, cards, similarity) and
:mod:`~workbench.views_tables` (articles, claims, audit).

Untrusted text (articles, claims, speakers, notes) only ever leaves these modules
HTML-escaped (:func:`highlight_html`) or Markdown-escaped (:func:`escape_markdown`).
"""

from __future__ import annotations

from workbench.views_base import (
    PICKER_LIMIT,
    STATUSES,
    Corpus,
    cluster_status,
    content_key,
    escape_markdown,
    fetch_url,
    load_corpus,
)
from workbench.views_cluster import (
    ClaimCard,
    ClusterView,
    Mark,
    SourceColumn,
    cluster_view,
    highlight_html,
    history_frame,
    model_id_for,
    similarity_frame,
    similarity_long,
)
from workbench.views_overview import (
    claims_per_source,
    coverage_frame,
    hint_counts,
    progress_counts,
    sources_frame,
)
from workbench.views_queue import (
    QueueRow,
    filter_queue,
    queue_frame,
    queue_options,
    review_queue,
    search_texts,
)
from workbench.views_tables import (
    ArticleView,
    article_view,
    audit_frame,
    claims_base,
    claims_csv,
    claims_frame,
    claims_with_review,
    filter_claims,
)

__all__ = [
    "ArticleView",
    "ClaimCard",
    "ClusterView",
    "Corpus",
    "Mark",
    "PICKER_LIMIT",
    "QueueRow",
    "STATUSES",
    "SourceColumn",
    "article_view",
    "audit_frame",
    "claims_base",
    "claims_csv",
    "claims_frame",
    "claims_per_source",
    "claims_with_review",
    "cluster_status",
    "cluster_view",
    "content_key",
    "coverage_frame",
    "escape_markdown",
    "fetch_url",
    "filter_claims",
    "filter_queue",
    "highlight_html",
    "hint_counts",
    "history_frame",
    "load_corpus",
    "model_id_for",
    "progress_counts",
    "queue_frame",
    "queue_options",
    "review_queue",
    "search_texts",
    "similarity_frame",
    "similarity_long",
    "sources_frame",
]
