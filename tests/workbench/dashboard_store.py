"""A small hand-made store for the dashboard and read-model tests.

Three sources report one event; the third (``evil.example``) carries hostile
markup in its text so every page is exercised with untrusted content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from claims.model import (
    Article,
    Claim,
    Cluster,
    Hint,
    Link,
    Relation,
    article_id_for,
    claim_id_for,
    cluster_id_for,
    text_hash,
)
from workbench.dashboard import app_path
from workbench.store import Store

PAGE_TIMEOUT = 30  # seconds an AppTest run of one page may take

__all__ = ["Built", "HOSTILE", "build_store"]

HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](http://evil)")

KK = (
    "ҰҚШҰ бітімгерлері. Мемлекет басшысы бітімгерлер бірде-бір оқ атқан жоқ деп мәлімдеді. "
    "Миссияға 2030 әскери қызметкер қатысты. Ауа райы жылы болды."
)
RU = (
    "Миротворцы ОДКБ. Президент заявил, что миротворцы не сделали ни одного выстрела. "
    "В миссии участвовали 2500 военнослужащих."
)
EN = (
    "CSTO peacekeepers. The president said the peacekeepers fired many shots "
    f"{HOSTILE[0]} {HOSTILE[1]}. "
    f"About 2030 troops took part, see {HOSTILE[2]}."
)


@dataclass(frozen=True)
class Built:
    """Ids of what :func:`build_store` wrote."""

    db: str
    articles: dict[str, str]  # source -> article id
    claims: dict[str, str]  # short name -> claim id
    clusters: dict[str, str]  # short name -> cluster id


def _article(text: str, *, source: str, title: str, language: str, day: date) -> Article:
    digest = text_hash(text)
    return Article(
        article_id=article_id_for(digest),
        source=source,
        title=title,
        text=text,
        language=language,
        content_hash=digest,
        published=day,
    )


def _claim(article: Article, fragment: str, *, position: int, speaker: str | None) -> Claim:
    start = article.text.index(fragment)
    end = start + len(fragment)
    ctx_start = article.text.rfind(". ", 0, start)
    ctx_start = 0 if ctx_start < 0 else ctx_start + 2
    ctx_end = article.text.find(".", end)
    ctx_end = len(article.text) if ctx_end < 0 else ctx_end + 1
    return Claim(
        claim_id=claim_id_for(article.article_id, start, end),
        article_id=article.article_id,
        text=fragment,
        start=start,
        end=end,
        context_start=ctx_start,
        context_end=ctx_end,
        speaker=speaker,
        score=0.9,
        position=position,
    )


def _link(
    cluster_id: str, a: str, b: str, relation: Relation, score: float, hints: list[Hint]
) -> Link:
    """A link with its pair in order, carrying the parts of ``hints`` about its two claims."""
    a, b = sorted((a, b))
    own = tuple(
        Hint(h.kind, h.message, (a, b), tuple(v for v in h.values if v[0] in (a, b))) for h in hints
    )
    return Link(cluster_id, a, b, relation, score, own)


def _links(
    cid: dict[str, str], cluster: dict[str, str], hints: dict[str, list[Hint]]
) -> list[Link]:
    """Troops: two number conflicts and a same; shots: a same, a negation conflict, a related."""
    troops, shots = cluster["troops"], cluster["shots"]
    return [
        _link(troops, cid["kk_troops"], cid["ru_troops"], "conflict", 0.91, hints[troops]),
        _link(troops, cid["ru_troops"], cid["en_troops"], "conflict", 0.9, hints[troops]),
        _link(troops, cid["kk_troops"], cid["en_troops"], "same", 0.95, []),
        _link(shots, cid["kk_shot"], cid["ru_shot"], "same", 0.94, []),
        _link(shots, cid["kk_shot"], cid["en_shot"], "conflict", 0.89, hints[shots]),
        _link(shots, cid["ru_shot"], cid["en_shot"], "related", 0.84, []),
    ]


def build_store(path: Path | str) -> Built:
    """Write three articles, seven claims, three clusters, their hints and links to ``path``."""
    kk = _article(
        KK, source="kazinform.kz", title="ҰҚШҰ миссиясы", language="kk", day=date(2024, 1, 5)
    )
    ru = _article(
        RU, source="tengrinews.kz", title="Миссия ОДКБ", language="ru", day=date(2024, 1, 6)
    )
    en = _article(
        EN,
        source="evil.example",
        title="CSTO <b>mission</b> [x](http://evil)",
        language="en",
        day=date(2024, 1, 7),
    )
    claims = {
        "kk_shot": _claim(
            kk, "бітімгерлер бірде-бір оқ атқан жоқ", position=0, speaker="Мемлекет басшысы"
        ),
        "kk_troops": _claim(kk, "Миссияға 2030 әскери қызметкер қатысты", position=1, speaker=None),
        "kk_weather": _claim(kk, "Ауа райы жылы болды", position=2, speaker=None),
        "ru_shot": _claim(
            ru, "миротворцы не сделали ни одного выстрела", position=0, speaker="Президент"
        ),
        "ru_troops": _claim(
            ru, "В миссии участвовали 2500 военнослужащих", position=1, speaker=None
        ),
        "en_shot": _claim(
            en,
            f"the peacekeepers fired many shots {HOSTILE[0]} {HOSTILE[1]}",
            position=0,
            speaker="The president",
        ),
        "en_troops": _claim(
            en, f"About 2030 troops took part, see {HOSTILE[2]}", position=1, speaker=None
        ),
    }
    groups = {
        "shots": ("kk_shot", "ru_shot", "en_shot"),
        "troops": ("kk_troops", "ru_troops", "en_troops"),
        "weather": ("kk_weather",),
    }
    clusters = {
        name: Cluster(
            cluster_id=cluster_id_for([claims[m].claim_id for m in members]),
            claim_ids=tuple(sorted(claims[m].claim_id for m in members)),
        )
        for name, members in groups.items()
    }
    cid = {name: c.claim_id for name, c in claims.items()}
    hints = {
        clusters["troops"].cluster_id: [
            Hint(
                kind="number",
                message="2030 vs 2500",
                claim_ids=(cid["kk_troops"], cid["ru_troops"], cid["en_troops"]),
                values=(
                    (cid["kk_troops"], "2030"),
                    (cid["ru_troops"], "2500"),
                    (cid["en_troops"], "2030"),
                ),
            )
        ],
        clusters["shots"].cluster_id: [
            Hint(
                kind="negation",
                message="negated in kk, ru; affirmed in en",
                claim_ids=(cid["kk_shot"], cid["ru_shot"], cid["en_shot"]),
                values=(
                    (cid["kk_shot"], "жоқ"),
                    (cid["ru_shot"], "не"),
                    (cid["en_shot"], "fired many shots"),
                ),
            )
        ],
        clusters["weather"].cluster_id: [
            Hint(
                kind="singleton",
                message="only kazinform.kz says this",
                claim_ids=(cid["kk_weather"],),
            )
        ],
    }
    links = _links(cid, {n: c.cluster_id for n, c in clusters.items()}, hints)
    with Store.open(path) as store:
        for article in (kk, ru, en):
            own = [c for c in claims.values() if c.article_id == article.article_id]
            store.add_article(article, own)
        store.replace_clustering(
            list(clusters.values()), hints, actor="tests", params={"threshold": 0.8}, links=links
        )
    return Built(
        db=str(path),
        articles={a.source: a.article_id for a in (kk, ru, en)},
        claims=cid,
        clusters={name: c.cluster_id for name, c in clusters.items()},
    )


def open_page(page: str, **params: str) -> AppTest:
    """A fresh browser session (a reload or a new tab) on ``page``, with query ``params``."""
    at = AppTest.from_file(str(app_path()), default_timeout=PAGE_TIMEOUT)
    at.run()
    at.query_params.update(params)
    at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_texts(at: AppTest) -> str:
    """Every markdown, caption and message a page shows, one per line."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]
    return "\n".join(str(p) for p in parts)
