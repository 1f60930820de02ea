"""Issue 9, findings 7 and 8: bad input is one clear line, and opening a store is harmless."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import claims.ingest as ingest_module
import workbench.store as store_module
from claims.ingest import decode_report
from claims.longclaims import MAX_CLAIM_CHARS, split_long_claims
from claims.segment import extract_claims
from tests.workbench.test_store import build, seed
from workbench.cli import cli
from workbench.errors import WorkbenchError
from workbench.migrations import LATEST_VERSION
from workbench.store import Store, connect

KK = "Алматыда 500 адам жиналды. Әкім жиынға қатысты.\n"
RU_CP1251 = "Правительство приняло решение о выделении средств.\n"
RU_KOI8 = "Министр заявил журналистам, что работа продолжится.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_error_line(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


# -- finding 7: ingest --------------------------------------------------------------------------


def test_mostly_valid_utf8_keeps_utf8_and_warns() -> None:
    text = (KK * 40).encode("utf-8")
    broken = text[:300] + b"\xff\xfe" + text[300:] + b"\xc3"
    decoded, encoding, warnings = decode_report(broken)
    assert encoding == "utf-8" and decoded.count("\ufffd") == 3
    assert "Алматыда 500 адам" in decoded  # not whole-article mojibake
    assert warnings == (
        f"3 invalid UTF-8 byte(s) replaced by U+FFFD at byte offset(s) 300, 301, {len(broken) - 1}",
    )


def test_mixed_encoding_file_is_decoded_per_line_and_reported(tmp_path: Path) -> None:
    data = KK.encode() + RU_CP1251.encode("cp1251") + RU_KOI8.encode("koi8-r") + KK.encode()
    decoded, encoding, warnings = decode_report(data)
    assert decoded == KK + RU_CP1251 + RU_KOI8 + KK
    assert encoding == "mixed:utf-8+cp1251+koi8-r"
    assert "cp1251 on line(s) 2" in warnings[0] and "koi8-r on line(s) 3" in warnings[0]
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Headline\n" + data)
    result = run("ingest", str(path), "--db", str(tmp_path / "w.db"), "--no-progress")
    assert result.exit_code == 0 and "warning: " in result.stderr and "mixed" in result.stderr


def test_an_unreadable_path_is_one_error_line_and_the_good_file_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "secret.txt"
    good.write_text("Жаңалық\n" + KK, encoding="utf-8")
    bad.write_text("Құпия\n" + KK, encoding="utf-8")
    bad.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the file unreadable as for a user
        real_access, real_open = os.access, open

        def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
            return False if str(path) == str(bad) else real_access(path, mode)  # type: ignore[arg-type]

        def denied(path: object, *args: object, **kwargs: object) -> object:
            if str(path) == str(bad):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(os, "access", access)
        monkeypatch.setattr(ingest_module, "open", denied, raising=False)
    db = tmp_path / "w.db"
    result = run("ingest", str(bad), str(good), "--db", str(db), "--no-progress")
    assert result.exit_code == 1  # not click's usage error (2)
    assert one_error_line(result) == f"error: {bad}: permission denied"
    assert "stored 1 article(s)" in result.output
    with Store.open(db) as store:
        assert store.counts()["articles"] == 1


def test_a_five_megabyte_line_becomes_claims_a_spreadsheet_can_hold() -> None:
    words = ["сөз", "бір", "екі", "үш", "төрт,", "бес", "алты", "жеті", "сегіз", "тоғыз", "он"]
    text = " ".join(words[i % len(words)] for i in range(600_000))
    claims = split_long_claims(extract_claims(text, article_id="A1", language="kk"), text)
    assert len(claims) > 1000
    assert max(len(c.text) for c in claims) <= MAX_CLAIM_CHARS < 32_767
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert all(c.context_end - c.context_start <= MAX_CLAIM_CHARS for c in claims)
    assert [c.position for c in claims] == list(range(len(claims)))
    assert len({c.claim_id for c in claims}) == len(claims)
    assert claims[0].text.endswith(",")  # cut at a clause boundary where there is one


def test_a_long_claim_without_any_boundary_is_cut_at_spaces_then_at_the_limit() -> None:
    text = "а" * 4500
    [claim] = extract_claims(text, article_id="A1", language="kk") or [None]
    assert claim is not None
    pieces = split_long_claims([claim], text)
    assert [len(p.text) for p in pieces] == [2000, 2000, 500]


@pytest.mark.parametrize("value", ["1e20", "inf", "nan", "0", "-5"])
def test_max_mb_out_of_bounds_is_one_clear_line(tmp_path: Path, value: str) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Жаңалық\n" + KK, encoding="utf-8")
    result = run("ingest", str(story), "--db", str(tmp_path / "w.db"), "--max-mb", value)
    assert result.exit_code == 1
    assert "--max-mb must be more than 0 and at most 2048" in one_error_line(result)
    assert not (tmp_path / "w.db").exists()


def test_disk_full_says_disk_full(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        article, claims = build(["Бүгін " + "ұзын мәтін " * 4000 + "болды."], source="x.kz")
        with pytest.raises(WorkbenchError, match=r"^disk full: nothing was written"):
            store.add_article(article, claims)
        assert store.counts()["articles"] == 0


# -- finding 8: opening the store ----------------------------------------------------------------


def test_opening_a_current_store_takes_no_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        seed(store)
    writer = connect(str(db))
    writer.execute("BEGIN IMMEDIATE")  # a `cluster` run holding the write lock
    writer.execute("UPDATE meta SET meta_value = meta_value + 1")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 2.0)
    try:
        start = time.perf_counter()
        with Store.open(db, create=False) as reader:
            assert len(reader.clusters()) == 3
        assert time.perf_counter() - start < 1.0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO schema_version (version, description, applied_at) "
            "VALUES (?, 'from the future', CURRENT_TIMESTAMP)",
            (LATEST_VERSION + 1,),
        )
    conn.close()
    with pytest.raises(WorkbenchError, match="newer than this workbench"):
        Store.open(db)
    result = run("clusters", "--db", str(db))
    assert f"schema is version {LATEST_VERSION + 1}" in one_error_line(result)


@pytest.mark.parametrize(
    "argv",
    [("clusters",), ("export", "-o", "OUT"), ("verify",), ("dashboard", "--port", "1")],
)
def test_read_only_commands_never_create_a_store(tmp_path: Path, argv: tuple[str, ...]) -> None:
    typo = tmp_path / "typo.db"
    args = [a.replace("OUT", str(tmp_path / "x.csv")) for a in argv]
    result = run(*args, "--db", str(typo))
    assert result.exit_code == 1 and "no store at" in one_error_line(result)
    assert not typo.exists() and not (tmp_path / "x.csv").exists()


def test_concurrent_first_open_is_still_safe(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store.open(db).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store.open(db) as store:
        assert store.counts()["events"] == 0
