"""End to end in headless Chromium: the dashboard served by ``workbench.dashboard.run``.

Builds a store from the seeds through the pipeline, adds a hostile article,
serves the dashboard on a free localhost port and drives it with Playwright
(Debian's /usr/bin/chromium, never a downloaded browser): two reviewers log in,
one records a verdict on the CSTO cluster, the editor signs it off, the claims
CSV is downloaded, and no content ever turns into a live element.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CSTO = "бірде-бір оқ атқан жоқ"
HOSTILE = (
    "Хабарлама. Министр бүгін <script>alert(1)</script> деп мәлімдеді. "
    "Сурет <img src=x onerror=alert(1)> жарияланды. Толығырақ [click](http://evil) сілтемесінде."
)
# One patience for every wait: a busy machine (load 10 on 2 cores) renders a rerun in
# tens of seconds; a control that never appears or never becomes enabled still fails.
WAIT = 90_000

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.timeout(900)]


@pytest.fixture(scope="module", autouse=True)
def _chromium_present() -> None:
    """A browser test that cannot start fails; it never skips silently."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Debian's chromium is missing at {CHROMIUM}: run `make browser` "
            "(apt-get install chromium); the end-to-end test cannot run without it"
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _build_store(db: Path) -> str:
    """Seeds + one hostile article, clustered; the id of the CSTO cluster."""
    from workbench import pipeline
    from workbench.store import Store

    with Store.open(db) as store:
        seeds = sorted((ROOT / "seeds").glob("*.txt"))
        report = pipeline.ingest_paths(store, seeds)
        assert len(report.stored) == len(seeds) == 2 and not report.errors, report
        hostile = pipeline.add_document(
            store,
            HOSTILE.encode("utf-8"),
            name="hostile.txt",
            source="evil.example",
            title="Hostile <b>title</b>",
        )
        assert hostile.stored, hostile
        pipeline.run_clustering(store)
        claim = next(c for c in store.claims() if CSTO in c.text.casefold())
        return store.cluster_of(claim.claim_id)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    from workbench import auth
    from workbench.dashboard import command

    folder = tmp_path_factory.mktemp("e2e")
    db = folder / "workbench.db"
    cluster = _build_store(db)
    auth.add_reviewer(folder / "reviewers.yaml", name="aigerim", password="reviewer-pass")
    auth.add_reviewer(
        folder / "reviewers.yaml", name="erlan", password="editor-pass", role="editor"
    )
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != auth.ENV_REVIEWERS}
    env["WORKBENCH_DB"] = str(db)
    log = (folder / "streamlit.log").open("wb")
    proc = subprocess.Popen(command(str(db), port=port), env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "streamlit.log").read_text(errors="replace"))
            time.sleep(0.3)
        yield url, cluster, folder
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _press(target: object) -> None:
    """Click a control once it is visible and enabled (waiting up to WAIT, then failing)."""
    from playwright.sync_api import Locator, expect

    assert isinstance(target, Locator)
    expect(target).to_be_visible(timeout=WAIT)
    expect(target).to_be_enabled(timeout=WAIT)
    target.click(timeout=WAIT)


def _pick_many(page: object, label: str, value: str, *, then: str) -> None:
    """Choose ``value`` in the multiselect ``label`` until the button ``then`` is enabled.

    A click on an option while the app is still re-running (a busy machine) can be lost
    with the list re-drawn; the choice is tried again, up to three times, and the button
    must be enabled in the end (else the test fails here)."""
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    button = page.get_by_role("button", name=then, exact=True)
    for _attempt in range(3):
        _press(page.get_by_role("combobox", name=label))
        page.keyboard.type(value)
        options = page.get_by_role("option").filter(has_text=value)
        if options.count():
            options.first.click(timeout=WAIT)
        page.keyboard.press("Escape")
        try:
            expect(button).to_be_enabled(timeout=15_000)
            return
        except AssertionError:
            continue
    expect(button).to_be_enabled(timeout=WAIT)


def _patient(page: object) -> None:
    """``page`` with every action and assertion waiting up to WAIT by default."""
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.set_default_timeout(WAIT)
    expect.set_options(timeout=WAIT)


