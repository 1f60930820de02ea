"""Stage 1: turn files (or uploaded bytes) into :class:`~claims.model.Article`.

Supported inputs: ``.txt``, ``.md`` (front matter, light Markdown stripping),
``.html``/``.htm`` (trafilatura, selectolax fallback) and ``.json``/``.jsonl``
records.  Bytes are decoded from any common encoding (BOM, UTF-8, UTF-16,
cp1251, KOI8-R, KZ-1048, ...), page furniture is stripped
(:mod:`claims.furniture`) and metadata detected (:mod:`claims.metadata`).
A sidecar ``<file>.meta.json`` overrides detected metadata.

:func:`ingest` never raises for bad input: each problem becomes one
:class:`IngestResult` with a one-line ``error`` naming the file.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import charset_normalizer

from claims.encodings import repair_utf8
from claims.errors import IngestError
from claims.furniture import strip_furniture
from claims.metadata import (
    detect_language,
    find_attribution,
    normalize_source,
    parse_date,
    source_from_url,
    split_front_matter,
)
from claims.model import Article, article_id_for, text_hash

__all__ = [
    "IngestResult",
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "decode_report",
    "ingest",
    "parse_document",
    "parse_records",
    "strip_markdown",
]

MAX_BYTES: int = 20 * 1024 * 1024
SIDECAR_SUFFIX = ".meta.json"
_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(sorted(_KINDS))


@dataclass(frozen=True)
class IngestResult:
    """One ingested article, or one error (a one-line message naming the input)."""

    path: str
    article: Article | None
    error: str | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Meta:
    """Metadata fields; ``None`` means "not known at this level"."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None

    def over(self, base: _Meta) -> _Meta:
        """``self`` wins wherever it knows a value, ``base`` fills the rest."""
        return _Meta(
            title=self.title or base.title,
            source=self.source or base.source,
            url=self.url or base.url,
            published=self.published or base.published,
            language=self.language or base.language,
        )


