"""Actor rows for the parties the event coder infers without a name of their own."""

from __future__ import annotations

from typing import Sequence

from ..records import Actor, Event

#: Kinds of the parties the event coder infers without a name of their own in the text:
#: ``police:ISO3`` (the police of a country where an arrest happened), ``country:ISO3``
#: (a state acting on itself), ``place:NAME`` (a place attacked or targeted).
_IMPLIED_KINDS = {"police": "organization", "country": "country", "place": "group"}


def implied_actors(actors: Sequence[Actor], events: Sequence[Event]) -> tuple[Actor, ...]:
    """Actors rows for the parties events refer to that the actors stage did not list,
    so every event's actor and recipient id joins to the article's actors."""
    known = {a.id for a in actors}
    implied: dict[str, Actor] = {}
    for event in events:
        for ref in (*event.actor, *event.recipient):
            if ref.id in known or ref.id in implied:
                continue
            kind = _IMPLIED_KINDS.get(ref.id.split(":", 1)[0], "group")
            implied[ref.id] = Actor(ref.id, ref.name, kind, ref.country, ref.sector, evidence="implied")
    return tuple(implied.values())