def _login(page: object, name: str, password: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    expect(page.get_by_label("Name", exact=True)).to_be_visible(timeout=WAIT)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    _press(page.get_by_role("button", name="Log in"))
    expect(page.get_by_text(f"Logged in as {name}")).to_be_visible(timeout=WAIT)


def _open_cluster(page: object, cluster: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    _press(page.get_by_role("link", name="Review queue"))
    search = page.get_by_label("Search claims, speakers or cluster ids")
    expect(search).to_be_visible(timeout=WAIT)
    search.fill(CSTO)
    search.press("Enter")
    expect(page.get_by_text("1 of ", exact=False)).to_be_visible(timeout=WAIT)
    _press(page.get_by_role("button", name="Open the cluster"))
    expect(page.get_by_text("Aligned claims")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(cluster).first).to_be_visible(timeout=WAIT)


def _choose(page: object, label: str, option: str) -> None:
    """Pick ``option`` (substring) in the st.selectbox labelled ``label``."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    box = page.get_by_role("combobox", name=label, exact=True)
    choice = page.get_by_role("option").filter(has_text=option).first
    for _ in range(5):
        box.scroll_into_view_if_needed()
        box.click()
        try:
            choice.wait_for(state="visible", timeout=3000)
            break
        except Exception:
            box.press("ArrowDown")
            try:
                choice.wait_for(state="visible", timeout=2000)
                break
            except Exception:
                page.keyboard.press("Escape")
    choice.click()


def test_review_signoff_download_and_no_live_content(served: tuple[str, str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, cluster, folder = served
    ARTIFACTS.mkdir(exist_ok=True)
    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            _patient(page)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(url)
            _login(page, "aigerim", "reviewer-pass")
            expect(page.get_by_text("Claims per source")).to_be_visible(timeout=WAIT)
            chart = page.locator(
                '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
            )
            expect(chart.first).to_be_visible(timeout=WAIT)
            page.wait_for_timeout(1000)  # let the charts finish drawing
            page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

            _open_cluster(page, cluster)
            page.wait_for_timeout(1000)  # let the heatmap draw
            page.screenshot(path=str(ARTIFACTS / "cluster.png"), full_page=True)
            expect(page.get_by_text("Legend: highlight colours and link relations")).to_be_visible()
            assert page.locator("table td span[title]").count() > 0  # relation chips
            expect(page.get_by_text("Only editors sign off.")).to_be_visible()
            _choose(page, "Verdict", "consistent")
            page.get_by_label("Note").fill("kk and ru agree: no shots were fired")
            _press(page.get_by_role("button", name="Save as aigerim"))
            expect(page.get_by_text("Verdict “consistent” saved.")).to_be_visible(timeout=WAIT)
            page.screenshot(path=str(ARTIFACTS / "cluster_saved.png"), full_page=True)

            _press(page.get_by_role("button", name="Log out"))
            _login(page, "erlan", "editor-pass")
            _open_cluster(page, cluster)
            _press(page.get_by_role("button", name="Sign off"))
            expect(page.get_by_text("Signed off.")).to_be_visible(timeout=WAIT)

            _press(page.get_by_role("link", name="Claims"))
            expect(page.get_by_role("button", name="Download CSV")).to_be_visible(timeout=WAIT)
            with page.expect_download() as download:
                _press(page.get_by_role("button", name="Download CSV"))
            saved = ARTIFACTS / "claims.csv"
            download.value.save_as(saved)
            csv_text = saved.read_text(encoding="utf-8-sig")
            assert CSTO in csv_text.casefold() and "consistent" in csv_text

            _press(page.get_by_role("link", name="Articles"))
            _choose(page, "Article", "evil.example")
            expect(page.get_by_text("<script>alert(1)</script>").first).to_be_visible(timeout=WAIT)
            page.wait_for_timeout(500)
            assert page.locator('img[src="x"]').count() == 0
            assert page.locator('a[href="http://evil"]').count() == 0
            assert page.locator("script:text('alert(1)')").count() == 0
            page.screenshot(path=str(ARTIFACTS / "article_hostile.png"), full_page=True)
        finally:
            browser.close()
    assert dialogs == [], f"content opened a dialog: {dialogs}"
    from workbench.store import Store

    with Store.open(folder / "workbench.db") as store:
        state = store.cluster(cluster)
    assert (state.verdict, state.reviewer, state.signed_off_by) == (
        "consistent",
        "aigerim",
        "erlan",
    )


UPLOAD = (
    "Шұғыл хабар. Үкімет жаңа жол салуға 40 миллиард теңге бөлді деп хабарлады. "
    "Жұмыс 2026 жылы басталады."
)


def _shot(page: object, name: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _signed_off(db: Path, cluster: str) -> None:
    from workbench import review
    from workbench.store import Store

    with Store.open(db) as store:
        if not store.cluster(cluster).locked:
            review.record_verdict(store, cluster, verdict="consistent", reviewer="aigerim")
            review.sign_off(store, cluster, reviewer="erlan")


def _two_unlocked(db: Path, avoid: str) -> tuple[str, str, set[str]]:
    from workbench.store import Store

    with Store.open(db) as store:
        free = [s for s in store.clusters() if not s.locked and s.cluster_id != avoid]
        a, b = free[0], free[-1]
        return a.cluster_id, b.cluster_id, {*a.claim_ids, *b.claim_ids}


def _holder(db: Path, claim_ids: set[str]) -> set[str]:
    from workbench.store import Store

    with Store.open(db) as store:
        return {store.cluster_of(c) for c in claim_ids}


def test_desk_day_sessions_merge_undo_exports(served: tuple[str, str, Path]) -> None:
    import json

    from playwright.sync_api import expect, sync_playwright
    from pyld import jsonld

    url, cluster, folder = served
    db = folder / "workbench.db"
    ARTIFACTS.mkdir(exist_ok=True)
    _signed_off(db, cluster)  # as the other test leaves it, when run alone
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            # a shared link before login: the login form, then the cluster itself
            page = browser.new_context(
                viewport={"width": 1440, "height": 900}, accept_downloads=True
            ).new_page()
            _patient(page)
            page.goto(f"{url}/cluster?cluster={cluster}")
            expect(page.get_by_text("Log in to open cluster")).to_be_visible(timeout=WAIT)
            _shot(page, "login")
            _login(page, "erlan", "editor-pass")
            expect(page.get_by_text("Aligned claims", exact=True)).to_be_visible(timeout=WAIT)
            expect(page.get_by_text(cluster).first).to_be_visible(timeout=WAIT)
            # a reload keeps the login (signed session cookie) and the cluster
            page.wait_for_function("document.cookie.includes('workbench_session=')")
            page.reload()
            expect(page.get_by_text("Logged in as erlan")).to_be_visible(timeout=WAIT)
            expect(page.get_by_text("Aligned claims", exact=True)).to_be_visible(timeout=WAIT)
            assert page.get_by_label("Password", exact=True).count() == 0

            # merge two clusters by picking, confirm
            a, b, members = _two_unlocked(db, cluster)
            page.goto(f"{url}/cluster?cluster={a}")
            expect(page.get_by_text("Aligned claims", exact=True)).to_be_visible(timeout=WAIT)
            _press(page.get_by_text("Reorganise: move a claim, split, merge"))
            find = page.get_by_label("Find other clusters", exact=False)
            find.fill(b)
            find.press("Enter")
            expect(page.get_by_text("1 cluster offered below.")).to_be_visible(timeout=WAIT)
            _pick_many(page, "Merge with", b, then="Merge")
            _press(page.get_by_role("button", name="Merge", exact=True))
            _press(page.get_by_role("button", name="Confirm"))
            expect(page.get_by_text("Merged (undo in History)")).to_be_visible(timeout=WAIT)
            assert len(_holder(db, members)) == 1
            _shot(page, "cluster_merged")

            # an upload (metadata asked, prefilled) and "Cluster now" keep the merge
            _press(page.get_by_role("link", name="Sources"))
            upload = folder / "upload.txt"
            upload.write_text(UPLOAD, encoding="utf-8")
            page.locator('input[type="file"]').set_input_files(str(upload))
            expect(page.get_by_text("Check what was detected")).to_be_visible(timeout=WAIT)
            form = page.locator('[data-testid="stForm"]').filter(has_text="Add files")
            source = form.get_by_role("textbox", name="Source", exact=True)
            expect(source).to_have_value("upload", timeout=WAIT)  # prefilled: what was detected
            source.fill("upload.kz")
            _press(form.get_by_role("button", name="Add files"))
            expect(page.get_by_text("Added 1 article")).to_be_visible(timeout=WAIT)
            _shot(page, "sources")
            _press(page.get_by_role("button", name="Cluster now"))
            expect(page.get_by_text("newly embedded")).to_be_visible(timeout=120_000)
            assert len(_holder(db, members)) == 1, "the merge must survive re-clustering"

            # undo restores both clusters
            merged = next(iter(_holder(db, members)))
            page.goto(f"{url}/cluster?cluster={merged}")
            expect(page.get_by_text("Aligned claims", exact=True)).to_be_visible(timeout=WAIT)
            _press(page.get_by_role("button", name="Undo #"))
            _press(page.get_by_role("button", name="Confirm"))
            expect(page.get_by_text("Undone")).to_be_visible(timeout=WAIT)
            assert _holder(db, members) == {a, b}

            # every page, screenshotted; the queue finds ОДКБ and CSTO alike
            for name, marker in (
                ("Overview", "Claims per source"),
                ("Review queue", "Next cluster to review"),
                ("My open items", "Awaiting sign-off"),
                ("Articles", "Claims in this article"),
                ("Claims", "Download CSV"),
                ("Audit", "Verify the chain"),
            ):
                _press(page.get_by_role("link", name=name))
                expect(page.get_by_text(marker).first).to_be_visible(timeout=WAIT)
                _shot(page, name.lower().replace(" ", "_"))

            # the ClaimReview download parses as JSON-LD with the documented rating
            _press(page.get_by_role("link", name="Export"))
            button = page.get_by_role("button", name="ClaimReview JSON-LD")
            expect(button).to_be_visible(timeout=WAIT)
            _shot(page, "export")
            with page.expect_download() as download:
                _press(button)
            saved = ARTIFACTS / "claimreview.jsonld"
            download.value.save_as(saved)
            reviews = json.loads(saved.read_text(encoding="utf-8"))
            doc = next(r for r in reviews if r["identifier"] == cluster)
            assert doc["reviewRating"]["alternateName"] == "consistent"
            assert doc["reviewRating"]["ratingValue"] == 3
            assert doc["author"]["name"] == "aigerim" and doc["editor"]["name"] == "erlan"
            assert doc["url"] == f"{url}/cluster?cluster={cluster}"
            loader = {"documentLoader": _schema_loader}
            expanded = jsonld.expand(reviews, loader)
            assert expanded[0]["@type"] == ["https://schema.org/ClaimReview"]

            # logging out ends the session for good: a reload asks to log in again
            _press(page.get_by_role("button", name="Log out"))
            expect(page.get_by_label("Name", exact=True)).to_be_visible(timeout=WAIT)
            page.reload()
            expect(page.get_by_label("Password", exact=True)).to_be_visible(timeout=WAIT)
        finally:
            browser.close()


def _schema_loader(url: str, options: object = None) -> dict[str, object]:
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": "https://schema.org/"}},
    }


def test_an_unsaved_note_survives_a_reload_and_a_new_tab(served: tuple[str, str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    from workbench import store_drafts
    from workbench.store import Store

    url, cluster, folder = served
    db = folder / "workbench.db"
    target, _other, _members = _two_unlocked(db, cluster)
    note = "ru says 2500, kk says 2030: check the ministry's release"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            _patient(page)
            page.goto(f"{url}/cluster?cluster={target}")
            _login(page, "aigerim", "reviewer-pass")
            expect(page.get_by_text("Aligned claims", exact=True)).to_be_visible(timeout=WAIT)
            _choose(page, "Verdict", "partial")
            box = page.get_by_label("Note")
            box.fill(note)
            box.press("Tab")  # leaving the field hands the text to the server
            expect(page.get_by_text("Draft kept at")).to_be_visible(timeout=WAIT)

            page.reload()  # the login and the draft both survive
            expect(page.get_by_text("Draft restored")).to_be_visible(timeout=WAIT)
            expect(page.get_by_label("Note")).to_have_value(note, timeout=WAIT)
            _shot(page, "cluster_draft_restored")

            other = context.new_page()  # a second tab of the same person
            _patient(other)
            other.goto(f"{url}/cluster?cluster={target}")
            expect(other.get_by_text("Draft restored")).to_be_visible(timeout=WAIT)
            expect(other.get_by_label("Note")).to_have_value(note, timeout=WAIT)
            _press(other.get_by_role("button", name="Save as aigerim"))
            expect(other.get_by_text("Verdict “partial” saved.")).to_be_visible(timeout=WAIT)
        finally:
            browser.close()
    with Store.open(db) as store:
        state = store.cluster(target)
        assert (state.verdict, state.note, state.reviewer) == ("partial", note, "aigerim")
        assert store_drafts.load_draft(store, reviewer="aigerim", cluster_id=target) is None
