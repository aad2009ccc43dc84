"""Shared helpers for the event-coder tests: hand-made actor tables (so the tests exercise
the coder, not the actors stage) and a runner that parses and codes one sentence."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Mapping

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


#: phrase (lower case, as tokens) -> (country, sector, kind)
PhraseTable = Mapping[str, "tuple[str | None, str | None, str]"]


def phrase_table_analysis(
    doc, table: PhraseTable, same: Mapping[str, str] | None = None, merge_countries: bool = False
) -> ActorAnalysis:
    """Actors from multi-word phrases, longest first, so a mention's modifiers are inside
    it. ``same`` names the phrases that are one person ("barack obama" -> "obama");
    with ``merge_countries`` a country's name and demonym are one actor."""
    same = same or {}
    phrases = sorted(table, key=lambda p: -len(p.split()))
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    by_token: dict[int, str] = {}
    words = [t.lower_ for t in doc]
    i = 0
    while i < len(doc):
        for phrase in phrases:
            n = len(phrase.split())
            if " ".join(words[i:i + n]) == phrase:
                country, sector, kind = table[phrase]
                key = same.get(phrase, country if merge_countries and kind == "country" else phrase)
                actor = actors.setdefault(key, Actor(f"a{len(actors) + 1}", key, kind, country, sector))
                span = doc[i:i + n]
                mentions.append(Mention(actor.id, i, i + n, (span.start_char, span.end_char), 0, span.text))
                by_token.update({j: actor.id for j in range(i, i + n)})
                i += n
                break
        else:
            i += 1
    return ActorAnalysis(tuple(actors.values()), tuple(mentions), by_token)


def find(events, etype: str):
    """The most confident event of ``etype`` (fails, listing what was coded, if none)."""
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger) for e in events]
    return max(found, key=lambda e: e.confidence)


def countries(refs) -> list[str | None]:
    return [r.country for r in refs]


def coder_runner(nlp, analyse: Callable, day: dt.date = dt.date(2022, 3, 1), places: Any = None):
    """A function text -> events: parse, hand-made actors, the real EventCoder."""
    coder = EventCoder(places=places)

    def run(text: str):
        doc = nlp(text)
        return coder.code(doc, analyse(doc), (), day)

    return run


def country_word_coder(nlp, countries: Mapping[str, str], day: dt.date = dt.date(2022, 3, 1)):
    """A text -> events runner whose actors are one GOV actor per country word of
    ``countries`` (lower-case word -> ISO3): enough to test types, not actors."""

    def analyse(doc) -> ActorAnalysis:
        return token_table_analysis(doc, lambda w: (countries[w], countries[w], "GOV") if w in countries else None)

    return coder_runner(nlp, analyse, day)
