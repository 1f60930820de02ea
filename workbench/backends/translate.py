"""SQLite-flavoured SQL to PostgreSQL: the one place where the two dialects differ in text.

The store, its migrations and every query are written once, in the SQL that SQLite
accepts with ``?`` placeholders.  :func:`to_postgres` rewrites one statement for
psycopg 3:

* placeholders ``?`` become ``%s`` and every literal ``%`` is doubled (outside and
  inside string literals, because psycopg reads the whole text);
* ``INSERT OR IGNORE`` becomes ``INSERT ... ON CONFLICT DO NOTHING``;
* in ``CREATE TABLE`` / ``ALTER TABLE``: ``INTEGER PRIMARY KEY [AUTOINCREMENT]`` becomes
  an identity key, ``INTEGER`` ``BIGINT`` (SQLite integers are 64-bit), ``REAL``
  ``DOUBLE PRECISION`` (SQLite reals are 8-byte), ``BLOB`` ``BYTEA`` and ``TEXT``
  ``TEXT COLLATE "C"`` (SQLite compares text byte-wise, so ``ORDER BY`` and ``MIN``
  agree on both engines whatever the server's locale); ``WITHOUT ROWID`` and
  ``STRICT`` are dropped;
* ``LIKE`` becomes ``ILIKE`` (SQLite's ``LIKE`` ignores ASCII case, as ``ILIKE``
  does under the ``C`` collation);
* functions: ``IFNULL`` -> ``COALESCE``, ``INSTR`` -> ``STRPOS``, scalar ``MAX``/``MIN``
  of several arguments -> ``GREATEST``/``LEAST``, ``GROUP_CONCAT`` -> ``STRING_AGG``;
* ``PRAGMA`` statements have no PostgreSQL meaning and become ``None`` (skipped).

What cannot be translated faithfully (``INSERT OR REPLACE``, virtual tables) raises
:class:`UnsupportedSQL` with the portable spelling to use instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["UnsupportedSQL", "statement_kind", "to_postgres", "tokens"]


class UnsupportedSQL(ValueError):
    """A statement that has no faithful PostgreSQL translation."""


@dataclass(frozen=True)
class _Tok:
    kind: str  # "word", "str", "ident", "space", "punct", "param"
    text: str


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*|[0-9]+(?:\.[0-9]*)?")


def _quoted(sql: str, i: int, quote: str) -> int:
    """Index just past the quoted run starting at ``sql[i]`` (doubled quotes escape)."""
    j = i + 1
    while j < len(sql):
        if sql[j] == quote:
            if j + 1 < len(sql) and sql[j + 1] == quote:
                j += 2
                continue
            return j + 1
        j += 1
    return j


def tokens(sql: str) -> list[_Tok]:
    """Split ``sql`` into words, literals, quoted identifiers, spaces/comments and marks."""
    out: list[_Tok] = []
    i = 0
    while i < len(sql):
        ch = sql[i]
        if ch in "'\"":
            j = _quoted(sql, i, ch)
            out.append(_Tok("str" if ch == "'" else "ident", sql[i:j]))
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = len(sql) if j < 0 else j
            out.append(_Tok("space", sql[i:j]))
        elif ch.isspace():
            j = i
            while j < len(sql) and sql[j].isspace():
                j += 1
            out.append(_Tok("space", sql[i:j]))
        elif ch == "?":
            j = i + 1
            out.append(_Tok("param", "?"))
        elif (m := _WORD.match(sql, i)) is not None:
            j = m.end()
            out.append(_Tok("word", m.group()))
        else:
            j = i + 1
            out.append(_Tok("punct", ch))
        i = j
    return out


_FIRST_WORD = re.compile(r"\s*(?:--[^\n]*\n\s*)*([A-Za-z_]+)")


@lru_cache(maxsize=4096)
def statement_kind(sql: str) -> str:
    """The first keyword of a statement, upper-cased (``""`` for an empty one)."""
    match = _FIRST_WORD.match(sql)
    return match.group(1).upper() if match else ""


_TYPES = {"INTEGER": "BIGINT", "INT": "BIGINT", "REAL": "DOUBLE PRECISION", "BLOB": "BYTEA"}
_RENAMES = {"IFNULL": "COALESCE", "INSTR": "STRPOS"}


def _words(toks: list[_Tok]) -> list[int]:
    return [i for i, t in enumerate(toks) if t.kind != "space"]


def _upper(tok: _Tok) -> str:
    return tok.text.upper() if tok.kind == "word" else tok.text


def _call_args(toks: list[_Tok], open_at: int) -> tuple[int, int]:
    """(top-level comma count, index of the closing paren) of the call opening at ``open_at``."""
    depth, commas = 0, 0
    for j in range(open_at, len(toks)):
        text = toks[j].text if toks[j].kind == "punct" else ""
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
            if depth == 0:
                return commas, j
        elif text == "," and depth == 1:
            commas += 1
    return commas, len(toks) - 1


def _functions(toks: list[_Tok]) -> list[_Tok]:
    sig = _words(toks)
    out = list(toks)
    for pos, i in enumerate(sig[:-1]):
        nxt = sig[pos + 1]
        if toks[i].kind != "word" or toks[nxt].text != "(":
            continue
        name = toks[i].text.upper()
        if name in _RENAMES:
            out[i] = _Tok("word", _RENAMES[name])
        elif name in ("MAX", "MIN") and _call_args(toks, nxt)[0] >= 1:
            out[i] = _Tok("word", "GREATEST" if name == "MAX" else "LEAST")
        elif name == "GROUP_CONCAT":
            commas, close = _call_args(toks, nxt)
            out[i] = _Tok("word", "STRING_AGG")
            if commas == 0:
                out[close] = _Tok("punct", ", ',')")
    return out


def _is_type_slot(behind: list[str], tok: _Tok) -> bool:
    """True for the word right after a column name in a column definition."""
    return (
        tok.kind == "word"
        and len(behind) == 2
        and behind[0] in ("(", ",", "COLUMN", "ADD")
        and behind[1] not in ("(", ",", "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN")
    )


def _ddl(toks: list[_Tok]) -> list[_Tok]:
    sig = _words(toks)
    out = list(toks)
    drop: set[int] = set()
    for pos, i in enumerate(sig):
        word = _upper(toks[i])
        ahead = [_upper(toks[j]) for j in sig[pos + 1 : pos + 4]]
        behind = [_upper(toks[j]) for j in sig[max(pos - 2, 0) : pos]]
        if not _is_type_slot(behind, toks[i]):
            if word == "WITHOUT" and ahead[:1] == ["ROWID"]:
                drop.update((i, sig[pos + 1]))
            elif word == "STRICT" and pos == len(sig) - 1:
                drop.add(i)
            continue
        if word == "INTEGER" and ahead[:2] == ["PRIMARY", "KEY"]:
            out[i] = _Tok("word", "BIGINT GENERATED BY DEFAULT AS IDENTITY")
            if len(ahead) > 2 and ahead[2] == "AUTOINCREMENT":
                drop.add(sig[pos + 3])
        elif word in _TYPES:
            out[i] = _Tok("word", _TYPES[word])
        elif word == "TEXT" and (not ahead or ahead[0] != "COLLATE"):
            out[i] = _Tok("word", 'TEXT COLLATE "C"')
    return [t for k, t in enumerate(out) if k not in drop]


def _insert_or(toks: list[_Tok]) -> list[_Tok]:
    sig = _words(toks)
    if len(sig) < 3 or [_upper(toks[j]) for j in sig[:2]] != ["INSERT", "OR"]:
        return toks
    action = _upper(toks[sig[2]])
    if action != "IGNORE":
        raise UnsupportedSQL(
            f"INSERT OR {action} has no faithful PostgreSQL form: write "
            "INSERT ... ON CONFLICT (key columns) DO UPDATE SET ..., which both engines accept"
        )
    body = [t for k, t in enumerate(toks) if k not in (sig[1], sig[2])]
    sig = _words(body)
    returning = next((j for j in sig if _upper(body[j]) == "RETURNING"), None)
    clause = [_Tok("space", " "), _Tok("word", "ON CONFLICT DO NOTHING")]
    if returning is None:
        return [*body, *clause]
    return [*body[:returning], *clause[1:], _Tok("space", " "), *body[returning:]]


@lru_cache(maxsize=4096)
def to_postgres(sql: str) -> str | None:
    """The PostgreSQL (psycopg) text of one SQLite statement; ``None`` for a PRAGMA.

    Cached: the store sends the same few hundred statement texts over and over."""
    kind = statement_kind(sql)
    if kind == "PRAGMA":
        return None
    toks = tokens(sql)
    if kind == "CREATE" and any(_upper(t) == "VIRTUAL" for t in toks[:6]):
        raise UnsupportedSQL("virtual tables (FTS5, R*Tree) exist only in SQLite")
    if kind in ("CREATE", "ALTER"):
        toks = _ddl(toks)
    if kind in ("INSERT", "REPLACE"):
        if kind == "REPLACE":
            raise UnsupportedSQL("REPLACE INTO: write INSERT ... ON CONFLICT ... DO UPDATE")
        toks = _insert_or(toks)
    toks = _functions(toks)
    parts: list[str] = []
    for tok in toks:
        if tok.kind == "param":
            parts.append("%s")
        elif tok.kind == "word" and tok.text.upper() == "LIKE":
            parts.append("ILIKE")
        else:
            parts.append(tok.text.replace("%", "%%"))
    return "".join(parts)
