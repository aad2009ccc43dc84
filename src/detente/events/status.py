"""Auxiliary status of an event from its clause: asserted, future, hypothetical, negated.

``historical`` is set later by the pipeline from the event's date. Decisions (documented
in DESIGN terms):

- negated: a negation on the trigger or its auxiliaries ("did not meet", "never signed"),
  "no" on a noun trigger ("no talks were held"), or a negating head ("failed to agree",
  "denied attacking", "was unable to", "has not been able to"), or the alternative not
  taken ("instead of arresting"). "refused to" is a REJECT event (asserted), not negated.
- hypothetical: modals could/would/may/might/should (unless "would" reports an intention
  under a speech verb, which is future), a conditional clause ("if", "unless"), a
  hypothesising head ("considering sanctions", "is likely to"), or "possible/potential" on a noun trigger.
- future: will/shall/'ll, "going to", planning heads ("plans to", "is expected to",
  "is set to", "is due to", "decided to"), "upcoming/planned/next" on a noun trigger.
Precedence: negated > hypothetical > future > asserted.
"""

from __future__ import annotations

from typing import Any

from .lexicon import Lexicon

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPO_AUX = frozenset({"could", "would", "may", "might", "should", "can", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
FUTURE_MODS = frozenset({"upcoming", "planned", "proposed", "next", "future", "forthcoming", "scheduled"})
HYPO_MODS = frozenset({"possible", "potential", "hypothetical", "likely"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "announce", "state", "add", "claim", "report", "declare", "reiterate", "insist",
     "warn", "vow", "promise", "pledge", "threaten", "indicate", "confirm", "note", "write", "explain",
     "assure", "guarantee",
     # findings and emphasis: "concluded that Y must", "stressed that Y should"
     "conclude", "stress", "emphasise", "emphasize", "underline", "argue", "assert"}
)


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
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.lower_ in HYPO_MODS for c in trigger.children):
        return "hypothetical"
    aux = modal(head)
    if aux in HYPO_AUX:
        if aux == "would" and _under_speech(head):
            return "future"
        return "hypothetical"
    if aux in FUTURE_AUX or _going_to(head) or _be_to(head):
        return "future"
    if any(lexicon.has_role(t.lemma_.lower(), "-plan") for t in chain[1:]):
        return "future"
    if trigger.pos_ in ("NOUN", "PROPN") and any(c.lower_ in FUTURE_MODS for c in trigger.children):
        return "future"
    return "asserted"


#: Verbs of necessity: "we have to / need to arrest them" states what is required, not done.
_NECESSITY = frozenset({"have", "need"})


def _obliged(tok: Any) -> bool:
    """An infinitive under a present or future "have to"/"need to"; a past "had to fire"
    reports what was done and stays asserted."""
    gov = tok.head
    if tok.dep_ != "xcomp" or gov.lemma_.lower() not in _NECESSITY or gov.i == tok.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return gov.tag_ in ("VBP", "VBZ") or (gov.tag_ == "VB" and modal(gov) is not None)


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
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in tok.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
    return False


def modal(tok: Any) -> str | None:
    cur = tok
    for _ in range(3):
        for child in cur.children:
            if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
                return child.lower_
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
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in SPEECH_VERBS:
            return True
        break
    return False
