"""Dashboard sessions that survive a reload: a signed, expiring, revocable token.

The token (kept in the browser as the ``workbench_session`` cookie) is an
``itsdangerous`` timed signature over ``{"u": name, "s": session id}``, signed with a
random secret kept beside the store (``.<db name>.session-key``, mode 0600).  Resuming
checks the signature, the age (:data:`MAX_AGE_S`), that the session was not logged out
(revoked ids are kept beside the store as well) and that the person is still in the
reviewers file, whose role applies (never a role carried in the cookie).
No Streamlit here: :mod:`workbench.dashboard.ui` sets and reads the cookie.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from workbench import auth
from workbench.backends import is_postgres, redact, store_folder

__all__ = ["COOKIE", "MAX_AGE_S", "issue", "resume", "revoke", "secret_path"]

COOKIE = "workbench_session"
MAX_AGE_S = 12 * 3600  # a working day
_SALT = "workbench-dashboard-session"


def _beside(db: str | Path, suffix: str) -> Path:
    """A hidden file that goes with the store: beside a SQLite file; for a server store, in
    its folder (:func:`workbench.backends.store_folder`) named after the URL without secrets."""
    if is_postgres(db):
        digest = hashlib.sha256(redact(db).encode("utf-8")).hexdigest()[:16]
        return store_folder(db) / f".workbench-{digest}{suffix}"
    path = Path(db).expanduser().resolve()
    return path.with_name(f".{path.name}{suffix}")


def secret_path(db: str | Path) -> Path:
    """Where the signing secret of the store at ``db`` is kept."""
    return _beside(db, ".session-key")


def _revoked_path(db: str | Path) -> Path:
    return _beside(db, ".sessions-revoked.json")


def _secret(db: str | Path) -> str:
    path = secret_path(db)
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value)
    return value


def _serializer(db: str | Path) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(db), salt=_SALT)


def issue(db: str | Path, user: auth.Reviewer) -> str:
    """A new session token for ``user`` on the store at ``db``."""
    return str(_serializer(db).dumps({"u": user.name, "s": secrets.token_urlsafe(12)}))


def _revoked(db: str | Path) -> dict[str, float]:
    try:
        raw = json.loads(_revoked_path(db).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {str(k): float(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def _load(db: str | Path, token: str) -> dict[str, str] | None:
    try:
        data = _serializer(db).loads(token, max_age=MAX_AGE_S)
    except BadSignature:  # also expired (SignatureExpired is a BadSignature)
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), str):
        return None
    return {"u": data["u"], "s": str(data.get("s", ""))}


def resume(db: str | Path, token: str | None) -> auth.Reviewer | None:
    """The reviewer a token still stands for, or None (bad, expired, logged out, removed)."""
    if not token:
        return None
    data = _load(db, token)
    if data is None or data["s"] in _revoked(db):
        return None
    path = auth.find_reviewers_file(db)
    if path is None:
        return None
    return auth.load_reviewers(path).get(data["u"])


def revoke(db: str | Path, token: str | None) -> None:
    """Log a session out for good (its id is refused until it would have expired anyway)."""
    data = _load(db, token) if token else None
    if data is None:
        return
    now = time.time()
    kept = {k: v for k, v in _revoked(db).items() if v > now}
    kept[data["s"]] = now + MAX_AGE_S
    target = _revoked_path(db)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(kept), encoding="utf-8")
    os.replace(tmp, target)
