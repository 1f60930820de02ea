"""Who is acting: one identity model for the CLI, the dashboard and scripts.

Names are compared the way a reader sees them: NFKC, case folding, then a
confusables *skeleton* (every character replaced by the lowest code point of its
Unicode confusables group, from the data shipped by the ``confusable-homoglyphs``
package, which is Unicode's ``confusables.txt``); the same again on the name in
capitals, because some twins only look alike there (Cyrillic ``В``/Latin ``B``,
while ``в``/``b`` differ).  Measured by ``benchmarks/identity_names.py``.  ``alice``, ``ALICE``,
``ａｌｉｃｅ`` (fullwidth) and ``аlice`` (Cyrillic а) are therefore one person;
``Дана`` and ``Дина`` stay two.  Invisible and control characters (zero-width
space, bidi marks, soft hyphen...) are refused outright.

When a reviewers file exists (:func:`workbench.auth.find_reviewers_file`), a
command that acts as a person calls :func:`login`: the password comes from
``$WORKBENCH_PASSWORD`` or an interactive prompt, never a command-line argument.
Without a reviewers file the CLI works for one person and every actor it
records is marked unauthenticated.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import confusable_homoglyphs

from workbench.errors import InvalidInputError

if TYPE_CHECKING:
    from workbench.auth import Reviewer

__all__ = [
    "ENV_NEW_PASSWORD",
    "ENV_PASSWORD",
    "add_reviewer",
    "canonical_name",
    "check_serving",
    "login",
    "password_from",
    "same_person",
    "skeleton",
    "unauthenticated",
    "upper_skeleton",
]

ENV_PASSWORD = "WORKBENCH_PASSWORD"
ENV_NEW_PASSWORD = "WORKBENCH_NEW_PASSWORD"
# Cf: format (ZWSP, ZWJ, bidi marks, soft hyphen); Cc: controls; Co/Cn: private/unassigned;
# Zl/Zp: line/paragraph separators; Mn alone would be a combining mark hiding in a name.
_REFUSED_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cn", "Cs", "Zl", "Zp"})
_INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")  # fillers shown as blank


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Character -> the lowest code point of its confusables class.

    The library's data lists, per character, the characters it can be mistaken for;
    those lists are not closed (Latin ``O`` lists ``0``, Cyrillic ``О`` lists only
    ``O``), so the classes are their transitive closure (union-find).
    """
    data_file = Path(confusable_homoglyphs.__file__).with_name("confusables.json")
    groups: dict[str, list[dict[str, str]]] = json.loads(data_file.read_text(encoding="utf-8"))
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.setdefault(char, char) != char:
            parent[char] = parent[parent[char]]
            char = parent[char]
        return char

    for char, homoglyphs in groups.items():
        if len(char) != 1:
            continue
        for other in (h["c"] for h in homoglyphs if len(h["c"]) == 1):
            a, b = root(char), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {char: root(char) for char in list(parent)}


def _refuse_invisible(name: str) -> None:
    for offset, char in enumerate(name):
        if unicodedata.category(char) in _REFUSED_CATEGORIES or char in _INVISIBLE_EXTRA:
            code = f"U+{ord(char):04X}"
            raise InvalidInputError(
                f"name {name!r} contains an invisible or control character ({code} at {offset})"
            )


def canonical_name(value: str, *, what: str = "reviewer") -> str:
    """The name as it is stored: stripped, NFKC; InvalidInputError if empty or invisible."""
    name = unicodedata.normalize("NFKC", (value or "").strip())
    if not name:
        raise InvalidInputError(f"{what} name must not be empty")
    _refuse_invisible(name)
    return name


def _mapped(text: str) -> str:
    table = _prototypes()
    return "".join(table.get(char, char) for char in text)


def skeleton(value: str) -> str:
    """The comparison key of a name: NFKC, case folding, then the confusables skeleton."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value.strip()).casefold())
    return _mapped(folded)


def upper_skeleton(value: str) -> str:
    """The skeleton of the name written in capitals (Cyrillic В and Latin B meet here)."""
    upper = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value.strip()).upper())
    return _mapped(upper).casefold()


def same_person(a: str, b: str) -> bool:
    """True when two names look alike in lower case or in capitals."""
    return skeleton(a) == skeleton(b) or upper_skeleton(a) == upper_skeleton(b)


def unauthenticated(name: str) -> Reviewer:
    """The single file-less user: any role, every recorded action marked unauthenticated."""
    from workbench.auth import Reviewer

    return Reviewer(name=canonical_name(name), role="editor", local=True)


def password_from(prompt: Callable[[str], str], *, label: str, env: str = ENV_PASSWORD) -> str:
    """``$env`` if set, else what ``prompt(label)`` returns (never a command-line argument)."""
    value = os.environ.get(env)
    if value:
        return value
    return prompt(label)


def login(
    db: str | Path,
    name: str,
    *,
    prompt: Callable[[str], str],
    reviewers_file: Path | None = None,
) -> Reviewer:
    """The person acting on ``db``: authenticated against the reviewers file when one exists.

    Without a reviewers file: :func:`unauthenticated` (the name checked, no password asked).
    """
    from workbench.auth import authenticate, find_reviewers_file

    path = reviewers_file or find_reviewers_file(db)
    if path is None:
        return unauthenticated(name)
    canonical = canonical_name(name)
    password = password_from(prompt, label=f"Password for {canonical}")
    return authenticate(path, name=canonical, password=password)


def add_reviewer(
    db: str | Path,
    path: Path,
    *,
    name: str,
    password: str,
    role: str,
    by: Reviewer | None,
) -> Reviewer:
    """Add or replace a reviewer in ``path`` and write the change to ``db``'s audit log.

    Once the file holds an editor, only an authenticated editor (``by``) may change it;
    the first reviewer of a new file is added by whoever runs the command.
    """
    from workbench import auth, rules
    from workbench.store import Store

    editors = [r for r in auth.load_reviewers(path).values() if r.role == "editor"]
    actor = "bootstrap"
    if editors:
        if by is None or not by.authenticated:
            raise InvalidInputError(
                f"{path} already has editors: name one with --by and give their password"
            )
        actor = rules.require(by, "manage_reviewers").name
    existed = auth.find_user(dict(auth.load_reviewers(path)), canonical_name(name)) is not None
    with Store.open(db) as store, store.transaction() as tx:
        added = auth.add_reviewer(path, name=name, password=password, role=role)
        payload = {
            "name": added.name,
            "role": added.role,
            "file": str(path),
            "replaced": existed,
            "file_sha256": auth.file_digest(path),
        }
        tx.event("reviewer_saved", actor=actor, payload=payload)
    return added


def check_serving(db: str | Path, address: str) -> None:
    """Refuse to serve ``db`` beyond this machine without a reviewers file.

    Without one the dashboard is a single unauthenticated editor account: fine on
    127.0.0.1/::1/localhost, never on an address other machines can reach.
    """
    import ipaddress

    from workbench.auth import find_reviewers_file

    host = address.strip().strip("[]")
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local and find_reviewers_file(db) is None:
        raise InvalidInputError(
            f"refusing to serve on {address} without a reviewers file: anyone who can reach "
            "it would be an editor; add reviewers (`workbench reviewers add`) or use 127.0.0.1"
        )
