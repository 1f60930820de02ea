"""Reviewers file: bcrypt hashes, roles, lookup next to the store or via the environment."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
import yaml

from workbench import auth
from workbench.errors import InvalidInputError


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_add_then_authenticate_with_hash_only_on_disk(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"reviewers{suffix}"
    added = auth.add_reviewer(path, name="aigerim", password="correct horse", role="editor")
    assert added == auth.Reviewer(name="aigerim", role="editor")
    raw = path.read_text(encoding="utf-8")
    assert "correct horse" not in raw
    data = json.loads(raw) if suffix == ".json" else yaml.safe_load(raw)
    entry = data["credentials"]["usernames"]["aigerim"]
    assert entry["password"].startswith("$2") and entry["roles"] == ["editor"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    user = auth.authenticate(path, name="aigerim", password="correct horse")
    assert user.can_sign_off and not user.local


def test_wrong_password_and_unknown_name_fail_alike(tmp_path: Path) -> None:
    path = tmp_path / "reviewers.yaml"
    auth.add_reviewer(path, name="bolat", password="s3cret-pass")
    messages = []
    for name, password in (("bolat", "wrong-pass"), ("nobody", "s3cret-pass"), ("bolat", "")):
        with pytest.raises(InvalidInputError) as caught:
            auth.authenticate(path, name=name, password=password)
        messages.append(str(caught.value))
    assert len(set(messages)) == 1
    assert auth.authenticate(path, name="bolat", password="s3cret-pass").role == "reviewer"


def test_roles_and_replacement(tmp_path: Path) -> None:
    path = tmp_path / "reviewers.json"
    auth.add_reviewer(path, name="dana", password="first-password")
    auth.add_reviewer(path, name="erlan", password="other-password", role="editor")
    with pytest.raises(InvalidInputError, match="already exists"):
        auth.add_reviewer(path, name="dana", password="second-password", replace=False)
    auth.add_reviewer(path, name="dana", password="second-password", role="editor")
    assert auth.load_reviewers(path) == {
        "dana": auth.Reviewer("dana", "editor"),
        "erlan": auth.Reviewer("erlan", "editor"),
    }
    with pytest.raises(InvalidInputError):
        auth.authenticate(path, name="dana", password="first-password")


@pytest.mark.parametrize(
    ("name", "password", "role", "message"),
    [
        ("", "long-enough", "reviewer", "invalid reviewer name"),
        ("a b", "long-enough", "reviewer", "invalid reviewer name"),
        ("ok", "short", "reviewer", "too short"),
        ("ok", "x" * 73, "reviewer", "too long"),
        ("ok", "long-enough", "admin", "unknown role"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    tmp_path: Path, name: str, password: str, role: str, message: str
) -> None:
    path = tmp_path / "reviewers.yaml"
    with pytest.raises(InvalidInputError, match=message):
        auth.add_reviewer(path, name=name, password=password, role=role)
    assert not path.exists()


def test_find_reviewers_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    db = tmp_path / "workbench.db"
    assert auth.find_reviewers_file(db) is None
    (tmp_path / "reviewers.json").write_text("{}", encoding="utf-8")
    assert auth.find_reviewers_file(db) == tmp_path / "reviewers.json"
    monkeypatch.setenv(auth.ENV_REVIEWERS, str(tmp_path / "elsewhere.yaml"))
    assert auth.find_reviewers_file(db) == tmp_path / "elsewhere.yaml"


def test_broken_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "reviewers.yaml"
    path.write_text("credentials: [unclosed", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="cannot read reviewers file"):
        auth.load_reviewers(path)
    path.write_text("credentials: 3\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="usernames"):
        auth.load_reviewers(path)
