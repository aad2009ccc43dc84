"""The article's country context (actors/setting.py): a story set in one country gives
it to its unqualified state actors, evidence ``context``; never to bare names,
diplomats, or actors whose sentence names another state. Sentences written for these
tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors import ActorResolver
from detente.actors.kb import KnowledgeBase


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase([]))


def codes(nlp, resolver, text: str, word: str):
    """(country, evidence) of the actor mentioned on the first token ``word``."""
    doc = nlp(text)
    an = resolver.analyse(doc, date(2005, 2, 4))
    i = next(t.i for t in doc if t.text == word)
    actor = an.at_token(i)
    return (actor.country, actor.evidence) if actor else None


_KATMANDU = (
    "KATMANDU, Nepal (AP) - Police detained 200 students on Friday in the capital. "
    "The king dismissed the government and imposed a curfew. "
    "The army said it would guard the palace in Nepal's capital. "
    "Soldiers patrolled the streets of Katmandu, where Nepalese officials cut the phone lines. "
)


@pytest.mark.parametrize("word", ["Police", "king", "government", "army"])
def test_a_story_set_in_one_country_gives_it_to_its_state_actors(nlp, resolver, word):
    assert codes(nlp, resolver, _KATMANDU, word) == ("NPL", "context")


def test_a_bare_name_takes_no_country_from_the_setting(nlp, resolver):
    text = _KATMANDU + "Ramesh Karki told reporters the curfew would last a week."
    assert (codes(nlp, resolver, text, "Ramesh") or (None,))[0] is None


def test_an_actor_whose_sentence_names_another_state_keeps_none(nlp, resolver):
    text = _KATMANDU + "The ministry thanked Indian donors for the aid."
    assert codes(nlp, resolver, text, "ministry") != ("NPL", "context")


def test_a_story_about_two_states_has_no_setting(nlp, resolver):
    text = (
        "Russian and Ukrainian officials met in Istanbul on Friday. Russia and Ukraine "
        "agreed to talk again. Police closed the roads around the palace."
    )
    assert (codes(nlp, resolver, text, "Police") or (None,))[0] is None
