"""Places in a trigger's phrase that name its target: the recipient fallbacks of CAMEO
coders ("a force in Liberia", "targets in Jericho"; split from :mod:`.patterns`). The types
and sectors the fallbacks of :mod:`.recipients` apply to are groups of the ontology."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..tables import read_word_lists_as


@dataclass(frozen=True, slots=True)
class LocativeWords:
    """This module's word lists (``data/events/words/locatives.tsv``), read once by :func:`locative_words`."""

    #: Prepositions that say where something is ("a force in Liberia", "targets in Jericho").
    locative_preps: frozenset[str]
    #: Prepositions of where an event happens (a meeting's venue, not a party).
    where: frozenset[str]
    #: Generic place nouns whose "of" phrase names the place ("the city of Kirkuk").
    place_nouns: frozenset[str]


@functools.cache
def locative_words() -> LocativeWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(LocativeWords, "events/words/locatives.tsv")


#: Entity labels of proper nouns that are never places, whatever the gazetteer holds.
_NO_PLACE_ENTS = frozenset({"DATE", "TIME", "PERSON"})


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place named in the trigger's phrase: its country, name, and actor id if any."""

    country: str
    name: str
    actor_id: str | None
    on_object: bool  # located on what the event affects ("a force in Liberia")


def place_targets(heads: Sequence[Any], index: Mapping[int, tuple[str, ...]],
                  countries: Mapping[str, str], places: Any | None) -> list[PlaceHit]:
    """Places in locative phrases of the trigger words ``heads`` and of their objects,
    the trigger's own first.

    ``countries`` maps the ids of country actors to their codes; ``places`` (optional)
    has ``lookup(name) -> entry with .country`` (the gazetteer) for cities and regions.
    """
    hits: list[PlaceHit] = []
    objects = [c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    # objects of directional/target prepositions ("to a force in X", "against camps in X"),
    # not of the trigger's own locatives ("surrendered in the town in X" is where it happened)
    # "at" aims as well as places: "fired at targets in Jericho"
    where = locative_words().where
    objects += [g for h in heads for c in h.children if c.dep_ == "prep" and (c.lower_ not in where or c.lower_ == "at")
                for g in c.children if g.dep_ == "pobj"]
    for owner, on_object in [(h, False) for h in heads] + [(o, True) for o in objects]:
        for pobj in _locative_objects(owner, depth=0 if not on_object else 2):
            hit = place_of(pobj, index, countries, places, on_object)
            if hit is not None and hit not in hits:
                hits.append(hit)
    return hits


def _locative_objects(tok: Any, depth: int) -> list[Any]:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in locative_words().locative_preps:
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif depth > 0 and c.dep_ == "prep":  # "parties to the conflict in Iraq"
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend(_locative_objects(g, depth - 1))
    return out


def place_of(pobj: Any, index: Mapping[int, tuple[str, ...]], countries: Mapping[str, str],
             places: Any | None, on_object: bool) -> PlaceHit | None:
    """The country of a place named by ``pobj``: a country actor on it, else (a proper
    noun) the gazetteer's entry. Dates are no places ("in March" is no town named March)."""
    if pobj.ent_type_ in _NO_PLACE_ENTS:
        return None
    if pobj.lemma_.lower() in locative_words().place_nouns:
        inner = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        pobj = inner if inner is not None else pobj
    toks = sorted([pobj] + [c for c in pobj.children if c.dep_ in ("compound", "flat", "nn")], key=lambda t: t.i)
    for tok in toks:
        for actor_id in index.get(tok.i, ()):
            if actor_id in countries:
                return PlaceHit(countries[actor_id], tok.text, actor_id, on_object)
    if places is None or pobj.pos_ != "PROPN":
        return None
    name = pobj.doc[toks[0].i: toks[-1].i + 1].text
    entry = places.lookup(name)
    country = getattr(entry, "country", None)
    return PlaceHit(country, entry.name, None, on_object) if country else None
