"""Plain frozen dataclasses shared by every stage of the engine.

Data flows one way: ``ingest`` makes :class:`Article`, ``segment`` makes
:class:`Sentence` and :class:`Claim`, ``embed`` turns claim texts into vectors,
``cluster`` groups claims into :class:`Cluster`, ``compare`` attaches
:class:`Hint` to a cluster.  Nothing here touches a database or a UI.

Offsets are always character offsets into ``Article.text`` (the decoded,
furniture-stripped text that is stored), and ``article.text[start:end]`` is
exactly the span's text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "Article",
    "Claim",
    "Cluster",
    "Hint",
    "HintKind",
    "Link",
    "Relation",
    "Sentence",
    "article_id_for",
    "claim_id_for",
    "cluster_id_for",
    "text_hash",
]

HintKind = Literal["number", "negation", "entity", "time", "cause", "singleton", "nli"]
Relation = Literal["same", "related", "conflict"]


def text_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for(content_hash: str) -> str:
    """Stable article id derived from the content hash (re-ingest adds nothing)."""
    return "A" + content_hash[:12]


def claim_id_for(article_id: str, start: int, end: int) -> str:
    """Stable claim id derived from its article and span."""
    digest = hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()
    return "K" + digest[:12]


def cluster_id_for(claim_ids: tuple[str, ...] | list[str]) -> str:
    """Stable cluster id derived from its sorted membership.

    The same membership always yields the same id, so re-clustering keeps the
    identity (and therefore the verdicts) of clusters whose membership did not
    change.
    """
    joined = "\n".join(sorted(claim_ids))
    return "C" + hashlib.sha256(joined.encode()).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested article, with furniture stripped and metadata extracted."""

    article_id: str
    source: str
    title: str
    text: str
    language: str
    content_hash: str
    published: date | None = None
    url: str | None = None
    origin: str = ""
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == article_text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """An atomic, check-worthy claim with exact provenance.

    ``text == article.text[start:end]``; ``context_start``/``context_end`` span
    the whole sentence the claim was taken from.  ``speaker`` is the attributed
    speaker ("Мемлекет басшысы") or ``None``; the attribution tag itself is not
    part of ``text``.  ``score`` in [0, 1] is check-worthiness.  ``reading`` is
    how the claim reads on its own when ``text`` is cut from an enumeration and
    lacks the shared predicate ("Беларусь жасағы Жетігендегі аэродромды
    [күзетті]") or opens with a pronoun whose antecedent is in the sentence before
    ("ҰҚШҰ-ның бітімгерлік күштері Олар ...", :mod:`claims.antecedent`); ``None`` when
    ``text`` reads as it is.  Matching and display use
    :attr:`read`; the span stays exact.
    """

    claim_id: str
    article_id: str
    text: str
    start: int
    end: int
    context_start: int
    context_end: int
    speaker: str | None = None
    score: float = 0.0
    position: int = 0
    reading: str | None = None

    @property
    def read(self) -> str:
        """The text to match and show: :attr:`reading` if set, else :attr:`text`."""
        return self.reading or self.text


@dataclass(frozen=True, slots=True)
class Hint:
    """Something a reviewer must look at inside one cluster.

    ``values`` pairs each concerned claim id with the value found in it
    (a number, a polarity, an entity, a date), so the UI can highlight it.
    """

    kind: HintKind
    message: str
    claim_ids: tuple[str, ...]
    values: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of claims; ``cluster_id`` is derived from the membership."""

    cluster_id: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """An aligned pair of claims from two different sources inside one cluster.

    ``claim_a < claim_b`` (claim ids).  ``relation`` is ``same`` (restates it),
    ``related`` (same question, other facts or detail) or ``conflict`` (differs in
    a checkable way); ``score`` in [0, 1] is the pair's match score; ``hints`` are
    the checks computed on this pair, each naming both claims and the surface
    values to highlight.
    """

    cluster_id: str
    claim_a: str
    claim_b: str
    relation: Relation
    score: float
    hints: tuple[Hint, ...] = ()
