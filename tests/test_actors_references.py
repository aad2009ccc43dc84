"""Descriptions that refer back to a named body (actors/coref.py armed_body): "the
militants" after one named armed group is that group; after two it stays a group of its
own. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors import ActorResolver
from detente.actors.kb import KnowledgeBase


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase([]))


def actor_on(nlp, resolver, text: str, word: str):
    doc = nlp(text)
    an = resolver.analyse(doc, date(2019, 9, 10))
    i = [t.i for t in doc if t.text == word][-1]
    mention = next(m for m in an.mentions if m.start <= i < m.end)
    return an.get(mention.actor_id).name, mention.evidence


def test_the_militants_after_one_named_armed_group_are_that_group(nlp, resolver):
    text = "Islamic State claimed the bombing at the market. The militants said more attacks would follow."
    assert actor_on(nlp, resolver, text, "militants") == ("Islamic State", "sector")


def test_the_militants_after_two_armed_groups_stay_unresolved(nlp, resolver):
    text = "Hamas and Islamic Jihad fired rockets across the border. The militants said the strikes were revenge."
    name, evidence = actor_on(nlp, resolver, text, "militants")
    assert name not in ("Hamas", "Islamic Jihad") and evidence == ""
