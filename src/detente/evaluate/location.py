"""Score the event-place rule on Halterman's event-location sentences.

Gold: ``event_location_halterman/labeled_text.lines.jsonl.gz``, items whose ``source``
is ``"RELABEL"`` (the re-annotated evaluation subset). Each item has one event VERB span
and zero or more LOCATION spans, given as token ranges over the item's own ``tokens``
(their character offsets are taken from those tokens: the spans' own ``start``/``end``
are sometimes wrong). An item is correct when our place overlaps a gold LOCATION, or when
neither we nor the annotators name a place.
"""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from detente.evaluate.report import EvalReport, sha256_file
from detente.grounding.gazetteer import Gazetteer
from detente.grounding.places import locate_event

log = logging.getLogger(__name__)

GOLD_FILE = "labeled_text.lines.jsonl.gz"
GOLD_SOURCE = "RELABEL"
_MAX_ERRORS = 200


@dataclass(frozen=True, slots=True)
class LocationItem:
    """One gold sentence: its text, the trigger's char span, the gold places' spans."""

    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


def read_items(path: Path, source: str | None = GOLD_SOURCE,
               exclude_source: str | None = None) -> Iterator[LocationItem]:
    """Items of the gold file (``source=None``: every source but ``exclude_source``).

    Items without a VERB span cannot be scored and are skipped (logged).
    """
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            raw = json.loads(line)
            if source is not None and raw.get("source") != source:
                continue
            if exclude_source is not None and raw.get("source") == exclude_source:
                continue
            item = _parse_item(raw)
            if item is None:
                log.info("%s line %d: no VERB span; skipped", path.name, line_no)
                continue
            yield item


def _parse_item(raw: dict[str, Any]) -> LocationItem | None:
    tokens = raw.get("tokens") or []

    def chars(span: dict[str, Any]) -> tuple[int, int]:
        first, last = span.get("token_start", -1), span.get("token_end", -1)
        if 0 <= first <= last < len(tokens):
            return int(tokens[first]["start"]), int(tokens[last]["end"])
        return int(span["start"]), int(span["end"])  # token range broken: trust chars

    spans = raw.get("spans") or []
    verbs = [chars(s) for s in spans if s.get("label") == "VERB"]
    if not verbs:
        return None
    places = tuple(chars(s) for s in spans if s.get("label") == "LOCATION")
    return LocationItem(raw["text"], verbs[0], places)


def evaluate_event_location(path: Path, gazetteer: Gazetteer, nlp: Any,
                            limit: int | None = None) -> EvalReport:
    """Accuracy of :func:`locate_event` on the RELABEL items of ``path`` (the .jsonl.gz)."""
    path = Path(path)
    if path.is_dir():
        path = path / "labeled_text.lines.jsonl.gz"
    items = list(read_items(path))
    if limit is not None:
        items = items[:limit]
    report = score_items(items, gazetteer, nlp)
    return EvalReport(
        dataset="event_location_halterman",
        metrics=report.metrics, counts=report.counts, errors=report.errors,
        gold_files={path.name: sha256_file(path)},
        notes=("gold = source RELABEL; correct = our place overlaps a gold LOCATION "
               "or both are empty", "no context countries (single sentences)"),
    )


def score_items(items: Iterable[LocationItem], gazetteer: Gazetteer, nlp: Any
                ) -> EvalReport:
    """Score any list of items (the development split uses the same scoring)."""
    items = list(items)
    counts = {"items": 0, "correct": 0, "gold_with_place": 0, "predicted_place": 0,
              "predicted_correct_place": 0, "unaligned_trigger": 0}
    errors: list[dict[str, Any]] = []
    docs = nlp.pipe(item.text for item in items)
    for item, doc in zip(items, docs):
        counts["items"] += 1
        trigger = _token_at(doc, item.verb[0])
        if trigger is None:
            counts["unaligned_trigger"] += 1
            continue
        place = locate_event(trigger.sent, trigger, gazetteer)
        hit = place is not None and any(_overlap(place.span, g) for g in item.locations)
        correct = hit or (place is None and not item.locations)
        counts["correct"] += int(correct)
        counts["gold_with_place"] += int(bool(item.locations))
        counts["predicted_place"] += int(place is not None)
        counts["predicted_correct_place"] += int(hit)
        if not correct and len(errors) < _MAX_ERRORS:
            errors.append({
                "text": item.text,
                "trigger": item.text[item.verb[0]:item.verb[1]],
                "gold": [item.text[s:e] for s, e in item.locations],
                "predicted": place.text if place else None,
            })
    metrics = {
        "location_accuracy": _ratio(counts["correct"], counts["items"]),
        "precision_with_place": _ratio(counts["predicted_correct_place"],
                                       counts["predicted_place"]),
        "recall_with_place": _ratio(counts["predicted_correct_place"],
                                    counts["gold_with_place"]),
    }
    return EvalReport("event_location", metrics, counts, errors=errors)


def _token_at(doc: Any, char: int) -> Any:
    """Our token covering character ``char`` (the first one after it if in a space)."""
    for tok in doc:
        if tok.idx + len(tok) > char:
            return tok
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0
