"""Event scorers: their arithmetic on tiny files written here (with a fake extractor),
and a short smoke run on the real gold sets when ../shared is present."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from detente.evaluate.india import evaluate_india_police
from detente.evaluate.petrarch import evaluate_petrarch
from detente.evaluate.plover import evaluate_plover_gsr
from detente.records import Actor, ActorRef, Article, Event, ExtractedArticle

FRA = ActorRef("a1", "France", "FRA", "GOV")
DEU = ActorRef("a2", "Germany", "DEU", "GOV")
POLICE = ActorRef("a3", "police", None, "COP")


def event(etype: str, cameo: str, actor=(), recipient=(), symmetric=False, start=0, confidence=0.9) -> Event:
    return Event("e1", etype, None, (), cameo, 1, 0.0, 0.0, tuple(actor), tuple(recipient), symmetric,
                 "asserted", 0, (0, 10), "x", (start, start + 1), "x", confidence)


class FakeExtractor:
    """Returns prepared events for each article text."""

    def __init__(self, by_text: dict[str, tuple[Event, ...]]) -> None:
        self.by_text = by_text
        self.seen: list[Article] = []

    def extract_many(self, articles):
        for art in articles:
            self.seen.append(art)
            actors = {a for e in self.by_text.get(art.text, ()) for a in e.actor + e.recipient}
            coded = tuple(Actor(a.id, a.name, "country", a.country, a.sector) for a in actors)
            yield ExtractedArticle(art, actors=coded, events=self.by_text.get(art.text, ()))


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_plover_scorer_counts_type_and_ordered_dyad(tmp_path):
    rows = [
        {"id": "1", "text": "France condemned Germany.", "event": "DISAPPROVE",
         "source": [{"code": "FRA"}], "target": [{"code": "DEU"}], "textInfo": {"markup": ""}},
        {"id": "2", "text": "France and Germany agreed.", "event": "AGREE",
         "source": [{"code": "FRA"}, {"code": "DEU"}], "target": "", "textInfo": {"markup": "(SRC/TAR: France)"}},
        {"id": "3", "text": "Germany attacked France.", "event": "FIGHT",
         "source": [{"code": "DEU"}], "target": [{"code": "FRA"}], "textInfo": {"markup": ""}},
    ]
    write_jsonl(tmp_path / "PLOVER_GSR_CAMEO.jsonl", rows)
    fake = FakeExtractor({
        "France condemned Germany.": (event("ACCUSE", "111", [FRA], [DEU]),),
        "France and Germany agreed.": (event("AGREE", "030", [FRA], [DEU], symmetric=True),),
        "Germany attacked France.": (event("ASSAULT", "190", [FRA], [DEU]),),  # wrong direction
    })
    report = evaluate_plover_gsr(fake, tmp_path)
    assert report.metrics["type_accuracy"] == 1.0
    assert report.metrics["dyad_accuracy"] == pytest.approx(2 / 3)
    assert all(a.published is None for a in fake.seen)  # placeholder dates are not passed
    assert {r["type"] for r in report.tables["per_type"]} == {"ACCUSE", "AGREE", "ASSAULT"}


def test_plover_top_event_is_the_most_confident(tmp_path):
    rows = [{"id": "1", "text": "T", "event": "REJECT", "source": [{"code": "FRA"}], "target": ""}]
    write_jsonl(tmp_path / "PLOVER_GSR_CAMEO.jsonl", rows)
    fake = FakeExtractor({"T": (event("REJECT", "120", [FRA], confidence=0.5),
                                event("ACCUSE", "111", [FRA], confidence=0.8))})
    report = evaluate_plover_gsr(fake, tmp_path)
    assert report.metrics["type_accuracy"] == 0.0 and report.metrics["type_any"] == 1.0
    assert report.metrics["dyad_accuracy"] == 1.0


def test_plover_scorer_normalises_old_cameo_codes_and_the_eu(tmp_path):
    jpn = ActorRef("a4", "Japan", "JPN", "GOV")
    eu = ActorRef("a5", "European Union", "EUR", "IGO")
    rows = [
        {"id": "1", "text": "J", "event": "DEMAND", "source": [{"code": "JAPGOV"}], "target": [{"code": "IGO"}]},
        {"id": "2", "text": "K", "event": "DEMAND", "source": [{"code": "ITLGOV"}], "target": [{"code": "FRA"}]},
    ]
    write_jsonl(tmp_path / "PLOVER_GSR_CAMEO.jsonl", rows)
    fake = FakeExtractor({"J": (event("REQUEST", "100", [jpn], [eu]),),
                          "K": (event("REQUEST", "100", [DEU], [FRA]),)})  # Germany is not ITL
    report = evaluate_plover_gsr(fake, tmp_path)
    assert report.metrics["dyad_accuracy"] == 0.5
    assert report.metrics["countries_found"] == pytest.approx(3 / 4)


def test_petrarch_symmetric_event_pairs_every_party():
    from detente.evaluate.petrarch import event_triples

    chl = ActorRef("a6", "Chile", "CHL", "GOV")
    triples = event_triples(event("CONSULT", "040", [FRA], [DEU, chl], symmetric=True))
    assert ("04", "DEU", "CHL") in triples and ("04", "CHL", "FRA") in triples and len(triples) == 6
    assert event_triples(event("ACCUSE", "111", [FRA], [DEU, chl])) == {("11", "FRA", "DEU"), ("11", "FRA", "CHL")}


def test_petrarch_scorer_roots_dyads_and_statements(tmp_path):
    rows = [
        {"id": "1", "date": "20080806", "text": "A", "events": [{"source": "FRAGOV", "target": "DEU", "code": "042"}]},
        {"id": "2", "date": "20080806", "text": "B", "events": [{"source": "FRA", "target": "DEU", "code": "010"}]},
        {"id": "3", "date": "20080806", "text": "C", "events": [{"source": None, "target": None, "code": None,
                                                              "noevents": "True"}]},
    ]
    write_jsonl(tmp_path / "PETR2_GSR_validation.jsonl", rows)
    fake = FakeExtractor({"A": (event("CONSULT", "040", [FRA], [DEU]),),
                          "C": (event("ASSAULT", "190", [DEU], [FRA]),)})
    report = evaluate_petrarch(fake, tmp_path)
    assert report.metrics["root_dyad_accuracy"] == 1.0 and report.metrics["dyad_accuracy"] == 1.0
    wrong_root = FakeExtractor({"A": (event("ACCUSE", "111", [FRA], [DEU]),)})
    mixed = evaluate_petrarch(wrong_root, tmp_path)
    assert mixed.metrics["root_dyad_accuracy"] == 0.0 and mixed.metrics["dyad_accuracy"] == 1.0
    assert report.counts["statement_events"] == 1 and report.counts["gold_events"] == 1
    assert report.metrics["precision"] == 0.5
    assert fake.seen[0].published.isoformat() == "2008-08-06"


def test_india_scorer_maps_sentences_and_drops_the_dateline(tmp_path):
    text = "This story is from March 3, 2002\n\nthe police arrested two men. it rained. a meeting was held."
    sents = ["This story is from March 3, 2002\n\n", "the police arrested two men.", "it rained.",
             "a meeting was held."]
    with gzip.open(tmp_path / "docs.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"doc_id": 7, "doc_text": text, "doc_labels": []}) + "\n")
    with gzip.open(tmp_path / "sents.jsonl.gz", "wt") as fh:
        for k, s in enumerate(sents):
            labels = ["ARREST"] if k == 1 else []
            fh.write(json.dumps({"doc_id": 7, "sent_id": k, "sent_labels": labels, "sent_text": s}) + "\n")
    body = text.split("\n\n", 1)[1]
    arrest = event("COERCE", "173", [POLICE], start=body.index("arrested"))
    meeting = event("CONSULT", "040", start=body.index("meeting"))
    fake = FakeExtractor({body: (arrest, meeting)})
    report = evaluate_india_police(fake, tmp_path)
    assert fake.seen[0].published.isoformat() == "2002-03-03"
    assert report.metrics["coerce_precision"] == 1.0 and report.metrics["coerce_recall"] == 1.0
    assert report.metrics["no_event_rate_on_unlabeled"] == 0.5  # "a meeting was held" got an event


def test_plover_gold_smoke(shared, extractor):
    """A short run on the real gold records: the scorer reads them and the figures are sane."""
    report = evaluate_plover_gsr(extractor, shared / "eval" / "plover_gsr_cameo", limit=12)
    assert report.counts["records"] == 12 and report.counts["failed_articles"] == 0
    assert 0.0 <= report.metrics["type_accuracy"] <= 1.0 and report.gold_files
