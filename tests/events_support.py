"""Shared helpers for the event-coder tests: hand-made actor tables (so the tests exercise
the coder, not the actors stage) and a runner that parses and codes one sentence."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from detente.events import EventCoder
from detente.records import Actor, ActorAnalysis, Mention

#: token text (lower case) -> (actor name, country, sector)
Lookup = Callable[[str], "tuple[str, str | None, str] | None"]


def token_table_analysis(doc, lookup: Lookup) -> ActorAnalysis:
    """One actor per name found token by token through ``lookup``."""
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    by_token: dict[int, str] = {}
    for tok in doc:
        hit = lookup(tok.lower_)
        if hit is None:
            continue
        name, country, sector = hit
        actor = actors.setdefault(name, Actor(f"a{len(actors) + 1}", name, "country", country, sector))
        mentions.append(Mention(actor.id, tok.i, tok.i + 1, (tok.idx, tok.idx + len(tok)), 0, tok.text))
        by_token[tok.i] = actor.id
    return ActorAnalysis(tuple(actors.values()), tuple(mentions), by_token)


def coder_runner(nlp, analyse: Callable, day: dt.date = dt.date(2022, 3, 1)):
    """A function text -> events: parse, hand-made actors, the real EventCoder."""
    coder = EventCoder()

    def run(text: str):
        doc = nlp(text)
        return coder.code(doc, analyse(doc), (), day)

    return run
