"""Sources: add articles (upload, paste, URL), cluster them, tune the similarity threshold."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from claims.cluster import DEFAULT_THRESHOLD
from claims.ingest import parse_document
from workbench import corrections, pipeline, views
from workbench.dashboard import data, ui
from workbench.errors import WorkbenchError

ctx = ui.context()
st.title(ui.t("Sources"))


def _report(report: pipeline.IngestReport) -> None:
    if report.stored:
        st.success(
            ui.t(
                "Added {articles} with {claims}.",
                articles=ui.plural(len(report.stored), "article"),
                claims=ui.plural(report.claims, "claim"),
            )
        )
    if report.duplicates:
        st.info(ui.t("Already in the store: {n}.", n=ui.plural(len(report.duplicates), "article")))
    for name, message in report.errors:
        st.error(f"{ui.safe_text(name)}: {ui.safe_text(message)}")
    if report.stored:
        data.invalidate()


def _add(payload: bytes, **meta: object) -> None:
    try:
        with data.open_store(ctx.db) as store:
            added = pipeline.add_document(store, payload, actor=ctx.user.name, **meta)  # type: ignore[arg-type]
        _report(added)
    except WorkbenchError as error:
        st.error(str(error))


LANGUAGES = ["kk", "ru", "en"]


def _detected(payload: bytes, name: str) -> tuple[str, dt.date | None, str]:
    """(source, date, language) the ingest would detect, for prefilling the form."""
    try:
        article = parse_document(payload, name=name)
    except Exception:  # the add step reports the error in one line
        return "", None, "kk"
    return article.source, article.published, article.language


upload, paste, link = st.tabs([ui.t("Upload files"), ui.t("Paste text"), ui.t("Fetch a URL")])
with upload:
    files = st.file_uploader(
        ui.t("Articles (.txt .md .html .json .jsonl)"),
        type=["txt", "md", "html", "htm", "json", "jsonl"],
        accept_multiple_files=True,
        key=f"upload_files_{st.session_state.get('upload_round', 0)}",
    )
    if files:
        st.caption(ui.t("Check what was detected for each file; change it before adding."))
        with st.form("upload_form"):
            metas = []
            for i, file in enumerate(files):
                source, published, language = _detected(file.getvalue(), file.name)
                st.markdown(f"**{ui.safe_text(file.name)}**")
                a, b, c = st.columns(3)
                metas.append(
                    (
                        file,
                        a.text_input(
                            ui.t("Source"), value=source, key=f"up_source_{i}_{file.file_id}"
                        ),
                        b.date_input(
                            ui.t("Published"), value=published, key=f"up_date_{i}_{file.file_id}"
                        ),
                        c.selectbox(
                            ui.t("Language"),
                            LANGUAGES,
                            index=LANGUAGES.index(language) if language in LANGUAGES else 0,
                            key=f"up_lang_{i}_{file.file_id}",
                        ),
                    )
                )
            submitted = st.form_submit_button(ui.t("Add files"), type="primary", key="add_files")
        if submitted:
            for file, source, published, language in metas:
                json_input = file.name.lower().endswith((".json", ".jsonl"))
                _add(
                    file.getvalue(),
                    name=file.name,
                    source=source.strip() or None,
                    published=published if isinstance(published, dt.date) else None,
                    language=None if json_input else language,
                )
            st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
with paste, st.form("paste_form"):
    title = st.text_input(ui.t("Title"), key="paste_title")
    source = st.text_input(ui.t("Source"), key="paste_source")
    published = st.date_input(ui.t("Published"), value=None, key="paste_date")
    detect = ui.t("detect")
    paste_language = st.selectbox(
        ui.t("Language"),
        ["detect", *LANGUAGES],
        format_func=lambda code: detect if code == "detect" else code,
        key="paste_language",
        help=ui.t("detect: from the text"),
    )
    body = st.text_area(ui.t("Text"), height=220, key="paste_text")
    if st.form_submit_button(ui.t("Add text"), key="add_text"):
        if not body.strip():
            st.error(ui.t("Paste the article's text first."))
        else:
            _add(
                body.encode("utf-8"),
                name="pasted.txt",
                title=title.strip() or None,
                source=source.strip() or None,
                published=published if isinstance(published, dt.date) else None,
                language=None if paste_language == "detect" else paste_language,
            )
with link, st.form("url_form"):
    url = st.text_input(ui.t("URL"), key="url_value")
    url_source = st.text_input(ui.t("Source (optional)"), key="url_source")
    if st.form_submit_button(ui.t("Fetch and add"), key="fetch_add") and url.strip():
        try:
            with st.spinner(ui.t("Fetching…")):
                payload = views.fetch_url(url, timeout=5.0)
        except WorkbenchError as error:
            st.error(str(error))
        else:
            name = url.strip().rstrip("/").rsplit("/", 1)[-1] or "page.html"
            _add(payload, name=name, url=url.strip(), source=url_source.strip() or None)

st.divider()
st.subheader(ui.t("Cluster"))
model = data.model_spec()
threshold = st.slider(
    ui.t("Similarity threshold (higher: fewer, tighter clusters)"),
    min_value=0.50,
    max_value=0.99,
    value=float(st.session_state.get("applied_threshold", DEFAULT_THRESHOLD)),
    step=0.01,
    key="threshold",
)
preview_col, apply_col = st.columns(2)
if preview_col.button(ui.t("Preview the change"), key="preview"):
    try:
        with (
            st.spinner(ui.t("Embedding and clustering (nothing is saved)…")),
            data.open_store(ctx.db) as store,
        ):
            summary = pipeline.run_clustering(
                store, model=model, threshold=threshold, dry_run=True, actor=ctx.user
            )
    except WorkbenchError as error:
        st.error(str(error))
    else:
        report = summary.report
        st.info(
            ui.t(
                "At {threshold}: {clusters} ({unchanged} unchanged, {new} new, {removed} "
                "removed); verdicts kept: {kept}, would need re-review: {rereview}.",
                threshold=f"{threshold:.2f}",
                clusters=ui.plural(report.clusters, "cluster"),
                unchanged=report.unchanged,
                new=report.new,
                removed=report.removed,
                kept=report.verdicts_kept,
                rereview=report.verdicts_to_rereview,
            )
        )
if apply_col.button(ui.t("Cluster now"), type="primary", key="apply"):
    bar = st.progress(0.0, text=ui.t("Loading the encoder…"))
    try:
        with data.open_store(ctx.db) as store:
            summary = pipeline.run_clustering(
                store,
                model=model,
                threshold=threshold,
                actor=ctx.user,
                on_progress=lambda fraction, stage: bar.progress(fraction, text=stage),
            )
    except Exception as error:  # engine errors too: one line, never a traceback
        bar.empty()
        st.error(str(error).splitlines()[0] if str(error) else type(error).__name__)
    else:
        bar.progress(1.0, text=ui.t("Done"))
        data.invalidate()
        st.session_state["applied_threshold"] = threshold
        report = summary.report
        st.success(
            ui.t(
                "{clusters} ({cross} cross-source) from {claims}; {embedded} newly embedded; "
                "verdicts kept: {kept}, need re-review: {rereview}.",
                clusters=ui.plural(summary.clusters, "cluster"),
                cross=summary.cross_source,
                claims=ui.plural(summary.claims, "claim"),
                embedded=summary.embedded,
                kept=report.verdicts_kept,
                rereview=report.verdicts_to_rereview,
            )
            + (
                " "
                + ui.t(
                    "Only the {count} claims the new ones reach were re-clustered.",
                    count=summary.reclustered,
                )
                if summary.reclustered < summary.claims
                else ""
            )
        )
        with data.open_store(ctx.db) as store:
            waiting = corrections.proposals(store)
        if waiting:
            n = sum(len(p.claim_ids) for p in waiting)
            st.info(
                ui.t(
                    "{claims} would join {clusters}: nothing was changed in them; accept or keep "
                    "apart on each cluster's page (My open items lists them).",
                    claims=ui.plural(n, "new claim"),
                    clusters=ui.plural(len(waiting), "reviewed cluster"),
                )
            )
            for p in waiting[:10]:
                count = ui.plural(len(p.claim_ids), "claim")
                st.page_link(
                    "screens/cluster.py",
                    label=ui.t("{cluster}: decide on {count}", cluster=p.cluster_id, count=count),
                    query_params={"cluster": p.cluster_id},
                )
