"""Reviewers and roles: a bcrypt-hashed reviewers file next to the store.

The file is YAML (``.yaml``/``.yml``) or JSON (``.json``) in the layout that
``streamlit-authenticator`` reads, so either tool can use it::

    credentials:
      usernames:
        aigerim:
          name: aigerim
          password: $2b$12$...        # bcrypt hash, never the password
          roles: [editor]

It is found through ``$WORKBENCH_REVIEWERS`` or next to the database
(``reviewers.yaml``, ``reviewers.yml`` or ``reviewers.json``).  Without a file
the dashboard runs for a single local user, labelled as such.  The login name
is the name recorded on verdicts and sign-offs.  Roles: ``reviewer`` records
verdicts; ``editor`` also signs off.

Names are looked up by their confusables skeleton (:mod:`workbench.identity`), so
``ALICE`` or ``аlice`` (Cyrillic а) log in as ``alice``, and a new name that looks
like an existing one is refused.  An unknown name costs one bcrypt check against a
dummy hash, so it answers in the same time as a wrong password.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bcrypt
import yaml

from workbench.backends import store_folder
from workbench.errors import InvalidInputError
from workbench.identity import canonical_name, same_person

__all__ = [
    "ENV_REVIEWERS",
    "LOCAL_USER",
    "REVIEWERS_FILENAMES",
    "ROLES",
    "Reviewer",
    "add_reviewer",
    "authenticate",
    "file_digest",
    "find_reviewers_file",
    "find_user",
    "load_reviewers",
]

ENV_REVIEWERS = "WORKBENCH_REVIEWERS"
REVIEWERS_FILENAMES = ("reviewers.yaml", "reviewers.yml", "reviewers.json")
ROLES = ("editor", "reviewer")
_NAME = re.compile(r"^[\w.@-]{1,64}$")
_MIN_PASSWORD = 8
# bcrypt only looks at the first 72 bytes; refuse longer passwords instead of
# silently ignoring their tail.
_MAX_PASSWORD_BYTES = 72
# A bcrypt hash (cost 12) of a random string nobody knows: checked for unknown names so
# that they answer as slowly as known ones (no name enumeration by timing).
_DUMMY_HASH = b"$2b$12$lYcC9JJIkGy/vk7X9XC.b.sB1yCr2pnSQ.BHA3i8BN4ApdS1hUU2S"


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A person who may log in. ``local`` marks the file-less single user.

    ``authenticated`` is true only for a reviewer whose password was just checked.
    """

    name: str
    role: str
    local: bool = False
    authenticated: bool = False

    @property
    def can_sign_off(self) -> bool:
        """Editors sign off (the library still enforces four eyes)."""
        return self.role == "editor"


LOCAL_USER = Reviewer(name="local", role="editor", local=True)


def find_reviewers_file(db: str | Path) -> Path | None:
    """The reviewers file for ``db``: ``$WORKBENCH_REVIEWERS`` or one next to the DB."""
    env = os.environ.get(ENV_REVIEWERS, "").strip()
    if env:
        return Path(env)
    if str(db) == ":memory:":
        return None
    folder = store_folder(str(db))
    for name in REVIEWERS_FILENAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """The ``usernames`` mapping of a reviewers file ({} for a missing file)."""
    if not path.exists():
        return {}
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw) if _is_json(path) else yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        first = (str(error).splitlines() or [type(error).__name__])[0]
        raise InvalidInputError(f"cannot read reviewers file {path}: {first}") from None
    if data is None:
        return {}
    credentials = data.get("credentials") if isinstance(data, dict) else None
    users = credentials.get("usernames", {}) if isinstance(credentials, dict) else None
    if not isinstance(users, dict):
        raise InvalidInputError(f"reviewers file {path} has no credentials.usernames mapping")
    return {str(name): entry for name, entry in users.items() if isinstance(entry, dict)}


