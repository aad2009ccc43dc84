"""Queries the web page needs beyond :mod:`detente.store.queries` (filters on the graph and
the map, highlight spans for the event list, an article with its events).

Every function takes a DuckDB connection (a cursor of the app's read-only store) and uses
parameterised SQL only: user input never reaches the SQL text. Counting conventions are
those of :mod:`detente.store.queries` and :mod:`detente.analytics`: dyads and places count
*deduplicated* events; by default only events that happened (asserted or historical).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..analytics import PeriodStats, period_label, trend_of
from ..store.queries import HAPPENED, between, event_filters, parse_party

#: columns of one event in the list (article metadata + spans for highlighting)
_EVENT_COLUMNS = """
    e.content_hash, a.id AS article_id, a.title, a.published, a.source, a.url,
    e.event_id, em.dedup_id, e.type, e.mode, e.cameo, e.quad_class, e.intensity, e.goldstein,
    e."symmetric", e.status, e.date, e.date_precision, e.date_text,
    e.actor_names, e.actor_countries, e.actor_sectors,
    e.recipient_names, e.recipient_countries, e.recipient_sectors,
    e.location_name, e.location_country, e.location_lat, e.location_lon,
    e.location_start, e.location_end, e.sentence_index, e.span_start, e.span_end,
    e.trigger, e.trigger_start, e.trigger_end, e.text, e.confidence
"""

_EVENT_FROM = """
FROM events e
JOIN articles a USING (content_hash)
LEFT JOIN event_mentions em ON em.content_hash = e.content_hash AND em.event_id = e.event_id
"""

#: when highlights overlap, the first kind here wins
_PRIORITY = ("trigger", "place", "actor", "recipient")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the page's filters select. ``partner`` with ``actor`` selects a dyad."""

    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None
    actor: str | None = None
    partner: str | None = None
    country: str | None = None
    place: str | None = None
    statuses: tuple[str, ...] | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A predicate on ``events e`` and its parameters."""
        solo = None if self.partner else self.actor
        sql, params = event_filters(solo, self.country, self.type, self.since, self.until, self.place,
                                    self.statuses)
        if self.partner and self.actor:
            pair, p = between(parse_party(self.actor), parse_party(self.partner))
            sql, params = f"{sql} AND {pair}", params + p
        elif self.partner:
            sql2, p = event_filters(self.partner, None, None, None, None, None, None)
            sql, params = f"{sql} AND {sql2}", params + p
        return sql, params

    def happened(self) -> "EventFilter":
        """The same filter restricted to events that happened unless statuses were chosen."""
        if self.statuses:
            return self
        return EventFilter(self.since, self.until, self.type, self.actor, self.partner, self.country,
                           self.place, HAPPENED)


def events_page(con: Any, flt: EventFilter, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(number of matching event records, one page of them with ``highlights``)."""
    where, params = flt.where()
    total = int(con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0])
    sql = (f"SELECT {_EVENT_COLUMNS} {_EVENT_FROM} WHERE {where} "
           "ORDER BY e.date_start NULLS LAST, a.seq, e.event_id LIMIT ? OFFSET ?")
    rows = _dicts(con.execute(sql, params + [int(limit), int(offset)]))
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


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


# -- relationship graph -------------------------------------------------------------------

def dyads(con: Any, flt: EventFilter, level: str = "country", limit: int = 60) -> list[dict[str, Any]]:
    """The most active pairs (countries or people) among the filtered events, with counts,
    net cooperation, mean Goldstein/intensity and the monthly trend of net cooperation
    (the definitions of :mod:`detente.analytics`)."""
    where, params = flt.happened().where()
    if level == "country":
        side, join, cond = "x.country", "", "x.country IS NOT NULL"
    else:
        side = "x.name"
        join = "JOIN actors p ON p.content_hash = x.content_hash AND p.actor_id = x.actor_id"
        cond = "p.kind = 'person' AND x.name IS NOT NULL"
    sql = f"""
    WITH sel AS (SELECT e.content_hash, e.event_id FROM events e WHERE {where}),
    parts AS (
        SELECT x.content_hash, x.event_id, x.role, {side} AS who
        FROM event_actors x JOIN sel USING (content_hash, event_id) {join} WHERE {cond}
    ),
    pairs AS (
        SELECT DISTINCT em.dedup_id, least(pa.who, pr.who) AS a, greatest(pa.who, pr.who) AS b
        FROM parts pa JOIN parts pr ON pa.content_hash = pr.content_hash AND pa.event_id = pr.event_id
        JOIN event_mentions em ON em.content_hash = pa.content_hash AND em.event_id = pa.event_id
        WHERE pa.role = 'actor' AND pr.role = 'recipient' AND pa.who <> pr.who
    ),
    top AS (
        SELECT a, b, count(*) AS n FROM pairs GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?
    )
    SELECT p.a, p.b, top.n, date_trunc('month', d.date_start)::DATE AS month, d.quad_class,
           count(*) AS events, sum(d.goldstein) AS sum_goldstein, count(d.goldstein) AS n_goldstein,
           sum(d.intensity) AS sum_intensity, count(d.intensity) AS n_intensity
    FROM pairs p JOIN top USING (a, b) JOIN dedup_events d USING (dedup_id)
    GROUP BY ALL ORDER BY top.n DESC, p.a, p.b
    """
    grouped: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for row in con.execute(sql, params + [int(limit)]).fetchall():
        grouped.setdefault((row[0], row[1]), []).append(row)
    return [_dyad_summary(a, b, level, rows) for (a, b), rows in grouped.items()]


