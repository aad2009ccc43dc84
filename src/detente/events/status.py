"""Auxiliary status of an event from its clause: asserted, future, hypothetical, negated.

This module is the one place an event's status is decided: :func:`clause_status` reads
the clause; :func:`stronger`, :func:`planned` and :func:`historical` are the only changes
made to it afterwards (by the coder, PLOVER's reductions and, once grounding has dated the
event, the pipeline). Decisions (documented in DESIGN terms):

- negated: a negation on the trigger or its auxiliaries ("did not meet", "never signed"),
  "no" on a noun trigger ("no talks were held"), or a negating head ("failed to agree",
  "denied attacking", "was unable to", "has not been able to"), or the alternative not
  taken ("instead of arresting"). "refused to" is a REJECT event (asserted), not negated.
- hypothetical: modals could/would/may/might/should (unless "would" reports an intention
  under a speech verb, which is future), a conditional clause ("if", "unless"), a
  hypothesising head ("considering sanctions", "is likely to"), or "possible/potential" on a noun trigger.
- future: will/shall/'ll, "going to", planning heads ("plans to", "is expected to",
  "is set to", "is due to", "decided to"), "upcoming/planned/next" on a noun trigger.
- an infinitive on a noun is in prospect: future under a noun of intention ("the decision
  to withdraw", "orders to arrest"), hypothetical under others ("no alternative than to
  arrest", "a chance to arrest"); so is one that an extraposed "it" evaluates ("it is up
  to the police / necessary to arrest them"): hypothetical.
Precedence: negated > hypothetical > future > asserted.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from ..records import Event
from ..tables import read_word_lists_as
from .lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class StatusWords:
    """This module's word lists (``data/events/words/status.tsv``), read once by :func:`status_words`."""

    #: Words that negate a clause.
    negations: frozenset[str]
    #: Auxiliaries of the future ("wo" is the tokenizer's half of "won't").
    future_aux: frozenset[str]
    #: Modal auxiliaries of hypothetical events.
    hypo_aux: frozenset[str]
    #: Subordinators of conditions.
    conditional_marks: frozenset[str]
    #: Modifiers that put a noun trigger in the future ("the planned talks").
    future_mods: frozenset[str]
    #: Modifiers that make a noun trigger hypothetical ("a possible attack").
    hypo_mods: frozenset[str]
    #: Verbs of saying, and of findings and emphasis ("concluded that Y must", "stressed that Y should").
    speech_verbs: frozenset[str]
    #: Verbs of necessity: "we have to / need to arrest them" states what is required, not done.
    necessity: frozenset[str]
    #: Nouns that name an intended act: what they introduce is planned or ordered (future), as "decided
    #: to"/"planned to" are ("the decision to withdraw", "orders to arrest").
    intent_nouns: frozenset[str]
    #: Modifiers of a noun whose infinitive reports a done act ("the first state to recognise X").
    ranking: frozenset[str]
    #: Nouns of the only way left: "no choice/option/alternative but/than to ...".
    choices: frozenset[str]
    #: Adjectives that judge a proposition, with a dummy "it" ("it is necessary to ..."), unlike those about
    #: a doer ("it is willing to withdraw": "it" is a state).
    judging_adjs: frozenset[str]


@functools.cache
def status_words() -> StatusWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(StatusWords, "events/words/status.tsv")


