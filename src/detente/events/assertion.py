"""Mere words: triggers whose clause tells no event, or tells it with another status.

- **What is alleged or denied** ("accused X of grandstanding and refusing to listen",
  "denied attacking the convoy", "rejected claims that it shelled the town"): the
  accusation or the denial is the event; the act inside it is its content, not asserted
  by the text.
- **Advice** reached through a preposition or adverbial clause ("the west should repay
  the Kurds by standing up to Turkey"): the whole clause is hypothetical.
- **Metaphors** of force with an abstract doer or target ("the failure could destroy its
  understanding with Ankara", "the deal killed hopes of reform"): no assault.
- **Accidents** ("an accidental explosion", "the device detonated accidentally"): no
  assault, nobody did it to anyone.
- **The source of a report** ("India and Pakistan exchanged fire, officials said,
  killing two guards"): a participle on the reporting verb continues the reported
  clause, whose subject did it (see :func:`reported_clause`).
"""

from __future__ import annotations

from typing import Any

from .status import status_words

#: Verbs whose "of" phrase or complement is what is alleged or denied.
ALLEGING = frozenset({"accuse", "blame", "charge", "suspect", "allege", "deny", "dismiss", "reject", "refute"})
#: Verbs whose complement clause is denied (a claim "that Y attacked" stays reported: the
#: coder adds the claimant's ACCUSE beside the act).
DENYING = frozenset({"deny", "dismiss", "reject", "refute"})
#: Nouns of allegation or denial whose complement is the content ("claims that it shelled").
ALLEGATION_NOUNS = frozenset({"accusation", "allegation", "claim", "charge", "suggestion", "report", "rumour",
                              "rumor", "denial", "assertion"})
_ADVICE = frozenset({"should", "must", "ought"})
#: Abstract nouns that do no violence and suffer none.
ABSTRACT = frozenset(
    {"failure", "decision", "move", "policy", "deal", "agreement", "crisis", "plan", "idea", "bill",
     "hope", "hopes", "chance", "chances", "prospect", "prospects", "understanding", "relationship", "relations",
     "ties", "trust", "confidence", "economy", "growth", "reputation", "credibility",
     "argument", "case", "claim", "narrative", "process", "talks", "momentum", "effort", "efforts", "scandal",
     "inflation", "price", "prices", "rate", "rates", "lie", "lies", "rhetoric", "mood", "spirit", "career",
     "campaign", "candidacy", "bid", "legacy", "image", "morale", "dream", "dreams", "future", "vote",
     # ills fought only in a figure ("attack the virus") and things that are no party
     "virus", "disease", "pandemic", "epidemic", "outbreak", "problem", "poverty", "record", "records",
     "evidence", "document", "documents", "file", "files", "data"}
)
#: Words that make a blast or a shot an accident, which no party did to another.
ACCIDENTAL = frozenset({"accidental", "accidentally", "inadvertent", "inadvertently", "accident"})
_FORCE = frozenset({"ASSAULT", "COERCE"})


def mere_words(cand: Any) -> bool:
    """Whether a candidate trigger tells no event (see the module)."""
    tok = cand.token
    if cand.kind in ("verb", "intent") and _alleged(tok):
        return True
    if cand.type == "ASSAULT" and accidental(tok):
        return True
    if cand.kind == "verb" and naming(tok):
        return True  # "called the explosion an attack": naming, no request
    return cand.type in _FORCE and cand.kind == "verb" and _metaphor(tok)


def accidental(tok: Any) -> bool:
    """"two accidental explosions", "the device detonated accidentally", "killed in an
    accidental blast", "it went off by accident, killing three": no one's act."""
    def marked(t: Any) -> bool:
        return any(c.dep_ in ("advmod", "amod") and c.lower_ in ACCIDENTAL for c in t.children) or any(
            c.dep_ == "prep" and c.lower_ in ("in", "by", "during") and any(
                g.dep_ == "pobj" and (g.lower_ in ACCIDENTAL or marked(g)) for g in c.children)
            for c in t.children if c.dep_ == "prep")
    return marked(tok) or (tok.dep_ in ("advcl", "conj") and tok.tag_ == "VBG" and marked(tok.head))


def naming(verb: Any) -> bool:
    """"called the explosion an attack": a verb that names what its object was."""
    return verb.lemma_.lower() == "call" and any(c.dep_ == "oprd" for c in verb.children)


def advised(tok: Any) -> bool:
    """A trigger in a gerund or adverbial clause of a verb under should/must/ought."""
    for _ in range(5):
        if tok.dep_ not in ("pcomp", "pobj", "prep", "advcl", "conj", "xcomp") or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in _ADVICE for c in tok.children):
            return True
    return False


def reported_clause(verb: Any) -> Any | None:
    """For a participle hung on a reporting verb ("..., officials said, killing two"),
    the reported clause it continues; None otherwise."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or head.lemma_.lower() not in status_words().speech_verbs:
        return None
    return next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)


def _alleged(tok: Any) -> bool:
    """Inside the "of" phrase or complement of an accusing or denying verb or noun."""
    cur = tok
    for _ in range(5):
        if cur.dep_ == "conj":
            cur = cur.head
            continue
        if cur.dep_ not in ("pcomp", "pobj", "ccomp", "xcomp", "acl", "prep") or cur.head is cur:
            return False
        head = cur.head
        lemma = head.lemma_.lower()
        if head.pos_ in ("VERB", "AUX") and lemma in DENYING and cur.dep_ in ("ccomp", "xcomp"):
            return True  # "denied attacking the convoy", "denied that it shelled the town"
        if head.dep_ == "prep" and head.lower_ == "of":
            owner = head.head  # "accused X of ...": the parser may hang "of" on X
            if owner.lemma_.lower() in ALLEGING or (owner.dep_ == "dobj" and owner.head.lemma_.lower() in ALLEGING):
                return True
        if head.pos_ == "NOUN" and lemma in ALLEGATION_NOUNS and cur.dep_ in ("acl", "ccomp"):
            return True
        cur = head
    return False


#: Abstract objects that force can still be said to hit: "violated the ceasefire agreement"
#: is an attack (PLOVER codes a ceasefire violation as ASSAULT).
VIOLABLE = frozenset({"deal", "agreement", "bill", "plan"})


def _metaphor(verb: Any) -> bool:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if _abstract(subj):
        return True
    return _abstract(obj) and obj.lemma_.lower() not in VIOLABLE


def _abstract(tok: Any | None) -> bool:
    return tok is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in ABSTRACT and not tok.ent_type_
