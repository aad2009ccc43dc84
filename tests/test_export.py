"""Exports load in pandas and DuckDB with the documented columns; JSONL is the contract."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from detente.export import GDELT_COLUMNS, ICEWS_COLUMNS, POLECAT_COLUMNS, export
from detente.store import open_store

from store_fixtures import GENEVA, GEO, RUS, USA, article, event


@pytest.fixture(scope="module")
def stored():
    s = open_store(":memory:")
    arts = [
        article("x1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=GENEVA, symmetric=True),
                                     event("e2", "ASSAULT", RUS, GEO, "2008-08", "month", status="historical"))),
        article("x2", "2009-03-08", (event("e1", "CONSULT", RUS, USA, "2009-03-06", symmetric=True),)),
    ]
    s.write(arts)
    yield s, arts
    s.close()


def test_gdelt_icews_polecat_layouts(stored, tmp_path):
    s, _ = stored
    for fmt, cols in (("gdelt", GDELT_COLUMNS), ("icews", ICEWS_COLUMNS), ("polecat", POLECAT_COLUMNS)):
        out = tmp_path / f"events.{fmt}.tsv"
        assert export(s.con, fmt, out) == 2  # deduplicated: the meeting is one event
        df = pd.read_csv(out, sep="\t", dtype=str)
        assert tuple(df.columns) == cols
        assert duckdb.sql(f"SELECT count(*) FROM read_csv('{out}', delim='\t', header=true)").fetchall() == [(2,)]
    assert len(GDELT_COLUMNS) == 61 and len(ICEWS_COLUMNS) == 20
    gdelt = pd.read_csv(tmp_path / "events.gdelt.tsv", sep="\t", dtype=str).set_index("EventRootCode")
    assert gdelt.loc["04", "NumArticles"] == "2" and gdelt.loc["04", "ActionGeo_CountryCode"] == "SZ"  # FIPS 10-4, not ISO "CH"
    assert gdelt.loc["19", "Actor1Code"] == "RUSGOV" and gdelt.loc["19", "MonthYear"] == "200808"
    icews = pd.read_csv(tmp_path / "events.icews.tsv", sep="\t", dtype=str).set_index("CAMEO Code")
    assert icews.loc["190", "Event Text"] == "Fight" and icews.loc["190", "Target Country"] == "Georgia"


def test_flat_exports(stored, tmp_path):
    s, _ = stored
    assert export(s.con, "parquet", tmp_path / "e.parquet") == 3
    assert export(s.con, "csv", tmp_path / "e.csv") == 3
    pq = pd.read_parquet(tmp_path / "e.parquet")
    csv = pd.read_csv(tmp_path / "e.csv")
    assert list(pq.columns) == list(csv.columns)
    assert {"dedup_id", "num_articles", "type", "cameo", "actor_names", "span_start", "text"} <= set(pq.columns)
    assert sorted(csv["num_articles"]) == [1, 2, 2]
    assert csv.loc[csv.type == "ASSAULT", "actor_names"].item() == "Sergei Lavrov"
    assert duckdb.sql(f"SELECT count(DISTINCT dedup_id) FROM '{tmp_path / 'e.parquet'}'").fetchall() == [(2,)]


def test_jsonl_is_the_output_contract(stored, tmp_path):
    s, arts = stored
    out = tmp_path / "e.jsonl"
    assert export(s.con, "jsonl", out) == 2
    lines = pd.read_json(out, lines=True)
    import json

    objs = [json.loads(line) for line in out.read_text().splitlines()]
    assert objs == [a.to_dict() for a in arts]
    assert list(lines.columns) == ["article", "actors", "events", "quotes"]


def test_unknown_format(stored, tmp_path):
    from detente.errors import DetenteError

    with pytest.raises(DetenteError, match="parquet, csv"):
        export(stored[0].con, "xml", tmp_path / "x")
