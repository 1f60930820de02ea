"""Ingest throughput (issue goal: ingest + segmentation >= 2 MB/s on this 2-core machine).

Writes NTREX news documents (kk, ru, en) as page-like files with furniture (headline twice,
byline, counters, related block) in several formats and encodings, then times
`claims.ingest.ingest` alone and ingest followed by `claims.segment.extract_claims`.
MB are input bytes on disk.

    .venv/bin/python benchmarks/ingest_throughput.py [--repeat 8]

``--articles 4000`` instead times the application's path at scale (issue 11 item 5): a
directory of that many distinct kk/ru NTREX pages (plus the seed articles) ingested with
`workbench.pipeline.ingest_paths` into a fresh SQLite store (decode, claim extraction,
long-claim splitting, storing), then the same directory again (every article already
stored: the second run must finish in seconds).  Wall-clock MB/s depends on what else runs
(the load average is printed); CPU seconds of the main process and of the workers are printed
too, with the throughput an otherwise idle machine could reach at most (the larger of the main
process's CPU time and all CPU time over the cores).

    .venv/bin/python benchmarks/ingest_throughput.py --articles 4000
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NTREX = ROOT.parent / "shared" / "data" / "ntrex128_dev_kaz_rus_eng.json"
if not NTREX.exists():  # run from a git worktree
    NTREX = Path("/work/shared/data/ntrex128_dev_kaz_rus_eng.json")

from claims.ingest import ingest  # noqa: E402

LANGS = (("kaz", "kk"), ("rus", "ru"), ("eng", "en"))


def _page(lines: list[str], *, copy: int) -> str:
    title = lines[0]
    body = "\n\n".join(f"{line} ({copy})" for line in lines[1:])
    return (
        f"{title}\n{title}\nСаясат • 03 Қаңтар, 2024\n362\nоқылды\nФото: akorda.kz\n\n"
        f"{body}\n\nСоңғы жаңалықтар\nБасқа жаңалық\nДенсаулық • 05 Мамыр, 2024\n"
    )


def _html(lines: list[str], *, copy: int) -> str:
    paragraphs = "".join(f"<p>{html.escape(line)} ({copy})</p>" for line in lines[1:])
    return (
        "<html><head><meta charset='utf-8'><title>t</title>"
        "<meta property='og:site_name' content='Example.kz'></head><body>"
        "<nav><a href='/'>Home</a></nav><article>"
        f"<h1>{html.escape(lines[0])}</h1>{paragraphs}</article>"
        "<aside>Related</aside><footer>(c)</footer></body></html>"
    )


def write_corpus(root: Path, *, repeat: int) -> dict[str, Path]:
    """One folder per case: txt utf-8, txt cp1251 (ru), html, jsonl."""
    documents = json.loads(NTREX.read_text(encoding="utf-8"))["documents"]
    folders = {name: root / name for name in ("txt-utf8", "txt-cp1251-ru", "html", "jsonl")}
    for folder in folders.values():
        folder.mkdir()
    records: list[str] = []
    for copy in range(repeat):
        for number, document in enumerate(documents):
            for key, _ in LANGS:
                lines = [segment[key] for segment in document["segments"]]
                stem = f"{copy:02d}_{number:03d}_{key}"
                page = _page(lines, copy=copy)
                (folders["txt-utf8"] / f"{stem}.txt").write_text(page, encoding="utf-8")
                if key == "rus":
                    (folders["txt-cp1251-ru"] / f"{stem}.txt").write_bytes(
                        page.encode("cp1251", errors="replace")
                    )
                if copy < 2:
                    (folders["html"] / f"{stem}.html").write_text(
                        _html(lines, copy=copy), encoding="utf-8"
                    )
                records.append(json.dumps({"title": lines[0], "text": page}, ensure_ascii=False))
    (folders["jsonl"] / "feed.jsonl").write_text("\n".join(records), encoding="utf-8")
    return folders


def write_directory(root: Path, *, articles: int) -> Path:
    """``articles`` distinct UTF-8 pages (kk and ru NTREX documents, then the seeds)."""
    documents = json.loads(NTREX.read_text(encoding="utf-8"))["documents"]
    folder = root / "articles"
    folder.mkdir()
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("0*.txt"))]
    for seed_number, seed in enumerate(seeds[:articles]):
        (folder / f"seed_{seed_number}.txt").write_text(seed, encoding="utf-8")
    written, copy = len(seeds[:articles]), 0
    while written < articles:
        for number, document in enumerate(documents):
            for key in ("kaz", "rus"):
                if written >= articles:
                    break
                lines = [segment[key] for segment in document["segments"]]
                page = _page(lines, copy=copy)
                name = f"{copy:03d}_{number:03d}_{key}.txt"
                (folder / name).write_text(page, encoding="utf-8")
                written += 1
        copy += 1
    return folder


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its reaped children (the extraction workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _since(start: tuple[float, float]) -> tuple[float, float]:
    now = _cpu()
    return now[0] - start[0], now[1] - start[1]


def directory_case(*, articles: int, workers: int) -> None:
    """Ingest a directory twice through the app's pipeline; print MB/s and seconds."""
    from workbench.pipeline import ingest_paths
    from workbench.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = write_directory(Path(tmp), articles=articles)
        megabytes = _size(folder) / 1e6
        with Store.open(Path(tmp) / "store.db") as store:
            start, cpu = time.perf_counter(), _cpu()
            first = ingest_paths(store, [folder], workers=workers)
            first_s, (main_cpu, worker_cpu) = time.perf_counter() - start, _since(cpu)
            start, cpu = time.perf_counter(), _cpu()
            second = ingest_paths(store, [folder], workers=workers)
            second_s, second_cpu = time.perf_counter() - start, sum(_since(cpu))
        cores = workers or os.cpu_count() or 1
        first_cpu = main_cpu + worker_cpu
        # With the machine to itself, the run cannot be shorter than the main process's own
        # CPU time (reading, parsing, storing) nor than all CPU time spread over the cores.
        bound = max(main_cpu, first_cpu / (os.cpu_count() or 1))
        print(
            f"directory: {articles} files, {megabytes:.2f} MB UTF-8 "
            f"(ingest_paths, SQLite, workers={cores}, load average {os.getloadavg()[0]:.1f})"
        )
        print(
            f"first run : {first_s:6.2f} s  {megabytes / first_s:5.2f} MB/s  "
            f"(CPU {first_cpu:.2f} s = main {main_cpu:.2f} + workers {worker_cpu:.2f}: "
            f"{megabytes / first_cpu:.2f} MB per CPU-s; unloaded-machine bound "
            f"{megabytes / bound:.2f} MB/s)  "
            f"stored {len(first.stored)}  claims {first.claims}  errors {len(first.errors)}"
        )
        print(
            f"second run: {second_s:6.2f} s  {megabytes / second_s:5.2f} MB/s  "
            f"(CPU {second_cpu:.2f} s)  "
            f"already stored {len(second.duplicates)}  new {len(second.stored)}"
        )


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir())


