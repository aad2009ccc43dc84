"""The DuckDB store: idempotent writes, transactions, dedup, memory, queries."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.errors import StoreError
from detente.records import ActorRef, ArticleError, Place
from detente.store import content_hash, open_store
from detente.store import dedup as dedup_mod
from detente.store.memory import StoreMemory
from detente.store.queries import Party, list_events, parse_party

from store_fixtures import GENEVA, GEO, RUS, USA, article, event

ZURICH = Place("Zurich", "CHE", 47.37, 8.54, 2657896, "Zurich", (0, 6))
SWITZERLAND = Place("Switzerland", "CHE", 47.0, 8.0, 2658434, "Switzerland", (0, 11), kind="country")


@pytest.fixture()
def store():
    s = open_store(":memory:")
    yield s
    s.close()


def dedup_rows(store):
    return store.con.execute(
        "SELECT type, date, num_mentions, num_articles FROM dedup_events ORDER BY type, date"
    ).fetchall()


def test_write_is_idempotent_and_counts_rows(store):
    a = article("x1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06"),))
    assert store.write([a]) == 1
    assert store.write([a]) == 0
    assert store.has(content_hash(a.article))
    counts = store.counts()
    assert counts["articles"] == 1 and counts["events"] == 1 and counts["quotes"] == 1
    assert counts["event_actors"] == 2 and counts["mentions"] == 2


def test_content_hash_ignores_id_and_date_but_not_the_words():
    # the date is left out: one copy of a story may lack it (issue 19)
    a = article("x1", "2009-03-07", ())
    b = article("other-id", "2009-03-07", (), text=a.article.text)
    c = article("x1", "2009-03-08", (), text=a.article.text)
    d = article("x1", "2009-03-07", (), text=a.article.text.replace("met", "called"))
    assert content_hash(a.article) == content_hash(b.article) == content_hash(c.article) != content_hash(d.article)


def test_failed_batch_leaves_nothing(store, monkeypatch):
    def boom(con, keys):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dedup_mod, "refresh", boom)
    a = article("x1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06"),))
    with pytest.raises(RuntimeError):
        store.write([a])
    assert store.counts()["articles"] == 0 and store.counts()["events"] == 0


def test_article_error_is_recorded_and_counts_as_stored(store):
    err = ArticleError("x9", "events", "ValueError: bad")
    assert store.write([err], ["h" * 64]) == 0
    assert store.has("h" * 64)
    assert store.con.execute("SELECT article_id, stage FROM ingest_errors").fetchall() == [("x9", "events")]


def test_same_event_from_two_articles_is_one_event(store):
    # symmetric meeting reported with the sides in either order, one article knows the place
    a = article("x1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=GENEVA, symmetric=True),))
    b = article("x2", "2009-03-08", (event("e1", "CONSULT", RUS, USA, "2009-03-06", symmetric=True),))
    store.write([a, b])
    assert dedup_rows(store) == [("CONSULT", "2009-03-06", 2, 2)]
    row = store.con.execute("SELECT location_name, first_published, last_published FROM dedup_events").fetchall()
    assert row == [("Geneva", dt.date(2009, 3, 7), dt.date(2009, 3, 8))]


def test_dedup_date_rules(store):
    arts = [
        article("x1", "2009-03-07", (event("e1", "ACCUSE", USA, RUS, "2009-03-06"),)),
        article("x2", "2009-03-08", (event("e1", "ACCUSE", USA, RUS, "2009-03-07"),)),  # other day
        article("x3", "2009-03-20", (event("e1", "ACCUSE", USA, RUS, "2009-03", "month"),)),  # same month
        article("x4", "2009-04-20", (event("e1", "ACCUSE", USA, RUS, "2009-04-02"),)),  # other month
    ]
    store.write(arts)
    assert dedup_rows(store) == [("ACCUSE", "2009-03-06", 2, 2), ("ACCUSE", "2009-03-07", 1, 1),
                                 ("ACCUSE", "2009-04-02", 1, 1)]


def test_dedup_place_and_status_rules(store):
    arts = [
        article("x1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=GENEVA),)),
        article("x2", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=ZURICH),)),
        article("x3", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=SWITZERLAND),)),
        article("x4", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", status="negated"),)),
        article("x5", "2009-03-07", (event("e1", "CONSULT", USA, GEO, "2009-03-06", place=GENEVA),)),
    ]
    store.write(arts)
    rows = store.con.execute(
        "SELECT recipient_codes, status, location_name, num_articles FROM dedup_events ORDER BY ALL"
    ).fetchall()
    # Geneva and Zurich differ; the country-level report joins one Swiss city (the first in
    # content order, Zurich by geonameid), never both
    assert rows == [
        ("GEO:-", "asserted", "Geneva", 1),
        ("RUS:GOV", "asserted", "Geneva", 1),
        ("RUS:GOV", "asserted", "Zurich", 2),
        ("RUS:GOV", "negated", None, 1),
    ]
    assert store.counts()["event_mentions"] == 5


def test_dedup_does_not_depend_on_write_order():
    def build(order):
        s = open_store(":memory:")
        arts = [
            article("x1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06"),)),
            article("x2", "2009-03-09", (event("e1", "CONSULT", USA, RUS, "2009-03", "month", place=GENEVA),)),
            article("x3", "2009-03-08", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=ZURICH),)),
        ]
        for i in order:
            s.write([arts[i]])
        rows = s.con.execute("SELECT dedup_id, num_articles, location_name FROM dedup_events ORDER BY 1").fetchall()
        s.close()
        return rows

    assert build([0, 1, 2]) == build([2, 1, 0]) == build([1, 2, 0])


def test_uncoded_events_never_merge(store):
    nobody = ActorRef("a9", "gunmen", None, None)
    arts = [article(f"x{i}", "2009-03-07", (event("e1", "ASSAULT", nobody, nobody, "2009-03-06"),)) for i in range(2)]
    store.write(arts)
    assert len(dedup_rows(store)) == 2


def test_store_memory_respects_dates_and_sequence(store):
    store.write([article("x1", "2009-03-07", ())])  # Clinton introduced with a descriptor
    memory = StoreMemory(store)
    hit = memory.lookup("hillary  CLINTON", dt.date(2009, 4, 1))
    assert hit is not None and (hit.country, hit.sector, hit.since) == ("USA", "GOV", dt.date(2009, 3, 7))
    assert memory.lookup("Hillary Clinton", dt.date(2009, 3, 1)) is None  # before the evidence
    assert memory.lookup("Sergei Lavrov", dt.date(2009, 4, 1)) is None  # evidence was the KB, not text
    assert StoreMemory(store, below_seq=0).lookup("Hillary Clinton", None) is None


def test_read_only_store(tmp_path):
    path = tmp_path / "s.duckdb"
    with pytest.raises(StoreError, match="no such store"):
        open_store(path, read_only=True)
    open_store(path).close()
    with open_store(path, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.write([article("x1", "2009-03-07", ())])


def test_parse_party():
    assert parse_party("USA") == Party("country", "USA")
    assert parse_party("RUSGOV") == Party("code", "RUS", "GOV")
    assert parse_party("USA:MIL") == Party("code", "USA", "MIL")
    assert parse_party("Germany") == Party("country", "DEU")
    assert parse_party("Sergei Lavrov") == Party("person", name="Sergei Lavrov")


def test_list_events_filters(store):
    store.write([
        article("x1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=GENEVA),
                                     event("e2", "ASSAULT", RUS, GEO, "2008-08-08"))),
    ])
    assert [r["type"] for r in list_events(store.con, actor="Lavrov")] == ["ASSAULT", "CONSULT"]
    assert [r["type"] for r in list_events(store.con, country="GEO")] == ["ASSAULT"]
    assert [r["type"] for r in list_events(store.con, place="geneva")] == ["CONSULT"]
    assert [r["type"] for r in list_events(store.con, since="2009-01-01", type="consult")] == ["CONSULT"]
    assert list_events(store.con, actor="USA", until="2008-12-31") == []
    row = list_events(store.con, actor="RUSGOV", type="ASSAULT")[0]
    assert row["num_articles"] == 1 and row["dedup_id"]


def test_person_party_matches_transliterations_not_namesakes(store):
    sergey = ActorRef("a2", "Sergey Lavrov", "RUS", "GOV")
    bill = ActorRef("a3", "Bill Clinton", "USA", "ELI")
    store.write([article("x1", "2009-03-07", (event("e1", "CONSULT", USA, sergey, "2009-03-06"),
                                              event("e2", "ACCUSE", bill, sergey, "2009-03-05")))])
    assert [r["type"] for r in list_events(store.con, actor="Sergei Lavrov")] == ["ACCUSE", "CONSULT"]
    assert [r["type"] for r in list_events(store.con, actor="Hillary Clinton")] == ["CONSULT"]
    assert len(list_events(store.con, actor="Clinton")) == 2


def test_every_mention_of_a_merged_event_is_kept_and_counted(store):
    # one article told the meeting twice (merged into one event with two mentions), a
    # second article once: GDELT's num_mentions counts the three mentions
    import dataclasses

    from detente.records import EventMention

    twice = dataclasses.replace(
        event("e1", "CONSULT", USA, RUS, "2009-03-06"),
        mentions=(EventMention("met", (10, 13), (0, 20), 0), EventMention("the talks", (40, 49), (21, 60), 1)))
    a = article("x1", "2009-03-07", (twice,))
    b = article("x2", "2009-03-08", (event("e1", "CONSULT", USA, RUS, "2009-03-06"),))
    store.write([a, b])
    assert dedup_rows(store) == [("CONSULT", "2009-03-06", 3, 2)]
    kept = store.con.execute("SELECT mentions FROM events WHERE len(mentions) = 2").fetchall()
    assert [m["trigger"] for m in kept[0][0]] == ["met", "the talks"]
    assert kept[0][0][1]["sentence_index"] == 1 and kept[0][0][1]["trigger_start"] == 40