def _dyad_summary(a: str, b: str, level: str, rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    quad = [0, 0, 0, 0]
    months: dict[dt.date, list[int]] = {}
    sums = [0.0, 0, 0.0, 0]  # goldstein sum, n, intensity sum, n
    for _a, _b, _n, month, qc, n, sg, ng, si, ni in rows:
        if qc in (1, 2, 3, 4):
            quad[qc - 1] += n
            if month is not None:
                months.setdefault(month, [0, 0, 0, 0])[qc - 1] += n
        sums[0] += sg or 0.0
        sums[1] += ng
        sums[2] += si or 0.0
        sums[3] += ni
    events = sum(r[5] for r in rows)
    coop, conf = quad[0] + quad[1], quad[2] + quad[3]
    trend = trend_of(_monthly(months))
    return {
        "a": a, "b": b, "level": level, "events": events, "cooperative": coop, "conflictual": conf,
        "net_cooperation": coop - conf, "net_ratio": round((coop - conf) / events, 3) if events else None,
        "quad": quad,
        "mean_goldstein": round(sums[0] / sums[1], 2) if sums[1] else None,
        "mean_intensity": round(sums[2] / sums[3], 2) if sums[3] else None,
        "trend": {"label": trend.label, "slope": trend.slope, "change": trend.change, "periods": trend.periods},
    }


def _monthly(months: dict[dt.date, list[int]]) -> list[PeriodStats]:
    """Every month from the first to the last with events (gaps kept, as the trend wants)."""
    if not months:
        return []
    first, last = min(months), max(months)
    out = []
    for index in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
        start = dt.date(index // 12, index % 12 + 1, 1)
        q = months.get(start, [0, 0, 0, 0])
        out.append(PeriodStats(period_label(start, "month"), start, sum(q), (q[0], q[1], q[2], q[3]),
                               None, None, 0, 0))
    return out


# -- map, actors, articles ----------------------------------------------------------------

def places(con: Any, flt: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
    """Places of the filtered events with coordinates, one row per place."""
    where, params = flt.where()
    sql = f"""
    SELECT e.location_name AS name, e.location_country AS country,
           round(e.location_lat, 4) AS lat, round(e.location_lon, 4) AS lon,
           count(DISTINCT coalesce(em.dedup_id, e.content_hash || '/' || e.event_id)) AS events,
           count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperative,
           count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflictual,
           round(avg(e.goldstein), 2) AS mean_goldstein
    {_EVENT_FROM}
    WHERE {where} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL
    GROUP BY ALL ORDER BY events DESC, name LIMIT ?
    """
    return _dicts(con.execute(sql, params + [int(limit)]))


def actors(con: Any, query: str | None, level: str = "all", limit: int = 50) -> list[dict[str, Any]]:
    """Actors (or countries) by the number of event records they take part in."""
    search = "(?::VARCHAR IS NULL OR contains(lower({col}), lower(?::VARCHAR)))"
    if level == "country":
        sql = (
            "SELECT x.country AS name, x.country, NULL AS sector, 'country' AS kind, "
            "count(DISTINCT x.content_hash || '/' || x.event_id) AS events FROM event_actors x "
            f"WHERE x.country IS NOT NULL AND {search.format(col='x.country')} "
            "GROUP BY x.country ORDER BY events DESC, name LIMIT ?"
        )
    else:
        person = "AND p.kind = 'person'" if level == "person" else ""
        sql = (
            "SELECT x.name, x.country, x.sector, any_value(p.kind) AS kind, "
            "count(DISTINCT x.content_hash || '/' || x.event_id) AS events FROM event_actors x "
            "LEFT JOIN actors p ON p.content_hash = x.content_hash AND p.actor_id = x.actor_id "
            f"WHERE x.name IS NOT NULL {person} AND {search.format(col='x.name')} "
            "GROUP BY x.name, x.country, x.sector ORDER BY events DESC, x.name LIMIT ?"
        )
    return _dicts(con.execute(sql, [query, query, int(limit)]))


def article_view(con: Any, key: str) -> dict[str, Any] | None:
    """An article (by content hash or id) with its text cut into segments that mark the
    sentences and triggers of its events."""
    rows = _dicts(con.execute(
        "SELECT content_hash, id, title, published, source, url, text FROM articles "
        "WHERE content_hash = ? OR id = ? ORDER BY seq LIMIT 1", [key, key]))
    if not rows:
        return None
    art = rows[0]
    events = _dicts(con.execute(
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
