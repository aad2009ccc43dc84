"""Read-only queries over the store, returning plain dicts (for the CLI and the web app).

Every function takes a DuckDB connection (``store.con``) and uses parameterised SQL only.
A *party* is how a user names one side of a relationship: a country code (``USA``), a
country+sector code (``USAGOV``, ``USA:GOV``), a country name (``Russia``) or a person's
name (``Sergei Lavrov``; case-insensitive; a full name also matches names with the same
first initial and surname, e.g. "Sergey Lavrov"; a surname alone matches every full name
ending with it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Sequence

#: statuses of events that happened (the default for counts and analytics)
HAPPENED = ("asserted", "historical")


@dataclass(frozen=True, slots=True)
class Party:
    kind: str  # country | code | person
    country: str | None = None
    sector: str | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "person":
            return self.name or "?"
        return f"{self.country} {self.sector}" if self.sector else (self.country or "?")

    def sql(self, alias: str) -> tuple[str, list[Any]]:
        """A predicate on an ``event_actors`` row called ``alias``."""
        if self.kind == "country":
            return f"{alias}.country = ?", [self.country]
        if self.kind == "code":
            return f"({alias}.country = ? AND {alias}.sector = ?)", [self.country, self.sector]
        name = " ".join((self.name or "").lower().split())
        words = name.split(" ")
        if len(words) == 1:  # a surname alone: every full name ending with it
            return f"(lower({alias}.name) = ? OR lower({alias}.name) LIKE ?)", [name, "% " + _like_escape(name)]
        # same surname and first initial: transliterations ("Sergei"/"Sergey") and middle names
        pattern = _like_escape(words[0][0]) + "% " + _like_escape(words[-1])
        return f"(lower({alias}.name) = ? OR lower({alias}.name) LIKE ?)", [name, pattern]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def parse_party(text: str) -> Party:
    """Read a party as the user typed it (see the module docstring)."""
    raw = text.strip()
    m = re.fullmatch(r"([A-Z]{3})[:\s]?([A-Z]{3})", raw)
    if m:
        return Party("code", m.group(1), m.group(2))
    if re.fullmatch(r"[A-Z]{3}", raw):
        return Party("country", raw)
    iso3 = _country_from_name(raw)
    return Party("country", iso3) if iso3 else Party("person", name=raw)


def _country_from_name(name: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        pass
    try:
        hits = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    # only accept a fuzzy hit whose name starts with what was typed ("Russia" -> Russian Federation)
    for hit in hits[:1]:
        if hit.name.lower().startswith(name.lower()) and len(name) >= 4:
            return hit.alpha_3
    return None


def _side(party: Party, role: str) -> tuple[str, list[Any]]:
    pred, params = party.sql("x")
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.content_hash = e.content_hash "
        f"AND x.event_id = e.event_id AND x.role = '{role}' AND {pred})",
        params,
    )


def involving(party: Party) -> tuple[str, list[Any]]:
    """Predicate on ``events e``: the party is actor or recipient."""
    a, pa = _side(party, "actor")
    r, pr = _side(party, "recipient")
    return f"({a} OR {r})", pa + pr


def between(a: Party, b: Party) -> tuple[str, list[Any]]:
    """Predicate on ``events e``: a acts on b, b on a, or both act together with no
    recipient ("X and Y met": the events stage may list both as actors)."""
    aa, p1 = _side(a, "actor")
    br, p2 = _side(b, "recipient")
    ba, p3 = _side(b, "actor")
    ar, p4 = _side(a, "recipient")
    joint = f"({aa} AND {ba} AND len(e.recipient_ids) = 0)"
    return f"(({aa} AND {br}) OR ({ba} AND {ar}) OR {joint})", p1 + p2 + p3 + p4 + p1 + p3


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
    con: Any,
    *,
    actor: str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the CLI option's name
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    place: str | None = None,
    statuses: Sequence[str] | None = None,
    limit: int | None = 1000,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Event records (one per article mention) matching every filter given, by date."""
    where, params = event_filters(actor, country, type, since, until, place, statuses)
    sql = f"SELECT {_EVENT_COLUMNS} {_EVENT_FROM} WHERE {where} ORDER BY e.date_start NULLS LAST, a.seq, e.event_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return _dicts(con.execute(sql, params))


