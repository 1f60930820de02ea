"""Exceptions raised by the workbench application.

Every exception carries a clear one-line, user-facing message in ``str(error)``;
a refused call writes nothing (no row, no audit event).
"""

from __future__ import annotations

__all__ = [
    "ConflictError",
    "FourEyesError",
    "InvalidInputError",
    "LockedError",
    "NotFoundError",
    "RoleError",
    "WorkbenchError",
]


class WorkbenchError(Exception):
    """Base class: ``str(error)`` is a clear one-line message for the user."""


class NotFoundError(WorkbenchError):
    """An article, claim or cluster id is not in the store."""


class InvalidInputError(WorkbenchError):
    """A value is not acceptable (unknown verdict, empty reviewer name, bad span...)."""


class ConflictError(WorkbenchError):
    """Optimistic concurrency: the cluster was changed by someone else meanwhile."""


class LockedError(WorkbenchError):
    """The cluster's verdict is signed off; reopen it before changing it."""


class FourEyesError(WorkbenchError):
    """The author of a verdict tried to sign it off themselves."""


class RoleError(WorkbenchError):
    """The acting person's role does not allow the action, or the person is unknown."""
