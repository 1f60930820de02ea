"""Issue 9, finding 4: the dashboard login is throttled, timing-safe, and never open to the net."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from tests.workbench.dashboard_store import Built, build_store
from workbench import audit, auth, pipeline, throttle
from workbench.cli import cli
from workbench.dashboard import app_path, command
from workbench.errors import InvalidInputError
from workbench.identity import check_serving
from workbench.store import Store

PASSWORD = "dana-password"


@pytest.fixture(autouse=True)
def fresh_throttle() -> Iterator[None]:
    throttle.shared_throttle().reset()
    yield
    throttle.shared_throttle().reset()


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "wb.db"
    with Store.open(db):
        pass
    auth.add_reviewer(tmp_path / "reviewers.yaml", name="dana", password=PASSWORD, role="editor")
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    return db


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_backoff_then_lockout_then_the_right_password_is_refused(desk: Path) -> None:
    clock = Clock()
    gate = throttle.LoginThrottle(max_failures=5, lockout_s=600, clock=clock)
    file = desk.parent / "reviewers.yaml"
    for _ in range(5):
        with pytest.raises(InvalidInputError):
            throttle.login(file, name="dana", password="wrong", db=desk, throttle=gate,
                           sleep=clock.sleep)  # fmt: skip
    assert clock.slept == [0.25, 0.5, 1.0, 2.0]  # doubling before every further attempt
    for _ in range(25):
        with pytest.raises(throttle.ThrottledError, match="try again in 10 min"):
            throttle.login(file, name="ДАНА"[:0] + "DANA", password="wrong", db=desk,
                           throttle=gate, sleep=clock.sleep)  # fmt: skip
    with pytest.raises(throttle.ThrottledError):  # the right password, during the lockout
        throttle.login(file, name="dana", password=PASSWORD, db=desk, throttle=gate)
    clock.now += 601
    user = throttle.login(file, name="dana", password=PASSWORD, db=desk, throttle=gate,
                          sleep=clock.sleep)  # fmt: skip
    assert user.name == "dana" and user.authenticated
    with Store.open(desk) as store:
        kinds = [e.kind for e in audit.events(store)]
    assert kinds.count("login_failed") == 4 and kinds.count("login_locked") == 1
    assert kinds.count("login_refused") == 26


def test_unknown_names_are_throttled_like_known_ones(desk: Path) -> None:
    clock = Clock()
    gate = throttle.LoginThrottle(max_failures=3, clock=clock)
    file = desk.parent / "reviewers.yaml"
    messages = set()
    for name in ("dana", "nobody"):
        for _ in range(3):
            with pytest.raises(InvalidInputError) as caught:
                throttle.login(file, name=name, password="x", throttle=gate, sleep=clock.sleep)
            messages.add(str(caught.value))
        with pytest.raises(throttle.ThrottledError) as locked:
            throttle.login(file, name=name, password="x", throttle=gate, sleep=clock.sleep)
        messages.add(str(locked.value))
    assert len(messages) == 2  # one wrong-password message, one lockout message, for both


def test_unknown_user_answers_as_slowly_as_a_known_one(desk: Path) -> None:
    file = desk.parent / "reviewers.yaml"

    def timed(name: str) -> float:
        start = time.perf_counter()
        with pytest.raises(InvalidInputError):
            auth.authenticate(file, name=name, password="wrong-password")
        return time.perf_counter() - start

    pairs = [(timed("dana"), timed("nobody")) for _ in range(3)]  # interleaved: same load
    known = sorted(k for k, _ in pairs)[1]
    unknown = sorted(u for _, u in pairs)[1]
    assert unknown > 0.3 * known  # was 0 ms against 230 ms: both now pay one bcrypt check


def test_dashboard_login_is_throttled(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(desk))
    monkeypatch.setattr(throttle, "_SHARED", throttle.LoginThrottle(base_delay_s=0.01))
    at = AppTest.from_file(str(app_path()), default_timeout=30).run()
    at.text_input(key="login_name").input("dana")
    for _ in range(6):
        at.text_input(key="login_password").input("wrong-password")
        at.button(key="FormSubmitter:login-Log in").click().run()
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Log in").click().run()
    assert "too many failed log-ins" in at.error[0].value
    assert not at.sidebar.success  # not logged in


def test_no_reviewers_file_means_loopback_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.ENV_REVIEWERS, raising=False)
    db = tmp_path / "wb.db"
    Store.open(db).close()
    for address in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        with pytest.raises(InvalidInputError, match="without a reviewers file"):
            check_serving(db, address)
    for address in ("127.0.0.1", "::1", "localhost", "[::1]"):
        check_serving(db, address)
    result = CliRunner().invoke(cli, ["dashboard", "--db", str(db), "--address", "0.0.0.0"])
    assert result.exit_code == 1 and "refusing to serve on 0.0.0.0" in result.stderr
    auth.add_reviewer(tmp_path / "reviewers.yaml", name="dana", password=PASSWORD)
    check_serving(db, "0.0.0.0")  # with reviewers, a desk may serve its LAN


def test_upload_limit_equals_max_mb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cmd = command(str(tmp_path / "wb.db"), max_mb=3)
    assert cmd[cmd.index("--server.maxUploadSize") + 1] == "3"
    built: Built = build_store(tmp_path / "wb.db")
    monkeypatch.setenv("WORKBENCH_MAX_MB", "1")
    with Store.open(built.db) as store:
        report = pipeline.add_document(store, b"x" * (1024 * 1024 + 1), name="big.txt")
    assert report.errors and "larger than 1048576 bytes" in report.errors[0][1]
