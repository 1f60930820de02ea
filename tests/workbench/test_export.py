"""Exports: CSV round trip and formula neutralisation, ClaimReview JSON-LD, manifests."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyld import jsonld

from claims.model import Claim
from tests.workbench.test_store import build, seed
from workbench import audit, review
from workbench.errors import InvalidInputError
from workbench.export import (
    CLAIM_COLUMNS,
    CLUSTER_COLUMNS,
    RATING_VALUES,
    export_csv,
    export_jsonld,
    neutralize_cell,
    restore_cell,
    write_manifest,
)
from workbench.store import Store

RISKY = [
    '=HYPERLINK("http://evil")',
    "+7 701 000 0000 деп жазды.",
    "-5 градус болды.",
    "@channel хабарлады.",
    "\tЖасырын мәтін.",
    "'Тырнақшалы сөз.",
    "– 2024 жылы қабылданды.",
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "wb.db") as opened:
        yield opened


@pytest.fixture
def corpus(store: Store) -> list[list[Claim]]:
    per_article = seed(store)
    first = store.cluster_of(per_article[0][0].claim_id)
    second = store.cluster_of(per_article[0][1].claim_id)
    review.record_verdict(store, first, verdict="partial", reviewer="Айгүл", note="=1+1 санда")
    review.sign_off(store, first, reviewer="Bob")
    review.record_verdict(store, second, verdict="unclear", reviewer="Айгүл")
    return per_article


def read_back(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.map(restore_cell)


def test_claim_csv_round_trip(store: Store, corpus: list[list[Claim]], tmp_path: Path) -> None:
    risky, risky_claims = build(RISKY, source="risky.kz", url="https://risky.kz/1")
    store.add_article(risky, risky_claims)
    out = tmp_path / "claims.csv"
    result = export_csv(store, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert result.rows == store.counts()["claims"] == 9 + len(RISKY)
    frame = read_back(out)
    assert tuple(frame.columns) == CLAIM_COLUMNS
    assert frame["claim"].tolist() == [c.text for c in store.claims()]
    assert frame["claim_id"].tolist() == [c.claim_id for c in store.claims()]
    assert frame["start"].astype(int).tolist() == [c.start for c in store.claims()]
    signed = frame[frame["claim_id"] == corpus[0][0].claim_id].iloc[0]
    assert (signed["verdict"], signed["reviewer"], signed["signed_off_by"]) == (
        "partial",
        "Айгүл",
        "Bob",
    )
    assert signed["note"] == "=1+1 санда"
    assert signed["source"] == "kaz.example" and signed["published"] == "2024-01-05"
    unclustered = frame[frame["source"] == "risky.kz"]
    assert set(unclustered["cluster_id"]) == {""}


def test_formula_cells_are_neutralised(store: Store, tmp_path: Path) -> None:
    article, claims = build(RISKY, source="risky.kz")
    store.add_article(article, claims)
    out = tmp_path / "claims.csv"
    export_csv(store, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = {row["claim_id"]: row["claim"] for row in rows}
    for claim in claims:
        cell = cells[claim.claim_id]
        if claim.text.startswith("–"):
            assert cell == claim.text
        else:
            assert cell == "'" + claim.text
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text())
def test_neutralize_is_reversible_and_safe(value: str) -> None:
    cell = neutralize_cell(value)
    assert restore_cell(cell) == value
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_cluster_csv_has_a_column_per_source(
    store: Store, corpus: list[list[Claim]], tmp_path: Path
) -> None:
    result = export_csv(store, tmp_path / "clusters.csv", per="cluster")
    frame = read_back(result.path)
    assert result.rows == len(frame) == 3
    sources = ["en.example", "kaz.example", "ru.example"]
    assert list(frame.columns) == [*CLUSTER_COLUMNS, *sources]
    row = frame[frame["cluster_id"] == store.cluster_of(corpus[0][0].claim_id)].iloc[0]
    assert (row["kaz.example"], row["ru.example"], row["en.example"]) == (
        corpus[0][0].text,
        corpus[1][0].text,
        corpus[2][0].text,
    )
    assert row["verdict"] == "partial" and row["signed_off_by"] == "Bob"
    with pytest.raises(InvalidInputError, match="unknown CSV layout"):
        export_csv(store, tmp_path / "x.csv", per="source")  # type: ignore[arg-type]


def local_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Offline stand-in for https://schema.org: a minimal @vocab context."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "https://schema.org/"}},
    }


def test_claimreview_jsonld(store: Store, corpus: list[list[Claim]], tmp_path: Path) -> None:
    result = export_jsonld(store, tmp_path / "reviews.jsonld")
    reviews = json.loads(result.path.read_text(encoding="utf-8"))
    assert result.rows == len(reviews) == 1  # only the signed-off cluster
    review_doc = reviews[0]
    state = store.cluster(store.cluster_of(corpus[0][0].claim_id))
    assert review_doc["@context"] == "https://schema.org"
    assert review_doc["@type"] == "ClaimReview"
    assert review_doc["claimReviewed"] in {c[0].text for c in corpus}
    assert review_doc["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "partial",
        "ratingValue": RATING_VALUES["partial"],
        "bestRating": 5,
        "worstRating": 1,
    }
    assert review_doc["author"] == {"@type": "Person", "name": "Bob"}
    assert review_doc["datePublished"] == state.signed_off_at[:10]  # type: ignore[index]
    date.fromisoformat(review_doc["datePublished"])
    appearances = review_doc["itemReviewed"]["appearance"]
    assert review_doc["itemReviewed"]["@type"] == "Claim"
    assert len(appearances) == len(state.article_ids) == 3
    assert {a["headline"] for a in appearances} == {
        store.article(a).title for a in state.article_ids
    }
    assert {a.get("url") for a in appearances} == {
        None,
        "https://ru.example/a",
        "https://en.example/a",
    }
    assert "2024-01-05" in {a.get("datePublished") for a in appearances}

    expanded = jsonld.expand(reviews, {"documentLoader": local_loader})
    schema = "https://schema.org/"
    node = expanded[0]
    assert node["@type"] == [schema + "ClaimReview"]
    for field in ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished"):
        assert schema + field in node, field
    rating = node[schema + "reviewRating"][0]
    assert rating[schema + "alternateName"][0]["@value"] == "partial"
    item = node[schema + "itemReviewed"][0]
    assert item["@type"] == [schema + "Claim"]
    assert len(item[schema + "appearance"]) == 3
    assert all(a["@type"] == [schema + "NewsArticle"] for a in item[schema + "appearance"])


def test_unrated_verdicts_have_no_rating_value(
    store: Store, corpus: list[list[Claim]], tmp_path: Path
) -> None:
    second = store.cluster_of(corpus[0][1].claim_id)
    review.sign_off(store, second, reviewer="Bob")
    result = export_jsonld(store, tmp_path / "r.jsonld", organization="Factcheck.kz")
    reviews = {r["identifier"]: r for r in json.loads(result.path.read_text(encoding="utf-8"))}
    assert reviews[second]["reviewRating"] == {"@type": "Rating", "alternateName": "unclear"}
    assert reviews[second]["author"]["name"] == "Factcheck.kz"
    assert reviews[second]["author"]["employee"]["name"] == "Bob"


def test_manifest(store: Store, corpus: list[list[Claim]], tmp_path: Path) -> None:
    result = export_csv(store, tmp_path / "claims.csv")
    path = write_manifest(result)
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "claims.csv.manifest.json"
    assert manifest["sha256"] == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert manifest["rows"] == 9 and manifest["file"] == "claims.csv"
    assert manifest["audit_head"] == audit.verify(store).head
    assert manifest["tool"] == "claim-workbench" and manifest["tool_version"]
    assert manifest["created_at"].startswith(str(date.today().year))
    # a later change moves the chain head: the manifest pins what was exported
    # (a signed-off cluster cannot be dissolved, so the change is a verdict elsewhere)
    unlocked = next(s for s in store.clusters() if not s.locked)
    review.record_verdict(store, unlocked.cluster_id, verdict="unclear", reviewer="p")
    assert audit.verify(store).head != manifest["audit_head"]