def event_filters(
    actor: str | None, country: str | None, type: str | None, since: Any, until: Any,  # noqa: A002
    place: str | None, statuses: Sequence[str] | None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if actor:
        sql, p = involving(parse_party(actor))
        clauses.append(sql)
        params += p
    if country:
        sql, p = involving(Party("country", country.strip().upper()))
        clauses.append(sql)
        params += p
    if type:
        clauses.append("e.type = ?")
        params.append(type.strip().upper())
    if since:
        clauses.append("e.date_start >= ?::DATE")
        params.append(str(since))
    if until:
        clauses.append("e.date_start <= ?::DATE")
        params.append(str(until))
    if place:
        clauses.append("(lower(e.location_name) = lower(?) OR lower(e.location_text) = lower(?) OR e.location_country = upper(?))")
        params += [place, place, place]
    if statuses:
        clauses.append("e.status IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(statuses))
    return " AND ".join(clauses), params


def event_detail(con: Any, dedup_id: str) -> dict[str, Any] | None:
    """One deduplicated event with every mention (article, sentence, spans)."""
    rows = _dicts(con.execute("SELECT * FROM dedup_events WHERE dedup_id = ?", [dedup_id]))
    if not rows:
        return None
    detail = rows[0]
    detail["mentions"] = _dicts(con.execute(
        f"SELECT {_EVENT_COLUMNS} {_EVENT_FROM} WHERE em.dedup_id = ? ORDER BY a.published, a.seq, e.event_id",
        [dedup_id],
    ))
    return detail


def article(con: Any, key: str) -> dict[str, Any] | None:
    """An article by content hash or by its id (first match), without its text's analysis."""
    rows = _dicts(con.execute(
        "SELECT * FROM articles WHERE content_hash = ? OR id = ? ORDER BY seq LIMIT 1", [key, key]
    ))
    return rows[0] if rows else None


def list_actors(con: Any, query: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actors by number of events they take part in (for search boxes)."""
    sql = (
        "SELECT name, country, sector, count(*) AS events FROM event_actors "
        "WHERE (?::VARCHAR IS NULL OR lower(name) LIKE '%' || lower(?) || '%') "
        "GROUP BY name, country, sector ORDER BY events DESC, name LIMIT ?"
    )
    return _dicts(con.execute(sql, [query, query, limit]))


def map_points(con: Any, *, since: Any = None, until: Any = None, limit: int = 5000) -> list[dict[str, Any]]:
    """Deduplicated events that have coordinates (for the map)."""
    sql = (
        "SELECT dedup_id, type, quad_class, goldstein, date, location_name, location_country, "
        "location_lat AS lat, location_lon AS lon, num_articles, actor_codes, recipient_codes "
        "FROM dedup_events WHERE location_lat IS NOT NULL "
        "AND (?::DATE IS NULL OR date_start >= ?::DATE) AND (?::DATE IS NULL OR date_start <= ?::DATE) "
        "ORDER BY date_start, dedup_id LIMIT ?"
    )
    return _dicts(con.execute(sql, [since, since, until, until, limit]))


def country_dyads(con: Any, limit: int = 20, statuses: Sequence[str] = HAPPENED) -> list[dict[str, Any]]:
    """Unordered country pairs by number of deduplicated events between them."""
    return _dyads(con, "country", limit, statuses)


def person_dyads(con: Any, limit: int = 20, statuses: Sequence[str] = HAPPENED) -> list[dict[str, Any]]:
    """Unordered pairs of people by number of deduplicated events between them."""
    return _dyads(con, "person", limit, statuses)


def _dyads(con: Any, kind: str, limit: int, statuses: Sequence[str]) -> list[dict[str, Any]]:
    if kind == "country":
        side = "x.country"
        person_join = ""
        cond = "x.country IS NOT NULL"
    else:
        side = "x.name"
        person_join = "JOIN actors p ON p.content_hash = x.content_hash AND p.actor_id = x.actor_id"
        cond = "p.kind = 'person' AND regexp_matches(x.name, '[^\\W\\d_]{2}')"  # a real name, not '-'
    sql = f"""
    WITH parts AS (
        SELECT x.content_hash, x.event_id, x.role, {side} AS who
        FROM event_actors x {person_join} WHERE {cond}
    ),
    pairs AS (
        SELECT DISTINCT em.dedup_id, least(pa.who, pr.who) AS a, greatest(pa.who, pr.who) AS b
        FROM parts pa JOIN parts pr ON pa.content_hash = pr.content_hash AND pa.event_id = pr.event_id
        JOIN events e ON e.content_hash = pa.content_hash AND e.event_id = pa.event_id
        JOIN event_mentions em ON em.content_hash = pa.content_hash AND em.event_id = pa.event_id
        WHERE pa.who <> pr.who AND e.status IN (SELECT unnest(?::VARCHAR[]))
          AND pa.role = 'actor'
          AND (pr.role = 'recipient' OR (pr.role = 'actor' AND len(e.recipient_ids) = 0))
    )
    SELECT p.a, p.b, count(*) AS events,
           count(*) FILTER (WHERE d.quad_class IN (1, 2)) AS cooperative,
           count(*) FILTER (WHERE d.quad_class IN (3, 4)) AS conflictual,
           avg(d.goldstein) AS mean_goldstein
    FROM pairs p JOIN dedup_events d USING (dedup_id)
    GROUP BY p.a, p.b ORDER BY events DESC, p.a, p.b LIMIT ?
    """
    rows = _dicts(con.execute(sql, [list(statuses), limit]))
    for row in rows:
        row["net_cooperation"] = row["cooperative"] - row["conflictual"]
    return rows


def dyad_events(
    con: Any, a: Party, b: Party, statuses: Sequence[str] = HAPPENED
) -> list[dict[str, Any]]:
    """Deduplicated events between two parties, one row each, with the direction
    (``ab``: a acted on b; ``ba``; ``both`` when symmetric or reported both ways)."""
    pred, params = between(a, b)
    aa, p1 = _side(a, "actor")
    sql = f"""
    WITH m AS (
        SELECT em.dedup_id,
               CASE WHEN e."symmetric" OR len(e.recipient_ids) = 0 THEN 'both' WHEN {aa} THEN 'ab' ELSE 'ba' END AS dir
        FROM events e JOIN event_mentions em USING (content_hash, event_id)
        WHERE {pred} AND e.status IN (SELECT unnest(?::VARCHAR[]))
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
    return _dicts(con.execute(sql, p1 + params + [list(statuses)]))


def store_overview(con: Any) -> dict[str, Any]:
    """Counts and date range of the store (for `summary` and the web page's header)."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM dedup_events), (SELECT count(*) FROM quotes), "
        "(SELECT count(*) FROM ingest_errors), (SELECT min(published) FROM articles), "
        "(SELECT max(published) FROM articles)"
    ).fetchall()[0]
    keys = ("articles", "events", "dedup_events", "quotes", "errors", "first_published", "last_published")
    return dict(zip(keys, row))


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]
