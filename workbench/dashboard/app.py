"""Dashboard entry point: ``streamlit run app.py -- --db FILE`` (see workbench.dashboard.run).

``st.navigation`` is always called: before login it offers only the login page,
and page scripts live in ``screens/`` (not ``pages/``) so Streamlit never serves
them on its own through its legacy pages-directory mode.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.dashboard import ui

st.set_page_config(page_title="Claim workbench", page_icon=":material/fact_check:", layout="wide")

_HERE = Path(__file__).parent
_db = ui.resolve_db()
st.session_state["db"] = _db
_ctx = ui.login(_db)
if _ctx is None:
    st.session_state.pop("ctx", None)
    _login = st.Page(ui.login_page, title="Log in", icon=":material/login:", url_path="login")
    st.navigation([_login], position="hidden").run()
else:
    st.session_state["ctx"] = _ctx
    _pages = [
        st.Page(
            str(_HERE / file), title=title, icon=icon, url_path=key, default=(key == "overview")
        )
        for key, (file, title, icon) in ui.PAGES.items()
    ]
    st.navigation(_pages).run()
