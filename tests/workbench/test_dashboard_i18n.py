"""The dashboard in Kazakh, Russian and English: every key in all three, no English left in kk."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.workbench.dashboard_store import Built, build_store
from workbench import audit, auth, corrections, desk_views, review, views, views_links, views_queue
from workbench.dashboard import app_path, exports, i18n, ui
from workbench.store import Store

TIMEOUT = 30
DASHBOARD = Path(ui.__file__).parent
WORDED_COLUMNS = ("why", "proposal", "differences", "event", "what")
PAGES = ("overview", "queue", "cluster", "articles", "claims", "mine", "audit", "export", "sources")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _literal_keys() -> set[str]:
    """Every constant string the dashboard passes to ``t``/``ui.t`` (or picks for it)."""
    keys: set[str] = set()
    for path in DASHBOARD.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name != "t":
                continue
            first = node.args[0]
            branches = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            keys |= {b.value for b in branches if isinstance(b, ast.Constant)}
            if isinstance(first, ast.Name):  # ui.t(question): the strings assigned to it
                keys |= _assigned(path, first.id)
    return {k for k in keys if isinstance(k, str)}


def _assigned(path: Path, variable: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == variable for t in node.targets
        ):
            value = node.value
            parts = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
            found |= {p.value for p in parts if isinstance(p, ast.Constant)}
    return found


def _dynamic_keys() -> set[str]:
    """Strings that reach ``ui.t`` from data: titles, statuses, verdicts, headers, labels."""
    rows = [r for r in views.review_queue(views.Corpus({}, {}), [])]
    keys = {title for _file, title, _icon in ui.PAGES.values()}
    keys |= {*review.VERDICTS, *views.STATUSES, "unclustered", "none", *auth.ROLES}
    keys |= {"number", "negation", "entity", "time", "cause", "nli", "singleton"}
    keys |= {label for _name, label in exports.EXPORTS.values()}
    keys |= set(desk_views.KIND_WORDS.values())
    keys |= {*desk_views.AUDIT_SENTENCES.values(), *desk_views.EVENT_KINDS.values()}
    keys |= {*views_queue.REASONS, *views_links.BADGES}
    keys |= {"reads:", "linked to {claims}", "unlinked", "row", "headline"}
    keys |= {
        k.capitalize() for k in desk_views.my_open_items(rows, user="a", editor=True, proposals={})
    }
    keys |= set(views.queue_frame(rows).columns) | {"proposed"}
    keys |= set(views.claims_with_review(views.claims_base(views.Corpus({}, {})), []).columns)
    keys |= {"when", "who", "what", "note", "ref", "#", "event", "cluster", "open", "by"}
    keys |= {"source", "published", "language", "claims", "shared with other sources"}
    keys |= {"only this source", "title", "article_id", "cross-source", "single source"}
    return keys


def test_every_entry_exists_in_all_three_languages() -> None:
    english = [en for en, _kk, _ru in i18n.ENTRIES]
    assert len(english) == len(set(english)), "an English key is listed twice"
    for en, kk, ru in i18n.ENTRIES:
        assert kk.strip() and ru.strip(), en
        assert _fields(kk) == _fields(en) == _fields(ru), en  # the same {fields} in each
    assert set(i18n.TABLES["kk"]) == set(i18n.TABLES["ru"]) == set(english)


def test_every_interface_string_has_kazakh_and_russian() -> None:
    wanted = _literal_keys() | _dynamic_keys()
    assert len(wanted) > 200  # the scan really sees the pages
    for language in ("kk", "ru"):
        missing = sorted(k for k in wanted if k not in i18n.TABLES[language])
        assert not missing, f"{language}: {missing}"


def test_counts_take_each_language_plural() -> None:
    assert i18n.plural(1, "claim") == "1 claim" and i18n.plural(2, "claim") == "2 claims"
    assert i18n.plural(5, "claim", "kk") == "5 тұжырым"
    forms = [i18n.plural(n, "claim", "ru") for n in (1, 3, 5, 11, 21, 22)]
    assert forms == [
        "1 утверждение",
        "3 утверждения",
        "5 утверждений",
        "11 утверждений",
        "21 утверждение",
        "22 утверждения",
    ]
    assert i18n.tr("Undo #{event} ({summary})?", "ru", event=7, summary="x") == "Отменить #7 (x)?"


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    data = build_store(tmp_path / "wb.db")
    with Store.open(data.db) as store:  # a correction and a proposal, so those panels show
        review.record_verdict(store, data.clusters["troops"], verdict="partial", reviewer="bolat")
        corrections.record_proposals(store, {data.clusters["troops"]: (data.claims["kk_weather"],)})
        corrections.split_cluster(
            store, data.clusters["shots"], [data.claims["en_shot"]], actor="tests"
        )
    monkeypatch.setenv("WORKBENCH_DB", data.db)
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    return data


def _shown(at: AppTest) -> list[str]:
    """Every interface text on the page: headings, messages, labels, headers, options."""
    out: list[str] = []
    for kind in ("title", "subheader", "header", "markdown", "caption", "info", "warning"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [str(e.value) for e in (*at.error, *at.success)]
    for kind in ("button", "selectbox", "multiselect", "text_input", "text_area", "toggle"):
        out += [str(e.label) for e in getattr(at, kind)]
    out += [str(e.label) for e in (*at.number_input, *at.metric, *at.expander, *at.tabs)]
    out += [str(e.placeholder) for e in at.selectbox if e.placeholder]
    for widget in (*at.selectbox, *at.multiselect):  # picker labels, filter choices
        out += [str(o) for o in widget.options]
    for frame in at.dataframe:
        out += [str(c) for c in frame.value.columns]
        for column in (i18n.tr(c, "kk") for c in WORDED_COLUMNS):  # worded cells, not content
            if column in frame.value.columns:
                out += [str(v) for v in frame.value[column]]
    return out


def _template(key: str) -> re.Pattern[str] | None:
    """A key with ``{fields}`` as a pattern of its words ("{who} split {c}" -> " split .+?")."""
    parts = [literal for literal, *_ in string.Formatter().parse(key)]
    if "{" not in key or sum(len(re.findall(r"[A-Za-z]+", p)) for p in parts) < 2:
        return None
    return re.compile(".+?".join(re.escape(p) for p in parts if p))


def _english_left(texts: list[str]) -> list[tuple[str, str]]:
    """(English key, where) for keys shown untranslated: a whole text, or a 3+ word phrase."""
    keys = [en for en, kk, _ru in i18n.ENTRIES if kk != en and any(c.isalpha() for c in en)]
    templates = [(k, p) for k in keys if (p := _template(k)) is not None]
    left = []
    for text in texts:
        for key in keys:
            bare = key.split("{")[0].strip(" *·:(")
            if text.strip("* ") == key or (len(bare.split()) >= 3 and bare in text):
                left.append((key, text[:80]))
        left += [(key, text[:80]) for key, pattern in templates if pattern.search(text)]
        left += [("plural", text[:80]) for w in ("claims", "clusters") if f" {w}" in text]
    return left


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_english_interface_text_in_kazakh(built: Built, page: str) -> None:
    at = AppTest.from_file(str(app_path()), default_timeout=TIMEOUT)
    at.session_state["ui_language"] = "kk"
    at.run()
    if page == "cluster":
        at.query_params["cluster"] = built.clusters["troops"]
    at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    texts = _shown(at)
    assert i18n.tr(ui.PAGES[page][1], "kk") in texts  # the page title, in Kazakh
    assert not _english_left(texts), _english_left(texts)


def test_audit_lines_reasons_and_picker_labels_are_worded_in_russian(built: Built) -> None:
    ru = i18n.words("ru")
    with Store.open(built.db) as store:
        lines = [x.text for x in desk_views.audit_lines(audit.events(store), words=ru)]
        states, corpus = store.clusters(), views.load_corpus(store)
    assert any(x.startswith("bolat записал(а) вердикт “частично” для C") for x in lines), lines
    assert any("добавил(а) статью из kazinform.kz (3 утверждения)" in x for x in lines), lines
    assert any(x.startswith("tests разделил(а) C") for x in lines), lines
    assert desk_views.event_kind_label("clusters_merged", ru) == "кластеры объединены"
    assert desk_views.event_kind_label("something_new") == "something new"  # unknown: readable
    why = views_queue.Why(views_queue.REASONS[0], 2, "conflict", ("number", "negation"))
    assert (why.worded(), why.worded(ru)) == (
        "2 conflicts: number, negation",
        "2 конфликта: число, отрицание",
    )
    labels = desk_views.cluster_choices(corpus, states, words=ru)
    troops = labels[built.clusters["troops"]]
    assert "частично" in troops and " утвержд" in troops and "claim" not in troops


def test_the_alignment_table_and_date_badge_are_worded_in_kazakh(built: Built) -> None:
    with Store.open(built.db) as store:
        corpus = views.load_corpus(store)
        view = views_links.alignment_view(
            store, corpus, built.clusters["troops"], words=i18n.words("kk")
        )
        english = views_links.alignment_view(store, corpus, built.clusters["troops"])
    assert english.badge.startswith("sources 2 days apart") and ">row</th>" in english.table_html
    assert view.badge.startswith("дереккөздер арасы 2 күн (2024-01-05 – 2024-01-07)"), view.badge
    assert ">жол</th>" in view.table_html and ">row</th>" not in view.table_html
    for english_word in ("linked to", "reads:", "unlinked", "(row "):
        assert english_word not in view.table_html, english_word
