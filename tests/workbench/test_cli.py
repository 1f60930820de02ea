"""The ``workbench`` command line, driven through click's test runner."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from workbench.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("0*.txt"))


def run(*args: str, db: Path | None = None) -> Result:
    argv = list(args) + (["--db", str(db)] if db is not None else [])
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def assert_one_line_error(result: Result) -> None:
    assert result.exit_code != 0
    assert "Traceback" not in result.output + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "expected an error line on stderr"
    assert all(line.startswith("error:") for line in lines), lines


@pytest.fixture()
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "wb.db"
    result = run("ingest", *map(str, SEED_FILES), "--no-progress", db=db)
    assert result.exit_code == 0, result.output + result.stderr
    return db


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clustered") / "wb.db"
    assert run("ingest", str(SEEDS), "--no-progress", db=db).exit_code == 0
    result = run("cluster", "--no-progress", db=db)
    assert result.exit_code == 0, result.output + result.stderr
    return db


def _walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out += _walk(command, (*prefix, name))
    return out


@pytest.mark.parametrize("path", _walk(cli), ids=" ".join)
def test_every_command_and_option_has_help(path: tuple[str, ...]) -> None:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help and command.help.strip(), f"{path} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{path} option {param.opts} has no help"
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert "ingest" in proc.stdout and "export" in proc.stdout


def test_ingest_stores_seeds_and_reingest_adds_nothing(seeded: Path) -> None:
    con = sqlite3.connect(seeded)
    articles = con.execute("select count(*) from articles").fetchone()[0]
    claims = con.execute("select count(*) from claims").fetchone()[0]
    con.close()
    assert articles == 2
    assert claims >= 20
    again = run("ingest", str(SEEDS), "--no-progress", db=seeded)
    assert again.exit_code == 0
    assert "stored 0 article(s)" in again.output
    assert "2 already present" in again.output


def test_bad_inputs_are_reported_and_the_good_ones_stored(tmp_path: Path) -> None:
    db = tmp_path / "wb.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    good = tmp_path / "good.txt"
    shutil.copy(SEED_FILES[0], good)
    result = run(
        "ingest",
        str(empty),
        str(binary),
        str(good),
        str(tmp_path / "missing.txt"),
        "--no-progress",
        db=db,
    )
    assert_one_line_error(result)
    assert result.exit_code == 1
    for name in ("empty.txt", "blob.txt", "missing.txt"):
        assert name in result.stderr
    assert "good.txt" not in result.stderr
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from articles").fetchone()[0] == 1
    con.close()


def test_segment_json_offsets_index_the_decoded_file(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    text = "Президент заявил, что 500 машин сгорели. – Мы не отступим, – сказал он.\n"
    path.write_bytes(text.encode("cp1251"))
    for unit in ("sentence", "claim"):
        result = run("segment", str(path), "--unit", unit, "--json")
        assert result.exit_code == 0, result.stderr
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert rows
        for row in rows:
            assert text[row["start"] : row["end"]] == row["text"]
            if unit == "claim":
                assert "speaker" in row and "score" in row


def test_segment_seed_gives_speakers() -> None:
    result = run("segment", str(SEED_FILES[0]), "--json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    raw = SEED_FILES[0].read_text(encoding="utf-8")
    assert all(raw[r["start"] : r["end"]] == r["text"] for r in rows)
    peace = [r for r in rows if "әскери операцияларға қатыспайтынын" in r["text"]]
    assert peace and peace[0]["speaker"] and "Президент" in peace[0]["speaker"]


def _read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


CONTRACT_COLUMNS = [
    "claim_id",
    "article_id",
    "source",
    "claim",
    "start",
    "end",
    "speaker",
    "cluster_id",
    "verdict",
    "reviewer",
    "signed_off_at",
]


def test_export_before_clustering_has_contract_columns(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = run("export", "--format", "csv", "-o", str(out), db=seeded)
    assert result.exit_code == 0, result.stderr
    rows = _read_csv(out)
    assert rows and list(rows[0])[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert all(r["cluster_id"] == "" and r["verdict"] == "" for r in rows)


def test_cluster_summary_and_second_run_embeds_nothing(clustered: Path) -> None:
    again = run("cluster", "--no-progress", db=clustered)
    assert again.exit_code == 0, again.stderr
    assert "0 newly embedded" in again.output
    assert "cross-source" in again.output


@pytest.mark.parametrize(
    "args",
    [
        ("--threshold", "0"),
        ("--threshold", "1.5"),
        ("--model", "no-such-model"),
        ("--model", "st:/nonexistent/model/path"),
    ],
)
def test_cluster_bad_options_change_nothing(clustered: Path, args: tuple[str, ...]) -> None:
    before = _clusters(clustered)
    result = run("cluster", "--no-progress", *args, db=clustered)
    assert_one_line_error(result)
    assert run("verify", db=clustered).exit_code == 0
    assert _clusters(clustered) == before


def _clusters(db: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute("select cluster_id, claim_id from memberships order by 1, 2").fetchall()
    finally:
        con.close()
    return [(str(a), str(b)) for a, b in rows]


def test_cluster_on_an_empty_store_is_a_clear_error(tmp_path: Path) -> None:
    result = run("cluster", "--no-progress", db=tmp_path / "none.db")
    assert_one_line_error(result)


def _csto_cluster(db: Path) -> str:
    result = run("clusters", "--json", db=db)
    for line in result.output.splitlines():
        row = json.loads(line)
        if any("бірде-бір оқ" in c for c in row["claims"]):
            return str(row["cluster_id"])
    raise AssertionError("no cluster holds the CSTO 'not a single shot' claim")


def test_review_signoff_reopen_verify_and_export(clustered: Path, tmp_path: Path) -> None:
    cid = _csto_cluster(clustered)
    ok = run(
        "review",
        cid,
        "--verdict",
        "consistent",
        "--reviewer",
        "aigerim",
        "--note",
        "both say the CSTO took no part in operations",
        db=clustered,
    )
    assert ok.exit_code == 0, ok.stderr
    self_sign = run("signoff", cid, "--reviewer", "aigerim", db=clustered)
    assert_one_line_error(self_sign)
    signed = run("signoff", cid, "--reviewer", "daniyar", db=clustered)
    assert signed.exit_code == 0, signed.stderr
    locked = run("review", cid, "--verdict", "partial", "--reviewer", "aigerim", db=clustered)
    assert_one_line_error(locked)

    out = tmp_path / "out.csv"
    assert (
        run("export", "--format", "csv", "-o", str(out), "--manifest", db=clustered).exit_code == 0
    )
    rows = [r for r in _read_csv(out) if r["cluster_id"] == cid]
    assert rows and all(r["verdict"] == "consistent" for r in rows)
    assert all(r["reviewer"] == "aigerim" and r["signed_off_at"] for r in rows)
    manifest = json.loads((tmp_path / "out.csv.manifest.json").read_text(encoding="utf-8"))
    assert manifest

    jsonld = tmp_path / "out.jsonld"
    assert run("export", "--format", "jsonld", "-o", str(jsonld), db=clustered).exit_code == 0
    doc = json.loads(jsonld.read_text(encoding="utf-8"))
    text = json.dumps(doc, ensure_ascii=False)
    assert "ClaimReview" in text and "consistent" in text

    reopened = run("reopen", cid, "--reviewer", "daniyar", "--reason", "new source", db=clustered)
    assert reopened.exit_code == 0, reopened.stderr
    again = run("review", cid, "--verdict", "partial", "--reviewer", "aigerim", db=clustered)
    assert again.exit_code == 0, again.stderr
    assert run("verify", db=clustered).exit_code == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("review", "C0000000000", "--verdict", "consistent", "--reviewer", "a"), "C0000000000"),
        (("review", "{cid}", "--verdict", "maybe", "--reviewer", "a"), "maybe"),
        (("review", "{cid}", "--verdict", "consistent", "--reviewer", "  "), "reviewer"),
        (("signoff", "C0000000000", "--reviewer", "b"), "C0000000000"),
    ],
)
def test_review_errors_are_one_line_and_write_nothing(
    clustered: Path, args: tuple[str, ...], needle: str
) -> None:
    cid = _csto_cluster(clustered)
    argv = [a.replace("{cid}", cid) for a in args]
    before = run("verify", db=clustered).output
    result = run(*argv, db=clustered)
    assert_one_line_error(result)
    assert needle.lower() in result.stderr.lower()
    assert run("verify", db=clustered).output == before


def test_verify_catches_an_edit_behind_the_workbench(clustered: Path, tmp_path: Path) -> None:
    db = tmp_path / "tampered.db"
    src = sqlite3.connect(clustered)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    cid = _csto_cluster(db)
    assert run("review", cid, "--verdict", "unclear", "--reviewer", "x", db=db).exit_code == 0
    dst.execute("update verdicts set verdict = 'contradictory'")
    dst.commit()
    dst.close()
    result = run("verify", db=db)
    assert result.exit_code == 1
    assert "problem" in result.stderr


def test_commands_on_a_missing_store_say_so(tmp_path: Path) -> None:
    for argv in (("verify",), ("export", "-o", str(tmp_path / "x.csv"))):
        result = run(*argv, db=tmp_path / "absent.db")
        assert_one_line_error(result)
        assert "no store" in result.stderr


def test_reviewers_add_writes_the_file_the_dashboard_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.auth import authenticate, find_reviewers_file

    db = tmp_path / "wb.db"
    monkeypatch.setenv("WORKBENCH_NEW_PASSWORD", "s3cret-pass!")
    result = run("reviewers", "add", "dana", "--role", "editor", db=db)
    assert result.exit_code == 0, result.stderr
    found = find_reviewers_file(db)
    assert found is not None and found.parent == tmp_path
    assert "s3cret-pass!" not in found.read_text(encoding="utf-8")  # stored hashed
    reviewer = authenticate(found, name="dana", password="s3cret-pass!")
    assert reviewer.role == "editor"


def test_symlink_loop_and_oversize_are_named_once(tmp_path: Path) -> None:
    loop = tmp_path / "in" / "loop"
    loop.mkdir(parents=True)
    (loop / "self").symlink_to(loop, target_is_directory=True)
    big = tmp_path / "in" / "big.txt"
    big.write_text("Үкімет мәлімдеді. " * 120_000, encoding="utf-8")
    result = run(
        "ingest", str(tmp_path / "in"), "--max-mb", "1", "--no-progress", db=tmp_path / "wb.db"
    )
    assert_one_line_error(result)
    lines = result.stderr.splitlines()
    assert any("big.txt" in line and "too large" in line for line in lines)
    assert all(line.count("big.txt") <= 1 for line in lines)
