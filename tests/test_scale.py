"""The scale-out datasets without Ray: shards, their Parquet files, and `store load`.

The Ray engine writes what `shard_tables` makes of extraction results; here the real
pipeline's results go through the same functions, so the schema, the resumability markers
and the load into a store are checked by the core suite (tests/test_scale_ray.py runs Ray).
"""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from detente.errors import DetenteError
from detente.records import Article, ArticleError
from detente.scale.load import load_parquet
from detente.scale.shards import Output, Shard, list_shards, read_shard, shard_key, shard_tables
from detente.store import open_store

ARTICLES = [
    {"id": "talks", "published": "2015-06-02", "title": "Talks",
     "text": "German Chancellor Angela Merkel met French President Francois Hollande in Berlin on Monday. "
             "\"We will not give up on Greece,\" Merkel told reporters."},
    {"id": "threat", "published": "2016-01-10",
     "text": "Iran threatened to close the Strait of Hormuz after the United States imposed new sanctions on Tehran."},
]


def _shard_items(extractor, rows):
    from detente.sources import article_from_dict

    arts = [article_from_dict(r, r["id"]) for r in rows]
    return [(i, res if not isinstance(res, ArticleError) else (a, res))
            for i, (a, res) in enumerate(zip(arts, extractor.extract_many(arts)))], arts


def test_events_dataset_has_the_parquet_export_columns_and_types(extractor, tmp_path):
    from detente.export import export

    items, arts = _shard_items(extractor, ARTICLES)
    tables = shard_tables("k", items)
    with open_store(tmp_path / "s.duckdb") as store:
        store.write([r for _, r in items])
        export(store.con, "parquet", tmp_path / "e.parquet")
    exported = pq.read_schema(tmp_path / "e.parquet")
    events = tables["events"].schema
    for name in exported.names:
        assert events.field(name).type == exported.field(name).type, name
    # Merkel's meeting is there, with its actors, date and place
    rows = tables["events"].to_pylist()
    meet = [r for r in rows if r["article_id"] == "talks" and r["type"] == "CONSULT"]
    assert meet and meet[0]["date"] == "2015-06-01" and meet[0]["location_name"] == "Berlin"
    assert "Angela Merkel" in meet[0]["actor_names"]


def test_store_load_matches_a_direct_write_and_adds_nothing_twice(extractor, tmp_path):
    items, arts = _shard_items(extractor, ARTICLES)
    out = Output(str(tmp_path / "out"))
    out.write_shard(Shard("/x/a.jsonl", "a-1"), shard_tables("a-1", items))
    assert out.done() == {"a-1"}
    assert json.loads((tmp_path / "out/_shards/a-1.json").read_text())["rows"]["articles"] == 2
    assert not list((tmp_path / "out").rglob("*.tmp"))

    direct = tmp_path / "direct.duckdb"
    with open_store(direct) as store:
        store.write([r for _, r in items])
    first = load_parquet(str(tmp_path / "out"), tmp_path / "loaded.duckdb")
    again = load_parquet(str(tmp_path / "out"), tmp_path / "loaded.duckdb")
    assert (first.added, again.added) == (2, 0)
    q = ("SELECT a.id, e.event_id, e.type, e.date, e.actor_names, e.recipient_names, e.location_name, "
         "e.span_start, e.trigger_start, e.mentions FROM events e JOIN articles a USING (content_hash) ORDER BY 1, 2")
    qq = "SELECT speaker_name, text, span_start, cue FROM quotes ORDER BY 1, 2"
    with open_store(direct, read_only=True) as a, open_store(tmp_path / "loaded.duckdb", read_only=True) as b:
        assert a.con.execute(q).fetchall() == b.con.execute(q).fetchall()
        assert a.con.execute(qq).fetchall() == b.con.execute(qq).fetchall()
        assert a.counts() == b.counts()


def test_bad_lines_and_a_corrupt_parquet_shard_become_failure_rows(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(ARTICLES[1]) + "\n{not json\n", encoding="utf-8")
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    table = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "text": "Russia condemned Ukraine.", "published": "2014-03-01"}]), table)

    items = list(read_shard(str(good)))
    assert isinstance(items[0], Article) and items[0].id == "threat"
    assert items[1][0].endswith("good.jsonl:2") and "not valid JSON" in items[1][1]
    (where, message), = read_shard(str(bad))
    assert where == str(bad) and "not a readable Parquet file" in message
    (art,) = read_shard(str(table))
    assert art.id == "p1" and str(art.published) == "2014-03-01"

    # an article the pipeline failed on (as Extractor.extract_many reports it) and the bad line
    failed = (items[0], ArticleError("threat", "events", "ValueError: boom"))
    fail = shard_tables("g", [(0, failed), (1, items[1])])["failures"].to_pylist()
    assert [(f["stage"], f["index"], f["article_id"]) for f in fail] == [("events", 0, "threat"), ("read", 1, None)]
    assert fail[0]["content_hash"] == items[0].content_hash() and "good.jsonl:2" in fail[1]["source"]


