"""The store's commands (events, dyad, export, summary) on a hand-made store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.cli import build_app
from detente.store import open_store

from store_fixtures import GENEVA, RUS, USA, article, event


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "s.duckdb"
    with open_store(path) as s:
        s.write([article(f"x{m}", f"2009-0{m}-20", (event("e1", t, USA, RUS, f"2009-0{m}-10", place=GENEVA),))
                 for m, t in ((1, "ACCUSE"), (2, "CONSULT"), (3, "AGREE"))])
    return path


def run(*args):
    return CliRunner().invoke(build_app(), list(args))


def test_events_json_and_filters(db):
    res = run("events", "--db", str(db), "--actor", "Lavrov", "--type", "CONSULT", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["type"], r["date"], r["location_name"]) for r in rows] == [("CONSULT", "2009-02-10", "Geneva")]


def test_dyad_json_and_plot(db, tmp_path):
    res = run("dyad", "USA", "RUS", "--db", str(db), "--format", "json", "--plot", str(tmp_path / "d.png"))
    assert res.exit_code == 0, res.output
    series = json.loads(res.stdout.splitlines()[0])
    assert series["trend"]["label"] == "warming" and series["events"] == 3
    assert (tmp_path / "d.png").read_bytes()[:4] == b"\x89PNG"


def test_export_and_summary(db, tmp_path):
    res = run("export", "--format", "gdelt", "--out", str(tmp_path / "g.tsv"), "--db", str(db))
    assert res.exit_code == 0 and "3 rows" in res.stdout
    res = run("summary", "--db", str(db))
    assert res.exit_code == 0 and "RUS - USA" in res.stdout and "detente serve" in res.stdout


def test_bad_inputs_exit_2_with_one_line(db, tmp_path):
    for args in (("events", "--db", str(tmp_path / "none.duckdb")),
                 ("dyad", "USA", "RUS", "--by", "fortnight", "--db", str(db)),
                 ("export", "--format", "xml", "--out", str(tmp_path / "x"), "--db", str(db))):
        res = run(*args)
        assert res.exit_code == 2 and "Traceback" not in res.output
        assert len(res.stderr.strip().splitlines()) == 1


def test_summary_of_articles_without_publication_dates_says_so(tmp_path):
    path = tmp_path / "undated.duckdb"
    with open_store(path) as s:
        s.write([article("u1", None, (event("e1", "CONSULT", USA, RUS, "2010-05-03", place=GENEVA),))])
    res = run("summary", "--db", str(path))
    assert res.exit_code == 0, res.output
    assert "1 articles (no publication dates)" in res.stdout and "None" not in res.stdout
