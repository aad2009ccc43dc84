"""Hostile inputs and arguments that gave tracebacks or quiet losses: UTF-16 files,
publication dates at the ends of the calendar or in the future, negative limits and an
export to a file that cannot be written."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from detente.records import Article
from detente.sources import read_inputs


def test_utf16_text_is_read_and_utf16_jsonl_is_named(tmp_path):
    (tmp_path / "bom.txt").write_bytes("Chile recalled its ambassador to Peru.".encode("utf-16"))
    (tmp_path / "nobom.txt").write_bytes("Chile recalled its ambassador.".encode("utf-16-le"))
    (tmp_path / "wide.jsonl").write_bytes((json.dumps({"text": "Chile recalled."}) + "\n").encode("utf-16"))
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 4)
    items = {str(i.source).rsplit("/", 1)[-1]: i for i in read_inputs([str(p) for p in sorted(tmp_path.iterdir())])}
    assert isinstance(items["bom.txt"], Article) and items["bom.txt"].text.startswith("Chile recalled")
    assert "UTF-16 text without a byte-order mark" in items["nobom.txt"].message
    assert "UTF-16 text, not UTF-8" in items["wide.jsonl"].message and "iconv" in items["wide.jsonl"].message
    assert "binary" in items["noise.txt"].message


def test_a_future_publication_date_is_kept_with_a_warning(tmp_path, caplog):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"id": "f", "text": "Chile recalled.", "published": "9999-12-31"}) + "\n"
                    + json.dumps({"id": "p", "text": "Peru protested.", "published": "2019-05-02"}) + "\n")
    with caplog.at_level(logging.WARNING, logger="detente.sources"):
        items = list(read_inputs([str(path)]))
    assert [a.published for a in items] == [dt.date(9999, 12, 31), dt.date(2019, 5, 2)]
    warned = [r.getMessage() for r in caplog.records]
    assert any(f"{path}:1" in w and "in the future" in w for w in warned)
    assert not any(f"{path}:2" in w for w in warned)


RELATIVE = ("Russia condemned China yesterday. Last week Iran met Iraq in Baghdad. Next week France will meet "
            "Germany. Last year Japan signed a deal with South Korea. This week Kenya attacked Somalia.")


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-03", "9999-12-31", "9999-12-28"])
def test_relative_dates_at_the_ends_of_the_calendar(extractor, published, caplog):
    with caplog.at_level(logging.ERROR, logger="detente.pipeline"):
        result = extractor.extract(RELATIVE, published=published)
    assert not caplog.records  # no article failed (that logged a traceback)
    assert len(result.events) >= 4
    for event in result.events:
        year = event.date.split("-")[0]
        assert len(year) == 4 and "0001" <= year <= "9999", event.date


@pytest.fixture()
def small_store(tmp_path):
    from detente.records import Actor, Event, ExtractedArticle
    from detente.store import open_store

    text = "Chile recalled its ambassador to Peru."
    chile = Actor("a1", "Chile", "country", "CHL", "GOV", None, ((0, 5),))
    peru = Actor("a2", "Peru", "country", "PER", "GOV", None, ((33, 37),))
    event = Event(id="e1", type="SANCTION", mode=None, contexts=(), cameo="161", quad_class=4, intensity=-6.0,
                  goldstein=-4.0, actor=(chile.ref(),), recipient=(peru.ref(),), symmetric=False,
                  status="asserted", sentence_index=0, span=(0, len(text)), trigger="recalled",
                  trigger_span=(6, 14), text=text, confidence=0.9, date="2019-05-02", date_precision="day")
    db = tmp_path / "small.duckdb"
    with open_store(db) as store:
        store.write([ExtractedArticle(Article(text, "c1", dt.date(2019, 5, 2)), (chile, peru), (event,))])
    return db


@pytest.mark.parametrize("args, says", [
    (["events", "--limit", "-5"], "--limit"),
    (["summary", "--top", "-1"], "--top"),
    (["export", "--format", "csv", "--out", "/proc/x.csv"], "/proc/x.csv"),
    (["export", "--format", "csv", "--out", "/no/such/folder/x.csv"], "does not exist"),
])
def test_bad_arguments_get_one_line_not_a_traceback(run_cli, small_store, args, says):
    proc = run_cli(*args, "--db", str(small_store))
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err and says in err


def test_names_with_like_wildcards_match_only_themselves(tmp_path):
    """DuckDB's LIKE has no default escape character: the escaped `_` and `%` of a
    surname search matched nothing before; now they match themselves and nothing else."""
    from typer.testing import CliRunner

    from detente.cli import build_app
    from detente.records import ActorRef
    from detente.store import open_store
    from store_fixtures import RUS, article, event

    db = tmp_path / "names.duckdb"
    odd, near = ActorRef("a1", "Maria Lo_pez", "MEX", "GOV"), ActorRef("a1", "Mario Loxpez", "MEX", "GOV")
    with open_store(db) as s:
        s.write([article("u1", "2019-06-01", (event("e1", "CONSULT", odd, RUS, "2019-06-01"),)),
                 article("u2", "2019-06-02", (event("e1", "CONSULT", near, RUS, "2019-06-02"),))])
    for query in ("Lo_pez", "M. Lo_pez"):
        res = CliRunner().invoke(build_app(), ["events", "--db", str(db), "--actor", query, "--format", "json"])
        assert res.exit_code == 0, res.output
        names = [e["actor_names"][0] for e in map(json.loads, res.output.splitlines())]
        assert names == ["Maria Lo_pez"], (query, names)