def _write(path: Path, users: dict[str, dict[str, Any]]) -> None:
    """Write atomically, readable by the owner only (the file holds hashes)."""
    data = {"credentials": {"usernames": users}}
    text = (
        json.dumps(data, ensure_ascii=False, indent=2)
        if _is_json(path)
        else yaml.safe_dump(data, allow_unicode=True, sort_keys=True)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".reviewers-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _role_of(entry: dict[str, Any]) -> str:
    roles = entry.get("roles") or []
    if isinstance(roles, str):
        roles = [roles]
    return "editor" if "editor" in roles else "reviewer"


def load_reviewers(path: str | Path) -> dict[str, Reviewer]:
    """Reviewers by login name (hashes are not returned)."""
    return {
        name: Reviewer(name=name, role=_role_of(entry)) for name, entry in _read(Path(path)).items()
    }


def find_user(users: dict[str, Any], name: str) -> str | None:
    """The key of ``users`` that looks like ``name`` (:func:`same_person`), or None."""
    if name in users:
        return name
    for key in users:
        if same_person(key, name):
            return key
    return None


def file_digest(path: str | Path) -> str:
    """SHA-256 of the reviewers file's bytes ("" if it does not exist)."""
    target = Path(path)
    return hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else ""


def _check_new(name: str, password: str, role: str) -> None:
    if not _NAME.match(name):
        raise InvalidInputError(
            f"invalid reviewer name {name!r}: use 1-64 letters, digits, '.', '@', '_' or '-'"
        )
    if role not in ROLES:
        raise InvalidInputError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    if len(password) < _MIN_PASSWORD:
        raise InvalidInputError(f"password too short: use at least {_MIN_PASSWORD} characters")
    if len(password.encode("utf-8")) > _MAX_PASSWORD_BYTES:
        raise InvalidInputError(f"password too long: at most {_MAX_PASSWORD_BYTES} bytes")


def add_reviewer(
    path: str | Path, *, name: str, password: str, role: str = "reviewer", replace: bool = True
) -> Reviewer:
    """Add ``name`` with a bcrypt-hashed ``password`` to the reviewers file (created if needed).

    Raises InvalidInputError for a bad name, role or password, or if ``name``
    exists and ``replace`` is false (by default an existing reviewer gets the new
    password and role).
    """
    _check_new(name, password, role)
    name = canonical_name(name)
    target = Path(path)
    users = _read(target)
    if name in users and not replace:
        raise InvalidInputError(f"reviewer {name!r} already exists in {target}")
    lookalike = find_user(users, name)
    if lookalike is not None and lookalike != name:
        raise InvalidInputError(
            f"reviewer name {name!r} looks like the existing reviewer {lookalike!r}: "
            "choose a name that cannot be mistaken for it"
        )
    hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")
    users[name] = {"name": name, "password": hashed, "roles": [role]}
    _write(target, users)
    return Reviewer(name=name, role=role)


def authenticate(path: str | Path, *, name: str, password: str) -> Reviewer:
    """The reviewer if ``password`` matches; InvalidInputError (one message for all failures).

    The name is matched by skeleton and the stored spelling is returned; an unknown
    name is checked against a dummy hash so that it takes as long as a known one.
    """
    users = _read(Path(path))
    try:
        key = find_user(users, canonical_name(name))
    except InvalidInputError:
        key = None
    entry = users.get(key) if key is not None else None
    stored = entry.get("password") if entry else None
    hashed = stored.encode("ascii", "replace") if isinstance(stored, str) else _DUMMY_HASH
    ok = False
    try:
        ok = bcrypt.checkpw(password.encode("utf-8")[:_MAX_PASSWORD_BYTES], hashed)
    except ValueError:
        ok = False
    if not ok or entry is None or key is None:
        raise InvalidInputError("unknown reviewer or wrong password")
    return Reviewer(name=key, role=_role_of(entry), authenticated=True)
