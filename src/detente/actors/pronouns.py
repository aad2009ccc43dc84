"""Which person a "he"/"she"/"him"/"her" means, with the evidence for the choice.

Decided here (each rule only looks back, and a pronoun that stays ambiguous stays
unresolved: a wrong speaker or participant costs more than a missing one):
- candidates are the people mentioned in the pronoun's sentence before it and in the
  ``WINDOW`` sentences before that; when there are none, the most recent person of the
  article, if any (nothing nearer competes: evidence ``recency``);
- a person whose gender is known and differs is never the referent ("Lavrov met Liz
  Truss. She said": Truss). Gender comes from the KB or from the text's own marks
  (``gender``), and is learned from a pronoun resolved without competition;
- a non-reflexive object pronoun is not its own verb's subject ("Lavrov told him");
- one compatible candidate left: it (evidence ``gender`` when gender ruled others out,
  else ``only``);
- several: the subject rule (centering: the subject is the most salient entity): in the
  nearest sentence that mentions a compatible candidate (the pronoun's own sentence
  before it counts first), the one compatible candidate in subject position ("Biden met
  Macron. He said" is Biden; evidence ``subject``). Two conjoined subjects ("Biden and
  Macron met. He said"), or none in subject position, leave the pronoun to the one
  candidate whose gender is known to fit (evidence ``gender``), else unresolved
  (evidence ``ambiguous``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from . import coref
from .gender import mention_gender, pronoun_gender

if TYPE_CHECKING:
    from .article import Article
    from .coref import Draft

#: Sentences before the pronoun's own in which its referent may be named.
WINDOW = 3
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "iobj"})
_REFLEXIVES = frozenset({"himself", "herself"})


@dataclass(frozen=True, slots=True)
class Resolution:
    """The person a pronoun means (None when unresolved) and why."""

    target: "Draft | None"
    evidence: str  # gender | only | subject | recency | ambiguous | none


def resolve_person(st: "Article", tok: Any) -> Resolution:
    """The person ``tok`` (he/she/him/her/himself/herself) refers to (module doc)."""
    want = pronoun_gender(tok.lower_)
    here = st.sent_of[tok.i]
    people = coref.recent(st.drafts, tok.i, ("person",))
    near = [d for d in people if here - d.sentence <= WINDOW]
    if tok.lower_ not in _REFLEXIVES:
        near = [d for d in near if d is not _co_subject(st, tok)]
    if not near:
        far = [d for d in people if _compatible(st, d, want)]
        return Resolution(far[0], "recency") if far else Resolution(None, "none")
    fits = [d for d in near if _compatible(st, d, want)]
    if not fits:
        return Resolution(None, "none")
    if len(fits) == 1:
        _learn(st, fits[0], want)
        return Resolution(fits[0], "gender" if len(near) > 1 else "only")
    subject = _salient_subject(st, tok, fits)
    if subject is not None:
        return Resolution(subject, "subject")
    known = [d for d in fits if gender_of(st, d) == want]
    return Resolution(known[0], "gender") if len(known) == 1 else Resolution(None, "ambiguous")


def gender_of(st: "Article", d: "Draft") -> str | None:
    """The draft's gender: the KB's or a learned one, else what its mentions' words mark."""
    if d.gender is not None:
        return d.gender
    marks = {g for x, s, e, _, _ in st.mentions if x is d and (g := mention_gender(st.doc, s, e)) is not None}
    return marks.pop() if len(marks) == 1 else None


def _compatible(st: "Article", d: "Draft", want: str | None) -> bool:
    have = gender_of(st, d)
    return want is None or have is None or have == want


def _learn(st: "Article", d: "Draft", want: str | None) -> None:
    """A pronoun with one candidate tells that candidate's gender to later pronouns."""
    if want is not None and gender_of(st, d) is None:
        d.gender = want


def _co_subject(st: "Article", tok: Any) -> "Draft | None":
    """The subject of the verb an object pronoun depends on ("Lavrov told him")."""
    if tok.dep_ not in _OBJECT_DEPS:
        return None
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    return st.by_head.get(subj.i) if subj is not None else None


def _salient_subject(st: "Article", tok: Any, fits: Sequence["Draft"]) -> "Draft | None":
    """The one candidate in subject position in the nearest sentence naming a candidate."""
    wanted = {id(d) for d in fits}
    by_sentence: dict[int, list[tuple["Draft", int, int]]] = {}
    for d, start, end, _, _ in st.mentions:
        if id(d) in wanted and end <= tok.i:
            by_sentence.setdefault(st.sent_of[start], []).append((d, start, end))
    for n in sorted(by_sentence, reverse=True):
        subjects = {id(d): d for d, s, e in by_sentence[n] if _is_subject(st.doc[s:e].root)}
        return next(iter(subjects.values())) if len(subjects) == 1 else None
    return None


def _is_subject(head: Any) -> bool:
    """A subject, or a conjunct of one ("Biden and Macron met": both are)."""
    for _ in range(6):
        if head.dep_ in _SUBJECT_DEPS:
            return True
        if head.dep_ not in ("conj", "appos") or head.head is head:
            return False
        head = head.head
    return False