# --- decoding ---------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "executable"),
    (b"BM", "BMP image"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Single-byte code pages (Cyrillic, then Western), in order of preference on a tie.
_CYRILLIC_CODECS = (
    "cp1251",
    "koi8-r",
    "kz1048",
    "koi8-u",
    "cp866",
    "mac-cyrillic",
    "iso8859-5",
    "cp1252",
)
_COMMON_LETTERS = frozenset(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ"
    "àáâäçèéêëíîïñóôöùúûüßœæÀÁÂÄÇÈÉÊËÍÎÏÑÓÔÖÙÚÛÜ"
)
_COMMON_PUNCT = frozenset("«»“”„‘’–—…№°€£§•·\u00a0\u202f")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_SAMPLE = 65536
_ASCII_BYTES_RE = re.compile(rb"[\x00-\x7f]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u2060\u00ad]+")
_NEWLINES_RE = re.compile(r"\r\n?|\u2028|\u2029|\x0c|\x85")


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when one byte parity is mostly high bytes of Latin/Cyrillic."""
    sample = data[: 4096 - 4096 % 2] if len(data) >= 4096 else data[: len(data) - len(data) % 2]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even = sum(sample[0::2].count(b) for b in (0, 4)) / half
    odd = sum(sample[1::2].count(b) for b in (0, 4)) / half
    if odd > 0.6 and even < 0.2:
        return "utf-16-le"
    if even > 0.6 and odd < 0.2:
        return "utf-16-be"
    return None


_COMMON_RE = re.compile(f"[{''.join(sorted(_COMMON_LETTERS | _COMMON_PUNCT))}]")
_WEIRD_RE = re.compile(f"[^\\x00-\\x7f\\w{''.join(sorted(_COMMON_PUNCT))}]")
_LOWER = "a-zа-яёәғқңөұүһіß-ÿ"
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІÀ-Þ"
_CYR = "\u0400-\u04ff"
_LAT = "A-Za-zÀ-ÿ"
# A case switch (lower then upper) or a script switch inside a word.
_ANOMALY_RE = re.compile(f"[{_LOWER}][{_UPPER}]|[{_CYR}][{_LAT}]|[{_LAT}][{_CYR}]")
_SCORE_SAMPLE = 8192  # thousands of letters: ample to tell code pages apart
_PLAUSIBLE = 0.8  # share of high bytes that must decode to plausible letters


def _plausibility(text: str) -> int:
    """Score a candidate decoding by its non-ASCII characters.

    Common kk/ru/Western letters and punctuation score +1; a case or script switch inside a
    word (the signature of a wrong code page) scores -3; symbols and control
    characters score -2.  Counted with compiled patterns, not a Python loop.
    """
    common = len(_COMMON_RE.findall(text))
    weird = len(_WEIRD_RE.findall(text))
    anomalies = len(_ANOMALY_RE.findall(text))
    return common - 2 * weird - 3 * anomalies


def _score_codecs(sample: bytes, encodings: Sequence[str], *, high: int) -> tuple[str, int]:
    """Best-scoring codec; stops at the first that decodes every high byte to a common letter."""
    best, best_score = "", -(10**9)
    for encoding in encodings:
        if best_score >= high:
            break
        try:
            decoded = sample.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(decoded)
        if score > best_score:
            best, best_score = encoding, score
    return best, best_score


def _single_byte_guess(data: bytes) -> tuple[str, int, int]:
    """The best code page for ``data``: ``(encoding, score, high bytes in sample)``.

    The usual Cyrillic and Western code pages are scored first; only when none
    is convincing is charset-normalizer asked for another candidate.
    """
    sample = data[:_SCORE_SAMPLE]
    high = len(_ASCII_BYTES_RE.sub(b"", sample))
    best, score = _score_codecs(sample, _CYRILLIC_CODECS, high=high)
    if score >= _PLAUSIBLE * high:
        return best, score, high
    match = charset_normalizer.from_bytes(sample).best()
    if match is not None and match.encoding not in _CYRILLIC_CODECS:
        other, other_score = _score_codecs(sample, [match.encoding], high=high)
        if other_score > score:
            return other, other_score, high
    return best, score, high


def _declared_charset(data: bytes) -> str | None:
    found = _CHARSET_RE.search(data[:4096])
    if found is None:
        return None
    name = found.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Decode ``data`` to text; returns ``(text, encoding)``. Raises IngestError.

    Order: binary signatures, BOM, (HTML ``<meta charset>``), strict UTF-8,
    UTF-16 without BOM, then single-byte code pages chosen by
    charset-normalizer and a Cyrillic plausibility score.
    """
    kind = _binary_kind(data)
    if kind is not None:
        raise IngestError(f"binary file ({kind}), not text")
    for bom, label, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError as exc:
                raise IngestError(f"invalid {label} text: {exc.reason}") from None
    if html and (declared := _declared_charset(data)) is not None:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = repair_utf8(data, guess=_line_code_page)
    if repaired is not None:  # mostly UTF-8, or UTF-8 mixed with code-page lines
        return repaired.text, repaired.encoding
    encoding, score, high = _single_byte_guess(data)
    if not encoding or score < 0.5 * high:
        raise IngestError("cannot decode: not UTF-8/UTF-16 and no plausible code page")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        raise IngestError(f"cannot decode as {encoding}") from None


def _line_code_page(line: bytes) -> str | None:
    encoding, score, high = _single_byte_guess(line)
    return encoding if encoding and score >= 0.5 * high else None


def decode_report(data: bytes, *, html: bool = False) -> tuple[str, str, tuple[str, ...]]:
    """:func:`decode_bytes` plus the warnings a repaired decoding deserves.

    A mostly valid UTF-8 text, or one mixing UTF-8 with code-page lines, is decoded
    (:mod:`claims.encodings`) with a one-line warning naming what was repaired.
    """
    text, encoding = decode_bytes(data, html=html)
    if encoding == "utf-8" or encoding.startswith("mixed:"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            repaired = repair_utf8(data, guess=_line_code_page)
            if repaired is not None:
                return text, encoding, (repaired.warning,)
    return text, encoding, ()


def _clean_text(text: str) -> str:
    """Unify line breaks, drop invisible characters, NFC-normalise."""
    text = _INVISIBLE_RE.sub("", _NEWLINES_RE.sub("\n", text))
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _check_text(text: str) -> None:
    if not text.strip():
        raise IngestError("no text (whitespace only)")
    controls = len(_CONTROL_RE.findall(text[:_SAMPLE]))
    if controls > 0.01 * min(len(text), _SAMPLE):
        raise IngestError("binary file (control characters), not text")


# --- formats ----------------------------------------------------------------------

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


def _meta_from_fields(fields: Mapping[str, object], *, where: str) -> _Meta:
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
    return _Meta(
        title=text_field("title"),
        source=normalize_source(source) if source else None,
        url=text_field("url"),
        published=published,
        language=language.lower() if language else None,
    )


def _html_fallback(html: str) -> tuple[str, _Meta]:
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
    meta = _Meta(
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


def _page_headline(text: str, title: str | None) -> str | None:
    """Prefer the on-page headline over a ``<title>`` that adds a site name to it."""
    first = next((line.strip() for line in text.split("\n", 20)[:20] if line.strip()), "")
    if title and len(first) >= 10 and first != title and first in title:
        return first
    return title


def _extract_html(html: str) -> tuple[str, _Meta]:
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
    meta = _Meta(
        title=getattr(doc, "title", None) or None,
        source=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
        published=parse_date(raw_date) if isinstance(raw_date, str) else None,
    )
    return str(text), meta


def _records(data_text: str, *, kind: str, name: str) -> Iterator[tuple[int, object]]:
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
    if isinstance(value, dict) and not _ARTICLE_KEYS.intersection(value):
        raise _NotArticles(f"{name}: not article records (no text/title/url fields)")
    if isinstance(value, list):
        yield from enumerate(value, start=1)
    else:
        yield 1, value


class _NotArticles(IngestError):
    """A JSON object that is some other data (config, fixtures), not an article."""


_ARTICLE_KEYS = frozenset({"text", "content", "body", "article", "title", "url"})


_TEXT_KEYS = ("text", "content", "body", "article")


def _record_article(
    record: object, *, number: int, name: str, encoding: str, overrides: _Meta
) -> Article:
    where = f"{name}: record {number}"
    if isinstance(record, IngestError):
        raise record
    if not isinstance(record, dict):
        raise IngestError(f"{where}: expected an object, got {type(record).__name__}")
    body = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str)), None)
    if body is None or not body.strip():
        raise IngestError(f"{where}: no 'text' field")
    meta = _meta_from_fields(record, where=where)
    return _build_article(
        _clean_text(body),
        name=where,
        origin=f"{name}#{number}",
        encoding=encoding,
        meta=overrides.over(meta),
    )


