"""`workbench links CLUSTER_ID`: a cluster's aligned pairs in the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.workbench.dashboard_store import build_store
from workbench.cli import cli


def test_links_lists_claims_and_each_link_with_its_relation_and_values(tmp_path: Path) -> None:
    built = build_store(tmp_path / "wb.db")
    done = CliRunner().invoke(cli, ["links", built.clusters["troops"], "--db", built.db])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert "links: 2 conflict, 1 same, 0 related; sources 2 days apart" in lines[0]
    assert any("[kazinform.kz #1] Миссияға 2030" in line for line in lines)
    conflicts = [line for line in lines if line.strip().startswith("conflict")]
    assert len(conflicts) == 2 and all("number: " in line for line in conflicts)
    rows = CliRunner().invoke(cli, ["links", built.clusters["shots"], "--db", built.db, "--json"])
    records = [json.loads(line) for line in rows.output.splitlines()]
    assert sorted(r["relation"] for r in records) == ["conflict", "related", "same"]


def test_links_of_an_unknown_cluster_is_one_line(tmp_path: Path) -> None:
    built = build_store(tmp_path / "wb.db")
    done = CliRunner().invoke(cli, ["links", "Cnope", "--db", built.db])
    assert done.exit_code == 1 and "unknown cluster Cnope" in done.output
    assert "Traceback" not in done.output
    missing = CliRunner().invoke(cli, ["links", "C1", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no store" in missing.output
    assert not (tmp_path / "none.db").exists()
