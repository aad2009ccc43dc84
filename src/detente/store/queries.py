"""Read-only queries over the store: the one read side of the CLI, analytics and the web app.

Every function takes a DuckDB connection (``store.con`` or a cursor) and uses
parameterised SQL only. What a query selects is an :class:`~.filters.EventFilter`; parties
are read by :func:`~.filters.parse_party`. Event lists are rows of the store's columns
(plain dicts); dyads and their periods are typed records (:class:`DyadRow`,
:class:`PeriodCount`, :class:`DyadEvent`). Definitions: docs/store.md ("Dyads").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .filters import HAPPENED, EventFilter, Party, between, event_filters, involving, parse_party, side

__all__ = [
    "HAPPENED", "EventFilter", "Party", "parse_party", "between", "involving", "event_filters",
    "DyadRow", "PeriodCount", "DyadEvent", "list_events", "count_events", "event_detail", "article",
    "list_actors", "places", "dyads", "dyad_events", "store_overview", "dicts",
]

#: the nodes of a dyad: countries (ISO3 of each side) or people (actors of kind person)
LEVELS = ("country", "person")
#: periods a dyad's counts are grouped by (DuckDB ``date_trunc`` units; weeks start on Monday)
PERIOD_UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """A dyad's deduplicated events in one period (``start`` None: undated events)."""

    start: dt.date | None
    events: int
    quad: tuple[int, int, int, int]  # counts of quad classes 1..4
    goldstein_sum: float
    goldstein_n: int
    intensity_sum: float
    intensity_n: int


@dataclass(frozen=True, slots=True)
class DyadRow:
    """An unordered pair (``a`` < ``b``) with its deduplicated events, by period."""

    a: str
    b: str
    level: str
    events: int
    periods: tuple[PeriodCount, ...]  # periods with events, oldest first, undated last

    @property
    def quad(self) -> tuple[int, int, int, int]:
        q = [sum(p.quad[i] for p in self.periods) for i in range(4)]
        return (q[0], q[1], q[2], q[3])

    @property
    def cooperative(self) -> int:
        return self.quad[0] + self.quad[1]

    @property
    def conflictual(self) -> int:
        return self.quad[2] + self.quad[3]

    @property
    def net_cooperation(self) -> int:
        return self.cooperative - self.conflictual

    @property
    def mean_goldstein(self) -> float | None:
        n = sum(p.goldstein_n for p in self.periods)
        return sum(p.goldstein_sum for p in self.periods) / n if n else None

    @property
    def mean_intensity(self) -> float | None:
        n = sum(p.intensity_n for p in self.periods)
        return sum(p.intensity_sum for p in self.periods) / n if n else None


@dataclass(frozen=True, slots=True)
class DyadEvent:
    """One deduplicated event between two parties; ``direction``: ``ab`` (a acted on b),
    ``ba``, or ``both`` (symmetric, joint actors, or reported both ways)."""

    dedup_id: str
    type: str
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    intensity: float | None
    date: str | None
    date_precision: str | None
    date_start: dt.date | None
    location_name: str | None
    num_articles: int
    num_mentions: int
    direction: str
    text: str | None


_EVENT_COLUMNS = """
    e.content_hash, a.id AS article_id, a.title, a.published, a.source, a.url,
    e.event_id, em.dedup_id, d.num_articles, d.num_mentions,
    e.type, e.mode, e.contexts, e.cameo, e.quad_class, e.intensity, e.goldstein, e."symmetric",
    e.status, e.date, e.date_precision, e.date_text,
    e.actor_names, e.actor_countries, e.actor_sectors,
    e.recipient_names, e.recipient_countries, e.recipient_sectors,
    e.location_name, e.location_country, e.location_lat, e.location_lon, e.location_geonameid,
    e.sentence_index, e.span_start, e.span_end, e.trigger, e.trigger_start, e.trigger_end,
    e.text, e.confidence
"""

_EVENT_FROM = """
FROM events e
JOIN articles a USING (content_hash)
LEFT JOIN event_mentions em ON em.content_hash = e.content_hash AND em.event_id = e.event_id
LEFT JOIN dedup_events d ON d.dedup_id = em.dedup_id
"""


def list_events(
    con: Any, flt: EventFilter | None = None, *, limit: int | None = 1000, offset: int = 0,
    spans: bool = False, **fields: Any,
) -> list[dict[str, Any]]:
    """Event records (one per article mention) that ``flt`` selects, by date. ``fields``
    are a shorthand for ``EventFilter(**fields)``; ``spans`` adds the place's span
    (``location_start``, ``location_end``) for highlighting."""
    where, params = (flt or EventFilter(**fields)).where()
    columns = _EVENT_COLUMNS + (", e.location_start, e.location_end" if spans else "")
    sql = f"SELECT {columns} {_EVENT_FROM} WHERE {where} ORDER BY e.date_start NULLS LAST, a.seq, e.event_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return dicts(con.execute(sql, params))


