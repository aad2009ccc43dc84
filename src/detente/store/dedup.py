"""Deduplication: one real-world event reported by many articles becomes one event.

Two event records are the same event when they have the same type, the same status group
(happened / future / hypothetical / negated), the same actor and recipient codes
(country:sector sets; sides sorted when the event is symmetric), a compatible date
(same day when both are day-precise, otherwise the same month; year-precise dates only
meet other year-precise dates of that year) and a compatible place (equal, unknown on one
side, or a country containing the other's place).

Compatibility is not transitive, so records are clustered greedily in a total order that
depends only on their content (never on ingest order): re-computing a group from scratch
always gives the same clusters, which keeps resumed ingests identical to clean ones.
The bucket a record can merge in is its ``dedup_key`` (type|status|codes|period); the
writer recomputes the buckets a batch touched inside the batch's transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..records import ActorRef, Event, TimeValue
from .rows import insert_rows

#: statuses of events that happened; they may merge with each other.
HAPPENED = ("asserted", "historical")
_PRECISION_RANK = {"day": 0, "week": 1, "published": 2, "month": 3, "year": 4}


def side_codes(refs: Sequence[ActorRef]) -> str:
    """Sorted, de-duplicated ``COUNTRY:SECTOR`` codes of one side; '-' when none is coded."""
    codes = sorted({f"{r.country}:{r.sector or '-'}" for r in refs if r.country})
    return ",".join(codes) if codes else "-"


def period_of(date: str | None, precision: str | None) -> str:
    """The bucket of a date: its month, or its year for year-precise dates."""
    if not date or not precision:
        return "undated"
    if precision == "year":
        return date[:4]
    try:
        return TimeValue(date, precision).start.isoformat()[:7]
    except ValueError:
        return date[:7]


def dedup_key(event: Event, content_hash: str) -> str:
    """The bucket an event record may merge in (see the module docstring)."""
    actor, recipient = side_codes(event.actor), side_codes(event.recipient)
    if actor == "-" and recipient == "-":
        # nothing identifies who acted: never merge such records with others
        return f"single|{content_hash}|{event.id}"
    if event.symmetric:
        actor, recipient = sorted((actor, recipient))
    status = "happened" if event.status in HAPPENED else event.status
    return "|".join((event.type, status, actor, recipient, period_of(event.date, event.date_precision)))


@dataclass(frozen=True, slots=True)
class PlaceKey:
    key: str
    country: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class Member:
    """One event record as dedup sees it."""

    content_hash: str
    event_id: str
    date: str | None
    precision: str | None
    place: PlaceKey | None
    published: dt.date | None = None
    source: str | None = None
    mentions: int = 1  # mentions of the event in its article (GDELT's num_mentions counts them)

    def order(self) -> tuple[Any, ...]:
        # day-precise and placed records first: they anchor clusters
        return (
            _PRECISION_RANK.get(self.precision or "", 9),
            self.date or "",
            self.place is None,
            self.place.key if self.place else "",
            self.content_hash,
            self.event_id,
        )


@dataclass
class Cluster:
    members: list[Member] = field(default_factory=list)
    place: PlaceKey | None = None

    @property
    def anchor(self) -> Member:
        return self.members[0]

    def accepts(self, m: Member) -> bool:
        a = self.anchor
        if a.precision == "day" and m.precision == "day" and a.date != m.date:
            return False
        return places_compatible(self.place, m.place)

    def add(self, m: Member) -> None:
        self.members.append(m)
        if m.place is not None and (self.place is None or self.place.kind == "country"):
            self.place = m.place


def places_compatible(a: PlaceKey | None, b: PlaceKey | None) -> bool:
    if a is None or b is None or a.key == b.key:
        return True
    if a.kind == "country" and a.country and a.country == b.country:
        return True
    return bool(b.kind == "country" and b.country and b.country == a.country)


def cluster(members: Iterable[Member]) -> list[Cluster]:
    """Greedy clustering of one bucket in content order (deterministic)."""
    clusters: list[Cluster] = []
    for m in sorted(members, key=Member.order):
        for c in clusters:
            if c.accepts(m):
                c.add(m)
                break
        else:
            c = Cluster()
            c.add(m)
            clusters.append(c)
    return clusters


def dedup_id(anchor: Member) -> tuple[str, int]:
    """Stable ids of a cluster: a hex id and a positive 60-bit integer (GDELT GlobalEventID)."""
    digest = hashlib.sha1(f"{anchor.content_hash}:{anchor.event_id}".encode()).hexdigest()
    return digest[:16], int(digest[:15], 16)


_SELECT = """
SELECT e.dedup_key, e.content_hash, e.event_id, e.date, e.date_precision,
       e.location_geonameid, e.location_name, e.location_country, e.location_kind,
       e.location_lat, e.location_lon, a.published, a.source, greatest(len(coalesce(e.mentions, [])), 1)