def _build_article(text: str, *, name: str, origin: str, encoding: str, meta: _Meta) -> Article:
    stripped = strip_furniture(text, title=meta.title)
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


def _kind_of(name: str) -> str | None:
    lowered = name.lower()
    if lowered.endswith(SIDECAR_SUFFIX):
        return None
    return _KINDS.get(os.path.splitext(lowered)[1])


def _parse_bytes(data: bytes, *, name: str, kind: str, overrides: _Meta) -> list[IngestResult]:
    """All results for one input's bytes; raises IngestError if the whole input is bad."""
    if not data:
        raise IngestError(f"{name}: empty file")
    try:
        decoded, encoding, warnings = decode_report(data, html=kind == "html")
        text = _clean_text(decoded)
        _check_text(text)
    except IngestError as exc:
        raise IngestError(f"{name}: {exc}") from None
    if kind in ("json", "jsonl"):
        results: list[IngestResult] = []
        for number, record in _records(text, kind=kind, name=name):
            try:
                article = _record_article(
                    record, number=number, name=name, encoding=encoding, overrides=overrides
                )
                results.append(IngestResult(name, article, None, warnings))
            except IngestError as exc:
                results.append(IngestResult(name, None, str(exc)))
        if not results:
            raise IngestError(f"{name}: no records")
        return results
    meta = _Meta()
    if kind == "markdown":
        fields, text, _ = split_front_matter(text)
        meta = _meta_from_fields(fields, where=f"{name}: front matter")
        text = strip_markdown(text)
    elif kind == "html":
        text, meta = _extract_html(text)
        text = _clean_text(text)
        meta = replace(meta, title=_page_headline(text, meta.title))
        if meta.source:
            meta = replace(meta, source=normalize_source(meta.source))
    article = _build_article(
        text, name=name, origin=name, encoding=encoding, meta=overrides.over(meta)
    )
    return [IngestResult(name, article, None, warnings)]


