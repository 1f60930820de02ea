"""Dashboard entry point: ``streamlit run app.py -- --db FILE`` (see workbench.dashboard.run).

``st.navigation`` always knows every page, so a shared link such as
``/cluster?cluster=C…`` resolves before login too: the login form is shown in its
place and, once logged in, the same page opens with the same query.  Page scripts
live in ``screens/`` (not ``pages/``) so Streamlit never serves them on its own
through its legacy pages-directory mode.
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
_pages = [
    st.Page(
        str(_HERE / file), title=ui.t(title), icon=icon, url_path=key, default=(key == "overview")
    )
    for key, (file, title, icon) in ui.PAGES.items()
]
if _ctx is None:
    st.session_state.pop("ctx", None)
    st.navigation(_pages, position="hidden")
    ui.login_page()
else:
    st.session_state["ctx"] = _ctx
    st.navigation(_pages).run()
