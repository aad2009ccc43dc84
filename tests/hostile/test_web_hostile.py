"""Hostile requests to `detente serve`: DNS rebinding Host headers, dates past year 9999,
huge query strings, HEAD, and the headers that keep other pages from using the page."""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import threading
import time
import warnings

import pytest

from detente.records import Actor, Article, Event, ExtractedArticle
from detente.web.security import MAX_QUERY, UVICORN_OPTIONS, allowed_hosts


def _article() -> ExtractedArticle:
    text = "Chile recalled its ambassador to Peru."
    chile = Actor("a1", "Chile", "country", "CHL", "GOV", None, ((0, 5),))
    peru = Actor("a2", "Peru", "country", "PER", "GOV", None, ((33, 37),))
    event = Event(id="e1", type="SANCTION", mode=None, contexts=(), cameo="161", quad_class=4, intensity=-6.0,
                  goldstein=-4.0, actor=(chile.ref(),), recipient=(peru.ref(),), symmetric=False, status="asserted",
                  sentence_index=0, span=(0, len(text)), trigger="recalled", trigger_span=(6, 14), text=text,
                  confidence=0.9, date="2019-05-02", date_precision="day")
    return ExtractedArticle(Article(text, "c1", dt.date(2019, 5, 2), "Recall", "test"), (chile, peru), (event,))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from detente.store import open_store

    path = tmp_path_factory.mktemp("hostile-web") / "web.duckdb"
    with open_store(path) as store:
        store.write([_article()])
    return path


@pytest.fixture(scope="module")
def client(db):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient
    from detente.web import create_app

    with TestClient(create_app(db, hosts=allowed_hosts("127.0.0.1")), base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.mark.parametrize("path", ["/api/events", "/api/dyads", "/api/places"])
@pytest.mark.parametrize("until", ["9999-12", "9999", "9999-12-31"])
def test_the_last_dates_there_are_are_accepted(client, path, until):
    response = client.get(path, params={"until": until})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("value", ["0000-01", "2014-13", "2014-02-30", "10000", "99999-01"])
def test_impossible_dates_are_400_with_the_parameter_named(client, value):
    response = client.get("/api/events", params={"since": value})
    assert response.status_code == 400
    assert "since=" in response.json()["detail"]


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.nip.io", ""])
def test_requests_for_other_host_names_are_refused(client, host):
    response = client.get("/api/events", headers={"host": host})
    assert response.status_code == 400
    assert "Chile" not in response.text and "--allow-host" in response.json()["detail"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "localhost."])
def test_loopback_host_names_are_answered(client, host):
    assert client.get("/api/overview", headers={"host": host}).status_code == 200


def test_create_app_checks_the_host_by_default(db):
    """An app made by other code (not `serve`) still refuses a rebinding page's Host."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient
    from detente.web import create_app

    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as plain:
        assert plain.get("/api/overview").status_code == 200
        refused = plain.get("/api/events", headers={"host": "rebind.attacker.example"})
        assert refused.status_code == 400 and "Chile" not in refused.text
        assert refused.headers["x-content-type-options"] == "nosniff"


def test_allowed_hosts_of_a_named_or_wildcard_bind():
    assert "news.lan" in allowed_hosts("127.0.0.1", ["news.lan:8000"])
    assert "192.168.1.5" in allowed_hosts("192.168.1.5")
    assert socket.gethostname().lower() in allowed_hosts("0.0.0.0")
    assert "attacker.example" not in allowed_hosts("0.0.0.0")


def test_security_headers_on_page_api_and_errors(client):
    for response in (client.get("/"), client.get("/api/overview"), client.get("/api/events?since=x"),
                     client.get("/static/app.js")):
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_head_of_the_page_and_the_api(client):
    for path in ("/", "/api/overview"):
        response = client.head(path)
        assert response.status_code == 200 and response.content == b""
        assert response.headers["content-type"].startswith(("text/html", "application/json"))


def test_long_query_is_414_in_the_app(client):
    response = client.get("/api/events", params={"actor": "x" * (MAX_QUERY + 10)})
    assert response.status_code == 414


def test_openapi_documents_400_404_and_formats(client):
    schema = client.get("/openapi.json").json()
    events = schema["paths"]["/api/events"]["get"]
    assert {"400", "414", "422"} <= set(events["responses"])
    assert "404" in schema["paths"]["/api/articles/{key}"]["get"]["responses"]
    params = {p["name"]: p["schema"] for p in events["parameters"]}
    assert "pattern" in str(params["since"]) and "pattern" in str(params["country"])


def test_a_real_server_answers_a_100_kb_query_with_414(db):
    """Through uvicorn's HTTP parser: before, the connection was reset."""
    import uvicorn

    from detente.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db, hosts=allowed_hosts("127.0.0.1"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **UVICORN_OPTIONS))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/api/events?actor=" + "x" * 100_000)
        assert conn.getresponse().status == 414
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/api/overview", headers={"Host": "rebound.attacker.example"})
        assert conn.getresponse().status == 400
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("HEAD", "/")
        assert conn.getresponse().status == 200
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.mark.slow
def test_schemathesis_finds_no_failure(db, tmp_path):
    """schemathesis with --checks all against the served OpenAPI schema: every
    response matches its documented status and schema, schema-valid requests are
    answered and schema-violating ones refused."""
    import os
    import shutil
    import subprocess

    import uvicorn

    from detente.web import create_app

    # the venv's scripts first: `make test` runs .venv/bin/python without activating it
    import sys
    from pathlib import Path as _Path

    here = str(_Path(sys.executable).parent)
    st = shutil.which("schemathesis", path=here) or shutil.which("schemathesis") or shutil.which("st")
    if st is None:
        pytest.skip("schemathesis is not installed (pip install -e '.[dev]')")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db, hosts=allowed_hosts("127.0.0.1"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", **UVICORN_OPTIONS))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    here = os.path.dirname(__file__)
    env = dict(os.environ, SCHEMATHESIS_HOOKS="schemathesis_hooks",
               PYTHONPATH=os.pathsep.join([here, os.environ.get("PYTHONPATH", "")]))
    try:
        proc = subprocess.run(
            [st, "run", f"http://127.0.0.1:{port}/openapi.json", "--checks", "all", "--max-examples", "12",
             "--seed", "19", "--no-color"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
