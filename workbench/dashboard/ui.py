"""Session context shared by the dashboard pages: store path, login, sidebar, safe text.

A login survives a reload: the signed session token (:mod:`workbench.dashboard.session`)
is kept in a cookie that Streamlit hands back on every new connection
(``st.context.cookies``); logging out revokes it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from workbench import auth, desk_views, throttle, views
from workbench.backends import normalise_target, redact
from workbench.dashboard import i18n, session
from workbench.views_base import Words

__all__ = [
    "Context",
    "ENV_DB",
    "PAGES",
    "cells",
    "clock",
    "context",
    "headers",
    "language",
    "login",
    "login_page",
    "plural",
    "resolve_db",
    "safe_text",
    "sidebar",
    "t",
    "translator",
    "words",
]

ENV_DB = "WORKBENCH_DB"
# page key -> (file relative to app.py, title, icon)
PAGES = {
    "overview": ("screens/overview.py", "Overview", ":material/dashboard:"),
    "queue": ("screens/queue.py", "Review queue", ":material/checklist:"),
    "cluster": ("screens/cluster.py", "Cluster", ":material/compare:"),
    "articles": ("screens/articles.py", "Articles", ":material/article:"),
    "claims": ("screens/claims.py", "Claims", ":material/table:"),
    "mine": ("screens/mine.py", "My open items", ":material/assignment_ind:"),
    "audit": ("screens/audit.py", "Audit", ":material/verified_user:"),
    "export": ("screens/export.py", "Export", ":material/download:"),
    "sources": ("screens/sources.py", "Sources", ":material/upload_file:"),
}


@dataclass(frozen=True, slots=True)
class Context:
    """Who is using the dashboard on which store."""

    db: str
    user: auth.Reviewer
    reviewers_file: Path | None


def resolve_db(argv: list[str] | None = None) -> str:
    """The store: ``-- --db FILE`` after the script, else ``$WORKBENCH_DB``, else workbench.db."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--db")
    known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    chosen = known.db or os.environ.get(ENV_DB, "").strip() or "workbench.db"
    return normalise_target(chosen)


def language() -> str:
    """The interface language chosen in the sidebar (English by default)."""
    chosen = st.session_state.get("ui_language", "en")
    return chosen if chosen in i18n.LANGUAGES else "en"


def t(text: str, /, **values: object) -> str:
    """An interface string in the chosen language, with ``{name}`` fields filled in."""
    return i18n.tr(text, language(), **values)


def plural(count: int, word: str) -> str:
    """``2 claims`` in the chosen language (Russian: 2 утверждения, 5 утверждений)."""
    return i18n.plural(count, word, language())


