"""Scorer for the PETRARCH2 validation records (AFP sentences, CAMEO-coded, MIT licence).

Each of our events becomes CAMEO triples (root, source, target): one per actor x
recipient pair (for symmetric events every ordered pair of distinct parties, actor and
recipient sides together); a country code stands for the actor, "---" for a missing side. Gold triples take the first two digits of the code and
the first three letters of each actor code.

- ``root_dyad_accuracy``: share of gold events (CAMEO roots 03-20) matched by a predicted
  triple with the same root and the same ordered source and target. Statements (roots 01
  and 02, "make a statement" / "appeal") are reported apart (``statements_matched``):
  PLOVER has no statement type, so they are left out of the main figure.
- ``root_accuracy``: the same with the root only.
- ``dyad_accuracy``: the same with the ordered source and target only, whatever the root
  (the country-level dyad figure of the actors issue).
- ``precision``: predicted triples (all records, including the "noevents" ones) that
  match a gold event of their record.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..records import Article, Event, ExtractedArticle
from .jsonl import read_jsonl
from .report import EvalReport, sha256_file

FILE = "PETR2_GSR_validation.jsonl"
STATEMENT_ROOTS = frozenset({"01", "02"})
MISSING = "---"


def read_records(file: Path, limit: int | None = None) -> list[dict[str, Any]]:
    return read_jsonl(file, limit)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(str(value), "%Y%m%d").date() if value else None
    except ValueError:
        return None


def gold_triples(record: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for ev in record.get("events", []):
        if ev.get("noevents") or not ev.get("code"):
            continue
        out.append((str(ev["code"])[:2], (ev.get("source") or MISSING)[:3], (ev.get("target") or MISSING)[:3]))
    return out


#: detente codes the EU as EUR (DESIGN.md); CAMEO files put it under IGO.
_AS_CAMEO = {"EUR": "IGO"}


def _cameo_code(country: str | None) -> str:
    return _AS_CAMEO.get(country or "", country or MISSING)


def event_triples(event: Event) -> set[tuple[str, str, str]]:
    root = event.cameo[:2]
    sources = [_cameo_code(a.country) for a in event.actor] or [MISSING]
    targets = [_cameo_code(r.country) for r in event.recipient] or [MISSING]
    triples = {(root, s, t) for s in sources for t in targets}
    if event.symmetric:
        # equal partners: every ordered pair of distinct parties ("X, Y and Z met")
        parties = list(dict.fromkeys(sources + targets))
        triples |= {(root, a, b) for a in parties for b in parties if a != b}
    return triples


def evaluate_petrarch(extractor: Any, path: Path, limit: int | None = None) -> EvalReport:
    """Score ``extractor`` on the PETRARCH2 validation file found at ``path``."""
    file = path / FILE if path.is_dir() else path
    records = read_records(file, limit)
    articles = [Article(text=r["text"], id=r["id"], published=_date(r.get("date"))) for r in records]
    gold_n = matched = root_matched = dyad_matched = stmt_n = stmt_matched = pred_n = pred_ok = 0
    per_root: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, Any]] = []
    for record, result in zip(records, extractor.extract_many(articles)):
        events = result.events if isinstance(result, ExtractedArticle) else ()
        predicted: set[tuple[str, str, str]] = set()
        for event in events:
            predicted |= event_triples(event)
        gold = gold_triples(record)
        roots = {p[0] for p in predicted}
        dyads = {p[1:] for p in predicted}
        record_ok = True
        for triple in gold:
            hit = triple in predicted
            if triple[0] in STATEMENT_ROOTS:
                stmt_n += 1
                stmt_matched += hit
                continue
            gold_n += 1
            matched += hit
            root_matched += triple[0] in roots
            dyad_matched += triple[1:] in dyads
            per_root[(triple[0], "gold")] += 1
            per_root[(triple[0], "matched")] += hit
            record_ok = record_ok and hit
        pred_n += len(predicted)
        pred_ok += len(predicted & set(gold))
        for p in predicted:
            per_root[(p[0], "predicted")] += 1
        if not record_ok or (predicted - set(gold)):
            errors.append({"id": record["id"], "text": record["text"], "gold": [list(t) for t in gold],
                           "predicted": sorted(list(t) for t in predicted)})
    roots_seen = sorted({r for r, _ in per_root})
    table = [
        {"root": r, "gold": per_root[(r, "gold")], "matched": per_root[(r, "matched")],
         "predicted": per_root[(r, "predicted")]}
        for r in roots_seen
    ]
    return EvalReport(
        dataset="petrarch",
        metrics={
            "root_dyad_accuracy": matched / gold_n if gold_n else 0.0,
            "root_accuracy": root_matched / gold_n if gold_n else 0.0,
            "dyad_accuracy": dyad_matched / gold_n if gold_n else 0.0,
            "precision": pred_ok / pred_n if pred_n else 0.0,
            "statements_matched": stmt_matched / stmt_n if stmt_n else 0.0,
        },
        counts={"records": len(records), "gold_events": gold_n, "statement_events": stmt_n, "predicted": pred_n},
        tables={"per_root": table},
        errors=errors,
        gold_files={str(file): sha256_file(file)},
        notes=("roots 01/02 (statements, appeals) are excluded from root_dyad_accuracy and reported apart",),
    )
