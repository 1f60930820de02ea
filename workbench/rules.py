"""The product's rules about people, enforced in the library whatever the caller.

Roles: a ``reviewer`` records verdicts and proposes corrections; an ``editor``
also signs off, reopens, applies corrections and re-clusters reviewed work.
Four eyes (the verdict's author never signs it off) compares names by their
confusables skeleton (:func:`workbench.identity.same_person`).

Callers pass who acts either as an authenticated :class:`~workbench.auth.Reviewer`
(from :func:`workbench.identity.login` or the dashboard login) or as a plain
name.  When the store has a reviewers file, a name must belong to a reviewer in
it (matched by skeleton; the file's spelling and role are used, never the
caller's), and a plain name is recorded as unauthenticated.  Without a file
anybody may act, marked unauthenticated.

Usage from a domain function (one line each)::

    who = rules.check(store.path, reviewer, "signoff")
    payload = {..., **rules.mark(who)}
"""

from __future__ import annotations

from pathlib import Path

from workbench.auth import Reviewer, find_reviewers_file, find_user, load_reviewers
from workbench.errors import FourEyesError, RoleError
from workbench.identity import canonical_name, same_person, unauthenticated

__all__ = [
    "ACTIONS",
    "actor_for",
    "check",
    "mark",
    "require",
    "require_other_person",
]

# action -> roles allowed to do it
ACTIONS: dict[str, tuple[str, ...]] = {
    "verdict": ("editor", "reviewer"),
    "propose_correction": ("editor", "reviewer"),
    "signoff": ("editor",),
    "reopen": ("editor",),
    "correct": ("editor",),
    "recluster": ("editor",),
    "manage_reviewers": ("editor",),
}
_DOING = {
    "verdict": "record verdicts",
    "propose_correction": "propose corrections",
    "signoff": "sign off",
    "reopen": "reopen signed-off clusters",
    "correct": "move, split or merge clusters",
    "recluster": "re-cluster reviewed work",
    "manage_reviewers": "change the reviewers file",
}


def actor_for(db: str | Path, actor: str | Reviewer) -> Reviewer:
    """The person behind ``actor`` on the store ``db`` (see the module docstring).

    RoleError if a reviewers file exists and the name is not in it.
    """
    path = find_reviewers_file(db)
    name = canonical_name(actor.name if isinstance(actor, Reviewer) else actor)
    if path is None:
        return unauthenticated(name)
    users = load_reviewers(path)
    key = find_user(dict(users), name)
    if key is None:
        raise RoleError(f"{name} is not in the reviewers file {path}: ask an editor to add you")
    authenticated = isinstance(actor, Reviewer) and actor.authenticated and not actor.local
    return Reviewer(name=key, role=users[key].role, authenticated=authenticated)


def require(actor: Reviewer, action: str) -> Reviewer:
    """``actor`` if their role allows ``action``; RoleError otherwise."""
    allowed = ACTIONS.get(action)
    if allowed is None:
        raise ValueError(f"unknown action {action!r}")
    if actor.local or actor.role in allowed:
        return actor
    raise RoleError(f"{actor.name} is a {actor.role}: only an editor may {_DOING[action]}")


def check(db: str | Path, actor: str | Reviewer, action: str) -> Reviewer:
    """:func:`actor_for` then :func:`require`: the one-line check a domain function makes."""
    return require(actor_for(db, actor), action)


def require_other_person(author: str, actor: Reviewer, *, cluster_id: str) -> None:
    """Four eyes: FourEyesError if ``actor`` looks like the verdict's ``author``."""
    if same_person(author, actor.name):
        raise FourEyesError(
            f"{actor.name} wrote the current verdict on cluster {cluster_id}: "
            "another editor must sign it off"
        )


def mark(actor: Reviewer) -> dict[str, bool]:
    """What an audit payload records about how the actor was identified."""
    return {"authenticated": bool(actor.authenticated)}
