"""TimeBank + AQUAINT (TBAQ-cleaned): the date of each event, from TimeML event-time links.

Gold: the ``.tml`` files under ``timebank_aquaint/TimeBank`` and ``/AQUAINT`` (see its
SOURCE.txt). Scoring (documented choices):

- **Gold dates.** A gold EVENT happened at a time when a TLINK ties one of its instances
  to it by IS_INCLUDED, DURING, SIMULTANEOUS, BEGINS or ENDS (or, written from the time's
  side, INCLUDES, SIMULTANEOUS, BEGUN_BY, ENDED_BY), and the time is a DATE TIMEX3 with an
  ISO value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www) or the document creation time (its
  day). Where an event is tied to several, the most precise values are its gold (any of
  them, if several share that precision).
- **Alignment.** The article given to detente is the TEXT with the creation date as its
  publication date. A detente event is aligned to the gold EVENT whose span its trigger
  overlaps (its ``trigger_span``, then its other mentions' when it lists ``mentions``).
  *Judged* events are detente events aligned to a gold event that has a gold date.
- **Correct.** Each value names a period (a day, an ISO week, a month, a year;
  ``published`` names the publication day). ``date_accuracy``: our period and the gold
  period nest (one contains the other): right at the coarser of the two precisions, so
  "1998" for an event of 1998-08-07 counts, as does 1998-08-07 for one of "1998".
  ``date_exact``: our period lies inside the gold period (right at the gold's
  precision). An event with no date is wrong.
- ``published_share``: share of judged events whose date is the publication date
  (``date_precision == "published"``): where nothing in the text dated them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..records import Article, ArticleError, ExtractedArticle, Span
from .report import EvalReport, sha256_file

log = logging.getLogger(__name__)

__all__ = ["GoldDate", "TimebankDoc", "evaluate_timebank", "judge", "period", "read_timebank_tml", "score_timebank", "tml_files"]

FOLDERS = ("TimeBank", "AQUAINT")
#: Relations of an event to a time (event side first) that put the event at that time.
_EVENT_AT = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS"})
#: The same relations written from the time's side.
_TIME_HOLDS = frozenset({"INCLUDES", "SIMULTANEOUS", "BEGUN_BY", "ENDED_BY"})
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?")
_RANK = {"year": 0, "month": 1, "week": 2, "day": 3}
_MAX_ERRORS = 300


@dataclass(frozen=True, slots=True)
class GoldDate:
    """One gold EVENT with a date: its span in the plain text and its gold values."""

    eid: str
    text: str
    span: Span
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimebankDoc:
    name: str
    dct: dt.date
    text: str
    events: tuple[GoldDate, ...]


def period(value: str | None) -> tuple[dt.date, dt.date, str] | None:
    """(first day, last day, precision) of an ISO date value, or None if it names none."""
    if not value or not _ISO.fullmatch(value):
        return None
    if "-W" in value:
        year, week = int(value[:4]), int(value[6:])
        try:
            start = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        return start, start + dt.timedelta(days=6), "week"
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day, "day"
        if len(parts) == 2:
            start = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1), "month"
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    except ValueError:
        return None


def _flatten(elem: ET.Element, pieces: list[str], marks: list[tuple[ET.Element, int, int]], offset: int) -> int:
    """Append ``elem``'s text to ``pieces``; record each EVENT/TIMEX3 child's span."""
    if elem.text:
        pieces.append(elem.text)
        offset += len(elem.text)
    for child in elem:
        start = offset
        offset = _flatten(child, pieces, marks, offset)
        if child.tag in ("EVENT", "TIMEX3"):
            marks.append((child, start, offset))
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    return offset


def _time_values(root: ET.Element) -> tuple[dt.date, dict[str, str]]:
    """The creation date and the ISO value of each DATE TIMEX3 (the DCT's tid: its day)."""
    dct_elem = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    if dct_elem is None or not _ISO.match(dct_elem.get("value", "")):
        raise ValueError("no CREATION_TIME TIMEX3 with an ISO value")
    dct = dt.date.fromisoformat(dct_elem.get("value", "")[:10])
    values = {t.get("tid", ""): t.get("value", "") for t in root.iter("TIMEX3")
              if t.get("type") == "DATE" and period(t.get("value"))}
    values[dct_elem.get("tid", "")] = dct.isoformat()
    return dct, values


def _gold_values(root: ET.Element, times: Mapping[str, str]) -> dict[str, list[str]]:
    """Event id -> the date values its TLINKs put it at."""
    instance = {m.get("eiid"): m.get("eventID") for m in root.iter("MAKEINSTANCE")}
    out: dict[str, list[str]] = {}
    for link in root.iter("TLINK"):
        rel = link.get("relType", "")
        if link.get("eventInstanceID") and link.get("relatedToTime") and rel in _EVENT_AT:
            eiid, tid = link.get("eventInstanceID", ""), link.get("relatedToTime", "")
        elif link.get("timeID") and link.get("relatedToEventInstance") and rel in _TIME_HOLDS:
            eiid, tid = link.get("relatedToEventInstance", ""), link.get("timeID", "")
        else:
            continue
        eid = instance.get(eiid)
        if eid and tid in times:
            out.setdefault(eid, []).append(times[tid])
    return out


def _most_precise(values: Iterable[str]) -> tuple[str, ...]:
    ranked = [(_RANK[period(v)[2]], v) for v in values if period(v)]  # type: ignore[index]
    top = max((r for r, _ in ranked), default=-1)
    return tuple(sorted({v for r, v in ranked if r == top}))


def read_timebank_tml(path: Path) -> TimebankDoc:
    """One TimeML file: plain text, creation date, and the dated gold events."""
    root = ET.parse(path).getroot()
    try:
        dct, times = _time_values(root)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}; is it TimeML?") from None
    text_elem = root.find("TEXT")
    if text_elem is None:
        raise ValueError(f"{path}: no TEXT element; is it TimeML?")
    pieces: list[str] = []
    marks: list[tuple[ET.Element, int, int]] = []
    _flatten(text_elem, pieces, marks, 0)
    text = "".join(pieces)
    gold = _gold_values(root, times)
    events = []
    for elem, start, end in marks:
        if elem.tag != "EVENT":
            continue
        values = _most_precise(gold.get(elem.get("eid", ""), ()))
        if values:
            events.append(GoldDate(elem.get("eid", ""), text[start:end], (start, end), values))
    return TimebankDoc(path.stem, dct, text, tuple(events))


