"""Stage 1 behaviour on bad input: one clear error line per bad file, never a crash."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claims.assemble as assemble_module
import claims.ingest as ingest_module
from claims.ingest import (
    MAX_BYTES,
    ingest,
    parse_records,
    strip_markdown,
)
from tests.claims.ingest_results import EN, one_error

# --- bad input ----------------------------------------------------------------------


def test_missing_path() -> None:
    assert "no such file or directory" in one_error("/nonexistent/file.txt")


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    assert one_error(empty) == f"{empty}: empty file"
    assert "whitespace only" in one_error(blank)


def test_only_furniture_is_anone_error(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("362\nоқылды\nФото: akorda.kz\n", encoding="utf-8")
    assert "no article text left" in one_error(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG image"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF document"),
        (b"hello\x00world\x00" * 5 + bytes(range(1, 200)), "NUL bytes"),
        (bytes(range(1, 9)) * 50, "control characters"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    message = one_error(path)
    assert message.startswith(str(path))
    assert expected in message


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(128, 256)) * 8)
    assert "cannot decode" in one_error(path)


def test_oversized_checked_by_stat_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Headline\n" + EN * 20, encoding="utf-8")

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("file was opened")

    monkeypatch.setattr(ingest_module, "open", no_open, raising=False)
    message = one_error(path, max_bytes=100)
    assert "too large" in message and str(path) in message
    assert MAX_BYTES == 20 * 1024 * 1024


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(f"Headline\n{EN}", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ingest_module, "open", denied, raising=False)
    assert one_error(path) == f"{path}: permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_unreadable_file_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(f"Headline\n{EN}", encoding="utf-8")
    path.chmod(0)
    assert one_error(path) == f"{path}: permission denied"


def test_unsupported_extension_explicit_vs_in_directory(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    (tmp_path / "story.txt").write_text(f"Headline\n{EN}", encoding="utf-8")
    assert "unsupported file type .pdf" in one_error(pdf)
    assert [Path(r.path).name for r in ingest([tmp_path])] == ["story.txt"]
    sidecar = tmp_path / "story.txt.meta.json"
    sidecar.write_text("{}", encoding="utf-8")
    assert "metadata sidecar" in one_error(sidecar)


def test_symlink_loop_and_revisited_directory(tmp_path: Path) -> None:
    root = tmp_path / "root"
    sub = root / "sub"
    sub.mkdir(parents=True)
    (sub / "story.txt").write_text(f"Headline\n{EN}", encoding="utf-8")
    (root / "loop_a").symlink_to(root / "loop_b")
    (root / "loop_b").symlink_to(root / "loop_a")
    (sub / "back").symlink_to(root)  # points at a directory already being visited
    (sub / "gone.txt").symlink_to(tmp_path / "missing.txt")
    results = list(ingest([root]))
    articles = [r for r in results if r.article]
    errors = sorted(str(r.error) for r in results if r.error)
    assert len(articles) == 1
    assert len(errors) == 4
    assert sum("broken symlink" in e for e in errors) == 1
    assert sum("symlink loop" in e for e in errors) == 2
    assert sum("already visited" in e for e in errors) == 1


def test_results_are_deterministic(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c/d.txt", "c/a.txt"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"Headline {name}\n{EN} {name}", encoding="utf-8")
    names = [Path(r.path).relative_to(tmp_path).as_posix() for r in ingest([tmp_path])]
    assert names == ["a.md", "b.txt", "c/a.txt", "c/d.txt"]
    assert names == [Path(r.path).relative_to(tmp_path).as_posix() for r in ingest([tmp_path])]


def test_ingest_never_raises_on_mixed_bad_input(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(f"Headline\n{EN}", encoding="utf-8")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "bad.json").write_text("[", encoding="utf-8")
    (tmp_path / "img.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    results = list(ingest([tmp_path, tmp_path / "nope.txt"]))
    assert sum(r.article is not None for r in results) == 1
    assert sum(r.error is not None for r in results) == 4


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        st.text(max_size=200).map(lambda t: t.encode("utf-16")),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ""]),
)
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    results = parse_records(data, name=f"upload{suffix}")
    assert results
    for result in results:
        assert (result.article is None) != (result.error is None)
        if result.error is not None:
            assert "\n" not in result.error and result.error.startswith("upload")
        else:
            assert result.article is not None and result.article.text.strip()


def test_deeply_nested_json_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested too deeply" in one_error(path)


def test_unexpected_failure_becomes_error_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Headline\n{EN}", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("unexpected\nfailure")

    monkeypatch.setattr(assemble_module, "strip_furniture", boom)
    assert one_error(path) == f"{path}: could not be ingested (ValueError: unexpected failure)"


@pytest.mark.parametrize(
    "text", ["**a " * 5000, "[a" * 5000 + "](" * 3000, "~~a " * 5000, "_a " * 5000]
)
def test_unbalanced_markdown_is_linear(text: str) -> None:
    start = time.perf_counter()
    strip_markdown(text)
    assert time.perf_counter() - start < 0.5


def test_non_article_json_skipped_in_directory_but_error_when_named(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(f"Headline\n{EN}", encoding="utf-8")
    fixture = tmp_path / "expected.json"
    fixture.write_text(json.dumps({"description": "fixture", "claims": []}), encoding="utf-8")
    assert [Path(r.path).name for r in ingest([tmp_path])] == ["story.txt"]
    assert "not article records" in one_error(fixture)
    record_without_text = tmp_path / "broken.json"
    record_without_text.write_text(json.dumps({"title": "No body"}), encoding="utf-8")
    results = [r for r in ingest([tmp_path]) if r.path.endswith("broken.json")]
    assert len(results) == 1 and "no 'text' field" in str(results[0].error)
