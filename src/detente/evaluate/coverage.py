"""Coverage on unlabeled real articles (the Guardian sample): how much of each event is filled.

No gold: the shares say how often detente fills a slot, not whether it fills it right
(hand-read samples judge that). Over every event of ``guardian_sdf_sample/articles.jsonl.gz``:

- ``actor_share``: events with an actor; ``actor_country_share``: with an actor that has
  a country; ``recipient_country_share``: with a recipient that has a country;
- ``dyadic_both_countries``: of the *dyadic* events (those with a recipient), the share
  whose actor and recipient both have a country; ``both_countries_share``: the same over
  all events;
- ``dated_from_text``: events whose date comes from the text (a date whose
  ``date_precision`` is not ``published``);
- ``placed_share``: events with a place.
Tables count events by ``date_precision``, and by ``date_source`` / ``location.source``
where the events carry those fields.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..records import Article, ArticleError, ExtractedArticle
from ..sources import read_one
from .report import EvalReport, sha256_file

log = logging.getLogger(__name__)

__all__ = ["coverage_of", "evaluate_coverage"]

FILE = "articles.jsonl.gz"


def _has_country(refs: Sequence[Any]) -> bool:
    return any(getattr(r, "country", None) for r in refs)


def _tally_event(event: Any, tally: Counter[str], tables: dict[str, Counter[str]]) -> None:
    tally["events"] += 1
    actor, recipient = _has_country(event.actor), _has_country(event.recipient)
    tally["with_actor"] += bool(event.actor)
    tally["actor_country"] += actor
    tally["recipient_country"] += recipient
    tally["both_countries"] += actor and recipient
    if event.recipient:
        tally["dyadic"] += 1
        tally["dyadic_both"] += actor and recipient
    precision = getattr(event, "date_precision", None)
    tally["dated_from_text"] += bool(getattr(event, "date", None)) and precision not in (None, "published")
    tally["placed"] += event.location is not None
    tables["date_precision"][str(precision)] += 1
    if hasattr(event, "date_source"):
        tables["date_source"][str(event.date_source)] += 1
    if event.location is not None and hasattr(event.location, "source"):
        tables["location_source"][str(event.location.source)] += 1


def coverage_of(events_per_article: Iterable[Sequence[Any]]) -> EvalReport:
    """Coverage shares over the events of each article (see the module doc)."""
    tally: Counter[str] = Counter()
    tables: dict[str, Counter[str]] = {"date_precision": Counter(), "date_source": Counter(),
                                       "location_source": Counter()}
    for events in events_per_article:
        tally["articles"] += 1
        for event in events:
            _tally_event(event, tally, tables)

    def share(num: str, den: str = "events") -> float:
        return round(tally[num] / tally[den], 4) if tally[den] else 0.0

    metrics = {
        "actor_share": share("with_actor"),
        "actor_country_share": share("actor_country"),
        "recipient_country_share": share("recipient_country"),
        "dyadic_both_countries": share("dyadic_both", "dyadic"),
        "both_countries_share": share("both_countries"),
        "dated_from_text": share("dated_from_text"),
        "placed_share": share("placed"),
    }
    rows = {name: [{"value": k, "events": v, "share": round(v / tally["events"], 4)} for k, v in c.most_common()]
            for name, c in tables.items() if c}
    notes = ("coverage, not accuracy: no gold; shares of all events (dyadic_both_countries: of events with a recipient)",)
    return EvalReport("coverage", metrics, dict(tally), rows, [], {}, notes)


def evaluate_coverage(extractor: Any, path: Path, limit: int | None = None) -> EvalReport:
    """Coverage of ``extractor``'s events on the Guardian sample at ``path`` (folder or file)."""
    file = Path(path) / FILE if Path(path).is_dir() else Path(path)
    if not file.exists():
        raise FileNotFoundError(f"no {FILE} in {path}; point it at the guardian_sdf_sample folder")
    articles = [a for a in read_one(str(file)) if isinstance(a, Article)][: limit or None]
    events: list[Sequence[Any]] = []
    for article, result in zip(articles, extractor.extract_many(articles)):
        if isinstance(result, ArticleError):
            log.warning("article %s failed in %s: %s", article.id, result.stage, result.message)
            events.append(())
        else:
            assert isinstance(result, ExtractedArticle)
            events.append(result.events)
    report = coverage_of(events)
    return EvalReport(report.dataset, report.metrics, report.counts, report.tables, [],
                      {str(file): sha256_file(file)}, report.notes)
