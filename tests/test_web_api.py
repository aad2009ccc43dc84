"""The web API over a store filled with hand-made records (no pipeline): every endpoint,
bad parameters (4xx with a message) and SQL-injection attempts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.records import Actor, ActorRef, Article, Event, ExtractedArticle, Place

TYPES = {  # type: (quad, intensity, cameo, goldstein)
    "CONSULT": (1, 2.5, "040", 1.0),
    "ACCUSE": (3, -3.0, "111", -2.0),
    "SANCTION": (4, -6.0, "163", -8.0),
    "AID": (2, 10.0, "070", 7.0),
}


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _event(text: str, eid: str, etype: str, actor: ActorRef, recipient: ActorRef, trigger: str,
           sentence: str, date: str, place: Place | None = None) -> Event:
    quad, intensity, cameo, goldstein = TYPES[etype]
    span = _span(text, sentence)
    return Event(
        id=eid, type=etype, mode=None, contexts=(), cameo=cameo, quad_class=quad, intensity=intensity,
        goldstein=goldstein, actor=(actor,), recipient=(recipient,), symmetric=False, status="asserted",
        sentence_index=0, span=span, trigger=trigger, trigger_span=_span(text, trigger), text=sentence,
        confidence=0.9, date=date, date_precision="day" if len(date) == 10 else "month", location=place,
    )


def _geneva() -> ExtractedArticle:
    text = ("Hillary Clinton met Sergei Lavrov in Geneva on Friday. "
            "Later, Washington criticised Moscow over its arms sales.")
    clinton = Actor("a1", "Hillary Clinton", "person", "USA", "GOV", None, (_span(text, "Hillary Clinton"),))
    lavrov = Actor("a2", "Sergei Lavrov", "person", "RUS", "GOV", None, (_span(text, "Sergei Lavrov"),))
    usa = Actor("a3", "United States", "country", "USA", "GOV", None, (_span(text, "Washington"),))
    rus = Actor("a4", "Russia", "country", "RUS", "GOV", None, (_span(text, "Moscow"),))
    geneva = Place("Geneva", "CHE", 46.2, 6.15, 2660646, "Geneva", _span(text, "Geneva"))
    events = (
        _event(text, "e1", "CONSULT", clinton.ref(), lavrov.ref(), "met",
               "Hillary Clinton met Sergei Lavrov in Geneva on Friday.", "2009-03-06", geneva),
        _event(text, "e2", "ACCUSE", usa.ref(), rus.ref(), "criticised",
               "Later, Washington criticised Moscow over its arms sales.", "2009-04"),
    )
    art = Article(text, "geneva-1", dt.date(2009, 3, 7), "Ministers meet in Geneva", "test", "javascript:alert(1)")
    return ExtractedArticle(art, (clinton, lavrov, usa, rus), events)


def _sanctions() -> ExtractedArticle:
    text = "The United States imposed sanctions on Russia. Japan sent aid to Ukraine in Kyiv."
    usa = Actor("a1", "United States", "country", "USA", "GOV", None, (_span(text, "The United States"),))
    rus = Actor("a2", "Russia", "country", "RUS", "GOV", None, (_span(text, "Russia"),))
    jpn = Actor("a3", "Japan", "country", "JPN", "GOV", None, (_span(text, "Japan"),))
    ukr = Actor("a4", "Ukraine", "country", "UKR", "GOV", None, (_span(text, "Ukraine"),))
    kyiv = Place("Kyiv", "UKR", 50.45, 30.52, 703448, "Kyiv", _span(text, "Kyiv"))
    events = (
        _event(text, "e1", "SANCTION", usa.ref(), rus.ref(), "imposed sanctions",
               "The United States imposed sanctions on Russia.", "2014-03-17"),
        _event(text, "e2", "AID", jpn.ref(), ukr.ref(), "sent", "Japan sent aid to Ukraine in Kyiv.",
               "2014-03-20", kyiv),
    )
    art = Article(text, "x'; DROP TABLE events; --", dt.date(2014, 3, 21), "Sanctions and aid", "test")
    return ExtractedArticle(art, (usa, rus, jpn, ukr), events)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from detente.store import open_store

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with open_store(path) as store:
        store.write([_geneva(), _sanctions()])
    return path


@pytest.fixture(scope="module")
def client(db: Path):
    import warnings

    with warnings.catch_warnings():
        # starlette asks for the `httpx2` fork in its test client; httpx works the same here
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from detente.web import create_app

    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


def test_overview_counts_and_vocabularies(client):
    body = client.get("/api/overview").json()
    assert (body["articles"], body["events"]) == (2, 4)
    assert body["first_date"] == "2009-03-06" and "SANCTION" in body["types"] and "negated" in body["statuses"]


def test_events_filters_and_highlights(client):
    body = client.get("/api/events", params={"actor": "Lavrov"}).json()
    assert body["total"] == 1
    ev = body["items"][0]
    assert (ev["type"], ev["date"], ev["location_name"]) == ("CONSULT", "2009-03-06", "Geneva")
    marked = {s["kind"]: s["text"] for s in ev["segments"] if s["kind"]}
    assert marked == {"actor": "Hillary Clinton", "recipient": "Sergei Lavrov", "trigger": "met", "place": "Geneva"}
    assert "".join(s["text"] for s in ev["segments"]) == ev["text"]
    assert [e["type"] for e in client.get("/api/events", params={"type": "aid"}).json()["items"]] == ["AID"]
    assert client.get("/api/events", params={"country": "jpn"}).json()["total"] == 1
    assert client.get("/api/events", params={"place": "Kyiv"}).json()["total"] == 1
    # a partial date stands for its whole period: until=2009 keeps April 2009
    assert client.get("/api/events", params={"until": "2009"}).json()["total"] == 2
    assert client.get("/api/events", params={"since": "2014-03-18"}).json()["total"] == 1
    assert client.get("/api/events", params={"status": "negated"}).json()["total"] == 0


def test_events_between_two_parties_and_paging(client):
    body = client.get("/api/events", params={"actor": "USA", "partner": "RUS"}).json()
    assert [e["type"] for e in body["items"]] == ["CONSULT", "ACCUSE", "SANCTION"]
    page = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert (page["total"], len(page["items"])) == (4, 2)


def test_dyads_country_and_person_level(client):
    rows = client.get("/api/dyads").json()
    usa_rus = next(r for r in rows if (r["a"], r["b"]) == ("RUS", "USA"))
    assert (usa_rus["events"], usa_rus["cooperative"], usa_rus["conflictual"]) == (3, 1, 2)
    assert usa_rus["net_cooperation"] == -1 and usa_rus["quad"] == [1, 0, 1, 1]
    assert usa_rus["trend"]["label"] in ("cooling", "stable", "warming", "insufficient data")
    people = client.get("/api/dyads", params={"level": "person"}).json()
    assert [(r["a"], r["b"]) for r in people] == [("Hillary Clinton", "Sergei Lavrov")]
    # filters narrow the graph
    only_2014 = client.get("/api/dyads", params={"since": "2014"}).json()
    assert {(r["a"], r["b"]) for r in only_2014} == {("RUS", "USA"), ("JPN", "UKR")}


def test_dyad_timeline_by_month(client):
    body = client.get("/api/dyad/USA/RUS/timeline", params={"by": "month"}).json()
    assert body["events"] == 3
    periods = {p["period"]: p for p in body["periods"]}
    assert periods["2009-03"]["verbal_cooperation"] == 1 and periods["2009-04"]["verbal_conflict"] == 1
    assert periods["2014-03"]["material_conflict"] == 1 and periods["2014-03"]["mean_intensity"] == -6.0
    assert len(body["periods"]) == 61  # every month from 2009-03 to 2014-03, empty ones included
    year = client.get("/api/dyad/Clinton/Lavrov/timeline", params={"by": "year"}).json()
    assert [(p["period"], p["events"]) for p in year["periods"]] == [("2009", 1)]


def test_actors_places_and_article(client):
    names = [a["name"] for a in client.get("/api/actors", params={"q": "lav"}).json()]
    assert names == ["Sergei Lavrov"]
    countries = {a["name"] for a in client.get("/api/actors", params={"level": "country"}).json()}
    assert countries == {"USA", "RUS", "JPN", "UKR"}
    places = {p["name"]: p for p in client.get("/api/places").json()}
    assert set(places) == {"Geneva", "Kyiv"} and places["Kyiv"]["cooperative"] == 1
    art = client.get("/api/articles/geneva-1").json()
    assert art["title"] == "Ministers meet in Geneva" and len(art["events"]) == 2
    assert [s["text"] for s in art["segments"] if s["kind"] == "trigger"] == ["met", "criticised"]
    by_hash = client.get(f"/api/articles/{art['content_hash']}").json()
    assert by_hash["id"] == "geneva-1"


@pytest.mark.parametrize("path, params, status, words", [
    ("/api/events", {"since": "2014-13-01"}, 400, "since"),
    ("/api/events", {"since": "yesterday"}, 400, "YYYY-MM-DD"),
    ("/api/events", {"since": "2015", "until": "2014"}, 400, "swap"),
    ("/api/events", {"type": "HUG"}, 400, "PLOVER"),
    ("/api/events", {"country": "U$A1"}, 400, "alpha-3"),
    ("/api/events", {"status": "maybe"}, 400, "asserted"),
    ("/api/events", {"limit": "0"}, 422, "limit"),
    ("/api/events", {"limit": "ten"}, 422, "limit"),
    ("/api/events", {"actor": "x" * 500}, 400, "at most"),
    ("/api/dyads", {"level": "galaxy"}, 422, "level"),
    ("/api/dyad/USA/RUS/timeline", {"by": "fortnight"}, 422, "by"),
    ("/api/actors", {"level": "planet"}, 422, "level"),
    ("/api/places", {"until": "2014-02-30"}, 400, "until"),
    ("/api/articles/no-such-article", {}, 404, "not in the store"),
])
def test_bad_parameters_answer_4xx_with_a_message(client, path, params, status, words):
    res = client.get(path, params=params)
    assert res.status_code == status
    assert words in str(res.json()["detail"])


@pytest.mark.parametrize("params", [
    {"actor": "' OR 1=1 --"},
    {"actor": "USA'; DROP TABLE events; --"},
    {"actor": "%"},
    {"place": "' OR ''='"},
    {"actor": "USA", "partner": "RUS') OR (1=1"},
])
def test_injection_attempts_match_nothing_and_leave_the_store_intact(client, params):
    before = client.app.state.store.counts()
    res = client.get("/api/events", params=params)
    assert res.status_code == 200 and res.json()["total"] == 0
    assert client.get("/api/dyads", params=params).status_code == 200
    assert client.app.state.store.counts() == before


def test_injection_in_type_and_paths_is_refused_or_inert(client):
    assert client.get("/api/events", params={"type": "AGREE;DROP TABLE events"}).status_code == 400
    assert client.get("/api/actors", params={"q": "' OR 1=1 --"}).json() == []
    res = client.get("/api/dyad/USA' OR 1=1 --/RUS/timeline")
    assert res.status_code == 200 and res.json()["events"] == 0
    # an article id that looks like SQL is just an id
    art = client.get("/api/articles/" + "x'; DROP TABLE events; --").json()
    assert art["title"] == "Sanctions and aid"
    assert client.get("/api/overview").json()["events"] == 4


def test_the_store_is_read_only_and_unchanged(client, db):
    store = client.app.state.store
    assert store.read_only
    import duckdb

    with pytest.raises(duckdb.Error):
        store.con.execute("DELETE FROM events")
    assert client.get("/api/overview").json()["events"] == 4


def test_page_openapi_and_static_files(client):
    page = client.get("/")
    # everything the page loads is served locally: no CDN, no absolute URL
    assert page.status_code == 200 and "/static/app.js" in page.text and "http" not in page.text
    schema = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/dyads", "/api/dyad/{a}/{b}/timeline", "/api/actors", "/api/places",
                 "/api/articles/{key}"):
        assert path in schema["paths"], path
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "actor", "country", "limit", "offset"} <= params
    assert client.get("/static/app.js").status_code == 200
    world = client.get("/static/vendor/world-atlas/countries-110m.json")
    assert world.status_code == 200 and world.json()["type"] == "Topology"


def test_missing_store_is_reported_before_serving(tmp_path):
    from detente.errors import StoreError
    from detente.web import create_app

    with pytest.raises(StoreError, match="detente ingest"):
        create_app(tmp_path / "absent.duckdb")


def test_serve_command_refuses_a_missing_store(run_cli, tmp_path):
    res = run_cli("serve", "--db", str(tmp_path / "absent.duckdb"))
    assert res.returncode == 2
    assert b"no such store" in res.stderr and b"Traceback" not in res.stderr


def test_loopback_detection():
    from detente.web.app import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