# --- public API ------------------------------------------------------------------


def parse_records(
    data: bytes, *, name: str, source: str | None = None, max_bytes: int = MAX_BYTES
) -> list[IngestResult]:
    """Every article in one uploaded input (a ``.jsonl`` gives many), never raising.

    Like :func:`ingest` for bytes that did not come from disk: one result per
    article or per bad record, or a single error result.
    """
    kind = _kind_of(name) or ("text" if not os.path.splitext(name)[1] else None)
    if kind is None:
        return [IngestResult(name, None, f"{name}: {_unsupported(name)}")]
    if len(data) > max_bytes:
        return [IngestResult(name, None, f"{name}: {_too_large(len(data), max_bytes)}")]
    try:
        return _parse_bytes(data, name=name, kind=kind, overrides=_Meta(source=source))
    except IngestError as exc:
        return [IngestResult(name, None, str(exc))]
    except Exception as exc:  # last resort: a batch never dies on one input
        return [IngestResult(name, None, _internal_error(name, exc))]


def parse_document(
    data: bytes,
    *,
    name: str,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
) -> Article:
    """One document from bytes (browser upload / pasted text). Raises IngestError.

    ``name`` picks the format by extension (no extension: plain text); the
    keyword arguments override detected metadata.  A ``.json``/``.jsonl``
    input must hold exactly one record (use :func:`parse_records` otherwise).
    """
    kind = _kind_of(name) or ("text" if not os.path.splitext(name)[1] else None)
    if kind is None:
        raise IngestError(f"{name}: {_unsupported(name)}")
    if len(data) > MAX_BYTES:
        raise IngestError(f"{name}: {_too_large(len(data), MAX_BYTES)}")
    overrides = _Meta(
        title=title,
        source=normalize_source(source) if source else None,
        url=url,
        published=published,
    )
    results = _parse_bytes(data, name=name, kind=kind, overrides=overrides)
    if len(results) != 1:
        raise IngestError(f"{name}: holds {len(results)} records; ingest it as a file")
    result = results[0]
    if result.article is None:
        raise IngestError(result.error or f"{name}: not ingested")
    return result.article


def _unsupported(name: str) -> str:
    suffix = os.path.splitext(name)[1] or "(none)"
    if name.lower().endswith(SIDECAR_SUFFIX):
        return "is a metadata sidecar, not an article"
    return f"unsupported file type {suffix} (expected {', '.join(SUPPORTED_SUFFIXES)})"


def _too_large(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > limit {limit / 1e6:.1f} MB)"


def _os_error(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return exc.strerror or type(exc).__name__


def _read_sidecar(path: Path) -> _Meta:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return _Meta()
    try:
        value = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"{sidecar}: unreadable sidecar ({exc})") from None
    if not isinstance(value, dict):
        raise IngestError(f"{sidecar}: sidecar must be a JSON object")
    return _meta_from_fields(value, where=str(sidecar))


