"""Scorer for the PLOVER gold-standard records (openeventdata/PLOVER, CC BY-SA 4.0).

Each record is one sentence with one gold event. Definitions:

- ``type_accuracy``: the type of our *top* event of the sentence (highest confidence,
  earliest on ties) equals the gold type, after mapping the file's PLOVER 0.5 names
  (DISAPPROVE, INVESTIGATE -> ACCUSE; DEMAND -> REQUEST; FIGHT -> ASSAULT). A sentence
  where we code nothing counts as wrong. ``type_any`` (reported too): some event of the
  sentence has the gold type.
- ``dyad_accuracy``: for the best-matching event (gold type preferred, then a dyad match,
  then confidence), the set of our actor countries equals the gold source countries and
  our recipient countries equal the gold target countries (empty = none). Compound
  ``SRC/TAR`` actors in the markup, and events we mark symmetric, may match in either
  direction: the union of both sides must then equal the gold union.
- ``countries_found``: share of gold countries present among the article's coded actors.
Dates in the file are placeholders: articles are given no publication date.

Code normalisation (both sides compared after it): the gold file uses a few pre-ISO CAMEO
country codes (JAP -> JPN, ITL -> ITA, VTN -> VNM; found by checking every gold code
against pycountry, the rest are ISO or non-state roots: IGO, NGO, IMG, ISM), and files the
EU / European Community under IGO where detente codes it EUR (DESIGN.md): our EUR counts
as IGO.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..records import Article, ArticleError, Event, ExtractedArticle
from .jsonl import read_jsonl
from .report import EvalReport, sha256_file

FILE = "PLOVER_GSR_CAMEO.jsonl"
RENAMES = {"DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
NONE = "NONE"
#: Old CAMEO country codes of the gold file -> ISO 3166-1 alpha-3.
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: Our codes -> the gold file's convention.
AS_GOLD = {"EUR": "IGO"}


def read_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    return read_jsonl(path / FILE if path.is_dir() else path, limit)


def _codes(side: Any) -> set[str]:
    if not isinstance(side, list):
        return set()
    codes = {str(a.get("code", ""))[:3] for a in side if a.get("code")}
    return {OLD_CODES.get(c, c) for c in codes}


def _ours(country: str | None) -> str | None:
    return AS_GOLD.get(country, country) if country else None


def _sides(event: Event) -> tuple[set[str], set[str]]:
    act = {_ours(a.country) for a in event.actor if a.country}
    rec = {_ours(r.country) for r in event.recipient if r.country}
    return {c for c in act if c}, {c for c in rec if c}


def dyad_matches(event: Event, src: set[str], tar: set[str], compound: bool) -> bool:
    act, rec = _sides(event)
    if act == src and rec == tar:
        return True
    return (compound or event.symmetric) and (act | rec) == (src | tar)


def top_event(events: Sequence[Event]) -> Event | None:
    best = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def best_match(events: Sequence[Event], gold_type: str, src: set[str], tar: set[str], compound: bool) -> Event | None:
    if not events:
        return None
    return max(
        events,
        key=lambda e: (e.type == gold_type, dyad_matches(e, src, tar, compound), e.confidence, -e.trigger_span[0]),
    )


def evaluate_plover_gsr(extractor: Any, path: Path, limit: int | None = None) -> EvalReport:
    """Score ``extractor`` on the PLOVER gold records found at ``path`` (folder or file)."""
    file = path / FILE if path.is_dir() else path
    records = read_records(file, limit)
    articles = [Article(text=r["text"], id=r["id"]) for r in records]
    results: Iterable[ExtractedArticle | ArticleError] = extractor.extract_many(articles)
    n = type_ok = type_any = dyad_ok = failed = 0
    found = total_countries = 0
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, Any]] = []
    for record, result in zip(records, results):
        n += 1
        gold_type = RENAMES.get(record["event"], record["event"])
        src, tar = _codes(record.get("source")), _codes(record.get("target"))
        info = record.get("textInfo")
        compound = "SRC/TAR" in (info.get("markup", "") if isinstance(info, dict) else str(info or ""))
        events = result.events if isinstance(result, ExtractedArticle) else ()
        failed += isinstance(result, ArticleError)
        top = top_event(events)
        predicted = top.type if top else NONE
        confusion[(gold_type, predicted)] += 1
        type_ok += predicted == gold_type
        type_any += any(e.type == gold_type for e in events)
        best = best_match(events, gold_type, src, tar, compound)
        dyad = best is not None and dyad_matches(best, src, tar, compound)
        dyad_ok += dyad
        ours = {_ours(a.country) for a in result.actors if a.country} if isinstance(result, ExtractedArticle) else set()
        found += len((src | tar) & ours)
        total_countries += len(src | tar)
        if predicted != gold_type or not dyad:
            errors.append(_error(record, gold_type, src, tar, best, events))
    metrics = {
        "type_accuracy": type_ok / n if n else 0.0,
        "type_any": type_any / n if n else 0.0,
        "dyad_accuracy": dyad_ok / n if n else 0.0,
        "countries_found": found / total_countries if total_countries else 0.0,
    }
    return EvalReport(
        dataset="plover-gsr",
        metrics=metrics,
        counts={"records": n, "failed_articles": failed, "gold_countries": total_countries},
        tables={"per_type": per_type_table(confusion), "confusion": confusion_table(confusion)},
        errors=errors,
        gold_files={str(file): sha256_file(file)},
        notes=(
            "type_accuracy: top (highest-confidence) event type == gold type; no event = wrong",
            "dyad: best-matching event; SRC/TAR compounds and symmetric events match either direction",
            "the file's dates are placeholders: no publication date is passed",
        ),
    )


def _error(record: dict[str, Any], gold_type: str, src: set[str], tar: set[str], best: Event | None,
           events: Sequence[Event]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "text": record["text"],
        "gold": {"type": gold_type, "source": sorted(src), "target": sorted(tar)},
        "predicted": [
            {"type": e.type, "actor": sorted(_sides(e)[0]), "recipient": sorted(_sides(e)[1]),
             "trigger": e.trigger, "confidence": e.confidence, "chosen": e is best}
            for e in events
        ],
    }


def per_type_table(confusion: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    """Precision/recall/F1 per type, treating the top event as a single-label prediction."""
    types = sorted({g for g, _ in confusion} | {p for _, p in confusion} - {NONE})
    rows = []
    for t in types:
        tp = confusion[(t, t)]
        pred = sum(v for (g, p), v in confusion.items() if p == t)
        gold = sum(v for (g, p), v in confusion.items() if g == t)
        prec = tp / pred if pred else 0.0
        rec = tp / gold if gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"type": t, "gold": gold, "predicted": pred, "precision": round(prec, 3),
                     "recall": round(rec, 3), "f1": round(f1, 3)})
    return rows


def confusion_table(confusion: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    rows = []
    for gold in sorted({g for g, _ in confusion}):
        row: dict[str, Any] = {"gold": gold}
        for (g, p), v in sorted(confusion.items()):
            if g == gold:
                row[p] = v
        rows.append(row)
    return rows