def tml_files(path: Path) -> list[Path]:
    folders = [path / f for f in FOLDERS if (path / f).is_dir()] or [path]
    return [f for folder in folders for f in sorted(folder.glob("*.tml"))]


def _triggers(event: Any) -> list[Span]:
    spans = [tuple(event.trigger_span)]
    for mention in getattr(event, "mentions", None) or ():
        got = mention.get("trigger_span") if isinstance(mention, Mapping) else getattr(mention, "trigger_span", None)
        if got:
            spans.append(tuple(got))
    return spans


def _align(event: Any, doc: TimebankDoc) -> GoldDate | None:
    for s, e in _triggers(event):
        for gold in doc.events:
            if s < gold.span[1] and gold.span[0] < e:
                return gold
    return None


def judge(ours: str | None, precision: str | None, gold: Sequence[str]) -> tuple[bool, bool]:
    """(compatible, exact) of our date against the gold values (see the module doc)."""
    mine = period(ours[:10] if ours and precision == "published" else ours)
    if mine is None:
        return False, False
    nested = exact = False
    for value in gold:
        theirs = period(value)
        if theirs is None:
            continue
        inside = theirs[0] <= mine[0] and mine[1] <= theirs[1]
        exact = exact or inside
        nested = nested or inside or (mine[0] <= theirs[0] and theirs[1] <= mine[1])
    return nested, exact


def score_timebank(docs: Sequence[TimebankDoc], events: Sequence[Sequence[Any]]) -> EvalReport:
    """Figures for gold documents and detente's events of each (same order)."""
    tally: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for doc, ours in zip(docs, events):
        tally["gold_dated_events"] += len(doc.events)
        for event in ours:
            gold = _align(event, doc)
            if gold is None:
                continue
            tally["judged"] += 1
            precision = getattr(event, "date_precision", None)
            compatible, exact = judge(getattr(event, "date", None), precision, gold.values)
            tally["correct"] += compatible
            tally["exact"] += exact
            tally["published"] += precision == "published"
            tally["published_correct"] += precision == "published" and compatible
            if not compatible and len(errors) < _MAX_ERRORS:
                s, e = gold.span
                errors.append({"file": doc.name, "dct": str(doc.dct),
                               "text": " ".join(f"{doc.text[max(0, s - 80):s]}[[{doc.text[s:e]}]]{doc.text[e:e + 60]}".split()),
                               "gold": list(gold.values), "predicted": [getattr(event, "date", None), precision]})
    judged = tally["judged"]
    metrics = {
        "date_accuracy": round(tally["correct"] / judged, 4) if judged else 0.0,
        "date_exact": round(tally["exact"] / judged, 4) if judged else 0.0,
        "published_share": round(tally["published"] / judged, 4) if judged else 0.0,
    }
    notes = (("judged: detente events whose trigger overlaps a gold EVENT tied to a DATE or the DCT by "
              "IS_INCLUDED/DURING/SIMULTANEOUS/BEGINS/ENDS (or the inverse links)"),
             "date_accuracy: our period and the gold period nest; date_exact: ours inside the gold's",
             "published_share: judged events dated by the publication date (lower: more dated from the text)")
    return EvalReport("timebank", metrics, {"documents": len(docs), **dict(tally)}, {}, errors, {}, notes)


def evaluate_timebank(extractor: Any, path: Path, limit: int | None = None) -> EvalReport:
    """Score ``extractor``'s event dates on the TimeML files under ``path``."""
    files = tml_files(Path(path))[: limit or None]
    if not files:
        raise FileNotFoundError(f"no .tml files under {path}; point it at the timebank_aquaint folder")
    docs = [read_timebank_tml(f) for f in files]
    articles = [Article(text=d.text, id=d.name, published=d.dct) for d in docs]
    events: list[Sequence[Any]] = []
    for doc, result in zip(docs, extractor.extract_many(articles)):
        if isinstance(result, ArticleError):
            log.warning("article %s failed in %s: %s", doc.name, result.stage, result.message)
            events.append(())
        else:
            assert isinstance(result, ExtractedArticle)
            events.append(result.events)
    report = score_timebank(docs, events)
    return EvalReport(report.dataset, report.metrics, report.counts, report.tables, report.errors,
                      {str(f): sha256_file(f) for f in files}, report.notes)
