"""Bytes to text: binary signatures, BOMs, ``<meta charset>``, UTF-8/UTF-16, code pages.

:func:`decode_bytes` picks the encoding (strict UTF-8 first; mostly-UTF-8 and mixed files are
repaired by :mod:`claims.encodings`; single-byte Cyrillic and Western code pages are scored by
how plausible their letters are); :func:`decode_report` adds the warning a repaired decoding
deserves.  :func:`clean_text` unifies line breaks and normalises; :func:`check_text` refuses
what is no text.  Every refusal is an :class:`~claims.errors.IngestError` with one line.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence

import charset_normalizer

from claims.encodings import repair_utf8
from claims.errors import IngestError

__all__ = ["check_text", "clean_text", "decode_bytes", "decode_report"]

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


def _has_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars`` (``in`` is many times faster than a regex scan)."""
    return any(char in text for char in chars)


def clean_text(text: str) -> str:
    """Unify line breaks, drop invisible characters, NFC-normalise."""
    if _has_any(text, "\r\u2028\u2029\x0c\x85"):
        text = _NEWLINES_RE.sub("\n", text)
    if _has_any(text, "\ufeff\u200b\u2060\u00ad"):
        text = _INVISIBLE_RE.sub("", text)
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def check_text(text: str) -> None:
    if not text.strip():
        raise IngestError("no text (whitespace only)")
    controls = len(_CONTROL_RE.findall(text[:_SAMPLE]))
    if controls > 0.01 * min(len(text), _SAMPLE):
        raise IngestError("binary file (control characters), not text")
