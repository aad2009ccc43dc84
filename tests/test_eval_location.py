"""The Halterman event-location scorer: its mechanics, and the accuracy gate on gold."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from detente.evaluate.location import evaluate_event_location, read_items, score_items
from detente.grounding.gazetteer import Gazetteer

SHARED = Path(os.environ.get("DETENTE_SHARED")
              or Path(__file__).resolve().parents[1] / ".." / "shared")
GOLD = SHARED / "eval" / "event_location_halterman" / "labeled_text.lines.jsonl.gz"
FLOOR = 0.75


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _item(text: str, verb: str, places: list[str], source: str = "RELABEL") -> dict:
    """An item in the gold file's layout, with whitespace tokens."""
    tokens, pos = [], 0
    for i, word in enumerate(text.split(" ")):
        tokens.append({"text": word, "start": pos, "end": pos + len(word), "id": i})
        pos += len(word) + 1
    index = {t["text"]: t["id"] for t in tokens}
    spans = [{"token_start": index[verb], "token_end": index[verb], "label": "VERB",
              "start": 0, "end": 0}]
    spans += [{"token_start": index[p], "token_end": index[p], "label": "LOCATION",
               "start": 0, "end": 0} for p in places]
    return {"text": text, "tokens": tokens, "spans": spans, "source": source}


def test_scorer_counts_overlap_and_empty_agreement(tmp_path, nlp, gazetteer) -> None:
    path = tmp_path / "items.jsonl.gz"
    rows = [
        _item("Soldiers clashed with rebels in Kandahar on Sunday .", "clashed",
              ["Kandahar"]),                                      # right place
        _item("The ministers signed the accord .", "signed", []),  # both empty
        _item("Police from Abuja arrested ten people in Lagos .", "arrested",
              ["Abuja"]),                                         # wrong place
        _item("Troops patrolled in Herat .", "patrolled", ["Herat"], source="OTHER"),
    ]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    items = list(read_items(path))
    assert len(items) == 3  # only RELABEL items
    assert items[0].locations == ((32, 40),)  # char offsets come from the tokens
    report = evaluate_event_location(path, gazetteer, nlp)
    assert report.counts["items"] == 3 and report.counts["correct"] == 2
    assert report.metrics["location_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert report.metrics["precision_with_place"] == pytest.approx(0.5)
    assert report.metrics["recall_with_place"] == pytest.approx(0.5)
    assert report.errors[0]["predicted"] == "Lagos" and report.errors[0]["gold"] == ["Abuja"]
    assert path.name in report.gold_files
    assert score_items(items[:1], gazetteer, nlp).counts["correct"] == 1


# The floor itself is checked once, by tests/test_eval_gate.py against eval_baseline.json.
