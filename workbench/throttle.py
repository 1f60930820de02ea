"""Log-in throttling for the dashboard: backoff, lockout, audit.

Every failed log-in for a name (compared by its confusables skeleton, so
``ALICE`` and ``аlice`` share one counter) doubles the wait before the next
attempt is even checked (``base_delay_s`` up to ``max_delay_s``); after
``max_failures`` failures the name is locked for ``lockout_s`` seconds, and
every attempt during the lockout is refused without looking at the password.
Unknown names are throttled exactly like known ones, with the same message, so
the throttle does not reveal who exists.  Failures and lockouts are written to
the store's audit log (kinds ``login_failed``, ``login_locked`` and, for an
attempt refused during a lockout, ``login_refused``).

The counters live in the serving process (one Streamlit server): a restart
clears them, which the audit log still shows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.auth import Reviewer, authenticate
from workbench.errors import InvalidInputError, WorkbenchError
from workbench.identity import skeleton

__all__ = ["LoginThrottle", "ThrottledError", "login", "shared_throttle"]


class ThrottledError(WorkbenchError):
    """Too many failed log-ins for this name: wait before trying again."""


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0


@dataclass
class LoginThrottle:
    """Failure counters per name skeleton (thread-safe)."""

    max_failures: int = 5
    lockout_s: float = 900.0
    base_delay_s: float = 0.25
    max_delay_s: float = 8.0
    clock: Callable[[], float] = time.monotonic
    _records: dict[str, _Record] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, name: str) -> float:
        """The delay to wait before checking a password; ThrottledError while locked out."""
        key = skeleton(name)
        with self._lock:
            record = self._records.get(key, _Record())
            left = record.locked_until - self.clock()
            if left > 0:
                minutes = max(1, round(left / 60))
                raise ThrottledError(
                    f"too many failed log-ins for this name: try again in {minutes} min"
                )
            if record.failures == 0:
                return 0.0
            return float(min(self.max_delay_s, self.base_delay_s * 2 ** (record.failures - 1)))

    def failed(self, name: str) -> int:
        """Count a failure; the failures so far (``max_failures`` or more: locked out)."""
        key = skeleton(name)
        with self._lock:
            record = self._records.setdefault(key, _Record())
            if record.locked_until and record.locked_until <= self.clock():
                record.failures = 0
            record.failures += 1
            if record.failures >= self.max_failures:
                record.locked_until = self.clock() + self.lockout_s
            return record.failures

    def reset(self) -> None:
        """Forget every counter (tests; an administrator after a lockout)."""
        with self._lock:
            self._records.clear()

    def succeeded(self, name: str) -> None:
        """Forget the failures of a name after a successful log-in."""
        with self._lock:
            self._records.pop(skeleton(name), None)


_SHARED = LoginThrottle()


def shared_throttle() -> LoginThrottle:
    """The process-wide throttle the dashboard uses."""
    return _SHARED


def _audit(db: str | Path | None, kind: str, name: str, failures: int) -> None:
    if db is None or not Path(db).is_file():
        return
    from workbench.store import Store

    with Store.open(db, create=False) as store, store.transaction() as tx:
        tx.event(kind, actor="login", payload={"name": name[:64], "failures": failures})


def login(
    reviewers_file: Path,
    *,
    name: str,
    password: str,
    db: str | Path | None = None,
    throttle: LoginThrottle | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Reviewer:
    """:func:`workbench.auth.authenticate` behind the throttle; failures are audited."""
    gate = throttle or _SHARED
    try:
        wait = gate.check(name)
    except ThrottledError:
        _audit(db, "login_refused", name, gate.max_failures)
        raise
    if wait:
        sleep(wait)
    try:
        user = authenticate(reviewers_file, name=name, password=password)
    except InvalidInputError:
        failures = gate.failed(name)
        kind = "login_locked" if failures >= gate.max_failures else "login_failed"
        _audit(db, kind, name, failures)
        raise
    gate.succeeded(name)
    return user
