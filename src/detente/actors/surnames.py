"""Bare surnames of known office holders that the tagger did not label PERSON.

spaCy's small model often leaves a lone "Merkel", "Lavrov" or "Modi" untagged (or tags it
ORG/GPE/NORP), so no person mention is made and the knowledge base is never asked. A
capitalised proper noun standing alone as a noun phrase, whose text is a KB surname held
by exactly one person in office on the article's date, names that person. Words that are
as often dates, places or the first word of a sentence are left alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .kb import KnowledgeBase

#: Month and weekday names: "May" is a month far more often than the British prime minister.
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
#: Roles a month name takes when it is the person ("May said", "May's cabinet").
_PERSON_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
#: Entity labels that are never a person, whatever the word.
_NOT_PERSON = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "LOC", "FAC",
     "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART", "PRODUCT"}
)
#: spaCy's IOB codes (Token.ent_iob): 1 inside, 2 outside, 3 beginning of an entity.
_IOB_I, _IOB_B = 1, 3
#: Prepositions of place: "in Lincoln", "at Victoria" are places, not people.
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})


def bare_surname(doc: Any, head: Any, start: int, kb: "KnowledgeBase", day: date | None) -> tuple[int, int] | None:
    """Token span of a lone KB surname heading the phrase ``doc[start : head.i + 1]``,
    or None. With a date, exactly one person of that surname must hold an office on it;
    without one, the surname must be unique in the whole KB."""
    span = _name_span(doc, head, start)
    if span is None or not _name_like(doc, head, span):
        return None
    people = kb.find_surname(doc[span[0] : span[1]].text)
    if day is None:
        return span if len(people) == 1 else None
    serving = [p for p in people if (role := p.role_on(day)) is not None and role.sector != "ELI"]
    return span if len(serving) == 1 else None


def _name_span(doc: Any, head: Any, start: int) -> tuple[int, int] | None:
    """The head with the parts glued to it by hyphens ("al-Sisi"); None when another
    proper noun precedes it in the phrase (an unknown first name, "Washington Post")."""
    first = head.i
    while first - 1 >= start and not doc[first - 1].whitespace_ and (doc[first - 1].text == "-" or doc[first - 1].is_alpha):
        first -= 1
    if first > start and doc[first - 1].pos_ == "PROPN":
        return None
    if first != head.i and doc[first].text == "-":
        first += 1
    return (first, head.i + 1)


def _name_like(doc: Any, head: Any, span: tuple[int, int]) -> bool:
    text = head.text
    if head.pos_ != "PROPN" or not text[:1].isupper() or (len(text) > 2 and text.isupper()):
        return False  # lower-case words and acronyms ("MAY", "CARTER" in a headline) are not read
    month_person = head.lower_ in _DATE_WORDS and _month_as_person(doc, head)
    if head.ent_type_ in _NOT_PERSON and not month_person:
        return False  # "May told reporters" is tagged DATE, but a month tells no one
    ent = _entity_bounds(doc, head)
    if ent is not None and (ent[0] < span[0] or ent[1] > span[1]):
        return False  # part of a longer name: "Lincoln Memorial", "Victoria Beckham"
    if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
        return False
    if head.lower_ in _DATE_WORDS and not month_person:
        return False
    return not _common_word(doc, head)


def _entity_bounds(doc: Any, tok: Any) -> tuple[int, int] | None:
    """(start, end) of the entity ``tok`` is in, as ``doc.ents`` would give it, or None.
    Read from the IOB tags around the token: ``doc.ents`` builds a Span for every entity
    of the article on each access, which cost more than the rest of this module."""
    if tok.ent_iob != _IOB_I and not (tok.ent_iob == _IOB_B and tok.ent_type != 0):
        return None
    start = tok.i
    while start >= 0 and doc[start].ent_iob == _IOB_I:
        start -= 1
    if start < 0 or doc[start].ent_iob != _IOB_B or doc[start].ent_type == 0:
        return None  # inconsistent tags: doc.ents would not read them as this token's entity
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob == _IOB_I:
        end += 1
    return (start, end)


def _month_as_person(doc: Any, head: Any) -> bool:
    """"May said", "May's cabinet": a month name as the doer or possessor, with no number
    beside it ("May 5", "5 May")."""
    near = [doc[i] for i in (head.i - 1, head.i + 1) if 0 <= i < len(doc)]
    return head.dep_ in _PERSON_DEPS and not any(t.like_num for t in near)


def _common_word(doc: Any, head: Any) -> bool:
    """A sentence's first word capitalised only by its place ("Cook the rice"): the same
    word in lower case elsewhere in the article says it is an ordinary word."""
    if head.i != head.sent.start:
        return False
    # Compare the orth hashes in one array rather than making a Token per word. (The
    # attribute by name: importing spaCy here would make ingest's parent load it.)
    return bool((doc.to_array("ORTH") == head.lower).any())
