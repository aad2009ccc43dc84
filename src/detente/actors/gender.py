"""The gender of a person being resolved, for "he"/"she": from the knowledge base (a fact
it records per person) or from the words English marks it with in the text (an honorific
before the name, "Mr Lavrov"; a title that only names one gender, "the queen"). Nothing
is guessed from a given name: a person the KB does not know and the text does not mark
stays of unknown gender, and a pronoun then needs other evidence (see ``pronouns``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ..tables import read_word_lists_as


@dataclass(frozen=True, slots=True)
class GenderWords:
    """This module's word lists (``data/actors/gender_words.tsv``)."""

    male_honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    male_nouns: frozenset[str]
    female_nouns: frozenset[str]
    male_pronouns: frozenset[str]
    female_pronouns: frozenset[str]


@functools.cache
def gender_words() -> GenderWords:
    """The word lists, read on first use (not at import time)."""
    return read_word_lists_as(GenderWords, "actors/gender_words.tsv")


def pronoun_gender(word: str) -> str | None:
    """"m" for he/him/his, "f" for she/her, None for any other word."""
    low, words = word.lower(), gender_words()
    if low in words.male_pronouns:
        return "m"
    if low in words.female_pronouns:
        return "f"
    return None


def noun_gender(word: str) -> str | None:
    """"m"/"f" for a title or noun that only names one gender ("king", "spokeswoman")."""
    low, words = word.lower(), gender_words()
    if low in words.male_nouns:
        return "m"
    if low in words.female_nouns:
        return "f"
    return None


def mention_gender(doc: Any, start: int, end: int) -> str | None:
    """The gender the words of a mention ``[start, end)`` mark: an honorific just before
    or at its start ("Mr Lavrov", "Ms. Truss"), else a one-gender title noun inside it
    ("Queen Elizabeth", "the spokeswoman"); None when they mark none or both."""
    words = gender_words()
    found: set[str] = set()
    for i in (start - 1, start):
        if 0 <= i < end:
            low = doc[i].lower_
            if low in words.male_honorifics:
                found.add("m")
            elif low in words.female_honorifics:
                found.add("f")
    if not found:
        for tok in doc[start:end]:
            g = noun_gender(tok.lower_)
            if g is not None:
                found.add(g)
    return found.pop() if len(found) == 1 else None
