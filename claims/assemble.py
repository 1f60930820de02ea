"""Article assembly: metadata from fields, furniture stripped, source resolved, content hashed.

:class:`Meta` holds what is known at one level (sidecar, front matter, JSON record, page
markup); :meth:`Meta.over` layers them.  :func:`build_article` makes the
:class:`~claims.model.Article` every format ends in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claims.errors import IngestError
from claims.furniture import same_line, strip_furniture
from claims.metadata import (
    detect_language,
    find_attribution,
    normalize_source,
    parse_date,
    source_from_url,
)
from claims.model import Article, article_id_for, text_hash

__all__ = ["Meta", "build_article", "legacy_article_id", "meta_from_fields"]


@dataclass(frozen=True)
class Meta:
    """Metadata fields; ``None`` means "not known at this level"."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None

    def over(self, base: Meta) -> Meta:
        """``self`` wins wherever it knows a value, ``base`` fills the rest."""
        return Meta(
            title=self.title or base.title,
            source=self.source or base.source,
            url=self.url or base.url,
            published=self.published or base.published,
            language=self.language or base.language,
        )


def meta_from_fields(fields: Mapping[str, object], *, where: str) -> Meta:
    """Metadata from a front-matter/JSON/sidecar mapping (unknown keys ignored)."""

    def text_field(key: str) -> str | None:
        value = fields.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str | int | float):
            raise IngestError(f"{where}: field '{key}' must be a string")
        return str(value).strip() or None

    published: date | None = None
    raw_date = fields.get("published", fields.get("date"))
    if isinstance(raw_date, str) and raw_date.strip():
        published = parse_date(raw_date)
        if published is None:
            raise IngestError(f"{where}: cannot read published date {raw_date!r}")
    source = text_field("source")
    language = text_field("language") or text_field("lang")
    return Meta(
        title=text_field("title"),
        source=normalize_source(source) if source else None,
        url=text_field("url"),
        published=published,
        language=language.lower() if language else None,
    )


def build_article(text: str, *, name: str, origin: str, encoding: str, meta: Meta) -> Article:
    stripped = strip_furniture(text, title=meta.title, keep_headline=True)
    body = stripped.text
    if not body.strip():
        raise IngestError(f"{name}: no article text left after removing page furniture")
    url = meta.url
    source = (
        meta.source
        or (source_from_url(url) if url else None)
        or find_attribution(body)
        or (normalize_source(stripped.byline_source) if stripped.byline_source else None)
        or Path(name.split(":", 1)[0]).stem
        or "unknown"
    )
    content_hash = text_hash(body)
    return Article(
        article_id=article_id_for(content_hash),
        source=source,
        title=meta.title or stripped.title,
        text=body,
        language=meta.language or detect_language(body),
        content_hash=content_hash,
        published=meta.published or stripped.published,
        url=url,
        origin=origin,
        encoding=encoding,
    )


def legacy_article_id(article: Article) -> str | None:
    """The id ``article`` had when ingest still dropped the headline from the text, or None.

    Ingest keeps the headline as the first line since issue 8 (a headline can be a claim),
    which changes the content hash of every page with a headline.  A store filled before
    holds the same page under this id, so a re-ingest can still recognise it.
    """
    newline = article.text.find("\n")
    if newline < 0 or not same_line(article.text[:newline], article.title):
        return None
    body = article.text[newline:].lstrip("\n")
    return article_id_for(text_hash(body)) if body else None
