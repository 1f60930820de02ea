"""Session context shared by the dashboard pages: store path, login, sidebar, safe text."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from workbench import auth, views

__all__ = [
    "ENV_DB",
    "PAGES",
    "Context",
    "context",
    "login",
    "resolve_db",
    "safe_text",
    "sidebar",
]

ENV_DB = "WORKBENCH_DB"
# page key -> (file relative to app.py, title, icon)
PAGES = {
    "overview": ("pages/overview.py", "Overview", ":material/dashboard:"),
    "queue": ("pages/queue.py", "Review queue", ":material/checklist:"),
    "cluster": ("pages/cluster.py", "Cluster", ":material/compare:"),
    "articles": ("pages/articles.py", "Articles", ":material/article:"),
    "claims": ("pages/claims.py", "Claims", ":material/table:"),
    "audit": ("pages/audit.py", "Audit", ":material/verified_user:"),
    "sources": ("pages/sources.py", "Sources", ":material/upload_file:"),
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
    return str(Path(chosen).expanduser().resolve())


def login(db: str) -> Context | None:
    """The logged-in context, or None after rendering the login form."""
    path = auth.find_reviewers_file(db)
    if path is None:
        return Context(db=db, user=auth.LOCAL_USER, reviewers_file=None)
    user = st.session_state.get("user")
    if isinstance(user, auth.Reviewer) and not user.local:
        return Context(db=db, user=user, reviewers_file=path)
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
            return None
        st.rerun()
    return None


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
            if st.button("Log out", key="logout"):
                st.session_state.pop("user", None)
                st.rerun()
        st.caption(f"Store: {safe_text(ctx.db)}")


def safe_text(text: str) -> str:
    """Untrusted text made inert for ``st.markdown`` and Markdown-rendering labels."""
    return views.escape_markdown(text)


def context() -> Context:
    """The context app.py put in the session (pages run only after login)."""
    ctx = st.session_state.get("ctx")
    if not isinstance(ctx, Context):
        st.error("Open the dashboard through its main page.")
        st.stop()
    return ctx  # type: ignore[no-any-return]
