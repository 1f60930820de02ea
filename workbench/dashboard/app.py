"""Dashboard entry point: ``streamlit run app.py -- --db FILE`` (see workbench.dashboard.run)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.dashboard import ui

st.set_page_config(page_title="Claim workbench", page_icon=":material/fact_check:", layout="wide")

_HERE = Path(__file__).parent
_db = ui.resolve_db()
_ctx = ui.login(_db)
if _ctx is None:
    st.stop()
st.session_state["ctx"] = _ctx
ui.sidebar(_ctx)
_pages = [
    st.Page(str(_HERE / file), title=title, icon=icon, url_path=key, default=(key == "overview"))
    for key, (file, title, icon) in ui.PAGES.items()
]
st.navigation(_pages).run()
