"""Confidence of an event: a documented heuristic score in 0..1, not a learned
probability, that ranks the events of a sentence (the top event has the highest score):

- base: 0.75 verb trigger, 0.7 noun with a support verb, "X said Y must" or a claimed
  act ("claimed responsibility for the attack"), 0.65 an
  intention verb, 0.6 noun standing alone; -0.2 for words the lexicon marks ``weak``;
- arguments: +0.1 when an actor is found, +0.05 with a recipient;
- clause: +0.05 for a main-clause trigger (the root, a conjunct of the root, or the clause
  a speech verb of the main clause reports: "X said Y attacked Z"); otherwise minus the
  summed penalty of the dependencies that embed it, capped at 0.35: complement 0.05,
  adverbial clause 0.1, relative clause / noun-modifying participle 0.15, gerund or clause
  object of a preposition ("suspected of blowing up", "accused of violating") 0.2;
- background: -0.1 for a past perfect ("whom they had taken hostage").
So an asserted main-clause verb with actor and recipient scores 0.95, the same verb in a
relative clause 0.75, a gerund inside an allegation 0.7 or less. An accusation inferred
from a claim ("X claimed that Y attacked Z", see :mod:`.coder`) ranks 0.05 below the
attack it reports.
"""

from __future__ import annotations

from typing import Any

from .patterns import Arguments
from .status import status_words
from .triggers import Candidate, existential


def score_confidence(cand: Candidate, weak: bool, args: Arguments) -> float:
    score = {"verb": 0.75, "must": 0.7, "intent": 0.65, "light": 0.7, "claim": 0.7, "noun": 0.6}[cand.kind]
    if weak:
        score -= 0.2
    if args.actor:
        score += 0.1
    if args.recipient:
        score += 0.05
    depth = _embedding(cand.anchor)
    score += 0.05 if depth == 0 else -depth
    if _background(cand.anchor):
        score -= 0.1
    return round(max(0.05, min(0.99, score)), 2)


#: How much less an event counts when its clause hangs under another word (see the
#: module docstring): complements and adverbial clauses are secondary, relative clauses
#: and participles that modify a noun are description, and a clause or gerund that is
#: the object of a noun or preposition ("suspected of blowing up") is an allegation.
_DEP_PENALTY = {"xcomp": 0.05, "ccomp": 0.05, "advcl": 0.1, "relcl": 0.15, "acl": 0.15,
                "pcomp": 0.2, "pobj": 0.2, "prep": 0.0, "dobj": 0.1, "nsubj": 0.15, "nsubjpass": 0.15,
                "appos": 0.15, "attr": 0.1, "oprd": 0.1, "csubj": 0.15}
_MAX_PENALTY = 0.35


def _embedding(anchor: Any) -> float:
    """0 for a main-clause trigger (root, a conjunct of it, or the clause a speech verb
    reports), else the summed penalty of the dependencies that embed it (capped)."""
    penalty = 0.0
    tok = anchor
    for _ in range(8):
        if tok.head.i == tok.i:
            break
        dep, head = tok.dep_, tok.head
        if dep in ("ccomp", "parataxis") and head.lemma_.lower() in status_words().speech_verbs and _main(head):
            break  # "X said Y attacked Z": the reported clause is the news
        if existential(tok):
            tok = head.head  # "there were ten soldiers killed": as the clause's own verb
            continue
        if dep not in ("conj", "cc"):
            penalty += _DEP_PENALTY.get(dep, 0.05)
        tok = head
    return round(min(penalty, _MAX_PENALTY), 2)


def _main(tok: Any) -> bool:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "ROOT"


def _background(anchor: Any) -> bool:
    """A past perfect ("whom they had taken hostage") recalls what happened before."""
    return anchor.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in anchor.children)
