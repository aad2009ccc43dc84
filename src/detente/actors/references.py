"""Handlers of references to actors already named: pronouns, pairs ("the two men",
"both"), appositives relating a state to another ("a key U.S. ally"), organisation short
forms ("the alliance") and phrases that name no actor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import bodies, coref, pronouns
from .article import Article
from .coref import Draft

if TYPE_CHECKING:
    from .candidates import Item

_REFLEXIVES = frozenset({"themselves", "himself", "herself"})


def handle_pronoun(st: Article, item: "Item") -> None:
    tok = st.doc[item.head]
    target = _clause_subject(st, tok) if tok.lower_ in _REFLEXIVES else None
    if target is not None:
        st.mention(target, item, "pronoun", evidence="clause")
        return
    if tok.lower_ == "it":
        target = _reporter(st, tok)
        if target is not None:
            st.mention(target, item, "pronoun", evidence="clause")
        return
    if tok.lower_ in ("they", "them"):
        pair = _conjoined_people(st, tok)
        for n, person in enumerate(pair):
            st.mention(person, item, "pronoun", primary=(n == 0), evidence="conjoined")
        if pair:
            return
    if tok.lower_ in coref.PERSON_PRONOUNS:
        found = pronouns.resolve_person(st, tok)
        if found.target is not None:
            st.mention(found.target, item, "pronoun", evidence=found.evidence)
        return
    target = _subject_over_object(st, tok) if tok.lower_ == "they" else None
    target = target or coref.pronoun_target(st.drafts, tok)
    if target is not None:
        st.mention(target, item, "pronoun", evidence="recency")


#: Bodies that speak of themselves as "it".
_IT_KINDS = frozenset({"organization", "country"})


def _reporter(st: Article, tok: Any) -> Draft | None:
    """"Turkey said it would invade", "the ministry announced it had ...": the subject of
    a reported clause is the reporting subject when that is a state or an organisation
    (a person is "he"/"she", and a plural group "they")."""
    verb = tok.head.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    for _ in range(3):  # "the ministry declined to comment, saying it would": the main subject
        if subj is not None or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head is verb:
            break
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    found = st.by_head.get(subj.i) if subj is not None else None
    if found is None or subj.tag_ in ("NNS", "NNPS"):
        return None
    return found if found.kind in _IT_KINDS or (found.kind == "group" and subj.tag_ == "NN") else None


def _conjoined_people(st: Article, tok: Any) -> list[Draft]:
    """"Lavrov and Truss met on Monday. They agreed ...": "they" after a subject that
    coordinates named people, when no group or state was named since, is those people."""
    here = st.sent_of[tok.i]
    latest = coref.recent(st.drafts, tok.i, ("group", "organization", "country", "person"))
    if not latest or latest[0].kind != "person" or here - latest[0].sentence > 1:
        return []
    heads = sorted(
        (i for i, d in st.by_head.items() if i < tok.i and here - st.sent_of[i] <= 1 and d.kind == "person"),
        reverse=True,
    )
    for i in heads:
        head = st.doc[i]
        first = head
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        if first.dep_ not in ("nsubj", "nsubjpass"):
            continue
        members = [first]
        for t in members:  # the conjuncts of conjuncts: "A, B and C"
            members.extend(c for c in t.children if c.dep_ == "conj")
        people = list({id(d): d for t in members if (d := st.by_head.get(t.i)) is not None}.values())
        if len(people) >= 2 and all(p.kind == "person" for p in people) and len(people) == len(members):
            return people
        return []
    return []


def _clause_subject(st: Article, tok: Any) -> Draft | None:
    """A reflexive is its clause's subject: "bombers killed 23 people as well as
    themselves", "they blew themselves up"."""
    verb = tok.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    while verb.dep_ in ("conj", "xcomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    found = st.by_head.get(subj.i) if subj is not None and subj.i < tok.i else None
    kinds = ("person",) if tok.lower_ in ("himself", "herself") else ("group", "organization", "country")
    return found if found is not None and found.kind in kinds else None


def _subject_over_object(st: Article, tok: Any) -> Draft | None:
    """"they" after "X killed Y": when the nearest candidate is the object of a verb
    whose subject is another candidate, the subject is the likelier referent."""
    kinds = ("group", "organization", "country")
    cands = coref.recent(st.drafts, tok.i, kinds)
    if not cands or st.sent_of[tok.i] - cands[0].sentence > 1:
        return None
    obj = st.doc[cands[0].last]
    while obj.dep_ == "conj":
        obj = obj.head
    if obj.dep_ != "dobj":
        return None
    subj = next((c for c in obj.head.children if c.dep_ == "nsubj"), None)
    found = st.by_head.get(subj.i) if subj is not None else None
    return found if found is not None and found is not cands[0] and found.kind in kinds else None


def handle_pair(st: Article, item: "Item") -> None:
    people = coref.pair(st.drafts, item.start)
    d = item.desc
    if d is not None and d.country is not None:
        # "two Bolivian men": the pair must be of that country, else they are new people
        country, _ = st.code(d.country)
        if not people or any(p.country != country for p in people):
            bodies.handle_group(st, item)
            return
    for n, person in enumerate(people):
        st.mention(person, item, "coref", primary=(n == 0))


def handle_same(st: Article, item: "Item") -> None:
    """An appositive that relates its head to another state ("a key U.S. ally")."""
    parent = st.by_head.get(st.doc[item.head].head.i)
    if parent is not None:
        st.mention(parent, item, "descriptor")


def handle_short(st: Article, item: "Item") -> None:
    head = st.doc[item.head]
    target = coref.org_short(st.drafts, head.lower_, item.start, st.tables.shorts)
    target = target or coref.org_short(st.drafts, head.lemma_.lower(), item.start, st.tables.shorts)
    if target is not None:
        st.mention(target, item, "coref")


def handle_none(st: Article, item: "Item") -> None:
    """A phrase that names no actor although a country word is in it."""


def handle_surname(st: Article, item: "Item") -> None:
    """A lone name that is the surname of a person named earlier ("Pat Caddell ... said
    Caddell", whatever the tagger called it) is that person; else it names no one known."""
    earlier = coref.by_surname(st.drafts, st.doc[item.head].text, item.start)
    if earlier is not None:
        st.mention(earlier, item, "name", evidence="surname")