def _ingest_file(
    path: Path, st: os.stat_result, *, source: str | None, max_bytes: int, explicit: bool
) -> list[IngestResult]:
    """Results for one file; a non-article JSON found in a directory is skipped silently."""
    name = str(path)
    kind = _kind_of(path.name)
    if kind is None:
        return [IngestResult(name, None, f"{name}: {_unsupported(path.name)}")]
    if st.st_size > max_bytes:
        return [IngestResult(name, None, f"{name}: {_too_large(st.st_size, max_bytes)}")]
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return [IngestResult(name, None, f"{name}: {_os_error(exc)}")]
    if len(data) > max_bytes:
        return [IngestResult(name, None, f"{name}: {_too_large(len(data), max_bytes)}")]
    try:
        overrides = _Meta(source=normalize_source(source) if source else None).over(
            _read_sidecar(path)
        )
        return _parse_bytes(data, name=name, kind=kind, overrides=overrides)
    except _NotArticles as exc:
        return [IngestResult(name, None, str(exc))] if explicit else []
    except IngestError as exc:
        return [IngestResult(name, None, str(exc))]
    except Exception as exc:  # last resort: a batch never dies on one input
        return [IngestResult(name, None, _internal_error(name, exc))]


def _internal_error(name: str, exc: Exception) -> str:
    detail = " ".join(str(exc).split())[:200]
    return f"{name}: could not be ingested ({type(exc).__name__}: {detail})"


@dataclass
class _Walk:
    source: str | None
    max_bytes: int
    seen_dirs: set[tuple[int, int]]
    seen_files: set[tuple[int, int]]

    def path(self, path: Path, *, explicit: bool) -> Iterator[IngestResult]:
        name = str(path)
        try:
            st = path.stat()
        except OSError as exc:
            if path.is_symlink() and exc.errno == errno.ENOENT:
                yield IngestResult(name, None, f"{name}: broken symlink")
            elif explicit or exc.errno == errno.ELOOP:
                yield IngestResult(name, None, f"{name}: {_os_error(exc)}")
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self.directory(path, st)
        elif stat.S_ISREG(st.st_mode):
            if not explicit and _kind_of(path.name) is None:
                return
            key = (st.st_dev, st.st_ino)
            if key in self.seen_files:
                return
            self.seen_files.add(key)
            yield from _ingest_file(
                path, st, source=self.source, max_bytes=self.max_bytes, explicit=explicit
            )
        elif explicit:
            yield IngestResult(name, None, f"{name}: not a regular file or directory")

    def directory(self, path: Path, st: os.stat_result) -> Iterator[IngestResult]:
        key = (st.st_dev, st.st_ino)
        if key in self.seen_dirs:
            yield IngestResult(
                str(path), None, f"{path}: directory already visited (symlink), skipped"
            )
            return
        self.seen_dirs.add(key)
        try:
            names = sorted(os.listdir(path))
        except OSError as exc:
            yield IngestResult(str(path), None, f"{path}: {_os_error(exc)}")
            return
        for entry in names:
            if entry.startswith("."):
                continue
            yield from self.path(path / entry, explicit=False)


def ingest(
    paths: Sequence[str | Path], *, source: str | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[IngestResult]:
    """Ingest files and directories (recursively, sorted); one result per article or error.

    ``source`` overrides every detected source label.  Unsupported files inside
    directories are skipped silently (hidden files, ``*.meta.json`` sidecars, and
    ``.json`` objects with no article fields, e.g. fixtures); an explicitly named
    one is an error.
    Never raises for bad input.
    """
    walk = _Walk(source=source, max_bytes=max_bytes, seen_dirs=set(), seen_files=set())
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            yield IngestResult(str(path), None, f"{path}: no such file or directory")
            continue
        yield from walk.path(path, explicit=True)