def count_events(con: Any, flt: EventFilter) -> int:
    """Number of event records (article mentions) that ``flt`` selects."""
    where, params = flt.where()
    return int(con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0])


def event_detail(con: Any, dedup_id: str) -> dict[str, Any] | None:
    """One deduplicated event with every mention (article, sentence, spans)."""
    rows = dicts(con.execute("SELECT * FROM dedup_events WHERE dedup_id = ?", [dedup_id]))
    if not rows:
        return None
    detail = rows[0]
    detail["mentions"] = dicts(con.execute(
        f"SELECT {_EVENT_COLUMNS} {_EVENT_FROM} WHERE em.dedup_id = ? ORDER BY a.published, a.seq, e.event_id",
        [dedup_id],
    ))
    return detail


def article(con: Any, key: str) -> dict[str, Any] | None:
    """An article by content hash or by its id (first match), without its text's analysis."""
    rows = dicts(con.execute(
        "SELECT * FROM articles WHERE content_hash = ? OR id = ? ORDER BY seq LIMIT 1", [key, key]
    ))
    return rows[0] if rows else None


def list_actors(con: Any, query: str | None = None, level: str = "all", limit: int = 50) -> list[dict[str, Any]]:
    """Actors (``level`` all or person) or countries (``country``) by the number of event
    records they take part in, whose name contains ``query`` (for search boxes)."""
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
    return dicts(con.execute(sql, [query, query, int(limit)]))


def places(con: Any, flt: EventFilter | None = None, limit: int = 2000) -> list[dict[str, Any]]:
    """Places with coordinates of the events ``flt`` selects, one row per place: the
    number of deduplicated events there, cooperative and conflictual records, mean Goldstein."""
    where, params = (flt or EventFilter()).where()
    sql = f"""
    SELECT e.location_name AS name, e.location_country AS country,
           round(e.location_lat, 4) AS lat, round(e.location_lon, 4) AS lon,
           count(DISTINCT coalesce(em.dedup_id, e.content_hash || '/' || e.event_id)) AS events,
           count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperative,
           count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflictual,
           round(avg(e.goldstein), 2) AS mean_goldstein
    FROM events e
    LEFT JOIN event_mentions em ON em.content_hash = e.content_hash AND em.event_id = e.event_id
    WHERE {where} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL
    GROUP BY ALL ORDER BY events DESC, name LIMIT ?
    """
    return dicts(con.execute(sql, params + [int(limit)]))


def _dyad_sides(level: str) -> tuple[str, str, str]:
    """(the side's value, a join, the condition) that make an ``event_actors x`` row a node."""
    if level == "country":
        return "x.country", "", "x.country IS NOT NULL"
    if level == "person":
        join = "JOIN actors p ON p.content_hash = x.content_hash AND p.actor_id = x.actor_id"
        return "x.name", join, "p.kind = 'person' AND regexp_matches(x.name, '[^\\W\\d_]{2}')"  # a real name, not '-'
    raise ValueError(f"unknown dyad level {level!r}; use one of {', '.join(LEVELS)}")


def dyads(
    con: Any, level: str = "country", limit: int = 20, flt: EventFilter | None = None, by: str = "month",
) -> list[DyadRow]:
    """The ``limit`` most active dyads among the events ``flt`` selects (by default every
    event that happened), most events first, with their counts per period ``by``.

    One query for all of them (docs/store.md, "Dyads", gives the definition)."""
    if by not in PERIOD_UNITS:
        raise ValueError(f"unknown period {by!r}; use one of {', '.join(PERIOD_UNITS)}")
    where, params = (flt or EventFilter()).happened().where()
    who, join, cond = _dyad_sides(level)
    sql = f"""
    WITH sel AS (SELECT e.content_hash, e.event_id, len(e.recipient_ids) AS recipients FROM events e WHERE {where}),
    parts AS (
        SELECT x.content_hash, x.event_id, x.role, {who} AS who
        FROM event_actors x JOIN sel USING (content_hash, event_id) {join} WHERE {cond}
    ),
    pairs AS (
        SELECT DISTINCT em.dedup_id, least(pa.who, pr.who) AS a, greatest(pa.who, pr.who) AS b
        FROM parts pa JOIN parts pr ON pa.content_hash = pr.content_hash AND pa.event_id = pr.event_id
        JOIN sel s ON s.content_hash = pa.content_hash AND s.event_id = pa.event_id
        JOIN event_mentions em ON em.content_hash = pa.content_hash AND em.event_id = pa.event_id
        WHERE pa.who <> pr.who AND pa.role = 'actor'
          AND (pr.role = 'recipient' OR (pr.role = 'actor' AND s.recipients = 0))
    ),
    top AS (SELECT a, b, count(*) AS n FROM pairs GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?)
    SELECT p.a, p.b, top.n, date_trunc(?, d.date_start)::DATE AS start, d.quad_class, count(*),
           sum(d.goldstein), count(d.goldstein), sum(d.intensity), count(d.intensity)
    FROM pairs p JOIN top USING (a, b) JOIN dedup_events d USING (dedup_id)
    GROUP BY ALL ORDER BY top.n DESC, p.a, p.b, start NULLS LAST, d.quad_class NULLS LAST
    """
    grouped: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for row in con.execute(sql, params + [int(limit), by]).fetchall():
        grouped.setdefault((row[0], row[1]), []).append(row)
    return [DyadRow(a, b, level, rows[0][2], _periods(rows)) for (a, b), rows in grouped.items()]


