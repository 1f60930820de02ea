"""The dashboard read models' shared core: the corpus, statuses, safe Markdown, fetching.

Nothing here imports Streamlit (see :mod:`workbench.views`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from claims.model import Article, Claim
from workbench.store import ClusterState, Store

__all__ = [
    "Corpus",
    "PICKER_LIMIT",
    "STATUSES",
    "cluster_status",
    "content_key",
    "escape_markdown",
    "fetch_url",
    "load_corpus",
]

PICKER_LIMIT = 200  # clusters offered in a picker; the table shows them all
STATUSES = ("needs re-review", "unreviewed", "reviewed", "signed off")
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles and claims by id (claims in article, then position order).

    Articles and claims are only ever added, so the corpus changes only when
    :func:`content_key` changes: a verdict does not reload it.
    """

    articles: Mapping[str, Article]
    claims: Mapping[str, Claim]

    def source_of(self, claim_id: str) -> str:
        """The source (outlet) of a claim."""
        return self.articles[self.claims[claim_id].article_id].source

    def language_of(self, claim_id: str) -> str:
        """The language of a claim's article."""
        return self.articles[self.claims[claim_id].article_id].language


def content_key(store: Store) -> tuple[int, int]:
    """Cache key of the corpus: (articles, claims) counts; both are append-only."""
    counts = store.counts()
    return (counts.get("articles", 0), counts.get("claims", 0))


def load_corpus(store: Store) -> Corpus:
    """Every article and claim of the store."""
    articles = {a.article_id: a for a in store.articles()}
    claims = {c.claim_id: c for c in store.claims()}
    return Corpus(articles=articles, claims=claims)


def cluster_status(state: ClusterState) -> str:
    """One of :data:`STATUSES`."""
    if state.needs_rereview:
        return "needs re-review"
    if state.signed_off_by:
        return "signed off"
    if state.verdict:
        return "reviewed"
    return "unreviewed"


def escape_markdown(text: str) -> str:
    """``text`` safe for ``st.markdown``: one line, every Markdown or HTML special backslashed."""
    flat = " ".join(text.split())
    return _MD_SPECIALS.sub(r"\\\1", flat)


# --------------------------------------------------------------------------- sources


def fetch_url(url: str, *, timeout: float = 5.0, max_bytes: int = 20 * 1024 * 1024) -> bytes:
    """The body at ``url``; InvalidInputError with a clear message if it cannot be fetched.

    Only public addresses, checked after DNS and on every redirect (:mod:`workbench.fetch`).
    """
    from workbench.fetch import fetch_url as safe_fetch

    return safe_fetch(url, timeout=timeout, max_bytes=max_bytes)
