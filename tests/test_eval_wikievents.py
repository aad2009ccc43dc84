"""WikiEvents scorer: offsets, type mapping, recall, precision, actor and merges on a tiny
article written here; the real dev set is scored by the gate (tests/test_eval_gate.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from detente.evaluate.wikievents import (
    GoldEvent, Predicted, accepted_types, evaluate_wikievents, gold_clusters, predictions_of,
    read_wikievents, rebuild_text, score_documents,
)
from detente.records import Actor, ActorRef, Article, Event, ExtractedArticle

SENTENCES = [
    ["Taliban", "fighters", "attacked", "a", "convoy", "in", "Kabul"],
    ["The", "blast", "killed", "two", "guards", "."],
    ["Police", "arrested", "the", "commander", "."],
]
TOKENS = [t for s in SENTENCES for t in s]
# As in the real file, the first two sentences touch with no space.
TEXT = "Taliban fighters attacked a convoy in KabulThe blast killed two guards. Police arrested the commander."


def entity(n: int, start: int, end: int) -> dict:
    return {"id": f"d-T{n}", "sent_idx": 0, "start": start, "end": end, "entity_type": "PER",
            "mention_type": "UNK", "text": " ".join(TOKENS[start:end])}


def gold_event(n: int, etype: str, token: int, args: list[tuple[str, int]]) -> dict:
    return {"id": f"d-E{n}", "event_type": etype,
            "trigger": {"start": token, "end": token + 1, "text": TOKENS[token], "sent_idx": 0},
            "arguments": [{"entity_id": f"d-T{e}", "role": role, "text": ""} for role, e in args]}


def record(blast_attacker: int = 1) -> dict:
    """Attack (fighters -> convoy), a blast by the same fighters (entity ``blast_attacker``),
    a death with no killer, an arrest by police."""
    entities = [entity(1, 0, 2), entity(2, 4, 5), entity(3, 11, 12), entity(4, 13, 14), entity(5, 16, 17),
                entity(6, 11, 12)]
    events = [gold_event(1, "Conflict.Attack.Unspecified", 2, [("Attacker", 1), ("Target", 2)]),
              gold_event(2, "Conflict.Attack.DetonateExplode", 8, [("Attacker", blast_attacker)]),
              gold_event(3, "Life.Die.Unspecified", 9, [("Victim", 3)]),
              gold_event(4, "Justice.ArrestJailDetain.Unspecified", 14, [("Jailer", 4), ("Detainee", 5)])]
    for ev in events:
        for arg in ev["arguments"]:
            arg["text"] = next(e["text"] for e in entities if e["id"] == arg["entity_id"])
    sentences = [[[t, 0, 0] for t in s] for s in SENTENCES]
    return {"doc_id": "d", "tokens": TOKENS, "text": TEXT, "sentences": [[s, ""] for s in sentences],
            "entity_mentions": entities, "relation_mentions": [], "event_mentions": events}


def write(tmp_path: Path, *records: dict) -> Path:
    file = tmp_path / "dev.jsonl.gz"
    with gzip.open(file, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    return file


def span(doc_text: str, word: str) -> tuple[int, int]:
    start = doc_text.index(word)
    return start, start + len(word)


def test_tokens_are_found_in_order_and_touching_sentences_get_a_break():
    text, spans = rebuild_text(record())
    assert "in Kabul\n\nThe blast killed" in text
    assert [text[s:e] for s, e in spans] == TOKENS
    assert "guards. Police" in text  # sentences that had a space keep it


def test_kairos_types_map_as_the_source_says(tmp_path):
    (doc,) = read_wikievents(write(tmp_path, record()))
    by_id = {e.id: e for e in doc.events}
    assert accepted_types(by_id["d-E1"]) == {"ASSAULT"}
    assert accepted_types(by_id["d-E3"]) == frozenset()  # a death with no killer is not mapped
    assert accepted_types(by_id["d-E4"]) == {"COERCE"}
    killed = GoldEvent("x", "Life.Die.Unspecified", (0, 1), "killed", by_id["d-E1"].args[:0])
    assert not accepted_types(killed)
    charge = GoldEvent("y", "Justice.ChargeIndict.Unspecified", (0, 1), "charged", ())
    assert accepted_types(charge) == {"ACCUSE", "COERCE"}
    assert doc.text[slice(*by_id["d-E2"].span)] == "blast"


def test_recall_precision_and_actor_on_a_small_article(tmp_path):
    (doc,) = read_wikievents(write(tmp_path, record()))
    t = doc.text
    preds = [
        Predicted("ASSAULT", (span(t, "attacked"),), actor_words=frozenset({"police"})),  # found, wrong actor
        Predicted("ASSAULT", (span(t, "killed"),)),  # a death: precise though not mapped
        Predicted("PROTEST", (span(t, "convoy"),)),  # meets nothing: false
        Predicted("COERCE", (span(t, "arrested"),), actor_spans=(span(t, "Police"),)),  # actor by overlap
        Predicted("ACCUSE", (span(t, "commander"),)),  # not an exhaustive type: not judged
    ]
    report = score_documents([doc], [preds])
    assert report.counts["gold_mapped"] == 3 and report.counts["found"] == 2
    assert report.metrics["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report.metrics["precision"] == 0.75
    assert report.metrics["actor_accuracy"] == 0.5
    assert "merge_precision" not in report.metrics  # no event carries mentions
    fixed = [Predicted("ASSAULT", preds[0].triggers, actor_words=frozenset({"fighters"}))] + preds[1:]
    assert score_documents([doc], [fixed]).metrics["actor_accuracy"] == 1.0  # gold head word


def test_any_mention_of_a_merged_event_counts_and_merges_are_scored(tmp_path):
    (doc,) = read_wikievents(write(tmp_path, record()))
    t = doc.text
    merged = Predicted("ASSAULT", (span(t, "attacked"), span(t, "blast")), has_mentions=True)
    arrest = Predicted("COERCE", (span(t, "arrested"),), has_mentions=True)
    report = score_documents([doc], [[merged, arrest]])
    assert report.counts["found"] == 3 and report.metrics["recall"] == 1.0
    assert report.metrics["merge_precision"] == 1.0 and report.metrics["merge_recall"] == 1.0
    apart = score_documents([doc], [[Predicted("ASSAULT", (span(t, "attacked"),), has_mentions=True),
                                     Predicted("ASSAULT", (span(t, "blast"),), has_mentions=True), arrest]])
    assert apart.metrics["merge_recall"] == 0.0 and apart.counts["merge_pairs_ours"] == 0


def test_gold_clusters_need_a_shared_argument(tmp_path):
    (same,) = read_wikievents(write(tmp_path, record(blast_attacker=1)))
    clusters = gold_clusters(same)
    assert clusters["d-E1"] == clusters["d-E2"] != clusters["d-E4"]
    (other,) = read_wikievents(write(tmp_path, record(blast_attacker=6)))  # "guards": no name shared
    clusters = gold_clusters(other)
    assert clusters["d-E1"] != clusters["d-E2"]
    t = other.text
    wrong = Predicted("ASSAULT", (span(t, "attacked"), span(t, "blast")), has_mentions=True)
    report = score_documents([other], [[wrong]])
    assert report.metrics["merge_precision"] == 0.0


def _event(etype: str, trigger: tuple[int, int], actor=()) -> Event:
    return Event("e1", etype, None, (), "190", 4, 0.0, 0.0, tuple(actor), (), False, "asserted", 0,
                 (0, 10), "x", trigger, "x", 0.9)


def test_our_events_become_predictions_with_or_without_mentions():
    text = "The militants attacked. The group claimed the attack."
    taliban = ActorRef("a1", "Taliban", "AFG", "REB")
    actor = Actor("a1", "Taliban", "group", "AFG", "REB", mentions=((0, 13), (24, 33)))
    plain = _event("ASSAULT", (14, 22), [taliban])
    merged = SimpleNamespace(type="ASSAULT", trigger_span=(14, 22), actor=(taliban,), recipient=(),
                             mentions=[{"trigger_span": [14, 22]}, {"trigger_span": [46, 52]}])
    result = ExtractedArticle(Article(text), actors=(actor,), events=(plain, merged))
    first, second = predictions_of(result)
    assert first.triggers == ((14, 22),) and not first.has_mentions
    assert {"taliban", "militants", "group"} <= first.actor_words
    assert second.triggers == ((14, 22), (46, 52)) and second.has_mentions


def test_the_scorer_passes_the_rebuilt_text_to_detente(tmp_path):
    class Fake:
        def __init__(self):
            self.seen: list[Article] = []

        def extract_many(self, articles):
            for art in articles:
                self.seen.append(art)
                yield ExtractedArticle(art, events=(_event("ASSAULT", span(art.text, "attacked")),))

    fake = Fake()
    report = evaluate_wikievents(fake, write(tmp_path, record()))
    assert "Kabul\n\nThe" in fake.seen[0].text and fake.seen[0].published is None
    assert report.counts["found"] == 1 and len(report.gold_files) == 1


@pytest.mark.gold
def test_the_real_dev_set_reads_with_every_token_found(shared):
    folder = shared / "eval" / "wikievents_dev"
    if not folder.is_dir():
        pytest.skip(f"wikievents_dev is absent from {shared / 'eval'}")
    docs = read_wikievents(folder)
    assert len(docs) == 20
    mapped = [g for d in docs for g in d.events if g.plover]
    assert len(mapped) == 179
    for doc in docs:  # every gold trigger lands on its own word in the rebuilt text
        for gold in doc.events:
            assert doc.text[slice(*gold.span)].split()[0] == gold.trigger.split()[0]


def test_a_conviction_accepts_plover_sanction():
    convict = GoldEvent("z", "Justice.Convict.Unspecified", (0, 1), "convicted", ())
    assert accepted_types(convict) == {"ACCUSE", "COERCE", "SANCTION"}
    trial = GoldEvent("t", "Justice.TrialHearing.Unspecified", (0, 1), "trial", ())
    assert "SANCTION" not in accepted_types(trial)
