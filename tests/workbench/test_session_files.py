"""The dashboard's session secret goes with the store, never into a folder named after a URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.dashboard import session


def test_a_sqlite_store_keeps_its_secret_beside_the_file(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert session.secret_path(db) == tmp_path / ".desk.db.session-key"


def test_a_server_store_keeps_its_secret_in_the_working_folder_without_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    one = session.secret_path("postgresql://ana:s3cret@db.desk.kz:5432/workbench")
    other = session.secret_path("postgresql://ana@db.desk.kz:5432/archive")
    assert one.parent == tmp_path and other.parent == tmp_path
    assert one != other
    assert "s3cret" not in one.name and "postgresql" not in one.name
    assert not (tmp_path / "postgresql:").exists()