def test_shards_from_folders_globs_and_missing_inputs(tmp_path):
    for name in ("a.jsonl", "b.jsonl.gz", "c.parquet", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    shards, problems = list_shards([str(tmp_path), str(tmp_path / "*.jsonl"), str(tmp_path / "nope.jsonl")])
    names = [s.uri.rsplit("/", 1)[1] for s in shards]
    assert names == ["a.jsonl", "b.jsonl.gz", "c.parquet", "a.jsonl"]
    assert [p.source for p in problems] == [str(tmp_path / "nope.jsonl")]
    # a key is stable and tells shards of the same name apart
    assert shard_key("/data/x/part-1.jsonl") == shard_key("/data/x/part-1.jsonl") != shard_key("/data/y/part-1.jsonl")


def test_load_of_a_folder_without_shards_says_what_to_run(tmp_path):
    with pytest.raises(DetenteError, match="no complete shard"):
        load_parquet(str(tmp_path), tmp_path / "s.duckdb")


def test_without_ray_the_engine_names_the_extra(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    from detente.scale.ray_engine import require_ray

    with pytest.raises(DetenteError, match=r"pip install 'detente\[ray\]'"):
        require_ray()


def test_cli_store_load_twice_and_usage_errors(extractor, run_cli, tmp_path):
    items, _ = _shard_items(extractor, ARTICLES)
    Output(str(tmp_path / "out")).write_shard(Shard("/x/a.jsonl", "a-1"), shard_tables("a-1", items))
    first = run_cli("store", "load", str(tmp_path / "out"), "--db", str(tmp_path / "s.duckdb"))
    second = run_cli("store", "load", str(tmp_path / "out"), "--db", str(tmp_path / "s.duckdb"))
    assert first.returncode == second.returncode == 0
    assert b"2 articles added from 1 shards" in first.stdout and b"0 articles added" in second.stdout
    events = run_cli("events", "--db", str(tmp_path / "s.duckdb"), "--format", "json")
    assert b"Angela Merkel" in events.stdout  # the query commands work on a loaded store

    no_out = run_cli("ingest", str(tmp_path), "--engine", "ray")
    assert no_out.returncode == 2 and b"give --out FOLDER" in no_out.stderr
    bad_engine = run_cli("ingest", str(tmp_path), "--engine", "spark")
    assert bad_engine.returncode == 2 and b"give local or ray" in bad_engine.stderr


def test_summary_parquet_counts_complete_shards_and_their_country_dyads(extractor, run_cli, tmp_path):
    from detente.scale.summary import summarize_parquet

    items, _ = _shard_items(extractor, ARTICLES)
    out = Output(str(tmp_path / "out"))
    out.write_shard(Shard("/x/a.jsonl", "a-1"), shard_tables("a-1", items))
    # a shard whose files are there but whose marker is not: a run killed mid-write
    partial = shard_tables("b-2", items[:1])
    out.write_shard(Shard("/x/b.jsonl", "b-2"), partial)
    (tmp_path / "out" / "_shards" / "b-2.json").unlink()

    s = summarize_parquet(str(tmp_path / "out"))
    n_events = shard_tables("a-1", items)["events"].num_rows
    assert (s.shards, s.articles, s.events, s.failures) == (1, 2, n_events, 0)
    assert (str(s.first_published), str(s.last_published)) == ("2015-06-02", "2016-01-10")
    dyads = {(d.a, d.b): d for d in s.dyads}
    assert dyads[("DEU", "FRA")].cooperative >= 1  # Merkel met Hollande
    assert dyads[("IRN", "USA")].conflictual >= 1  # Iran threatened, the US imposed sanctions

    res = run_cli("summary", "--parquet", str(tmp_path / "out"))
    assert res.returncode == 0 and b"2 articles" in res.stdout and b"IRN - USA" in res.stdout
    empty = run_cli("summary", "--parquet", str(tmp_path / "nothing"))
    assert empty.returncode == 2 and b"no complete shard" in empty.stderr
