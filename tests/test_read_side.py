"""One read side: the CLI (`summary`, `dyad`), detente.analytics and the web API count the
same dyads, on a store written from hand-made records (no pipeline)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente import analytics as an
from detente.cli import build_app
from detente.store import open_store
from detente.store.filters import EventFilter

from store_fixtures import GEO, RUS, USA, article, event


def _articles():
    # Clinton (USA) and Lavrov (RUS) met: joint actors, no recipient -> a USA-RUS dyad
    met = dataclasses.replace(event("e1", "CONSULT", USA, RUS, "2009-03-06"), actor=(USA, RUS), recipient=())
    # both condemned Georgia: co-actors of an event with a recipient are no USA-RUS dyad
    condemned = dataclasses.replace(event("e2", "ACCUSE", USA, GEO, "2009-03-06"), actor=(USA, RUS))
    accused = event("e1", "ACCUSE", USA, RUS, "2009-05-19")
    promised = event("e2", "AGREE", RUS, USA, "2009-05-19", status="future")  # did not happen
    attacked = event("e1", "ASSAULT", RUS, GEO, "2009-07-01")
    helped = event("e2", "AID", USA, GEO, "2009-07-01")
    signed = event("e1", "AGREE", USA, RUS, "2009-09-09", symmetric=True)
    return [
        article("x1", "2009-03-07", (met, condemned)),
        article("x2", "2009-05-20", (accused, promised)),
        article("x3", "2009-07-02", (attacked, helped)),
        article("x4", "2009-09-10", (signed,)),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readside") / "r.duckdb"
    with open_store(path) as store:
        store.write(_articles())
    return path


@pytest.fixture(scope="module")
def client(db: Path):
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient
    from detente.web import create_app

    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


def _cli(*args: str) -> str:
    res = CliRunner().invoke(build_app(), list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def _summary_tables(text: str) -> dict[str, dict[tuple[str, str], tuple[int, int, int, int]]]:
    """`detente summary`'s tables: {kind: {(a, b): (events, coop, conflict, net)}}."""
    tables: dict[str, dict[tuple[str, str], tuple[int, int, int, int]]] = {}
    kind = ""
    for line in text.splitlines():
        title = re.search(r"Top (country|person) dyads", line)
        if title:
            kind = title.group(1)
            tables[kind] = {}
        row = re.match(r"│ (.+?) - (.+?) +│ +(\d+) │ +(\d+) │ +(\d+) │ +([+-]\d+) │", line)
        if row and kind:
            a, b, *counts = row.groups()
            tables[kind][(a, b)] = tuple(int(c) for c in counts)  # type: ignore[assignment]
    return tables


def _counts(d) -> tuple[int, int, int, int]:
    return (d.events, d.cooperative, d.conflictual, d.net_cooperation)


def test_cli_analytics_and_web_count_the_same_dyads(db, client):
    cli = _summary_tables(_cli("summary", "--db", str(db)))
    with open_store(db, read_only=True) as store:
        countries = {(d.a, d.b): _counts(d) for d in an.top_dyads(store.con, "country")}
        people = {(d.a, d.b): _counts(d) for d in an.top_dyads(store.con, "person")}
    web = {level: {(r["a"], r["b"]): (r["events"], r["cooperative"], r["conflictual"], r["net_cooperation"])
                   for r in client.get("/api/dyads", params={"level": level}).json()}
           for level in ("country", "person")}
    # the meeting and the May accusation and the September agreement; the future
    # promise and the joint condemnation of Georgia are not USA-RUS events
    assert countries == {("RUS", "USA"): (3, 2, 1, 1), ("GEO", "RUS"): (2, 0, 2, -2), ("GEO", "USA"): (2, 1, 1, 0)}
    assert people == {("Hillary Clinton", "Sergei Lavrov"): (3, 2, 1, 1)}
    assert cli == {"country": countries, "person": people}
    assert web == {"country": countries, "person": people}


def test_a_dyad_listed_and_its_timeline_count_the_same_events(db, client):
    series = json.loads(_cli("dyad", "USA", "RUS", "--by", "month", "--db", str(db), "--format", "json"))
    timeline = client.get("/api/dyad/USA/RUS/timeline", params={"by": "month"}).json()
    assert series == timeline
    assert series["events"] == 3
    assert {p["period"]: p["events"] for p in series["periods"] if p["events"]} == {
        "2009-03": 1, "2009-05": 1, "2009-09": 1}
    graph = {(r["a"], r["b"]): r for r in client.get("/api/dyads").json()}
    # the graph's trend of a pair is that of its timeline
    assert graph[("RUS", "USA")]["trend"] == timeline["trend"]
    people = client.get("/api/dyad/Clinton/Lavrov/timeline").json()
    assert people["events"] == 3 and people["trend"] == timeline["trend"]


def test_filters_narrow_the_dyads_alike(db, client):
    since = {(r["a"], r["b"]): r["events"] for r in client.get("/api/dyads", params={"since": "2009-05"}).json()}
    with open_store(db, read_only=True) as store:
        flt = EventFilter(since=dt.date(2009, 5, 1))
        mine = {(d.a, d.b): d.events for d in an.top_dyads(store.con, "country", flt=flt)}
        future = an.top_dyads(store.con, "country", flt=EventFilter(statuses=("future",)))
    assert since == mine == {("RUS", "USA"): 2, ("GEO", "RUS"): 1, ("GEO", "USA"): 1}
    assert [(d.a, d.b, d.events, d.cooperative) for d in future] == [("RUS", "USA", 1, 1)]
    web_future = client.get("/api/dyads", params={"status": "future"}).json()
    assert [(r["a"], r["b"], r["events"]) for r in web_future] == [("RUS", "USA", 1)]


class _Counting:
    """A connection that counts the statements run on it."""

    def __init__(self, con):
        self.con, self.statements = con, 0

    def execute(self, *args, **kwargs):
        self.statements += 1
        return self.con.execute(*args, **kwargs)


def test_top_dyads_is_one_query_however_many_dyads(db):
    with open_store(db, read_only=True) as store:
        con = _Counting(store.con)
        top = an.top_dyads(con, "country", limit=50)
    assert len(top) == 3 and con.statements == 1