def _periods(rows: list[tuple[Any, ...]]) -> tuple[PeriodCount, ...]:
    """Rows (a, b, n, start, quad class, events, sums and counts) -> one record per period."""
    out: list[PeriodCount] = []
    for _a, _b, _n, start, qc, n, gs, gn, is_, in_ in rows:
        quad = [0, 0, 0, 0]
        if qc in (1, 2, 3, 4):
            quad[qc - 1] = n
        if out and out[-1].start == start:
            last = out.pop()
            quad = [x + y for x, y in zip(last.quad, quad)]
            n, gs, gn, is_, in_ = (last.events + n, last.goldstein_sum + (gs or 0.0), last.goldstein_n + gn,
                                   last.intensity_sum + (is_ or 0.0), last.intensity_n + in_)
        out.append(PeriodCount(start, n, (quad[0], quad[1], quad[2], quad[3]), gs or 0.0, gn, is_ or 0.0, in_))
    return tuple(out)


def dyad_events(con: Any, a: Party, b: Party, flt: EventFilter | None = None) -> list[DyadEvent]:
    """Deduplicated events between two parties (:func:`between`) among those ``flt``
    selects (by default every event that happened), one record each, by date."""
    pred, params = between(a, b)
    where, fparams = (flt or EventFilter()).happened().where()
    aa, p1 = side(a, "actor")
    sql = f"""
    WITH m AS (
        SELECT em.dedup_id,
               CASE WHEN e."symmetric" OR len(e.recipient_ids) = 0 THEN 'both' WHEN {aa} THEN 'ab' ELSE 'ba' END AS dir
        FROM events e JOIN event_mentions em USING (content_hash, event_id)
        WHERE {pred} AND {where}
    ),
    one AS (
        SELECT dedup_id, CASE WHEN count(DISTINCT dir) > 1 THEN 'both' ELSE min(dir) END AS direction
        FROM m GROUP BY dedup_id
    )
    SELECT d.dedup_id, d.type, d.cameo, d.quad_class, d.goldstein, d.intensity, d.date,
           d.date_precision, d.date_start, d.location_name, d.num_articles, d.num_mentions,
           one.direction, ev.text
    FROM one JOIN dedup_events d USING (dedup_id)
    JOIN events ev ON ev.content_hash = d.anchor_hash AND ev.event_id = d.anchor_event_id
    ORDER BY d.date_start NULLS LAST, d.dedup_id
    """
    return [DyadEvent(*row) for row in con.execute(sql, p1 + params + fparams).fetchall()]


def store_overview(con: Any) -> dict[str, Any]:
    """Counts and date range of the store (for `summary` and the web page's header)."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM dedup_events), (SELECT count(*) FROM quotes), "
        # a limit noted on an article that was stored (truncated, ...) is no failed input
        "(SELECT count(*) FROM ingest_errors WHERE content_hash IS NULL "
        "OR content_hash NOT IN (SELECT content_hash FROM articles)), (SELECT min(published) FROM articles), "
        "(SELECT max(published) FROM articles)"
    ).fetchall()[0]
    keys = ("articles", "events", "dedup_events", "quotes", "errors", "first_published", "last_published")
    return dict(zip(keys, row))


#: ingest_errors stages of the resource limits and the language check (Settings)
LIMIT_STAGES = ("truncated", "sentence_tokens", "time_budget", "language")


def limit_counts(con: Any) -> dict[str, int]:
    """Articles each limit applied to (ingest_errors rows per stage of :data:`LIMIT_STAGES`)."""
    rows = con.execute(
        "SELECT stage, count(*) FROM ingest_errors WHERE stage IN (SELECT unnest(?::VARCHAR[])) GROUP BY stage",
        [list(LIMIT_STAGES)],
    ).fetchall()
    return {stage: int(n) for stage, n in rows}


def dicts(cursor: Any) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]