def clause_status(trigger: Any, lexicon: Lexicon, governor: Any | None = None) -> str:
    """Status of the event whose trigger (verb or noun) is ``trigger``.

    ``governor`` is the light verb of a noun trigger ("held talks"): its clause is read.
    """
    head = governor if governor is not None else trigger
    if _negated(head) or (trigger.pos_ in ("NOUN", "PROPN") and _noun_negated(trigger)):
        return "negated"
    chain = _head_chain(head)
    if instead(head):
        return "negated"
    for tok in chain:
        if lexicon.has_role(tok.lemma_.lower(), "-neg"):
            return "negated"
        # "did not manage to", "has not been able to" (the negation sits on the copula)
        negated = _negated(tok) or (tok.dep_ == "acomp" and _negated(tok.head))
        if tok is not head and negated and lexicon.has_role(tok.lemma_.lower(), "-transparent"):
            return "negated"
    if _conditional(chain) or any(lexicon.has_role(t.lemma_.lower(), "-hypo") for t in chain[1:]):
        return "hypothetical"
    if _obliged(head):
        return "hypothetical"
    prospect = _prospective_infinitive(head, lexicon)
    if prospect is not None:
        return prospect
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.lower_ in status_words().hypo_mods for c in trigger.children):
        return "hypothetical"
    aux = modal(head)
    if aux in status_words().hypo_aux:
        if aux == "would" and _under_speech(head):
            return "future"
        return "hypothetical"
    if aux in status_words().future_aux or _going_to(head) or _be_to(head):
        return "future"
    if any(lexicon.has_role(t.lemma_.lower(), "-plan") for t in chain[1:]):
        return "future"
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.lower_ in status_words().future_mods for c in trigger.children):
        return "future"
    return "asserted"


_RANK = {"asserted": 0, "historical": 0, "future": 1, "hypothetical": 2, "negated": 3}


def stronger(own: str, clause: str) -> str:
    """The more marked of two statuses (negated > hypothetical > future > asserted)."""
    return clause if _RANK.get(clause, 0) > _RANK.get(own, 0) else own


def planned(status: str) -> str:
    """The status of an act that is planned or committed to: an asserted one is future,
    a marked one (negated, hypothetical) keeps its mark."""
    return "future" if status == "asserted" else status


def historical(event: Event, past: bool) -> Event:
    """An asserted event whose date lies before the story's present (``past``, decided by
    grounding) is historical; any other status stays."""
    return dataclasses.replace(event, status="historical") if past and event.status == "asserted" else event


def _obliged(tok: Any) -> bool:
    """An infinitive under a present or future "have to"/"need to"; a past "had to fire"
    reports what was done and stays asserted."""
    gov = tok.head
    if tok.dep_ != "xcomp" or gov.lemma_.lower() not in status_words().necessity or gov.i == tok.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return gov.tag_ in ("VBP", "VBZ") or (gov.tag_ == "VB" and modal(gov) is not None)


