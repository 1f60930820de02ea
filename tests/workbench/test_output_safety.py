"""Issue 9, finding 6: an export never destroys the store, and its output is inert."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.workbench.test_store import build, clusters_of, seed
from workbench import audit, auth, review
from workbench.cli import cli
from workbench.export import export_jsonld, neutralize_cell, restore_cell
from workbench.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("WORKBENCH_REVIEWERS", raising=False)
    path = tmp_path / "w.db"
    with Store.open(path) as store:
        seed(store)
    return path


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_refuses_to_write_over_the_store(db: Path, suffix: str) -> None:
    target = Path(f"{db}{suffix}")
    before = target.read_bytes() if target.exists() else None
    result = run("export", "--db", str(db), "--format", "csv", "-o", str(target), "--force")
    assert result.exit_code == 1 and "refusing to export over" in result.stderr
    assert (target.read_bytes() if target.exists() else None) == before
    with Store.open(db) as store:
        assert audit.verify(store).ok and store.counts()["claims"] == 9


def test_export_refuses_the_reviewers_file_and_existing_files(db: Path) -> None:
    reviewers = db.parent / "reviewers.json"
    auth.add_reviewer(reviewers, name="alice", password="alice-password", role="editor")
    kept = reviewers.read_bytes()
    over = run("export", "--db", str(db), "-o", str(reviewers), "--force")
    assert over.exit_code == 1 and "refusing to export over" in over.stderr
    assert reviewers.read_bytes() == kept
    existing = db.parent / "old.csv"
    existing.write_text("precious", encoding="utf-8")
    refused = run("export", "--db", str(db), "-o", str(existing))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert existing.read_text(encoding="utf-8") == "precious"
    forced = run("export", "--db", str(db), "-o", str(existing), "--force")
    assert forced.exit_code == 0 and existing.read_text(encoding="utf-8-sig") != "precious"


def test_jsonld_can_sit_inside_a_script_tag(tmp_path: Path) -> None:
    evil = ["Бүгін </script><script>alert(1)</script> & <b>60</b> адам келді."]
    with Store.open(tmp_path / "w.db") as store:
        article, claims = build(evil, source="evil.kz")
        store.add_article(article, claims)
        store.replace_clustering(clusters_of([[claims[0].claim_id]]), {}, actor="p", params={})
        cid = store.clusters()[0].cluster_id
        review.record_verdict(store, cid, verdict="consistent", reviewer="a", note="<i>&</i>")
        review.sign_off(store, cid, reviewer="b")
        out = tmp_path / "r.jsonld"
        export_jsonld(store, out)
    text = out.read_text(encoding="utf-8")
    assert not {"<", ">", "&"} & set(text)
    review_node = json.loads(text)[0]
    assert review_node["claimReviewed"] == evil[0] and review_node["reviewBody"] == "<i>&</i>"


@pytest.mark.parametrize("value", ["  =1+1", "\u00a0@SUM(A1)", " \t-2+3", "\n+cmd", "   'x"])
def test_formulas_after_leading_whitespace_are_neutralised(value: str) -> None:
    assert neutralize_cell(value) == "'" + value
    assert restore_cell(neutralize_cell(value)) == value


def test_every_text_column_is_neutralised(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        article, claims = build(["  =HYPERLINK(1) деді."], source=" =evil", url=" -x")
        store.add_article(article, claims)
        store.replace_clustering(clusters_of([[claims[0].claim_id]]), {}, actor="p", params={})
        cid = store.clusters()[0].cluster_id
        review.record_verdict(store, cid, verdict="unclear", reviewer=" @bob", note="  =2+2")
    out = tmp_path / "o.csv"
    assert run("export", "--db", str(tmp_path / "w.db"), "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column, cell in row.items():
            assert not cell.lstrip().startswith(("=", "+", "-", "@")), (column, cell)
    assert rows[0]["note"] == "'  =2+2" and rows[0]["source"] == "' =evil"
