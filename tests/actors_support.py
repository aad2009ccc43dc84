"""Shared helpers for the actors-stage tests: analyse a sentence with the real resolver and
read the codes of the actors mentioned on one word."""

from __future__ import annotations

from datetime import date


def analysed(nlp, resolver, text: str, day: date):
    """(doc, ActorAnalysis) of ``text`` published on ``day``."""
    doc = nlp(text)
    return doc, resolver.analyse(doc, day)


def codes_at(nlp, resolver, text: str, word: str, day: date) -> list[tuple]:
    """(country, sector) of every actor mentioned on the token ``word`` (plural mentions
    included), in mention order."""
    doc, an = analysed(nlp, resolver, text, day)
    i = next(t.i for t in doc if t.text == word)
    ids = [m.actor_id for m in an.mentions if m.start <= i < m.end]
    return [(an.get(a).country, an.get(a).sector) for a in dict.fromkeys(ids)]
