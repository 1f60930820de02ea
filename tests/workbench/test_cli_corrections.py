"""The correction commands: move, merge, split, undo, corrections, proposals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.test_cli import assert_one_line_error, run
from tests.workbench.test_store import dump, seed
from workbench import review
from workbench.store import Store


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wb.db"
    with Store.open(path) as store:
        seed(store)
    return path


def _clusters(db: Path) -> dict[str, tuple[str, ...]]:
    with Store.open(db) as store:
        return {s.cluster_id: s.claim_ids for s in store.clusters()}


def test_merge_split_move_undo_round_trip(db: Path) -> None:
    before = _clusters(db)
    a, b, c = sorted(before)
    merged = run("merge", a, b, "--reviewer", "aigerim", "--reason", "one event", db=db)
    assert merged.exit_code == 0, merged.stderr
    new_id = merged.output.split(" into ")[1].split()[0]
    assert set(_clusters(db)[new_id]) == set(before[a]) | set(before[b])
    claim = before[a][0]
    moved = run("move", claim, "--to", c, "--reviewer", "aigerim", db=db)
    assert moved.exit_code == 0 and claim in _clusters(db)[moved.output.split(" to ")[1].split()[0]]
    listed = run("corrections", db=db)
    assert "merged" in listed.output and "one event" in listed.output and "moved" in listed.output
    assert run("undo", "--last", "--reviewer", "bob", db=db).exit_code == 0
    assert run("undo", "--last", "--reviewer", "bob", db=db).exit_code == 0
    assert _clusters(db) == before
    with Store.open(db) as store:
        kinds = [e.kind for e in review.history(store, a)]
    assert kinds.count("merge") == 1 and kinds[-1] == "undo"
    assert run("verify", db=db).exit_code == 0


def test_split_names_the_claims_that_leave(db: Path) -> None:
    cid, members = next(iter(_clusters(db).items()))
    result = run("split", cid, members[0], "--reviewer", "ana", db=db)
    assert result.exit_code == 0, result.stderr
    assert any(ms == (members[0],) for ms in _clusters(db).values())


@pytest.mark.parametrize(
    "args",
    [
        ("merge", "Cnope", "Cnope2", "--reviewer", "ana"),
        ("move", "Kzz", "--to", "Cnope", "--reviewer", "ana"),
        ("move", "Kzz", "--reviewer", "ana"),
        ("undo", "--reviewer", "ana"),
        ("undo", "--last", "--reviewer", "ana"),
        ("undo", "99", "--reviewer", "ana"),
        ("merge", "Ca", "Cb", "--reviewer", " "),
    ],
)
def test_refused_corrections_are_one_line_and_write_nothing(
    db: Path, args: tuple[str, ...]
) -> None:
    with Store.open(db) as store:
        state = dump(store)
    assert_one_line_error(run(*args, db=db))
    with Store.open(db) as store:
        assert dump(store) == state


def test_an_old_id_names_its_successor(db: Path) -> None:
    a, b, _ = sorted(_clusters(db))
    run("merge", a, b, "--reviewer", "ana", db=db)
    result = run("split", a, "Kx", "--reviewer", "ana", db=db)
    assert_one_line_error(result)
    assert "continues as" in result.stderr
