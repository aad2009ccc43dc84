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


def test_layout_columns():
    assert len(GDELT_COLUMNS) == 61 and len(ICEWS_COLUMNS) == 20 and len(POLECAT_COLUMNS) == 40
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL") and "ActionGeo_FeatureID" in GDELT_COLUMNS
    assert POLECAT_COLUMNS[25:27] == ("District", "Province")


def test_parquet_and_csv_round_trip_with_documented_types(stored, tmp_path):
    s, arts = stored
    export(s.con, "parquet", tmp_path / "e.parquet")
    export(s.con, "csv", tmp_path / "e.csv")
    import pyarrow.parquet as pq

    from detente.frames import event_schema

    def fields(schema):
        return [(f.name, f.type) for f in schema]

    assert fields(pq.read_schema(tmp_path / "e.parquet")) == fields(event_schema())
    types = dict(r[:2] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / 'e.parquet'}'").fetchall())
    assert types["published"] == "DATE" and types["global_id"] == "BIGINT" and types["actor_names"] == "VARCHAR[]"
    assert types["quad_class"] == "INTEGER" and types["symmetric"] == "BOOLEAN" and types["date_start"] == "DATE"
    csv_types = dict(r[:2] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{tmp_path / 'e.csv'}')").fetchall())
    assert csv_types["published"] == "DATE" and csv_types["num_articles"] == "BIGINT"
    df = pd.read_parquet(tmp_path / "e.parquet")
    assert df["global_id"].dtype == "int64" and df["quad_class"].dtype == "int32"
    assert list(df.loc[df.type == "ASSAULT", "actor_names"].item()) == ["Sergei Lavrov"]
    # the same table from the store's API and from the results themselves
    from_store = s.events()
    assert fields(from_store.schema) == fields(event_schema()) and from_store.num_rows == 3
    from detente import events_frame

    from_results = events_frame(arts)
    assert fields(from_results.schema) == fields(event_schema())
    assert from_results.column("content_hash").to_pylist() == from_store.column("content_hash").to_pylist()
    assert from_results.column("date_start").to_pylist() == from_store.column("date_start").to_pylist()
    assert from_results.column("dedup_id").null_count == 3  # store-only columns
    one = arts[0].events_table()
    assert one.num_rows == 2 and one.column("event_id").to_pylist() == ["e1", "e2"]


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

    # written by the records' own to_dict: the same bytes as `detente extract` gives
    assert out.read_text(encoding="utf-8").splitlines() == [a.to_json() for a in arts]
    objs = [json.loads(line) for line in out.read_text().splitlines()]
    assert objs == [a.to_dict() for a in arts]
    assert list(lines.columns) == ["article", "actors", "events", "quotes"]


def test_jsonl_status_filter(stored, tmp_path):
    s, _ = stored
    export(s.con, "jsonl", tmp_path / "h.jsonl", status="historical")
    import json

    events = [e for line in (tmp_path / "h.jsonl").read_text().splitlines() for e in json.loads(line)["events"]]
    assert [e["type"] for e in events] == ["ASSAULT"]


def test_unknown_format(stored, tmp_path):
    from detente.errors import DetenteError

    with pytest.raises(DetenteError, match="parquet, csv"):
        export(stored[0].con, "xml", tmp_path / "x")
    with pytest.raises(DetenteError, match="'all' or a comma list"):
        export(stored[0].con, "gdelt", tmp_path / "x", status="maybe")
