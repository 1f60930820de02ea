"""Export per link: CSV (pandas parses it back, formulas neutralised) and JSON, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from claims.model import Hint, Link
from tests.workbench.dashboard_store import Built, build_store
from tests.workbench.test_store import build, clusters_of
from workbench import audit
from workbench.cli import cli
from workbench.errors import InvalidInputError
from workbench.export import restore_cell
from workbench.export_links import LINK_COLUMNS, export_links, link_records
from workbench.store import Store


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build_store(tmp_path / "wb.db")


def _read_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return frame.map(restore_cell)


def test_csv_per_link_round_trips_through_pandas(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "links.csv"
    with Store.open(built.db) as store:
        result = export_links(store, out)
        links = store.all_links()
        claims = {c.claim_id: c for c in store.claims()}
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = _read_csv(out)
    assert tuple(frame.columns) == LINK_COLUMNS and result.rows == len(frame) == len(links) == 6
    for row, link in zip(frame.to_dict("records"), links, strict=True):
        assert (row["cluster_id"], row["claim_a"], row["claim_b"]) == (
            link.cluster_id,
            link.claim_a,
            link.claim_b,
        )
        assert row["relation"] == link.relation and float(row["score"]) == link.score
        assert row["text_a"] == claims[link.claim_a].text  # hostile markup kept as text
        assert row["text_b"] == claims[link.claim_b].text
        assert row["hint_kinds"] == " ".join(sorted({h.kind for h in link.hints}))
    troops = frame[frame["hint_kinds"] == "number"]
    assert len(troops) == 2
    assert set(troops["hint_values"]) <= {"number: 2030 vs 2500", "number: 2500 vs 2030"}
    assert {"kazinform.kz", "tengrinews.kz", "evil.example"} == set(frame["source_a"]) | set(
        frame["source_b"]
    )
    assert result.kind == "csv-link" and len(result.sha256) == 64


def test_json_per_link_keeps_hints_structured(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "links.json"
    with Store.open(built.db) as store:
        result = export_links(store, out, fmt="json")
        expected = link_records(store)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert records == expected and result.rows == len(records) == 6
    conflict = next(r for r in records if r["hints"] and r["hints"][0]["kind"] == "negation")
    assert conflict["relation"] == "conflict"
    assert {conflict["claim_a"]["source"], conflict["claim_b"]["source"]} == {
        "kazinform.kz",
        "evil.example",
    }
    values = conflict["hints"][0]["values_a"] + conflict["hints"][0]["values_b"]
    assert sorted(values) == ["fired many shots", "жоқ"]
    assert "<script>" in json.dumps(records, ensure_ascii=False)  # data, not markup, in JSON


def test_formulas_in_claim_texts_and_hint_values_are_neutralised(tmp_path: Path) -> None:
    with Store.open(tmp_path / "f.db") as store:
        a_art, a = build(['=HYPERLINK("http://x") 60 адам.'], source="a")
        b_art, b = build(["+70 человек @home."], source="b", language="ru")
        store.add_article(a_art, a)
        store.add_article(b_art, b)
        x, y = sorted([a[0].claim_id, b[0].claim_id])
        cluster = clusters_of([[x, y]])[0]
        hint = Hint("number", "-60 vs +70", (x, y), ((x, "=60"), (y, "+70")))
        link = Link(cluster.cluster_id, x, y, "conflict", 0.9, (hint,))
        store.replace_clustering([cluster], {}, actor="t", params={}, links=[link])
        out = export_links(store, tmp_path / "f.csv").path
    raw = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for column in ("text_a", "text_b"):
        assert raw[column][0].startswith("'"), column
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in raw.iloc[0])
    restored = raw.map(restore_cell)
    assert {restored["text_a"][0], restored["text_b"][0]} == {a[0].text, b[0].text}


def test_unknown_format_is_refused(built: Built, tmp_path: Path) -> None:
    with Store.open(built.db) as store, pytest.raises(InvalidInputError, match="csv' or 'json"):
        export_links(store, tmp_path / "x", fmt="xml")  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


def test_cli_export_per_link(built: Built, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "l.csv"
    done = runner.invoke(
        cli, ["export", "--db", built.db, "--per", "link", "-o", str(out), "--manifest"]
    )
    assert done.exit_code == 0, done.output
    assert "wrote 6 row(s)" in done.output and len(_read_csv(out)) == 6
    manifest = json.loads(Path(f"{out}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "csv-link" and manifest["rows"] == 6
    with Store.open(built.db) as store:
        assert manifest["audit_head"] == audit.verify(store).head
    js = tmp_path / "l.json"
    done = runner.invoke(
        cli, ["export", "--db", built.db, "--format", "json", "--per", "link", "-o", str(js)]
    )
    assert done.exit_code == 0 and len(json.loads(js.read_text(encoding="utf-8"))) == 6
    for args, message in (
        (["--format", "json"], "add --per link"),
        (["--format", "jsonld", "--per", "link"], "csv or json"),
    ):
        bad = runner.invoke(cli, ["export", "--db", built.db, *args, "-o", str(tmp_path / "b")])
        assert bad.exit_code == 1 and message in bad.output
        assert "Traceback" not in bad.output and not (tmp_path / "b").exists()


def test_export_csv_per_link_is_the_link_export(built: Built, tmp_path: Path) -> None:
    from workbench.export import export_csv

    with Store.open(built.db) as store:
        via_csv = export_csv(store, tmp_path / "a.csv", per="link")
        direct = export_links(store, tmp_path / "b.csv")
    assert via_csv.kind == "csv-link" and via_csv.sha256 == direct.sha256
