"""Format readers: Markdown syntax, HTML pages and JSON / JSON Lines article records.

Each reader turns decoded text into body text plus the metadata the format states
(:class:`claims.assemble.Meta`); :mod:`claims.ingest` picks the reader by file type and
:mod:`claims.assemble` makes the article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from claims.assemble import Meta
from claims.errors import IngestError
from claims.metadata import parse_date

__all__ = [
    "ARTICLE_KEYS",
    "NotArticles",
    "TEXT_KEYS",
    "extract_html",
    "json_records",
    "page_headline",
    "strip_markdown",
]

# Spans are bounded so that unbalanced markers cost linear, not quadratic, time.
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"^[ \t]*(?:```|~~~).*$", re.M), ""),
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M), ""),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),
    (re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)"), ""),
    (re.compile(r"\[([^\[\]\n]{1,300})\]\([^)\n]{0,500}\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.{1,300}?)(?<=\S)~~"), r"\1"),
    (re.compile(r"`([^`\n]{1,300})`"), r"\1"),
)


def strip_markdown(text: str) -> str:
    """Remove Markdown syntax (headings, emphasis, links, images, quotes, bullets)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def _html_fallback(html: str) -> tuple[str, Meta]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("meta[property='og:title']")
    title = title_node.attributes.get("content") if title_node else None
    if not title:
        heading = tree.css_first("h1") or tree.css_first("title")
        title = heading.text(strip=True) if heading else None
    site = tree.css_first("meta[property='og:site_name']")
    canonical = tree.css_first("link[rel='canonical']") or tree.css_first("meta[property='og:url']")
    url = None
    if canonical is not None:
        url = canonical.attributes.get("href") or canonical.attributes.get("content")
    for selector in ("script", "style", "noscript", "nav", "aside", "footer", "form", "iframe"):
        for node in tree.css(selector):
            node.decompose()
    for node in tree.css("[class], [id]"):
        marker = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _JUNK_CLASS_RE.search(marker):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    blocks: list[str] = []
    if root is not None:
        for node in root.css("h1, h2, h3, h4, p, li, blockquote, pre"):
            line = " ".join(node.text(deep=True, separator="").split())
            if line:
                blocks.append(line)
        if not blocks:
            blocks = [root.text(separator="\n")]
    meta = Meta(
        title=" ".join(title.split()) if title else None,
        source=(site.attributes.get("content") or None) if site else None,
        url=url or None,
    )
    return "\n".join(blocks), meta


_JUNK_CLASS_RE = re.compile(
    r"related|share|social|sidebar|comment|breadcrumb|advert|promo|subscribe|newsletter|"
    r"recommend|popular|latest|menu|navbar|footer|cookie",
    re.I,
)


def page_headline(text: str, title: str | None) -> str | None:
    """Prefer the on-page headline over a ``<title>`` that adds a site name to it."""
    first = next((line.strip() for line in text.split("\n", 20)[:20] if line.strip()), "")
    if title and len(first) >= 10 and first != title and first in title:
        return first
    return title


def extract_html(html: str) -> tuple[str, Meta]:
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Only dates the page states in markup; no guessing from copyright lines.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return _html_fallback(html)
    raw_date = getattr(doc, "date", None)
    meta = Meta(
        title=getattr(doc, "title", None) or None,
        source=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
        published=parse_date(raw_date) if isinstance(raw_date, str) else None,
    )
    return str(text), meta


def json_records(data_text: str, *, kind: str, name: str) -> Iterator[tuple[int, object]]:
    """``(record number, parsed value or IngestError)`` for .json / .jsonl."""
    if kind == "jsonl":
        for number, line in enumerate(data_text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, IngestError(f"{name}: record {number}: invalid JSON ({exc.msg})")
            except RecursionError:
                yield number, IngestError(f"{name}: record {number}: JSON nested too deeply")
        return
    try:
        value = json.loads(data_text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{name}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
    except RecursionError:
        raise IngestError(f"{name}: JSON nested too deeply") from None
    if isinstance(value, dict):
        for key in ("articles", "records", "items", "data"):
            if isinstance(value.get(key), list) and "text" not in value:
                value = value[key]
                break
    if isinstance(value, dict) and not ARTICLE_KEYS.intersection(value):
        raise NotArticles(f"{name}: not article records (no text/title/url fields)")
    if isinstance(value, list):
        yield from enumerate(value, start=1)
    else:
        yield 1, value


class NotArticles(IngestError):
    """A JSON object that is some other data (config, fixtures), not an article."""


ARTICLE_KEYS = frozenset({"text", "content", "body", "article", "title", "url"})


TEXT_KEYS = ("text", "content", "body", "article")
