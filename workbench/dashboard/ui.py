"""Session context shared by the dashboard pages: store path, login, sidebar, safe text."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from workbench import auth, views
from workbench.backends import normalise_target, redact

__all__ = [
    "Context",
    "ENV_DB",
    "PAGES",
    "context",
    "login",
    "login_page",
    "resolve_db",
    "safe_text",
    "sidebar",
]

ENV_DB = "WORKBENCH_DB"
# page key -> (file relative to app.py, title, icon)
PAGES = {
    "overview": ("screens/overview.py", "Overview", ":material/dashboard:"),
    "queue": ("screens/queue.py", "Review queue", ":material/checklist:"),
    "cluster": ("screens/cluster.py", "Cluster", ":material/compare:"),
    "articles": ("screens/articles.py", "Articles", ":material/article:"),
    "claims": ("screens/claims.py", "Claims", ":material/table:"),
    "audit": ("screens/audit.py", "Audit", ":material/verified_user:"),
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


def login(db: str) -> Context | None:
    """The logged-in context; None if a reviewers file exists and nobody is logged in."""
    path = auth.find_reviewers_file(db)
    if path is None:
        return Context(db=db, user=auth.LOCAL_USER, reviewers_file=None)
    user = st.session_state.get("user")
    if isinstance(user, auth.Reviewer) and not user.local:
        return Context(db=db, user=user, reviewers_file=path)
    return None


def login_page() -> None:
    """The login form (the only page before a reviewer logs in)."""
    db = st.session_state.get("db", "")
    path = auth.find_reviewers_file(db)
    if path is None:
        st.rerun()
    st.title("Claim workbench")
    with st.form("login"):
        st.subheader("Log in")
        name = st.text_input("Name", key="login_name")
        password = st.text_input("Password", type="password", key="login_password")
        submitted = st.form_submit_button("Log in")
    if submitted:
        try:
            st.session_state["user"] = auth.authenticate(path, name=name, password=password)
        except Exception as error:  # one-line message, never a traceback
            st.error(str(error))
            return
        st.rerun()


def sidebar(ctx: Context) -> None:
    """Who is logged in (or the local-user label) and which store is open."""
    with st.sidebar:
        if ctx.user.local:
            st.warning(
                "**Local user** (no reviewers file): verdicts are recorded as "
                f"`{ctx.user.name}`; add reviewers with `workbench reviewers add`."
            )
        else:
            st.success(f"Logged in as **{safe_text(ctx.user.name)}** ({ctx.user.role})")
            st.button("Log out", key="logout", on_click=_logout)
        st.caption(f"Store: {safe_text(redact(ctx.db))}")


def _logout() -> None:
    for key in ("user", "ctx"):
        st.session_state.pop(key, None)


def safe_text(text: str) -> str:
    """Untrusted text made inert for ``st.markdown`` and Markdown-rendering labels."""
    return views.escape_markdown(text)


def context() -> Context:
    """The context app.py put in the session, with the sidebar rendered (pages call this first)."""
    ctx = st.session_state.get("ctx")
    if not isinstance(ctx, Context):
        st.error("Open the dashboard through its main page.")
        st.stop()
    sidebar(ctx)
    return ctx  # type: ignore[no-any-return]
