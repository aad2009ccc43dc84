"""Dyad time series, net cooperation, trend and the chart."""

from __future__ import annotations

import pytest

from detente import analytics as an
from detente.store import open_store

from store_fixtures import GEO, RUS, USA, article, event


def build(types_by_month):
    s = open_store(":memory:")
    arts = []
    for i, (month, types) in enumerate(types_by_month):
        evs = tuple(event(f"e{j}", t, USA if j % 2 == 0 else RUS, RUS if j % 2 == 0 else USA, f"{month}-{10 + j:02d}")
                    for j, t in enumerate(types))
        arts.append(article(f"x{i}", f"{month}-28", evs))
    s.write(arts)
    return s


def test_warming_relationship():
    s = build([("2009-01", ["ACCUSE", "ACCUSE"]), ("2009-02", ["ACCUSE", "CONSULT"]),
               ("2009-04", ["CONSULT", "AGREE"]), ("2009-05", ["AID", "AGREE"])])
    series = an.dyad_series(s.con, "USA", "RUS", "month")
    assert [p.period for p in series.periods] == ["2009-01", "2009-02", "2009-03", "2009-04", "2009-05"]
    assert [p.net_cooperation for p in series.periods] == [-2, 0, 0, 2, 2]
    assert series.periods[4].quad == (1, 1, 0, 0)
    assert series.periods[0].a_to_b == 1 and series.periods[0].b_to_a == 1
    assert series.trend.label == "warming" and series.trend.periods == 4
    # the same relationship seen through the two people
    people = an.dyad_series(s.con, "Sergei Lavrov", "hillary clinton", "month")
    assert people.events == series.events and people.trend.label == "warming"


def test_cooling_stable_and_insufficient():
    cooling = build([("2010-01", ["AGREE"]), ("2010-02", ["CONSULT"]), ("2010-03", ["ACCUSE"]), ("2010-04", ["ASSAULT"])])
    assert an.dyad_series(cooling.con, "USA", "RUS").trend.label == "cooling"
    stable = build([("2010-01", ["AGREE", "ACCUSE"]), ("2010-02", ["CONSULT", "ACCUSE"]), ("2010-03", ["AID", "ASSAULT"])])
    assert an.dyad_series(stable.con, "USA", "RUS").trend.label == "stable"
    short = build([("2010-01", ["AGREE"]), ("2010-02", ["ACCUSE"])])
    assert an.dyad_series(short.con, "USA", "RUS").trend.label == "insufficient data"
    assert an.dyad_series(short.con, "USA", "GEO").events == 0


def test_yearly_periods_and_bad_period():
    s = build([("2009-01", ["AGREE"]), ("2011-06", ["ACCUSE"])])
    series = an.dyad_series(s.con, "USA", "RUS", "year")
    assert [(p.period, p.events) for p in series.periods] == [("2009", 1), ("2010", 0), ("2011", 1)]
    with pytest.raises(ValueError, match="unknown period"):
        an.dyad_series(s.con, "USA", "RUS", "fortnight")


def test_top_dyads_and_plot(tmp_path):
    s = build([("2009-01", ["ACCUSE"]), ("2009-02", ["CONSULT"]), ("2009-03", ["AGREE"])])
    s.write([article("y1", "2008-08-09", (event("e1", "ASSAULT", RUS, GEO, "2008-08-08"),), text="War.")])
    top = an.top_dyads(s.con, "country")
    assert [(d.a, d.b, d.events) for d in top] == [("RUS", "USA", 3), ("GEO", "RUS", 1)]
    assert top[0].trend.label == "warming" and top[0].net_cooperation == 1
    out = an.plot_dyad(an.dyad_series(s.con, "USA", "RUS"), tmp_path / "chart.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_joint_actors_without_recipient_form_a_dyad():
    from store_fixtures import RUS, USA, article, event
    import dataclasses

    s = open_store(":memory:")
    met = dataclasses.replace(event("e1", "CONSULT", USA, RUS, "2009-03-06"), actor=(USA, RUS), recipient=())
    condemned = dataclasses.replace(event("e2", "ACCUSE", USA, GEO, "2009-03-06"), actor=(USA, RUS))
    s.write([article("x1", "2009-03-07", (met, condemned))])
    series = an.dyad_series(s.con, "Hillary Clinton", "Sergei Lavrov", "day")
    assert series.events == 1 and series.periods[0].quad == (1, 0, 0, 0)
    assert series.periods[0].a_to_b == series.periods[0].b_to_a == 1
    pairs = {(d.a, d.b) for d in an.top_dyads(s.con, "country")}
    assert pairs == {("RUS", "USA"), ("GEO", "USA"), ("GEO", "RUS")}
