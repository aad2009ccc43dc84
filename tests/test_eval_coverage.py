"""Coverage shares (no gold) on events made here; the Guardian sample is scored by the
gate (tests/test_eval_gate.py)."""

from __future__ import annotations

import gzip
import json
from types import SimpleNamespace

from detente.evaluate.coverage import coverage_of, evaluate_coverage
from detente.records import ActorRef, ExtractedArticle, Place

TUR = ActorRef("a1", "Turkey", "TUR", "GOV")
SDF = ActorRef("a2", "SDF", "SYR", "REB")
KURDS = ActorRef("a3", "the Kurds", None, None)
AFRIN = Place("Afrin", "SYR", 36.5, 36.9, 1, "Afrin", (0, 5))


def ev(actor=(), recipient=(), date="2019-10-09", precision="published", location=None, **more) -> SimpleNamespace:
    return SimpleNamespace(actor=tuple(actor), recipient=tuple(recipient), date=date, date_precision=precision,
                           location=location, **more)


def test_shares_of_actor_countries_dyads_dates_and_places():
    events = [
        ev([TUR], [SDF], "2019-10-08", "day", AFRIN),  # dyadic, both countries, dated, placed
        ev([TUR], [KURDS]),  # dyadic, one side's country only
        ev([KURDS]),  # actor without country, no recipient
        ev(),  # nothing
    ]
    report = coverage_of([events[:2], events[2:]])
    m = report.metrics
    assert report.counts["articles"] == 2 and report.counts["events"] == 4
    assert m["actor_share"] == 0.75 and m["actor_country_share"] == 0.5
    assert m["dyadic_both_countries"] == 0.5  # of the two events with a recipient
    assert m["both_countries_share"] == 0.25
    assert m["dated_from_text"] == 0.25 and m["placed_share"] == 0.25
    assert {r["value"]: r["events"] for r in report.tables["date_precision"]} == {"published": 3, "day": 1}
    assert "date_source" not in report.tables  # the field is not there yet


def test_date_and_place_sources_are_tabled_when_events_carry_them():
    place = SimpleNamespace(source="dateline")
    report = coverage_of([[ev(date_source="context", location=place), ev(date_source="published")]])
    assert {r["value"] for r in report.tables["date_source"]} == {"context", "published"}
    assert report.tables["location_source"] == [{"value": "dateline", "events": 1, "share": 0.5}]


def test_no_events_gives_zero_shares_not_an_error():
    assert coverage_of([[]]).metrics["actor_share"] == 0.0


def test_the_scorer_reads_articles_in_detente_input_format(tmp_path):
    file = tmp_path / "articles.jsonl.gz"
    rows = [{"id": f"g{i}", "text": f"Turkey shelled Kurdish positions ({i}).", "published": "2019-10-10",
             "source": "guardian"} for i in range(3)]
    with gzip.open(file, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)

    class Fake:
        def extract_many(self, articles):
            for art in articles:
                yield ExtractedArticle(art, events=(ev([TUR]),))

    report = evaluate_coverage(Fake(), tmp_path, limit=2)
    assert report.counts["articles"] == 2 and report.metrics["actor_share"] == 1.0
    assert list(report.gold_files) == [str(file)]
