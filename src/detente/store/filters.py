"""What a read query selects: parties (one side of a relationship) and :class:`EventFilter`.

A *party* is how a user names one side of a relationship: a country code (``USA``), a
country+sector code (``USAGOV``, ``USA:GOV``), a country name (``Russia``) or a person's
name (``Sergei Lavrov``; case-insensitive; a full name also matches names with the same
first initial and surname, e.g. "Sergey Lavrov"; a surname alone matches every full name
ending with it).

Predicates are SQL text over ``events e`` with their parameters: user input only ever
reaches the parameters.
"""

from __future__ import annotations

import dataclasses
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
            return f"(lower({alias}.name) = ? OR lower({alias}.name) LIKE ? ESCAPE '\\')", [name, "% " + _like_escape(name)]
        # same surname and first initial: transliterations ("Sergei"/"Sergey") and middle names
        pattern = _like_escape(words[0][0]) + "% " + _like_escape(words[-1])
        return f"(lower({alias}.name) = ? OR lower({alias}.name) LIKE ? ESCAPE '\\')", [name, pattern]


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


def side(party: Party, role: str) -> tuple[str, list[Any]]:
    """Predicate on ``events e``: the party is one of the event's actors (``role`` actor)
    or recipients (``recipient``)."""
    pred, params = party.sql("x")
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.content_hash = e.content_hash "
        f"AND x.event_id = e.event_id AND x.role = '{role}' AND {pred})",
        params,
    )


def involving(party: Party) -> tuple[str, list[Any]]:
    """Predicate on ``events e``: the party is actor or recipient."""
    a, pa = side(party, "actor")
    r, pr = side(party, "recipient")
    return f"({a} OR {r})", pa + pr


def between(a: Party, b: Party) -> tuple[str, list[Any]]:
    """Predicate on ``events e``: a acts on b, b on a, or both act together with no
    recipient ("X and Y met": the events stage may list both as actors)."""
    aa, p1 = side(a, "actor")
    br, p2 = side(b, "recipient")
    ba, p3 = side(b, "actor")
    ar, p4 = side(a, "recipient")
    joint = f"({aa} AND {ba} AND len(e.recipient_ids) = 0)"
    return f"(({aa} AND {br}) OR ({ba} AND {ar}) OR {joint})", p1 + p2 + p3 + p4 + p1 + p3


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What a read query selects (the CLI's options, the web page's filters).

    ``actor`` alone: the party is on either side; with ``partner``: events between the two
    (:func:`between`); ``country``: an ISO3 code on either side; ``place``: a place name or
    the ISO3 code of the place's country; dates bound the event's date (its first day);
    ``statuses`` None selects every status (counts use :meth:`happened`).
    """

    since: dt.date | str | None = None
    until: dt.date | str | None = None
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
        return self if self.statuses else dataclasses.replace(self, statuses=HAPPENED)


def event_filters(
    actor: str | None, country: str | None, type: str | None, since: Any, until: Any,  # noqa: A002
    place: str | None, statuses: Sequence[str] | None,
) -> tuple[str, list[Any]]:
    """The predicate of each filter given, joined with AND (``TRUE`` when none is)."""
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
