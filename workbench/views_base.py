"""The dashboard read models' shared core: the corpus, statuses, safe Markdown, fetching.

Nothing here imports Streamlit (see :mod:`workbench.views`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from claims.model import Article, Claim
from claims.segment import is_headline_claim
from workbench.store import ClusterState, Store

__all__ = [
    "Corpus",
    "ENGLISH",
    "PICKER_LIMIT",
    "STATUSES",
    "Translate",
    "Words",
    "cluster_status",
    "content_key",
    "escape_markdown",
    "fetch_url",
    "headline_claims",
    "load_corpus",
]

PICKER_LIMIT = 200  # clusters offered in a picker; the table shows them all
STATUSES = ("needs re-review", "unreviewed", "reviewed", "signed off")
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")


# --------------------------------------------------------------------------- words


class Translate(Protocol):
    """An interface string in the reader's language, ``{name}`` fields filled in."""

    def __call__(self, text: str, /, **values: object) -> str: ...


def _english(text: str, /, **values: object) -> str:
    return text.format(**values) if values else text


def _english_plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


@dataclass(frozen=True, slots=True)
class Words:
    """How a read model words what it says: English by default, the dashboard's choice there.

    ``t`` looks an English template up (:func:`workbench.dashboard.i18n.tr`), ``plural``
    counts a word ("2 claims", "2 утверждения").  Content is never passed through them.
    """

    t: Translate = _english
    plural: Callable[[int, str], str] = _english_plural


ENGLISH = Words()


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


def headline_claims(corpus: Corpus, claims: Iterable[Claim] | None = None) -> frozenset[str]:
    """Ids of the claims taken from their article's headline (the engine decides which).

    Headline claims open their article, so over the whole corpus (claims in article,
    then position order) each article is asked until its first claim that is not one.
    """
    out: set[str] = set()
    finished: set[str] = set()
    for claim in corpus.claims.values() if claims is None else claims:
        if claim.article_id in finished:
            continue
        if is_headline_claim(claim, corpus.articles[claim.article_id]):
            out.add(claim.claim_id)
        elif claims is None:
            finished.add(claim.article_id)
    return frozenset(out)


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
