"""TempEval-3 platinum scorer: resolving DATE time expressions from the document date.

Each ``.tml`` file holds a document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``) and a TEXT with inline TIMEX3 annotations. For
every TIMEX3 of type DATE in the TEXT, :func:`detente.grounding.time.timex_value` gets
the expression's text and the creation date, plus a tense read from the surrounding
sentence's words (never from the gold); its value must equal the gold ``value``
(seasons, decades and centuries in TimeML's own form: ``2012-SU``, ``199``, ``19``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from detente.evaluate.report import EvalReport, sha256_file
from detente.grounding.time import timex_value

log = logging.getLogger(__name__)

DATASET = "tempeval3_platinum"
_CONTEXT = 60
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z\"'(])|\n\s*\n")
# Clause edges: a cue beyond them belongs to another verb ("On Feb. 28, X said Y would ...").
_CLAUSE_EDGE = re.compile(r"[,;:()\u2014]|\s-\s|\b(?:that|saying|said|says|which|who|because)\b")
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|would|going to|due to|is due|are due|scheduled to|set to|"
    r"plans? to|planning to|expects? to|expected to|intends? to)\b|\w'll\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Timex:
    """One inline TIMEX3 of a TEXT: its attributes and character span in the plain text."""

    tid: str
    type: str
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TmlDocument:
    name: str
    dct: dt.date
    text: str
    timexes: tuple[Timex, ...]


def _flatten(elem: ET.Element, pieces: list[str], timexes: list[Timex], offset: int) -> int:
    """Append ``elem``'s text to ``pieces`` and record TIMEX3 spans; return the new offset."""
    if elem.text:
        pieces.append(elem.text)
        offset += len(elem.text)
    for child in elem:
        start = offset
        offset = _flatten(child, pieces, timexes, offset)
        if child.tag == "TIMEX3":
            text = "".join(pieces)[start:offset]
            timexes.append(Timex(
                child.get("tid", ""), child.get("type", ""), child.get("value", ""),
                text, start, offset,
            ))
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    return offset


def read_tml(path: Path) -> TmlDocument:
    """Parse one TimeML file into its creation date, plain text and TIMEX3 spans."""
    root = ET.parse(path).getroot()
    dct_value = next(
        (t.get("value") for t in root.iter("TIMEX3")
         if t.get("functionInDocument") == "CREATION_TIME"),
        None,
    )
    text_elem = root.find("TEXT")
    if dct_value is None or text_elem is None:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3 or no TEXT element; is it TimeML?")
    pieces: list[str] = []
    timexes: list[Timex] = []
    _flatten(text_elem, pieces, timexes, 0)
    return TmlDocument(path.stem, dt.date.fromisoformat(dct_value[:10]), "".join(pieces),
                       tuple(timexes))


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    after = _SENTENCE_END.search(text, end)
    return begin, after.start() + 1 if after else len(text)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    begin, stop = _sentence_bounds(text, start, end)
    for m in _CLAUSE_EDGE.finditer(text, begin, start):
        begin = m.end()
    after = _CLAUSE_EDGE.search(text, end, stop)
    return begin, after.start() if after else stop


def tense_hint(text: str, start: int, end: int) -> str:
    """'future' when the clause around ``text[start:end]`` has a future cue, else 'past'."""
    begin, stop = _clause_bounds(text, start, end)
    return "future" if _FUTURE_CUE.search(text, begin, stop) else "past"


def _kind(value: str) -> str:
    if value.endswith("_REF"):
        return "ref"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return "other"


def _context(doc: TmlDocument, timex: Timex) -> str:
    before = doc.text[max(0, timex.start - _CONTEXT):timex.start]
    after = doc.text[timex.end:timex.end + _CONTEXT]
    return " ".join(f"{before}[[{timex.text}]]{after}".split())


def evaluate_tempeval(path: Path, limit: int | None = None) -> EvalReport:
    """Score DATE resolution on the ``.tml`` files of ``path`` (first ``limit`` files)."""
    files = sorted(Path(path).glob("*.tml"))[:limit]
    if not files:
        raise FileNotFoundError(f"no .tml files in {path}; point it at tempeval3_platinum")
    total, correct = Counter[str](), Counter[str]()
    errors = []
    for file in files:
        doc = read_tml(file)
        for timex in doc.timexes:
            if timex.type != "DATE":
                continue
            prefer = tense_hint(doc.text, timex.start, timex.end)
            predicted = timex_value(timex.text, doc.dct, prefer=prefer)
            kind = _kind(timex.value)
            total[kind] += 1
            if predicted == timex.value:
                correct[kind] += 1
            else:
                errors.append({"text": _context(doc, timex), "gold": timex.value,
                               "predicted": predicted, "file": doc.name, "dct": str(doc.dct)})
    n, ok = sum(total.values()), sum(correct.values())
    table = [{"kind": k, "total": total[k], "correct": correct[k],
              "accuracy": round(correct[k] / total[k], 4)} for k in sorted(total)]
    log.info("tempeval: %d/%d DATE values correct", ok, n)
    return EvalReport(
        dataset=DATASET,
        metrics={"date_accuracy": ok / n if n else 0.0},
        counts={"documents": len(files), "dates": n, "correct": ok,
                "unresolved": sum(1 for e in errors if e["predicted"] is None)},
        tables={"by_gold_kind": table},
        errors=errors,
        gold_files={f.name: sha256_file(f) for f in files},
        notes=("prefer (past/future) comes from future cues in the expression's clause",),
    )
