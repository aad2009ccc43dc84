"""What the web page needs on top of :mod:`detente.store.queries` (highlight spans for the
event list, places for the map, actors for the search box, an article with its events).

Events, filters and dyads are the store's (:class:`~detente.store.filters.EventFilter`,
:func:`~detente.store.queries.list_events`) and analytics' (:func:`detente.analytics.top_dyads`),
so the page counts what the CLI counts. Every function takes a DuckDB connection (a cursor
of the app's read-only store) and uses parameterised SQL only.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from ..analytics import top_dyads
from ..store.filters import EventFilter
from ..store.queries import article, count_events, dicts, list_actors, list_events
from ..store.queries import places as store_places

__all__ = ["EventFilter", "events_page", "highlights", "segments", "dyads", "places", "actors",
           "article_view", "overview"]

#: when highlights overlap, the first kind here wins
_PRIORITY = ("trigger", "place", "actor", "recipient")


def events_page(con: Any, flt: EventFilter, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(number of matching event records, one page of them with ``highlights``)."""
    total = count_events(con, flt)
    rows = list_events(con, flt, limit=limit, offset=offset, spans=True)
    spans = _mention_spans(con, rows)
    for row in rows:
        marks = highlights(row, spans.get((row["content_hash"], row["event_id"]), ()))
        row["highlights"] = marks
        row["segments"] = segments(row["text"] or "", marks)
    return total, rows


def _mention_spans(con: Any, rows: Sequence[dict[str, Any]]) -> dict[tuple[str, str], list[tuple[str, int, int]]]:
    """Mentions of each event's actors and recipients inside the event's sentence."""
    if not rows:
        return {}
    wanted = {(r["content_hash"], r["event_id"]) for r in rows}
    sql = """
    SELECT x.content_hash, x.event_id, x.role, m.start_char, m.end_char
    FROM event_actors x
    JOIN mentions m ON m.content_hash = x.content_hash AND m.actor_id = x.actor_id
    JOIN events e ON e.content_hash = x.content_hash AND e.event_id = x.event_id
    WHERE x.content_hash IN (SELECT unnest(?::VARCHAR[]))
      AND m.start_char >= e.span_start AND m.end_char <= e.span_end
    ORDER BY m.start_char
    """
    out: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
    for chash, eid, role, start, end in con.execute(sql, [sorted({h for h, _ in wanted})]).fetchall():
        if (chash, eid) in wanted:
            out.setdefault((chash, eid), []).append((role, int(start), int(end)))
    return out


def highlights(row: dict[str, Any], mentions: Iterable[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """Non-overlapping marks ``{kind, start, end}`` relative to the event's sentence."""
    base = row["span_start"] or 0
    size = len(row["text"] or "")
    candidates: list[tuple[str, int, int]] = []
    if row.get("trigger_start") is not None and row.get("trigger_end") is not None:
        candidates.append(("trigger", row["trigger_start"], row["trigger_end"]))
    if row.get("location_start") is not None and row.get("location_end") is not None:
        candidates.append(("place", row["location_start"], row["location_end"]))
    candidates += list(mentions)
    candidates.sort(key=lambda c: (_PRIORITY.index(c[0]), c[1]))
    kept: list[dict[str, Any]] = []
    for kind, start, end in candidates:
        s, e = start - base, end - base
        if s < 0 or e > size or s >= e:
            continue  # a span outside the sentence cannot be drawn in it
        if any(s < k["end"] and k["start"] < e for k in kept):
            continue
        kept.append({"kind": kind, "start": s, "end": e})
    return sorted(kept, key=lambda k: k["start"])


def segments(text: str, marks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at the marks: ``[{text, kind|None}]`` (the browser needs no offsets,
    which JavaScript would count in UTF-16 units)."""
    out: list[dict[str, Any]] = []
    pos = 0
    for mark in sorted(marks, key=lambda m: m["start"]):
        if mark["start"] > pos:
            out.append({"text": text[pos:mark["start"]], "kind": None})
        out.append({"text": text[mark["start"]:mark["end"]], "kind": mark["kind"]})
        pos = mark["end"]
    if pos < len(text):
        out.append({"text": text[pos:], "kind": None})
    return out


# -- relationship graph -------------------------------------------------------------------

def dyads(con: Any, flt: EventFilter, level: str = "country", limit: int = 60) -> list[dict[str, Any]]:
    """The most active pairs (countries or people) among the filtered events: the dyads of
    ``detente summary`` (:func:`detente.analytics.top_dyads`) as the API's dicts."""
    return [d.to_dict() for d in top_dyads(con, level, limit, flt=flt)]


# -- map, actors, articles ----------------------------------------------------------------

def places(con: Any, flt: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
    """Places of the filtered events with coordinates, one row per place."""
    return store_places(con, flt, limit)


def actors(con: Any, query: str | None, level: str = "all", limit: int = 50) -> list[dict[str, Any]]:
    """Actors (or countries) by the number of event records they take part in."""
    return list_actors(con, query, level, limit)


def article_view(con: Any, key: str) -> dict[str, Any] | None:
    """An article (by content hash or id) with its text cut into segments that mark the
    sentences and triggers of its events."""
    art = article(con, key)
    if art is None:
        return None
    events = dicts(con.execute(
        "SELECT event_id, type, status, date, quad_class, span_start, span_end, trigger, trigger_start, "
        "trigger_end, actor_names, recipient_names, location_name FROM events WHERE content_hash = ? "
        "ORDER BY span_start, event_id", [art["content_hash"]]))
    marks = [{"kind": "trigger", "start": e["trigger_start"], "end": e["trigger_end"]}
             for e in events if e["trigger_start"] is not None and e["trigger_end"] is not None]
    text = art["text"] or ""
    clean = [m for m in sorted(marks, key=lambda m: m["start"]) if 0 <= m["start"] < m["end"] <= len(text)]
    kept: list[dict[str, Any]] = []
    for m in clean:
        if not kept or m["start"] >= kept[-1]["end"]:
            kept.append(m)
    art["segments"] = segments(text, kept)
    art["events"] = events
    return art


def overview(con: Any) -> dict[str, Any]:
    """Counts and the date range of events (for the page's header and date inputs)."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM dedup_events), (SELECT min(date_start) FROM events), "
        "(SELECT max(date_start) FROM events)").fetchone()
    return dict(zip(("articles", "events", "dedup_events", "first_date", "last_date"), row))
