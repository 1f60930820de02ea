"""Articles: the full text with every claim highlighted at its exact span."""

from __future__ import annotations

import streamlit as st

from workbench.dashboard import data, ui
from workbench.errors import WorkbenchError

ctx = ui.context()
snap = data.snapshot(ctx.db)
st.title(ui.t("Articles"))
corpus = data.corpus(snap.db, snap.content)
if not corpus.articles:
    st.info(ui.t("No articles yet: add some on the Sources page."))
    st.stop()

ids = list(corpus.articles)
asked = st.query_params.get("article", "")
if asked in corpus.articles and asked != st.session_state.get("article_shown"):
    st.session_state["article_pick"] = asked
article_id = st.selectbox(
    ui.t("Article"),
    ids,
    format_func=lambda aid: corpus.articles[aid].source + " · " + corpus.articles[aid].title[:90],
    key="article_pick",
)
focus = st.query_params.get("claim") if article_id == asked else None
st.session_state["article_shown"] = article_id
st.query_params["article"] = article_id
try:
    view = data.article_view(snap.db, snap.content, snap.version, article_id, focus)
except WorkbenchError as error:
    st.error(str(error))
    st.stop()

article = view.article
st.markdown(f"### {ui.safe_text(article.title)}")
st.caption(
    f"{ui.safe_text(article.source)} · {article.published or ui.t('no date')} · "
    f"{ui.safe_text(article.language)} · {ui.plural(len(view.claims), 'claim')}"
    + (f" · {ui.safe_text(article.url)}" if article.url else "")
)
if view.focus:
    label, _, cluster, text = next(c for c in view.claims if c[1] == view.focus)
    st.info(
        ui.t(
            "Anchored claim {label} (outlined below): {text}", label=label, text=ui.safe_text(text)
        )
    )

with st.container(height=520 if len(article.text) > 2500 else "content", border=True):
    st.html(f'<div style="line-height:1.7;font-size:1.02rem">{view.html}</div>')

st.subheader(ui.t("Claims in this article"))
for label, _claim_id, cluster, text in view.claims:
    left, right = st.columns([5, 1])
    left.markdown(f"**{label}** {ui.safe_text(text)}")
    if cluster:
        right.page_link(
            "screens/cluster.py",
            label=ui.t("Cluster"),
            icon=":material/compare:",
            query_params={"cluster": cluster},
        )
