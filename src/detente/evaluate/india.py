"""Scorer for IndiaPoliceEvents (Halterman et al., Findings of ACL 2021; Times of India 2002).

Sentence-level: gold labels KILL and FORCE mean a police ASSAULT, ARREST a police COERCE.
Each article's first line ("This story is from <date>") is dropped and its date is the
publication date. An event counts for the sentence that holds its trigger; it is a
*police* event when one of its actors (either party of a symmetric event) has sector COP
or a name naming the police, or,
having no actor, when it is an arrest or its sentence names the police (see is_police).
Metrics: precision/recall/F1 of police ASSAULT and COERCE sentences, and
``no_event_rate_on_unlabeled``: share of sentences with no gold label where we code any
event at all (an over-generation gauge: unlabeled sentences may still hold other events).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..records import Article, Event, ExtractedArticle
from .jsonl import iter_jsonl
from .report import EvalReport, sha256_file

GOLD = {"KILL": "ASSAULT", "FORCE": "ASSAULT", "ARREST": "COERCE"}
TYPES = ("ASSAULT", "COERCE")
_DATELINE = re.compile(r"^This story is from ([A-Za-z]+ \d{1,2}, \d{4})\s*")
_POLICE = re.compile(r"\b(police|policemen|policeman|cops?|constables?|constabulary|sho|inspector)\b", re.I)


def _prepare(doc: dict[str, Any], sents: list[dict[str, Any]]) -> tuple[Article, int, list[int]]:
    """The article without its dateline, the dateline's length, and sentence start offsets."""
    text = doc["doc_text"]
    match = _DATELINE.match(text)
    cut = match.end() if match else 0
    published = dt.datetime.strptime(match.group(1), "%B %d, %Y").date() if match else None
    starts, pos = [], 0
    for sent in sents:
        i = text.find(sent["sent_text"], pos)
        starts.append(i if i >= 0 else pos)
        pos = (i if i >= 0 else pos) + len(sent["sent_text"])
    return Article(text=text[cut:], id=str(doc["doc_id"]), published=published), cut, starts


def is_police(event: Event, sentence: str) -> bool:
    """A police event: an actor (either party of a symmetric event) of sector COP or named
    as police; with no actor at all,
    an arrest (made by the authorities by definition) or a sentence naming the police,
    unless the police are its target ("an attack on the police station" is not theirs)."""
    # a symmetric event ("activists and police clashed") has the police on either side
    parties = event.actor + event.recipient if event.symmetric else event.actor
    if any(a.sector == "COP" or _POLICE.search(a.name or "") for a in parties):
        return True
    if event.actor or any(r.sector == "COP" or _POLICE.search(r.name or "") for r in event.recipient):
        return False
    return event.mode == "arrest" or bool(_POLICE.search(sentence))


def evaluate_india_police(extractor: Any, path: Path, limit: int | None = None) -> EvalReport:
    """Score ``extractor`` on the first ``limit`` documents of IndiaPoliceEvents at ``path``."""
    docs_file, sents_file = path / "docs.jsonl.gz", path / "sents.jsonl.gz"
    by_doc: dict[int, list[dict[str, Any]]] = {}
    for sent in iter_jsonl(sents_file):
        by_doc.setdefault(sent["doc_id"], []).append(sent)
    docs = []
    for doc in iter_jsonl(docs_file):
        docs.append(doc)
        if limit is not None and len(docs) >= limit:
            break
    prepared = [_prepare(d, sorted(by_doc.get(d["doc_id"], []), key=lambda s: s["sent_id"])) for d in docs]
    tp = {t: 0 for t in TYPES}
    fp = {t: 0 for t in TYPES}
    fn = {t: 0 for t in TYPES}
    unlabeled = unlabeled_hit = 0
    errors: list[dict[str, Any]] = []
    results = extractor.extract_many([p[0] for p in prepared])
    for doc, (article, cut, starts), result in zip(docs, prepared, results):
        sents = sorted(by_doc.get(doc["doc_id"], []), key=lambda s: s["sent_id"])
        predicted: dict[int, set[str]] = {}
        any_event: set[int] = set()
        for event in result.events if isinstance(result, ExtractedArticle) else ():
            # a merged event is reported in the sentence of each of its mentions
            for span in [m.trigger_span for m in event.mentions] or [event.trigger_span]:
                k = bisect.bisect_right(starts, span[0] + cut) - 1
                any_event.add(k)
                if event.type in TYPES and event.status in ("asserted", "historical") and is_police(event, event.text):
                    predicted.setdefault(k, set()).add(event.type)
        for k, sent in enumerate(sents):
            if k == 0 and _DATELINE.match(sent["sent_text"]):
                continue
            gold = {GOLD[label] for label in sent["sent_labels"] if label in GOLD}
            ours = predicted.get(k, set())
            for t in TYPES:
                tp[t] += t in gold and t in ours
                fp[t] += t not in gold and t in ours
                fn[t] += t in gold and t not in ours
            if not sent["sent_labels"]:
                unlabeled += 1
                unlabeled_hit += k in any_event
            if gold != ours and len(errors) < 300:
                errors.append({"doc": doc["doc_id"], "sent": sent["sent_id"], "text": sent["sent_text"],
                               "gold": sorted(gold), "predicted": sorted(ours)})
    metrics, table = _figures(tp, fp, fn)
    metrics["no_event_rate_on_unlabeled"] = unlabeled_hit / unlabeled if unlabeled else 0.0
    return EvalReport(
        dataset="india-police",
        metrics=metrics,
        counts={"documents": len(docs), "unlabeled_sentences": unlabeled},
        tables={"police_events": table},
        errors=errors,
        gold_files={str(f): sha256_file(f) for f in (docs_file, sents_file)},
        notes=("sentence-level; police = actor sector COP or a police name; asserted/historical events only",),
    )


def _figures(tp: dict[str, int], fp: dict[str, int], fn: dict[str, int]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    metrics: dict[str, float] = {}
    table = []
    for t in TYPES:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        metrics.update({f"{t.lower()}_precision": p, f"{t.lower()}_recall": r, f"{t.lower()}_f1": f})
        table.append({"type": t, "tp": tp[t], "fp": fp[t], "fn": fn[t], "precision": round(p, 3),
                      "recall": round(r, 3), "f1": round(f, 3)})
    return metrics, table