def _time(run: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = run()
    return time.perf_counter() - start, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=8, help="copies of NTREX to write")
    parser.add_argument(
        "--articles", type=int, default=0, help="time ingest_paths on a directory of N articles"
    )
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (0: CPUs)")
    args = parser.parse_args()
    if args.articles:
        directory_case(articles=args.articles, workers=args.workers)
        return 0
    try:
        from claims.segment import extract_claims
    except ImportError:
        extract_claims = None  # type: ignore[assignment]

    with tempfile.TemporaryDirectory() as tmp:
        folders = write_corpus(Path(tmp), repeat=args.repeat)
        print(
            f"{'case':16} {'MB':>7} {'articles':>8} {'errors':>6} {'ingest MB/s':>12} "
            f"{'+segment MB/s':>14}"
        )
        for name, folder in folders.items():
            megabytes = _size(folder) / 1e6
            results = list(ingest([folder]))  # warm-up (imports, regex compilation)
            errors = sum(r.error is not None for r in results)

            def only_ingest(folder: Path = folder) -> int:
                return sum(r.article is not None for r in ingest([folder]))

            def with_segment(folder: Path = folder) -> int:
                count = 0
                for result in ingest([folder]):
                    if result.article is not None and extract_claims is not None:
                        article = result.article
                        extract_claims(
                            article.text, article_id=article.article_id, language=article.language
                        )
                        count += 1
                return count

            seconds, articles = _time(only_ingest)
            segment_rate = "n/a"
            if extract_claims is not None:
                seg_seconds, _ = _time(with_segment)
                segment_rate = f"{megabytes / seg_seconds:.2f}"
            print(
                f"{name:16} {megabytes:7.2f} {articles:8d} {errors:6d} "
                f"{megabytes / seconds:12.2f} {segment_rate:>14}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
