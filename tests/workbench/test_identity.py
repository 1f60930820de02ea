"""Issue 9, findings 1 and 2: one identity model, roles and the sign-off lock in the library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.workbench.test_store import clusters_of, dump, seed
from workbench import audit, auth, identity, review, rules
from workbench.cli import cli
from workbench.errors import FourEyesError, InvalidInputError, LockedError, RoleError
from workbench.export import unauthenticated_actors
from workbench.store import Store

PASSWORDS = {"alice": "alice-password", "bob": "bob-password", "rita": "rita-password"}


def run(*args: str, password: str | None = None, stdin: str | None = None) -> Result:
    env = {"WORKBENCH_PASSWORD": password} if password is not None else {}
    return CliRunner(env=env).invoke(cli, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv("WORKBENCH_REVIEWERS", raising=False)
    monkeypatch.delenv("WORKBENCH_PASSWORD", raising=False)
    path = tmp_path / "wb.db"
    with Store.open(path) as store:
        seed(store)
    yield path


@pytest.fixture
def desk(db: Path) -> Path:
    """The store with a reviewers file beside it: alice and bob editors, rita a reviewer."""
    file = db.parent / "reviewers.yaml"
    auth.add_reviewer(file, name="alice", password=PASSWORDS["alice"], role="editor")
    auth.add_reviewer(file, name="bob", password=PASSWORDS["bob"], role="editor")
    auth.add_reviewer(file, name="rita", password=PASSWORDS["rita"], role="reviewer")
    return db


def first_cluster(db: Path) -> str:
    with Store.open(db) as store:
        return store.clusters()[0].cluster_id


# -- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lookalike", ["аlice", "ａｌｉｃｅ", "ALICE", " Alice "])
def test_lookalike_names_are_one_person(lookalike: str) -> None:
    assert identity.same_person("alice", lookalike)


@pytest.mark.parametrize(("a", "b"), [("Дана", "Дина"), ("Айгерім", "Aigerim"), ("bolat", "erlan")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not identity.same_person(a, b)


@pytest.mark.parametrize("name", ["ali\u200bce", "alice\u202e", "al\u00adice", "ali\x07ce"])
def test_invisible_characters_are_refused(name: str) -> None:
    with pytest.raises(InvalidInputError, match="invisible"):
        identity.canonical_name(name)


# -- finding 1: anyone can act as anyone from the CLI ---------------------------------------------


def test_cli_without_reviewers_file_blocks_a_cyrillic_self_signoff(db: Path) -> None:
    cid = first_cluster(db)
    assert run("review", cid, "--verdict", "consistent", "--reviewer", "alice", "--db", str(db))
    for twin in ("аlice", "ａｌｉｃｅ"):
        result = run("signoff", cid, "--reviewer", twin, "--db", str(db))
        assert result.exit_code == 1 and "another editor must sign it off" in result.stderr
    result = run("signoff", cid, "--reviewer", "ali\u200bce", "--db", str(db))
    assert result.exit_code == 1 and "invisible" in result.stderr


def test_cli_with_reviewers_file_authenticates_every_actor(desk: Path) -> None:
    cid, db = first_cluster(desk), str(desk)
    wrong = run("review", cid, "--verdict", "consistent", "--reviewer", "alice", "--db", db,
                password="not-her-password")  # fmt: skip
    assert wrong.exit_code == 1 and "wrong password" in wrong.stderr
    ok = run("review", cid, "--verdict", "consistent", "--reviewer", "alice", "--db", db,
             password=PASSWORDS["alice"])  # fmt: skip
    assert ok.exit_code == 0, ok.stderr
    # the Cyrillic twin authenticates as alice (her password) and is then alice: four eyes hold
    twin = run("signoff", cid, "--reviewer", "аlice", "--db", db, password=PASSWORDS["alice"])
    assert twin.exit_code == 1 and "another editor must sign it off" in twin.stderr
    stranger = run("signoff", cid, "--reviewer", "mallory", "--db", db, password="whatever-pw")
    assert stranger.exit_code == 1 and "unknown reviewer or wrong password" in stranger.stderr
    rita = run("signoff", cid, "--reviewer", "rita", "--db", db, password=PASSWORDS["rita"])
    assert rita.exit_code == 1 and "only an editor may sign off" in rita.stderr
    bob = run("signoff", cid, "--reviewer", "bob", "--db", db, stdin=PASSWORDS["bob"] + "\n")
    assert bob.exit_code == 0, bob.stderr  # the password was prompted for, not an argument
    with Store.open(desk) as store:
        signed = [e for e in audit.events(store) if e.kind == "signed_off"]
        assert signed[-1].actor == "bob" and signed[-1].payload["authenticated"] is True
        assert unauthenticated_actors(store) == []


def test_reviewers_add_has_no_password_option_and_refuses_lookalikes(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(desk)
    refused = run("reviewers", "add", "x", "--password", "p4ssword!", "--db", db)
    assert refused.exit_code == 2 and "No such option" in refused.stderr
    monkeypatch.setenv("WORKBENCH_NEW_PASSWORD", "twin-password")
    no_editor = run("reviewers", "add", "carol", "--db", db)
    assert no_editor.exit_code == 1 and "--by" in no_editor.stderr
    twin = run("reviewers", "add", "аlice", "--role", "editor", "--by", "bob", "--db", db,
               password=PASSWORDS["bob"])  # fmt: skip
    assert twin.exit_code == 1 and "looks like the existing reviewer 'alice'" in twin.stderr
    by_reviewer = run("reviewers", "add", "carol", "--by", "rita", "--db", db,
                      password=PASSWORDS["rita"])  # fmt: skip
    assert by_reviewer.exit_code == 1 and "only an editor" in by_reviewer.stderr
    added = run("reviewers", "add", "carol", "--by", "bob", "--db", db, password=PASSWORDS["bob"])
    assert added.exit_code == 0, added.stderr
    assert "аlice" not in auth.load_reviewers(desk.parent / "reviewers.yaml")
    with Store.open(desk) as store:
        saved = [e for e in audit.events(store) if e.kind == "reviewer_saved"]
    assert [(e.actor, e.payload["name"]) for e in saved] == [("bob", "carol")]


def test_without_reviewers_file_actors_are_marked_unauthenticated(db: Path) -> None:
    cid = first_cluster(db)
    run("review", cid, "--verdict", "partial", "--reviewer", "dana", "--db", str(db))
    with Store.open(db) as store:
        assert unauthenticated_actors(store) == ["dana"]
    out = db.parent / "out.csv"
    result = run("export", "--db", str(db), "-o", str(out), "--manifest")
    assert result.exit_code == 0, result.stderr
    assert "recorded without authentication: dana" in result.output
    assert '"unauthenticated_actors": [\n    "dana"\n  ]' in (
        out.with_name("out.csv.manifest.json").read_text(encoding="utf-8")
    )


# -- finding 2: roles live only in the dashboard --------------------------------------------------


def test_library_enforces_roles_whatever_the_caller(desk: Path) -> None:
    rita = auth.authenticate(desk.parent / "reviewers.yaml", name="rita", password="rita-password")
    with Store.open(desk) as store:
        cid = store.clusters()[0].cluster_id
        review.record_verdict(store, cid, verdict="consistent", reviewer=rita)
        before = dump(store)
        with pytest.raises(RoleError, match="only an editor may sign off"):
            review.sign_off(store, cid, reviewer="rita")
        review.sign_off(store, cid, reviewer="alice")
        before = dump(store)
        with pytest.raises(RoleError, match="only an editor may reopen"):
            review.reopen(store, cid, reviewer=rita, reason="I disagree")
        other = store.clusters()[1]
        with pytest.raises(RoleError, match="only an editor may move"):
            review.split_cluster(store, other.cluster_id, other.claim_ids[:1], actor="rita")
        with pytest.raises(RoleError, match="not in the reviewers file"):
            review.record_verdict(store, other.cluster_id, verdict="unclear", reviewer="mallory")
        assert dump(store) == before  # a refused action writes nothing
        review.reopen(store, cid, reviewer="bob", reason="recheck")
        review.record_verdict(store, cid, verdict="partial", reviewer="alice")
        with pytest.raises(FourEyesError):
            review.sign_off(store, cid, reviewer="ＡＬＩＣＥ")


def test_store_itself_refuses_to_dissolve_a_signed_off_cluster(db: Path) -> None:
    with Store.open(db) as store:
        first = store.clusters()[0]
        review.record_verdict(store, first.cluster_id, verdict="consistent", reviewer="a")
        review.sign_off(store, first.cluster_id, reviewer="b")
        before = dump(store)
        singletons = clusters_of([[c] for c in first.claim_ids])
        with pytest.raises(LockedError, match="signed off by b"):
            store.replace_clustering(singletons, {}, actor="script", params={})
        assert dump(store) == before
        assert audit.verify(store).ok


def test_recluster_of_reviewed_work_needs_an_editor(desk: Path) -> None:
    with Store.open(desk) as store:
        first = store.clusters()[0]
        review.record_verdict(store, first.cluster_id, verdict="partial", reviewer="rita")
        singletons = clusters_of([[c] for c in first.claim_ids])
        with pytest.raises(RoleError, match="not in the reviewers file"):
            store.replace_clustering(singletons, {}, actor="workbench", params={})
        with pytest.raises(RoleError, match="only an editor may re-cluster"):
            store.replace_clustering(singletons, {}, actor="rita", params={})
        store.replace_clustering(singletons, {}, actor="alice", params={})
    assert rules.ACTIONS["verdict"] == ("editor", "reviewer")


@pytest.mark.parametrize(("a", "b"), [("BOLAT", "ВОLАТ"), ("Мансұр", "Maнcұp"), ("Oljas", "Оljаs")])
def test_twins_that_only_meet_in_capitals_or_mixed_case(a: str, b: str) -> None:
    assert identity.same_person(a, b)


def test_verify_notices_a_reviewers_file_edited_by_hand(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_NEW_PASSWORD", "carol-password")
    db = str(desk)
    added = run("reviewers", "add", "carol", "--by", "bob", "--db", db, password=PASSWORDS["bob"])
    assert added.exit_code == 0, added.stderr
    with Store.open(desk) as store:
        assert audit.verify(store).ok
    file = desk.parent / "reviewers.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("reviewer", "editor"), "utf-8")
    with Store.open(desk) as store:
        report = audit.verify(store)
    assert not report.ok and "changed outside `workbench reviewers add`" in report.problems[0]


def test_cluster_over_reviewed_work_asks_who_is_acting(desk: Path) -> None:
    with Store.open(desk) as store:
        cid = store.clusters()[0].cluster_id
        review.record_verdict(store, cid, verdict="partial", reviewer="rita")
        before = dump(store)
    result = run("cluster", "--no-progress", "--db", str(desk))
    assert result.exit_code == 1
    assert "re-clustering it needs an editor (--reviewer NAME)" in result.stderr
    wrong = run("cluster", "--no-progress", "--reviewer", "bob", "--db", str(desk), password="x")
    assert wrong.exit_code == 1 and "wrong password" in wrong.stderr
    with Store.open(desk) as store:
        assert dump(store) == before
