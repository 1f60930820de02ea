"""Stage 1 behaviour: seeds, encodings, formats, sidecars, ids (bad input: its own file)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.errors import IngestError
from claims.ingest import (
    decode_bytes,
    ingest,
    parse_document,
    parse_records,
    strip_markdown,
)
from claims.model import Article, article_id_for, text_hash
from tests.claims.ingest_results import (
    EN,
    KK,
    KK_CP1251,
    RU,
    SEED_000,
    SEED_001,
    SEEDS,
    one_article,
    one_error,
)

# --- seeds ------------------------------------------------------------------------


def test_seed_000() -> None:
    article = one_article(SEED_000)
    assert article.title == (
        "Шабуыл жасағандардың ішінде Ауғанстаннан келген шетелдік содырлар бар – Тоқаев"
    )
    # The headline stays once, as the first paragraph (its claim needs an exact span);
    # the page's repeat of it is dropped with the furniture.
    assert article.text.startswith(
        f"{article.title}\n\nМемлекет басшысы Қасым-Жомарт Тоқаев Еуропалық кеңестің"
    )
    for furniture in ("362", "оқылды", "Фото:"):
        assert furniture not in article.text
    assert article.text.count(article.title) == 1
    assert article.language == "kk"
    assert article.source == "akorda.kz"
    assert article.published == date(2022, 1, 8)  # from the sidecar: the page has no date
    assert article.encoding == "utf-8"
    assert article.content_hash == text_hash(article.text)
    assert article.article_id == article_id_for(article.content_hash)


def test_seed_001() -> None:
    article = one_article(SEED_001)
    title = "Қаңтар оқиғасы кезінде жергілікті билік дәрменсіздік танытты - Президент"
    assert article.title == title
    assert article.published == date(2024, 1, 3)
    assert article.source == "egemen.kz"  # from "деп жазады Egemen.kz", no sidecar
    assert not (SEED_001.parent / (SEED_001.name + ".meta.json")).exists()
    for furniture in ("Соңғы жаңалықтар", "МӘМС", "347", "көрсетілді", "мин", "Президент •"):
        assert furniture not in article.text
    assert article.text.count(title) == 1  # once, as the first paragraph
    assert "бірде-бір оқ атқан жоқ" in article.text
    assert article.text.startswith(f"{title}\n\nМемлекет басшысы Қасым-Жомарт Тоқаев ел газеті")
    assert article.language == "kk"


def test_seeds_directory_is_sorted_and_skips_sidecars() -> None:
    # seeds/ may hold other project files (e.g. expected_claims.json); look at the articles.
    results = [r for r in ingest([SEEDS]) if r.path.endswith(".txt")]
    assert [Path(r.path).name for r in results] == [SEED_000.name, SEED_001.name]
    assert all(r.error is None for r in results)
    everything = list(ingest([SEEDS]))
    assert not any(".meta.json" in r.path for r in everything)
    assert [r.error for r in everything if r.error] == []  # `workbench ingest seeds/` is clean


def test_reingest_gives_same_ids(tmp_path: Path) -> None:
    first = [r.article for r in ingest([SEEDS])]
    copy = tmp_path / "copy"
    shutil.copytree(SEEDS, copy)
    second = [r.article for r in ingest([copy])]
    assert len([a for a in first if a]) >= 2
    assert [a.article_id for a in first if a] == [a.article_id for a in second if a]


# --- encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "label"),
    [
        (RU, "utf-8", "utf-8"),
        (RU, "utf-8-sig", "utf-8-sig"),
        (RU, "utf-16", "utf-16-le"),
        (RU, "utf-16-le", "utf-16-le"),
        (RU, "utf-16-be", "utf-16-be"),
        (RU, "utf-32", "utf-32-le"),
        (RU, "cp1251", "cp1251"),
        (RU, "koi8-r", "koi8-r"),
        (RU, "cp866", "cp866"),
        (KK, "utf-16", "utf-16-le"),
        (KK, "kz1048", "kz1048"),
        (KK_CP1251, "cp1251", "cp1251"),
        (KK_CP1251, "koi8-u", "koi8-u"),
        (EN + " Café crème.", "cp1252", "cp1252"),
    ],
)
def test_decode_every_encoding(text: str, encoding: str, label: str) -> None:
    decoded, found = decode_bytes(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text
    assert found == label


@pytest.mark.parametrize("text", [RU, KK_CP1251])
def test_cp1251_and_koi8r_files_give_same_article(tmp_path: Path, text: str) -> None:
    body = f"Заголовок статьи\n{text}"
    articles = []
    for encoding in ("utf-8", "cp1251", "koi8-r" if text == RU else "koi8-u", "utf-16"):
        path = tmp_path / f"a_{encoding}.txt"
        path.write_bytes(body.encode(encoding))
        articles.append(one_article(path))
    assert {a.text for a in articles} == {body}
    assert {a.title for a in articles} == {"Заголовок статьи"}
    assert len({a.article_id for a in articles}) == 1
    assert articles[1].encoding == "cp1251"


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="koi8-r"><title>Т</title></head><body>'
        f"<article><h1>Заголовок</h1><p>{RU}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("koi8-r"))
    article = one_article(path)
    assert article.encoding == "koi8-r"
    assert "ёмкость хранилищ" in article.text


_SUPPORTED = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "cp1251",
    "koi8-r",
    "kz1048",
)


def _words(alphabet: str) -> st.SearchStrategy[str]:
    word = st.builds(
        lambda text, capital: text.capitalize() if capital else text,
        st.text(alphabet=alphabet, min_size=1, max_size=12),
        st.booleans(),
    )
    separator = st.sampled_from([" ", " ", " ", ", ", ". ", " — ", " «", "» ", "\n"])
    return st.lists(st.tuples(word, separator), min_size=8, max_size=60).map(
        lambda pairs: "".join(w + sep for w, sep in pairs).strip()
    )


# Realistic text: lower-case words, some capitalised, punctuation between them;
# Russian (every code page) or Kazakh (UTF and KZ-1048 only).
_RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_CYRILLIC = st.one_of(_words(_RUSSIAN_LETTERS), _words(_RUSSIAN_LETTERS + "әғқңөұүһі"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_CYRILLIC, encoding=st.sampled_from(_SUPPORTED))
@example(text="а а а а а а а\nВ»", encoding="cp1251")  # cp1251 "В»" is UTF-8 "»" by chance
def test_any_encoding_round_trips_to_same_article(text: str, encoding: str) -> None:
    body = "Новости дня\n" + text
    try:
        data = body.encode(encoding)
    except UnicodeEncodeError:
        return  # not representable in this code page
    reference = parse_document(body.encode("utf-8"), name="ref.txt")
    article = parse_document(data, name="x.txt")
    assert article.text == reference.text
    assert article.article_id == reference.article_id


# --- formats ----------------------------------------------------------------------

HTML_PAGE = """<!doctype html><html lang="ru"><head>
<meta charset="utf-8"><title>Токаев подписал закон | Tengrinews</title>
<meta property="og:site_name" content="Tengrinews.kz">
<link rel="canonical" href="https://tengrinews.kz/news/1">
<meta property="article:published_time" content="2024-01-05T10:00:00+05:00">
</head><body>
<header><nav><a href="/">Главная</a> <a href="/p">Политика</a>
<a href="/e">Экономика</a></nav></header>
<main><article><h1>Токаев подписал закон о бюджете</h1>
<div class="meta">1 234 просмотров</div>
<p>Токаев подписал закон о республиканском бюджете на 2024 год. Расходы бюджета
составят 23 трлн тенге, <b>говорится</b> в сообщении Акорды.</p>
<p>Закон вступает в силу с 1 января. По словам министра финансов, дефицит бюджета
не превысит трёх процентов ВВП.</p>
<div class="related"><h3>Читайте также</h3><ul><li><a href="/x">Курс доллара вырос</a></li>
</ul></div></article></main>
<aside><h3>Популярное</h3><p>Погода в Астане на выходные: до минус тридцати</p></aside>
<footer>© 2024 Tengrinews.kz Все права защищены</footer></body></html>"""


def _check_html_article(article: Article) -> None:
    assert article.title == "Токаев подписал закон о бюджете"
    assert article.source == "tengrinews.kz"
    assert article.url == "https://tengrinews.kz/news/1"
    assert article.published == date(2024, 1, 5)
    assert article.language == "ru"
    assert "23 трлн тенге, говорится в сообщении Акорды" in article.text
    assert "трёх процентов ВВП" in article.text
    for junk in ("Главная", "просмотров", "Читайте", "Курс доллара", "Погода", "©", "Tengrinews"):
        assert junk not in article.text


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(HTML_PAGE, encoding="utf-8")
    _check_html_article(one_article(path))


def test_html_fallback_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extractor failed")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    article = parse_document(HTML_PAGE.encode(), name="page.html", published=date(2024, 1, 5))
    _check_html_article(article)


def test_html_date_is_never_guessed_from_copyright_line() -> None:
    page = HTML_PAGE.replace(
        '<meta property="article:published_time" content="2024-01-05T10:00:00+05:00">', ""
    )
    assert parse_document(page.encode(), name="p.html").published is None
    with_byline = page.replace("<h1>", "<p>Политика • 5 января 2024</p><h1>")
    assert parse_document(with_byline.encode(), name="p.html").published == date(2024, 1, 5)


def test_html_title_with_site_suffix_prefers_page_headline() -> None:
    page = HTML_PAGE.replace(
        "<title>Токаев подписал закон | Tengrinews</title>",
        '<meta property="og:title" content="Токаев подписал закон о бюджете | Tengrinews.kz">',
    )
    assert "og:title" in page
    article = parse_document(page.encode(), name="p.html")
    assert article.title == "Токаев подписал закон о бюджете"
    # The on-page headline opens the text once; the <title> with the site name is not text.
    assert article.text.startswith("Токаев подписал закон о бюджете\n")
    assert "Tengrinews.kz" not in article.text


def test_markdown_front_matter_and_syntax(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Бюджет қабылданды\nsource: Kazinform\nurl: https://inform.kz/a/1\n"
        "published: 2024-01-05\nlanguage: kk\n---\n"
        "# Бюджет қабылданды\n\n"
        "Парламент **2024 жылғы** бюджетті _бірауыздан_ қабылдады, деп хабарлайды "
        "[Kazinform](https://inform.kz).\n\n"
        "![сурет](img.png)\n"
        "- Шығыс 23 трлн теңге.\n> Тапшылық `3%` аспайды.\n",
        encoding="utf-8",
    )
    article = one_article(path)
    assert article.title == "Бюджет қабылданды"
    assert article.source == "Kazinform"
    assert article.url == "https://inform.kz/a/1"
    assert article.published == date(2024, 1, 5)
    assert article.language == "kk"
    assert article.text == (
        "Бюджет қабылданды\n\n"
        "Парламент 2024 жылғы бюджетті бірауыздан қабылдады, деп хабарлайды Kazinform.\n\n"
        "Шығыс 23 трлн теңге.\nТапшылық 3% аспайды."
    )


def test_strip_markdown_keeps_snake_case_and_arithmetic() -> None:
    assert strip_markdown("a_b_c and 2 * 3 * 4") == "a_b_c and 2 * 3 * 4"
    assert strip_markdown("## Title ##") == "Title"


def test_jsonl_records_with_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "title": "Rate decision",
                "text": EN,
                "url": "https://www.reuters.com/x",
                "published": "2024-01-05",
            }
        ),
        "{not json",
        "",
        json.dumps({"title": "No body"}),
        json.dumps({"text": RU, "source": "Tengrinews.kz", "published": "5 января 2024"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(ingest([path]))
    assert len(results) == 5
    good = [r.article for r in results if r.article]
    errors = [r.error for r in results if r.error]
    assert [a.source for a in good] == ["reuters.com", "tengrinews.kz"]
    assert good[0].title == "Rate decision" and good[0].text == EN
    assert good[0].published == date(2024, 1, 5) and good[0].language == "en"
    assert good[1].published == date(2024, 1, 5) and good[1].language == "ru"
    assert good[1].origin.endswith("feed.jsonl#5")
    assert len(errors) == 3
    assert all(str(path) in e for e in errors if e)
    assert "record 2: invalid JSON" in str(errors[0])
    assert "record 4: no 'text' field" in str(errors[1])
    assert "record 6: expected an object" in str(errors[2])


def test_json_list_and_object(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": EN}, {"text": RU}]), encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": KK, "title": "Келіссөз"}), encoding="utf-8")
    results = list(ingest([many, one]))
    assert [r.article.language for r in results if r.article] == ["en", "ru", "kk"]
    assert results[2].article is not None and results[2].article.title == "Келіссөз"


def test_parse_records_for_uploads() -> None:
    data = (json.dumps({"text": EN}) + "\n" + json.dumps({"text": RU})).encode()
    results = parse_records(data, name="upload.jsonl", source="desk")
    assert [r.article.source for r in results if r.article] == ["desk", "desk"]
    with pytest.raises(IngestError, match="holds 2 records"):
        parse_document(data, name="upload.jsonl")


# --- metadata precedence ------------------------------------------------------------


def test_sidecar_overrides_and_source_argument_wins(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Headline\n{EN}, reports Reuters.\n", encoding="utf-8")
    assert one_article(path).source == "Reuters"
    sidecar = tmp_path / "story.txt.meta.json"
    sidecar.write_text(
        json.dumps(
            {
                "title": "Better headline",
                "source": "AP",
                "published": "2024-02-01",
                "url": "https://apnews.com/1",
                "language": "EN",
                "note": "checked by hand",
            }
        ),
        encoding="utf-8",
    )
    article = one_article(path)
    assert (article.title, article.source, article.published, article.url, article.language) == (
        "Better headline",
        "AP",
        date(2024, 2, 1),
        "https://apnews.com/1",
        "en",
    )
    assert one_article(path, source="Desk upload").source == "Desk upload"
    # The sidecar itself is never ingested as an article inside a directory.
    assert [Path(r.path).name for r in ingest([tmp_path])] == ["story.txt"]


def test_bad_sidecar_is_anone_error(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Headline\n{EN}", encoding="utf-8")
    (tmp_path / "story.txt.meta.json").write_text("{oops", encoding="utf-8")
    assert "unreadable sidecar" in one_error(path)


def test_source_from_byline_when_text_names_no_outlet(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Headline\nBy Jane Doe, Reuters\n{EN}", encoding="utf-8")
    article = one_article(path)
    assert article.source == "Reuters"
    assert article.text == f"Headline\n{EN}"


def test_source_falls_back_to_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "my_story.txt"
    path.write_text(f"Headline\n{EN}", encoding="utf-8")
    assert one_article(path).source == "my_story"


def test_parse_document_overrides() -> None:
    article = parse_document(
        f"Headline\n{EN}".encode(),
        name="pasted",
        source="Reuters",
        title="Headline",
        url="https://reuters.com/a",
        published=date(2024, 1, 5),
    )
    assert (article.source, article.title, article.published) == (
        "Reuters",
        "Headline",
        date(2024, 1, 5),
    )
    assert article.text == f"Headline\n{EN}"
    assert article.origin == "pasted"
