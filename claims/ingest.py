"""Stage 1: turn files (or uploaded bytes) into :class:`~claims.model.Article`.

Supported inputs: ``.txt``, ``.md`` (front matter, light Markdown stripping),
``.html``/``.htm`` (trafilatura, selectolax fallback) and ``.json``/``.jsonl``
records (:mod:`claims.readers`).  Bytes are decoded from any common encoding
(BOM, UTF-8, UTF-16, cp1251, KOI8-R, KZ-1048, ...; :mod:`claims.decode`), and the
article is assembled (:mod:`claims.assemble`): page furniture stripped
(:mod:`claims.furniture`), metadata detected (:mod:`claims.metadata`).
A sidecar ``<file>.meta.json`` overrides detected metadata.  This module walks
the inputs, picks the reader and turns every problem into a result.

:func:`ingest` never raises for bad input: each problem becomes one
:class:`IngestResult` with a one-line ``error`` naming the file.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from claims.assemble import Meta, build_article, meta_from_fields
from claims.decode import check_text, clean_text, decode_bytes, decode_report
from claims.errors import IngestError
from claims.metadata import normalize_source, split_front_matter
from claims.model import Article
from claims.readers import (
    TEXT_KEYS,
    NotArticles,
    extract_html,
    json_records,
    page_headline,
    strip_markdown,
)

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


def _record_article(
    record: object, *, number: int, name: str, encoding: str, overrides: Meta
) -> Article:
    where = f"{name}: record {number}"
    if isinstance(record, IngestError):
        raise record
    if not isinstance(record, dict):
        raise IngestError(f"{where}: expected an object, got {type(record).__name__}")
    body = next((record[k] for k in TEXT_KEYS if isinstance(record.get(k), str)), None)
    if body is None or not body.strip():
        raise IngestError(f"{where}: no 'text' field")
    meta = meta_from_fields(record, where=where)
    return build_article(
        clean_text(body),
        name=where,
        origin=f"{name}#{number}",
        encoding=encoding,
        meta=overrides.over(meta),
    )


def _kind_of(name: str) -> str | None:
    lowered = name.lower()
    if lowered.endswith(SIDECAR_SUFFIX):
        return None
    return _KINDS.get(os.path.splitext(lowered)[1])


def _parse_bytes(data: bytes, *, name: str, kind: str, overrides: Meta) -> list[IngestResult]:
    """All results for one input's bytes; raises IngestError if the whole input is bad."""
    if not data:
        raise IngestError(f"{name}: empty file")
    try:
        decoded, encoding, warnings = decode_report(data, html=kind == "html")
        text = clean_text(decoded)
        check_text(text)
    except IngestError as exc:
        raise IngestError(f"{name}: {exc}") from None
    if kind in ("json", "jsonl"):
        results: list[IngestResult] = []
        for number, record in json_records(text, kind=kind, name=name):
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
    meta = Meta()
    if kind == "markdown":
        fields, text, _ = split_front_matter(text)
        meta = meta_from_fields(fields, where=f"{name}: front matter")
        text = strip_markdown(text)
    elif kind == "html":
        text, meta = extract_html(text)
        text = clean_text(text)
        meta = replace(meta, title=page_headline(text, meta.title))
        if meta.source:
            meta = replace(meta, source=normalize_source(meta.source))
    article = build_article(
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
        return _parse_bytes(data, name=name, kind=kind, overrides=Meta(source=source))
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
    overrides = Meta(
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


def _read_sidecar(path: Path) -> Meta:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return Meta()
    try:
        value = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"{sidecar}: unreadable sidecar ({exc})") from None
    if not isinstance(value, dict):
        raise IngestError(f"{sidecar}: sidecar must be a JSON object")
    return meta_from_fields(value, where=str(sidecar))


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
        overrides = Meta(source=normalize_source(source) if source else None).over(
            _read_sidecar(path)
        )
        return _parse_bytes(data, name=name, kind=kind, overrides=overrides)
    except NotArticles as exc:
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
