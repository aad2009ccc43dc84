"""Turn ExtractedArticle records into store rows and write a batch in one transaction.

A batch is all-or-nothing: articles, their actors, mentions, events, quotes, memory
entries, errors and the dedup buckets they touch are committed together, so a process
killed at any point leaves whole articles or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..records import Article, ArticleError, ExtractedArticle, Event
from . import dedup
from .rows import insert_rows

log = logging.getLogger(__name__)

#: Actor evidence kinds the store remembers for later articles (see memory.py).
MEMORY_EVIDENCE = ("descriptor",)


def content_hash(article: Article) -> str:
    """The identity of an article in the store: :func:`detente.records.text_hash` of its
    text (normalised whitespace; no id, file name or date)."""
    return article.content_hash()


def name_key(name: str) -> str:
    """How names are compared in the memory table (the knowledge base's normalisation)."""
    from ..actors.kb import normalize_name

    return normalize_name(name)


@dataclass(frozen=True, slots=True)
class Failure:
    """An article (or input) that failed, as the store records it."""

    stage: str
    message: str
    source: str | None = None
    article_id: str | None = None
    content_hash: str | None = None
    #: a limit that applied to an article that is stored all the same (truncation, ...)
    note: bool = False

    @classmethod
    def from_error(cls, err: ArticleError, chash: str | None, source: str | None) -> "Failure":
        return cls(err.stage, err.message, source, err.article_id, chash)

    def key(self) -> str:
        if self.content_hash:
            return f"{self.content_hash}:{self.stage}" if self.note else self.content_hash
        return hashlib.sha1(f"{self.source}\x1f{self.stage}\x1f{self.message}".encode()).hexdigest()


@dataclass
class Rows:
    """Rows of every table for one batch."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    dedup_keys: set[str] = field(default_factory=set)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(row)


def add_article(rows: Rows, result: ExtractedArticle, chash: str, seq: int, run_id: str, now: dt.datetime) -> None:
    art = result.article
    rows.add("articles", {
        "content_hash": chash, "seq": seq, "id": art.id, "title": art.title, "published": art.published,
        "source": art.source, "url": art.url, "text": art.text, "num_actors": len(result.actors),
        "num_events": len(result.events), "num_quotes": len(result.quotes), "run_id": run_id,
        "ingested_at": now,
    })
    for actor in result.actors:
        rows.add("actors", {
            "content_hash": chash, "actor_id": actor.id, "name": actor.name, "kind": actor.kind,
            "country": actor.country, "sector": actor.sector, "title": actor.title,
            "evidence": actor.evidence, "kb_id": actor.kb_id, "num_mentions": len(actor.mentions),
        })
        for i, (start, end) in enumerate(actor.mentions):
            rows.add("mentions", {
                "content_hash": chash, "actor_id": actor.id, "mention_index": i,
                "start_char": start, "end_char": end, "text": art.text[start:end],
            })
        if actor.kind == "person" and actor.evidence in MEMORY_EVIDENCE and actor.country and art.published:
            rows.add("memory", {
                "name_key": name_key(actor.name), "name": actor.name, "country": actor.country,
                "sector": actor.sector, "title": actor.title, "evidence_date": art.published,
                "content_hash": chash, "seq": seq,
            })
    for event in result.events:
        key = dedup.dedup_key(event, chash)
        rows.dedup_keys.add(key)
        rows.add("events", _event_row(event, chash, key))
        for role, refs in (("actor", event.actor), ("recipient", event.recipient)):
            for pos, ref in enumerate(refs):
                rows.add("event_actors", {
                    "content_hash": chash, "event_id": event.id, "role": role, "position": pos,
                    "actor_id": ref.id, "name": ref.name, "country": ref.country, "sector": ref.sector,
                })
    for i, q in enumerate(result.quotes):
        sp = q.speaker
        rows.add("quotes", {
            "content_hash": chash, "quote_index": i, "speaker_id": sp.id if sp else None,
            "speaker_name": sp.name if sp else None, "speaker_country": sp.country if sp else None,
            "speaker_sector": sp.sector if sp else None, "speaker_text": q.speaker_text, "text": q.text,
            "span_start": q.span[0], "span_end": q.span[1], "cue": q.cue,
            "cue_start": q.cue_span[0] if q.cue_span else None, "cue_end": q.cue_span[1] if q.cue_span else None,
            "direct": q.direct, "date": q.date, "sentence_index": q.sentence_index,
        })
    # one memory entry per (article, name)
    _unique_memory(rows)


def _unique_memory(rows: Rows) -> None:
    seen: set[tuple[str, str]] = set()
    kept = []
    for row in rows.tables.get("memory", []):
        k = (row["content_hash"], row["name_key"])
        if k not in seen:
            seen.add(k)
            kept.append(row)
    if kept:
        rows.tables["memory"] = kept


def _event_row(e: Event, chash: str, key: str) -> dict[str, Any]:
    loc = e.location
    return {
        "content_hash": chash, "event_id": e.id, "type": e.type, "mode": e.mode, "contexts": list(e.contexts),
        "cameo": e.cameo, "quad_class": e.quad_class, "intensity": float(e.intensity),
        "goldstein": float(e.goldstein), "symmetric": e.symmetric, "status": e.status, "date": e.date,
        "date_precision": e.date_precision, "date_text": e.date_text, "date_start": _date_start(e),
        "date_source": e.date_source, "location_source": loc.source if loc else None,
        "actor_ids": [a.id for a in e.actor], "actor_names": [a.name for a in e.actor],
        "actor_countries": [a.country for a in e.actor], "actor_sectors": [a.sector for a in e.actor],
        "recipient_ids": [a.id for a in e.recipient], "recipient_names": [a.name for a in e.recipient],
        "recipient_countries": [a.country for a in e.recipient],
        "recipient_sectors": [a.sector for a in e.recipient],
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None, "location_text": loc.text if loc else None,
        "location_start": loc.span[0] if loc else None, "location_end": loc.span[1] if loc else None,
        "location_kind": loc.kind if loc else None, "sentence_index": e.sentence_index,
        "span_start": e.span[0], "span_end": e.span[1], "trigger": e.trigger,
        "trigger_start": e.trigger_span[0], "trigger_end": e.trigger_span[1], "text": e.text,
        "confidence": float(e.confidence), "dedup_key": key,
        "mentions": [{"trigger": m.trigger, "trigger_start": m.trigger_span[0], "trigger_end": m.trigger_span[1],
                      "span_start": m.span[0], "span_end": m.span[1], "sentence_index": m.sentence_index}
                     for m in e.mentions],
    }


def _date_start(e: Event) -> dt.date | None:
    from ..records import TimeValue

    if not e.date or not e.date_precision:
        return None
    try:
        return TimeValue(e.date, e.date_precision).start
    except ValueError:
        log.warning("event %s: date %r cannot be read", e.id, e.date)
        return None


def add_failure(rows: Rows, failure: Failure, seq: int | None, run_id: str, now: dt.datetime) -> None:
    rows.add("ingest_errors", {
        "error_key": failure.key(), "content_hash": failure.content_hash, "seq": seq,
        "article_id": failure.article_id, "source": failure.source, "stage": failure.stage,
        "message": failure.message, "run_id": run_id, "failed_at": now,
    })


#: insertion order (parents first)
_TABLE_ORDER = ("articles", "actors", "mentions", "events", "event_actors", "quotes", "memory")


def commit(con: Any, rows: Rows, log_update: Iterable[Any] | None = None) -> int:
    """Write one batch in one transaction; returns the number of articles written."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table in _TABLE_ORDER:
            insert_rows(con, table, rows.tables.get(table, []))
        errors = rows.tables.get("ingest_errors", [])
        if errors:
            # a failure seen again (re-run over the same bad line) is recorded once
            known = {r[0] for r in con.execute(
                "SELECT error_key FROM ingest_errors WHERE error_key IN (SELECT unnest(?::VARCHAR[]))",
                [[e["error_key"] for e in errors]],
            ).fetchall()}
            fresh = {e["error_key"]: e for e in errors if e["error_key"] not in known}
            insert_rows(con, "ingest_errors", list(fresh.values()))
        dedup.refresh(con, rows.dedup_keys)
        if log_update is not None:
            con.execute(*log_update)
        con.execute("COMMIT")
    except Exception:
        try:
            con.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - a failed COMMIT may leave nothing to roll back: keep its error
            log.debug("ROLLBACK after a failed write failed too", exc_info=True)
        raise
    return len(rows.tables.get("articles", []))


def existing_hashes(con: Any, hashes: Sequence[str]) -> set[str]:
    """Which of these content hashes the store already holds (as articles or failures)."""
    if not hashes:
        return set()
    found = con.execute(
        "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT content_hash FROM ingest_errors WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
        [list(hashes), list(hashes)],
    ).fetchall()
    return {r[0] for r in found}