FROM events e JOIN articles a USING (content_hash)
WHERE e.dedup_key IN (SELECT unnest(?::VARCHAR[]))
"""

_INSERT_DEDUP = """
INSERT INTO dedup_events
SELECT d.dedup_id, d.global_id, e.dedup_key, e.type, e.mode, e.cameo, e.quad_class,
       e.intensity, e.goldstein, e.status, e."symmetric", e.date, e.date_precision, e.date_start,
       d.actor_codes, d.recipient_codes,
       d.location_name, d.location_country, d.location_lat, d.location_lon,
       d.location_geonameid, d.location_kind, e.content_hash, e.event_id,
       d.num_mentions, d.num_articles, d.num_sources, d.first_published, d.last_published
FROM _dedup_new d JOIN events e ON e.content_hash = d.anchor_hash AND e.event_id = d.anchor_event_id
"""

_LOCATION = ("location_name", "location_country", "location_lat", "location_lon", "location_geonameid", "location_kind")


def refresh(con: Any, keys: Iterable[str]) -> int:
    """Recompute the dedup rows of the given buckets (call inside the writer's transaction).
    Returns the number of deduplicated events written."""
    keys = sorted(set(keys))
    if not keys:
        return 0
    con.execute("DELETE FROM dedup_events WHERE dedup_key IN (SELECT unnest(?::VARCHAR[]))", [keys])
    con.execute("DELETE FROM event_mentions WHERE dedup_key IN (SELECT unnest(?::VARCHAR[]))", [keys])
    buckets: dict[str, list[Member]] = {}
    locations: dict[tuple[str, str], dict[str, Any]] = {}
    for row in con.execute(_SELECT, [keys]).fetchall():
        key, chash, eid, date, prec, gid, lname, lcountry, lkind, lat, lon, published, source, count = row
        place = None
        if gid is not None or lname:
            place = PlaceKey(str(gid) if gid is not None else lname.lower(), lcountry, lkind)
            locations[(chash, eid)] = dict(zip(_LOCATION, (lname, lcountry, lat, lon, gid, lkind)))
        buckets.setdefault(key, []).append(Member(chash, eid, date, prec, place, published, source, count))
    dedup_rows, mention_rows = [], []
    for key in sorted(buckets):
        for c in cluster(buckets[key]):
            hex_id, global_id = dedup_id(c.anchor)
            row = _dedup_row(hex_id, global_id, c, locations)
            parts = key.split("|")
            single = parts[0] == "single"
            row["actor_codes"], row["recipient_codes"] = ("-", "-") if single else (parts[2], parts[3])
            dedup_rows.append(row)
            mention_rows.extend(
                {"content_hash": m.content_hash, "event_id": m.event_id, "dedup_id": hex_id, "dedup_key": key}
                for m in c.members
            )
    if dedup_rows:
        import pyarrow as pa

        _dedup_new = pa.Table.from_pylist(dedup_rows)  # read by a replacement scan, as in rows.py
        con.execute(_INSERT_DEDUP)
    insert_rows(con, "event_mentions", mention_rows)
    return len(dedup_rows)


def _dedup_row(
    hex_id: str, global_id: int, c: Cluster, locations: dict[tuple[str, str], dict[str, Any]]
) -> dict[str, Any]:
    loc: dict[str, Any] = dict.fromkeys(_LOCATION)
    for m in c.members:
        if m.place is not None and m.place == c.place:
            loc = locations[(m.content_hash, m.event_id)]
            break
    published = [m.published for m in c.members if m.published is not None]
    return {
        "dedup_id": hex_id,
        "global_id": global_id,
        "anchor_hash": c.anchor.content_hash,
        "anchor_event_id": c.anchor.event_id,
        **loc,
        "num_mentions": sum(m.mentions for m in c.members),
        "num_articles": len({m.content_hash for m in c.members}),
        "num_sources": len({m.source or m.content_hash for m in c.members}),
        "first_published": min(published) if published else None,
        "last_published": max(published) if published else None,
    }

