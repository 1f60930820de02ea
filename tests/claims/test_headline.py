"""Headlines are claims too when they make one (issue 8 item 4); the title stays metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.furniture import headline_end
from claims.ingest import ingest, parse_document, parse_records
from claims.model import Article, Claim
from claims.segment import extract_claims, is_headline_claim
from tests.shared_data import SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
XREF = SHARED_DATA / "xref_dev"
BODY = "Үкімет биыл 5 жаңа мектеп салды. Министр 12 ауруханаға барды."


def _claims(article: Article) -> list[Claim]:
    return extract_claims(
        article.text, article_id=article.article_id, language=article.language, title=article.title
    )


def _headline_claims(article: Article) -> list[Claim]:
    return [c for c in _claims(article) if is_headline_claim(c, article)]


@pytest.mark.parametrize(
    ("name", "claim", "speaker"),
    [
        (
            "000_d584ff334e9af6fb.txt",
            "Шабуыл жасағандардың ішінде Ауғанстаннан келген шетелдік содырлар бар",
            "Тоқаев",
        ),
        (
            "001_c7d509376adc05ed.txt",
            "Қаңтар оқиғасы кезінде жергілікті билік дәрменсіздік танытты",
            "Президент",
        ),
    ],
)
def test_seed_headlines_are_claims_with_their_speaker(name: str, claim: str, speaker: str) -> None:
    (result,) = list(ingest([SEEDS / name]))
    article = result.article
    assert article is not None
    assert article.text.startswith(article.title + "\n")  # kept once, as the first line
    assert article.text.count(article.title) == 1  # the page's repeat is gone
    (headline,) = _headline_claims(article)
    assert (headline.text, headline.speaker, headline.start) == (claim, speaker, 0)
    assert article.text[headline.start : headline.end] == headline.text
    body = [c for c in _claims(article) if not is_headline_claim(c, article)]
    assert body and all(c.start > len(article.title) for c in body)


@pytest.mark.parametrize(
    "name", ["kk_base_2025.txt", "kk_followup_2026.txt", "ru_report_2025.txt", "en_wire_2026.txt"]
)
def test_xref_dev_titles_make_claims(name: str) -> None:
    (result,) = list(ingest([XREF / name]))
    article = result.article
    assert article is not None
    title = (XREF / name).read_text(encoding="utf-8").split("\n", 1)[0]
    assert article.title == title
    (headline,) = _headline_claims(article)
    assert headline.text == title  # what benchmarks/xref_dev.py counts as a title claim


@pytest.mark.parametrize(
    "label",
    [
        "Экономика",
        "Қасым-Жомарт Тоқаев",
        "Қаңтар оқиғасы",
        "Что будет с ценами на газ?",
        "Бұл туралы Ақорда хабарлады",
        "Құрметті оқырмандар, жаңа жыл құтты болсын",
    ],
)
def test_a_label_headline_makes_no_claim_but_stays_the_title(label: str) -> None:
    article = parse_document(f"{label}\n\n{BODY}".encode(), name="page.txt")
    assert article.title == label
    assert article.text.startswith(label)  # the stored text is what the page said
    claims = _claims(article)
    assert [c.text for c in claims] == [
        "Үкімет биыл 5 жаңа мектеп салды.",
        "Министр 12 ауруханаға барды.",
    ]
    assert not any(is_headline_claim(c, article) for c in claims)


def test_latest_news_label_is_furniture_not_a_headline() -> None:
    article = parse_document(f"Соңғы жаңалықтар\n\n{BODY}".encode(), name="page.txt")
    assert "Соңғы жаңалықтар" not in article.text
    assert not _headline_claims(article)


def test_without_title_the_first_line_is_an_ordinary_sentence() -> None:
    text = f"Экономика\n\n{BODY}"
    claims = extract_claims(text, article_id="A1", language="kk")
    assert claims[0].text == "Экономика"  # what segmentation alone has always done


def test_an_opening_sentence_is_no_headline() -> None:
    article = parse_document(f"Бірінші мақала.\n\n{BODY}".encode(), name="a.txt")
    assert headline_end(article.text, article.title) == 0
    assert _claims(article)[0].text == "Бірінші мақала."  # kept, as before


def test_json_record_title_opening_its_text_is_a_headline_claim() -> None:
    records = [
        {"title": "Үкімет жаңа мектептер салды", "text": f"Үкімет жаңа мектептер салды\n{BODY}"},
        {"title": "Мектептер", "text": BODY},  # title not in the text: metadata only
    ]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    first, second = (r.article for r in parse_records(data, name="feed.jsonl"))
    assert first is not None and second is not None
    assert [c.text for c in _headline_claims(first)] == ["Үкімет жаңа мектептер салды"]
    assert second.title == "Мектептер" and second.text == BODY
    assert not _headline_claims(second)


def test_headline_repeated_below_the_body_is_dropped() -> None:
    page = f"Үкімет жаңа мектептер салды\n\n{BODY}\n\nҮкімет жаңа мектептер салды\n"
    article = parse_document(page.encode(), name="page.txt")
    assert article.text == f"Үкімет жаңа мектептер салды\n\n{BODY}"
