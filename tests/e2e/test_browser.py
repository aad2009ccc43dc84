"""End to end in a real browser: ingest the sample corpus, serve it, drive Debian's headless
chromium with Playwright's Python client, pick the USA–RUS dyad and check what renders."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent: install Debian's chromium (apt-get install chromium) "
                "to run the browser test", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the browser test needs `pip install playwright` "
                               "(the Python client only; it drives Debian's chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from detente.ingest import ingest

    db = tmp_path_factory.mktemp("e2e") / "samples.duckdb"
    report = ingest([str(REPO / "samples" / "articles.jsonl")], db=db, workers=1)
    assert report.added == report.seen > 0 and report.failed == 0
    return db


@pytest.fixture(scope="module")
def server(store: Path):
    import uvicorn

    from detente.web import create_app

    port = _free_port()
    app = create_app(store)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            # the server's Content-Security-Policy must not block anything the page does
            tab.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
            tab.goto(server[0] + "/")
            tab.wait_for_selector("body[data-ready='1']", timeout=20_000)
            yield tab
            assert errors == [], f"JavaScript errors on the page: {errors}"
        finally:
            browser.close()


def _api(base: str, path: str, **params: str):
    import json
    import urllib.parse
    import urllib.request

    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as res:  # noqa: S310 - our own local server
        return json.load(res)


def _check_dyad_rendered(page, base: str) -> None:
    page.wait_for_selector("#timeline .bar")
    title = page.inner_text("#timeline-title")
    assert "RUS" in title and "USA" in title
    timeline = _api(base, "/api/dyad/USA/RUS/timeline", by="month")
    drawn = sum(int(g.get_attribute("data-events")) for g in page.query_selector_all("#timeline g.period"))
    assert drawn == timeline["events"] - timeline["undated"] > 0
    expected = _api(base, "/api/events", actor="USA", partner="RUS", limit="50")
    page.wait_for_function("n => document.querySelectorAll('#events li.event').length === n", arg=len(expected["items"]))
    shown = [li.inner_text() for li in page.query_selector_all("#events li.event")]
    for item, text in zip(expected["items"], shown):
        assert item["type"] in text and item["trigger"] in text
    # the trigger of every listed event is highlighted in its sentence
    assert len(page.query_selector_all("#events li.event mark.trigger")) == len(shown)


def test_click_an_edge_shows_the_dyad(page, server, tmp_path):
    base = server[0]
    assert page.query_selector_all("#graph .edge"), "the graph drew no edge"
    assert page.query_selector_all("#map path.land") and page.query_selector_all("#map circle.point")
    page.click("#graph .edge-hit[data-a='RUS'][data-b='USA']")
    _check_dyad_rendered(page, base)
    page.wait_for_timeout(200)
    shot = tmp_path / "serve.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("DETENTE_SCREENSHOT"):  # a developer refreshing docs/img/serve.png
        shutil.copy(shot, os.environ["DETENTE_SCREENSHOT"])
    # the article link opens the article with the event's trigger marked
    page.click("#events li.event a.ev-article")
    page.wait_for_selector("dialog#article[open] #article-text mark.trigger")
    assert page.inner_text("#article-title")


def test_search_box_and_filters(page, server):
    page.fill("#dyad-q", "USA RUS")
    page.click("#dyad-search button[type='submit']")
    _check_dyad_rendered(page, server[0])
    # a type filter narrows the event list to that type
    page.click("#dyad-clear")
    page.select_option("#f-type", "CONSULT")
    page.click("#filters button[type='submit']")
    page.wait_for_function("() => [...document.querySelectorAll('#events li.event')].every(li => li.dataset.type === 'CONSULT')")
    assert page.query_selector_all("#events li.event")
    # a bad date shows the API's message instead of failing silently
    page.fill("#f-since", "2014-13-45")
    page.click("#filters button[type='submit']")
    page.wait_for_selector("#error:not([hidden])")
    assert "YYYY-MM-DD" in page.inner_text("#error")