def _prospective_infinitive(tok: Any, lexicon: Lexicon) -> str | None:
    """A to-infinitive that hangs on a noun or on an evaluation of an extraposed "it"
    names an act in prospect, not one done: "orders to arrest anyone who ...", "no
    alternative than to arrest them", "it is up to the police / in their interest /
    necessary to arrest them". Future when the noun names an intention (a plan, decision,
    order: the act is meant to happen), hypothetical otherwise (an option, a chance, a
    need, an attempt: it may never happen). Not "the first/only country to recognise X",
    which reports the act, nor "were quick to arrest" (an adjective about the doer)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # "orders to arrest and detain": the first conjunct's head
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return None
    choice = _no_choice(tok)
    if choice is not None:
        # "has no option but to arrest" states a necessity, as "has to" does; a past "had
        # no choice but to fire" reports what was done (see _obliged)
        return None if choice.tag_ in ("VBD", "VBN") else "hypothetical"
    head = tok.head
    if tok.dep_ in ("acl", "advcl") and head.pos_ in ("NOUN", "PROPN") and head.i < tok.i:
        if any(c.lower_ in status_words().ranking or c.tag_ in ("JJS", "RBS") for c in head.children):
            return None
        if head.dep_ == "pobj" and not any(c.dep_ in ("det", "poss", "amod") for c in head.children):
            return None  # fixed phrases: "in order to" is a bare purpose, "at pains to" an effort made
        lemma = head.lemma_.lower()
        return "future" if lemma in status_words().intent_nouns or lexicon.has_role(lemma, "-plan") else "hypothetical"
    if tok.dep_ in ("xcomp", "advcl", "ccomp") and _extraposed_it(head, tok):
        return "hypothetical"
    return None


def _no_choice(tok: Any) -> Any | None:
    """The verb that has "no choice but" the infinitive ``tok``, however the parser hangs
    it: on the noun ("advcl"/"acl"), under its "but/than" ("pcomp") or on the verb as a
    conjunct after "but"."""
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ in ("but", "than", "except"):
        noun = head.head
    elif tok.dep_ in ("acl", "advcl"):
        noun = head
    elif tok.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "but" for c in head.children):
        noun = next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i), None)
    else:
        return None
    if noun is None or noun.lemma_.lower() not in status_words().choices or not any(c.lower_ == "no" for c in noun.children):
        return None
    return noun.head if noun.dep_ == "dobj" else None


def _extraposed_it(head: Any, tok: Any) -> bool:
    """"it is [necessary / up to X / in X's interest] to ...": a copula whose subject is
    a dummy "it" that the infinitive fills, with a judgement before the infinitive (a
    judging adjective, a phrase like "up to X", "in X's interest", "time"); "it is to
    meet" (an arrangement) and "it is willing to" (a doer's stance) are not."""
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        return head.lemma_.lower() in status_words().judging_adjs and _it_copula(head.head)
    if not _it_copula(head):
        return False
    return any(c.i < tok.i and (c.dep_ in ("prep", "attr") or (c.dep_ == "acomp" and c.lemma_.lower() in status_words().judging_adjs))
               for c in head.children)


def _it_copula(tok: Any) -> bool:
    return tok.lemma_ == "be" and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in tok.children)


def _negated(tok: Any) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "aux") and child.lower_ in ("never", "not", "n't")):
            return True
    # negation carried by the auxiliary of a passive or copular head
    return any(c.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in c.children) for c in tok.children)


def instead(tok: Any) -> bool:
    """"instead of cracking down", "rather than arresting": the alternative not taken."""
    prep = tok.head
    if tok.dep_ != "pcomp" or prep.lower_ not in ("of", "than"):
        return False
    return any(c.lower_ in ("instead", "rather") for c in prep.children) or prep.head.lower_ in ("instead", "rather")


def _noun_negated(noun: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _head_chain(tok: Any) -> list[Any]:
    """The token and the verbs whose complement it is (xcomp/ccomp/advcl up to 4 levels)."""
    chain = [tok]
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("xcomp", "ccomp", "acomp", "advcl", "pcomp", "conj") or cur.head is cur:
            break
        if cur.dep_ == "conj":  # a conjoined verb shares its first conjunct's governors
            cur = cur.head
            continue
        cur = cur.head
        chain.append(cur)
    return chain


def _conditional(chain: list[Any]) -> bool:
    for tok in chain:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in status_words().conditional_marks for c in tok.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
    return False


def modal(tok: Any) -> str | None:
    cur = tok
    for _ in range(3):
        for child in cur.children:
            if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
                aux: str = child.lower_
                return aux
        if cur.dep_ == "conj":
            cur = cur.head
        elif cur.dep_ == "xcomp" and cur.head.pos_ in ("AUX", "VERB", "ADJ"):
            cur = cur.head  # "is likely to", "would be able to"
        else:
            break
    return None


def _going_to(tok: Any) -> bool:
    head = tok.head
    return tok.dep_ == "xcomp" and head.lower_ == "going" and any(c.dep_ == "aux" for c in head.children)


def _be_to(tok: Any) -> bool:
    """ "X is to meet Y", "was to attend": be + to-infinitive states an arrangement."""
    head = tok.head
    return (
        tok.dep_ == "xcomp" and head.lemma_ == "be" and head.i < tok.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _under_speech(tok: Any) -> bool:
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj":
            cur = cur.head
            continue
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in status_words().speech_verbs:
            return True
        break
    return False