def cells(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``frame`` with the values of ``columns`` (statuses, verdicts) in the chosen language."""
    if language() == "en":
        return frame
    present = [c for c in columns if c in frame.columns]
    return frame.assign(
        **{c: frame[c].map(lambda v: t(v) if isinstance(v, str) else v) for c in present}
    )


def headers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its column headers in the chosen language (the data unchanged)."""
    return frame.rename(columns=lambda name: t(str(name)))


def translator() -> Callable[[str], str]:
    """``t`` bound to the language chosen now (for ``format_func``: widgets may call it
    outside the script run, where the session's choice cannot be read)."""
    chosen = language()
    return lambda text: i18n.tr(text, chosen)


def words() -> Words:
    """How read models word their sentences, counts and kind names in the chosen language."""
    return i18n.words(language())


def clock(at: str) -> str:
    """A stored UTC timestamp as the server's local "YYYY-MM-DD HH:MM"."""
    return desk_views.local_time(at)


def login(db: str) -> Context | None:
    """The logged-in context; None if a reviewers file exists and nobody is logged in.

    A valid session cookie logs the person back in after a reload or in a new tab.
    """
    path = auth.find_reviewers_file(db)
    if path is None:
        return Context(db=db, user=auth.LOCAL_USER, reviewers_file=None)
    user = st.session_state.get("user")
    if isinstance(user, auth.Reviewer) and not user.local:
        return Context(db=db, user=user, reviewers_file=path)
    token = st.context.cookies.get(session.COOKIE)
    if token and token != st.session_state.get("revoked_token"):
        resumed = session.resume(db, token)
        if resumed is not None:
            st.session_state["user"] = resumed
            st.session_state["session_token"] = token
            return Context(db=db, user=resumed, reviewers_file=path)
    return None


def _cookie_script(value: str, max_age: int) -> str:
    return (
        "<script>document.cookie = "
        f"'{session.COOKIE}={value}; Path=/; Max-Age={max_age}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>"
    )


def _write_cookie() -> None:
    """Keep the browser's cookie in step with the session (idempotent, on every page).

    While logged in, the token is written on each page render (so a lost or late
    write is repaired); after a logout the cookie is cleared once.
    """
    pending = st.session_state.pop("cookie_pending", None)
    token = st.session_state.get("session_token")
    if token:
        st.html(_cookie_script(token, session.MAX_AGE_S), unsafe_allow_javascript=True)
    elif pending is not None:
        value, max_age = pending
        st.html(_cookie_script(value, max_age), unsafe_allow_javascript=True)


def login_page() -> None:
    """The login form (shown instead of any page, whose URL is kept, before a login)."""
    db = st.session_state.get("db", "")
    path = auth.find_reviewers_file(db)
    if path is None:
        st.rerun()
    _write_cookie()
    st.title(t("Claim workbench"))
    asked = {k: v for k, v in st.query_params.to_dict().items() if k in ("cluster", "article")}
    if asked:
        wanted = ", ".join(f"{t(k)} {safe_text(v)}" for k, v in asked.items())
        st.caption(t("Log in to open {what}", what=wanted))
    with st.form("login"):
        st.subheader(t("Log in"))
        name = st.text_input(t("Name"), key="login_name")
        password = st.text_input(t("Password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("Log in"))
    if submitted:
        try:
            user = throttle.login(path, name=name, password=password, db=db)
        except Exception as error:  # one-line message, never a traceback
            st.error(str(error))
            return
        token = session.issue(db, user)
        st.session_state["user"] = user
        st.session_state["session_token"] = token
        st.session_state["cookie_pending"] = (token, session.MAX_AGE_S)
        st.rerun()


def sidebar(ctx: Context) -> None:
    """Who is logged in (or the local-user label), the language and which store is open."""
    _write_cookie()
    with st.sidebar:
        if ctx.user.local:
            st.warning(
                t(
                    "**Local user** (no reviewers file): verdicts are recorded as `{name}`; "
                    "add reviewers with `workbench reviewers add`.",
                    name=ctx.user.name,
                )
            )
        else:
            st.success(f"{t('Logged in as')} **{safe_text(ctx.user.name)}** ({t(ctx.user.role)})")
            st.button(t("Log out"), key="logout", on_click=_logout, args=(ctx.db,))
        st.selectbox(
            t("Language"),
            list(i18n.LANGUAGES),
            format_func=lambda code: i18n.LANGUAGES[code],
            key="ui_language",
            on_change=_relabel,
        )
        st.caption(t("Store: {store}", store=safe_text(redact(ctx.db))))


# Pickers whose option labels are worded in the interface language: a switch starts them
# afresh (their picks are positions in a list that was labelled in the other language).
_RELABELLED = ("queue_pick", "cluster_pick", "undo_pick", "audit_undo_pick")


def _relabel() -> None:
    for key in _RELABELLED:
        st.session_state.pop(key, None)


def _logout(db: str) -> None:
    token = st.session_state.pop("session_token", None)
    session.revoke(db, token)
    st.session_state["revoked_token"] = token
    st.session_state["cookie_pending"] = ("", 0)
    for key in ("user", "ctx"):
        st.session_state.pop(key, None)


def safe_text(text: str) -> str:
    """Untrusted text made inert for ``st.markdown`` and Markdown-rendering labels."""
    return views.escape_markdown(text)


def context() -> Context:
    """The context app.py put in the session, with the sidebar rendered (pages call this first)."""
    ctx = st.session_state.get("ctx")
    if not isinstance(ctx, Context):
        st.error(t("Open the dashboard through its main page."))
        st.stop()
    sidebar(ctx)
    return ctx  # type: ignore[no-any-return]
