"""Bytes that are *almost* UTF-8: a few broken bytes, or lines in another code page.

:func:`repair_utf8` is called by :func:`claims.decode.decode_bytes` after strict
UTF-8 failed.  Working line by line:

- when the broken bytes are few (at most :data:`MAX_BROKEN_SHARE` of the
  non-ASCII bytes, and at most :data:`MAX_BROKEN_BYTES`), the text is UTF-8
  with U+FFFD replacement characters, and the warning names how many bytes were
  replaced and the first byte offsets;
- when some lines are clean UTF-8 and others decode plausibly in a single-byte
  code page (cp1251, KOI8-R, ...), the file is *mixed*: each line is decoded in
  its own encoding and the warning names the encodings and their lines;
- otherwise (no real UTF-8 in it) it returns None and the caller guesses one
  code page for the whole file, as before.

Hand-written because charset-normalizer and chardet answer one encoding per
file; none of them splits a file by line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["MAX_BROKEN_BYTES", "MAX_BROKEN_SHARE", "MIN_UTF8_CHARS", "Repaired", "repair_utf8"]

MAX_BROKEN_SHARE = 0.05
MAX_BROKEN_BYTES = 256
_SHOW_OFFSETS = 5
_SHOW_LINES = 6
MIN_UTF8_CHARS = 4  # clean UTF-8 characters a file needs before it is read as mixed


@dataclass(frozen=True)
class Repaired:
    """Decoded text, the encoding label to store, and one warning line."""

    text: str
    encoding: str
    warning: str


def _broken_offsets(line: bytes, base: int) -> list[int]:
    """Byte offsets (in the file) of the bytes strict UTF-8 rejects in ``line``."""
    offsets: list[int] = []
    pos = 0
    while pos < len(line):
        try:
            line[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            offsets.extend(range(base + pos + exc.start, base + pos + exc.end))
            pos += exc.end
    return offsets


def _ranges(numbers: list[int]) -> str:
    """``1-3, 7`` for [1, 2, 3, 7] (at most a few ranges, then "...")."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(f"{start}-{prev}" if prev > start else str(start))
        if n is not None:
            start = prev = n
    shown = ", ".join(parts[:_SHOW_LINES])
    return shown + (", ..." if len(parts) > _SHOW_LINES else "")


def repair_utf8(data: bytes, *, guess: Callable[[bytes], str | None]) -> Repaired | None:
    """Decode ``data`` that failed strict UTF-8 (see the module docstring), or None.

    ``guess(line)`` names the single-byte code page a line most plausibly is in (or None).
    """
    lines = data.splitlines(keepends=True)
    broken: list[int] = []
    bad_lines: list[int] = []
    utf8_chars = 0  # non-ASCII characters on the lines that are clean UTF-8
    base = 0
    for number, line in enumerate(lines):
        offsets = _broken_offsets(line, base)
        if offsets:
            broken.extend(offsets)
            bad_lines.append(number)
        elif not line.isascii():
            utf8_chars += sum(1 for ch in line.decode("utf-8") if ord(ch) > 0x7F)
        base += len(line)
    high = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    if high - len(broken) <= 0:
        return None  # no real UTF-8 in the file: one code page for all of it
    if len(broken) <= MAX_BROKEN_BYTES and len(broken) <= MAX_BROKEN_SHARE * high:
        shown = ", ".join(str(o) for o in broken[:_SHOW_OFFSETS])
        more = ", ..." if len(broken) > _SHOW_OFFSETS else ""
        return Repaired(
            data.decode("utf-8", errors="replace"),
            "utf-8",
            f"{len(broken)} invalid UTF-8 byte(s) replaced by U+FFFD at byte offset(s) "
            f"{shown}{more}",
        )
    if utf8_chars < MIN_UTF8_CHARS:
        # A code page can form a short valid UTF-8 sequence by chance (cp1251 "В»" is the
        # bytes of UTF-8 "»"): too little clean UTF-8 to call the file mixed.
        return None
    return _mixed(lines, set(bad_lines), guess)


def _mixed(
    lines: list[bytes], bad: set[int], guess: Callable[[bytes], str | None]
) -> Repaired | None:
    parts: list[str] = []
    where: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        encoding = "utf-8"
        if number in bad:
            found = guess(line)
            if found is None:
                return None
            encoding = found
        if not line.isascii():
            where.setdefault(encoding, []).append(number + 1)
        parts.append(line.decode(encoding, errors="replace"))
    if len(where) < 2:
        return None
    summary = "; ".join(f"{enc} on line(s) {_ranges(nums)}" for enc, nums in where.items())
    label = "mixed:" + "+".join(where)
    return Repaired(
        "".join(parts),
        label,
        f"mixed encodings, decoded line by line: {summary}; check the text",
    )
