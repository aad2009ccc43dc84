"""How a trigger's type, mode and CAMEO code follow from what it governs and from its
status: PLOVER's reductions (future cooperation -> AGREE, a future retreat or concession
-> AGREE 035 "intent to yield", force the actor announces or plans -> THREATEN, not
agreeing -> REJECT) and the content digit of requests, demands and rejections."""

from __future__ import annotations

from typing import Any

from .lexicon import Entry
from .status import SPEECH_VERBS, modal
from .patterns import subject
from .triggers import Candidate

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"})
FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
#: CAMEO third digit for what is asked (02x appeal, 10x demand) or rejected (12x).
_CONTENT_DIGIT = {
    "020": {"COOPERATE": "1", "SUPPORT": "2", "AID": "3", "RETREAT": "5", "CONCEDE": "5", "CONSULT": "6"},
    "100": {"COOPERATE": "1", "SUPPORT": "2", "AID": "3", "RETREAT": "6", "CONCEDE": "7", "CONSULT": "8"},
    "120": {"COOPERATE": "1", "AID": "2", "RETREAT": "4", "CONCEDE": "4", "CONSULT": "5"},
}
_ASK_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
             "COOPERATE": "assist", "SUPPORT": "assist", "AGREE": "meet"}
AGREE_CAMEO = {"CONSULT": "036", "AID": "033", "COOPERATE": "031", "SUPPORT": "032", "AGREE": "030"}


def refine_by_content(cand: Candidate, content: list[Candidate]) -> tuple[str | None, str | None, str]:
    """Type, mode and CAMEO code of a trigger, given the triggers in its complement."""
    entry = cand.entry
    etype, mode, cameo = entry.type, entry.mode, entry.cameo
    if "joint" in entry.flags and several_parties(cand):
        return "COOPERATE", None, "062"  # joint exercises are cooperation (PLOVER MOBILIZE notes)
    inner = content[0] if content else None
    if inner is None:
        return etype, mode, cameo
    itype = inner.type
    if etype == "THREATEN" and obliged(inner.anchor):
        etype, cameo = "REQUEST", "100"  # "warned Syria that it must withdraw" is a demand
    if entry.lemma == "order" and itype in FORCEFUL:
        # "ordered the paper to suspend publication", "ordered air strikes": the ordered
        # force is the orderer's act
        return itype, inner.entry.mode, inner.entry.cameo
    if itype == "ACCUSE" and inner.entry.mode == "investigate" and entry.lemma in _SENDING:
        return "ACCUSE", "investigate", inner.entry.cameo  # "sent a team to investigate"
    if cand.kind == "intent" and entry.lemma in _WISHING and someone_else_acts(cand.anchor, inner.anchor):
        # "Kenya wants Uganda to withdraw": a wish for another's act is an appeal (CAMEO 02x)
        digit = _CONTENT_DIGIT["020"].get(itype)
        return "REQUEST", _ASK_MODE.get(itype, "change"), "02" + digit if digit else "020"
    if cand.kind == "intent" or etype == "AGREE":
        if itype in COOPERATIVE:
            return "AGREE", None, AGREE_CAMEO.get(itype, "030")
        if itype in ("RETREAT", "CONCEDE"):
            return "AGREE", None, "035"  # intent to yield (CAMEO 035, AGREE in CAMEO->PLOVER)
        if itype in FORCEFUL | {"PROTEST"} and cand.kind == "intent":
            return "THREATEN", threat_mode(inner), threat_cameo(inner)
        return etype, mode, cameo
    if etype in ("REQUEST", "REJECT"):
        base = "120" if etype == "REJECT" else ("100" if cameo.startswith("10") else "020")
        digit = _CONTENT_DIGIT[base].get(itype)
        return etype, _ASK_MODE.get(itype, "change"), (base[:2] + digit if digit else cameo)
    if etype == "THREATEN":
        return etype, threat_mode(inner), threat_cameo(inner)
    return etype, mode, cameo


_SENDING = frozenset({"send", "dispatch", "deploy"})
#: Intent verbs that can take another party as the doer ("wants Uganda to leave").
_WISHING = frozenset({"want"})


def someone_else_acts(head: Any, inner: Any) -> bool:
    """The infinitive under ``head`` has its own doer: "wants Uganda to withdraw" (parsed
    as a subject of the infinitive, or as the wanting verb's object)."""
    for _ in range(3):  # up through the verbs between: "wants X to stop attacking Y"
        if inner.head.i == head.i or inner.dep_ not in ("ccomp", "xcomp"):
            break
        inner = inner.head
    if inner.head.i != head.i or inner.dep_ not in ("ccomp", "xcomp"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in inner.children):
        return False
    return (any(c.dep_ == "nsubj" for c in inner.children)
            or any(c.dep_ in ("dobj", "dative") and c.i < inner.i for c in head.children))
_OBLIGATION = frozenset({"must", "should"})


def obliged(tok: Any) -> bool:
    """A clause of obligation: "that it must withdraw", "Y should stop"."""
    for _ in range(2):
        if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in tok.children):
            return True
        if tok.dep_ != "conj":
            return False
        tok = tok.head
    return False


#: Words that put several parties in one noun phrase ("the two navies", "both armies").
_SEVERAL = frozenset({"two", "three", "four", "both", "several"})
_PARTY_ENTS = frozenset({"GPE", "NORP", "ORG"})


def several_parties(cand: Candidate) -> bool:
    """An exercise held by or with more than one party: coordinated actors ("Russia and
    China", "French and Egyptian warships", "the navies of India and Japan", "the two
    navies") or a named partner ("with the US Navy", "between X and Y")."""
    noun = cand.token
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("with", "between")):
        if any(_party(g) for g in prep.children if g.dep_ == "pobj"):
            return True
    heads = [subject(cand.anchor)[0]] if cand.anchor is not noun else []
    if noun.dep_ in ("nsubj", "dobj"):
        heads.append(noun)
    return any(h is not None and _coordinated(h) for h in heads)


def _party(tok: Any) -> bool:
    return tok.ent_type_ in _PARTY_ENTS or tok.pos_ == "PROPN" or any(c.ent_type_ in _PARTY_ENTS for c in tok.children)


def _coordinated(head: Any) -> bool:
    if any(c.lower_ in _SEVERAL for c in head.children if c.dep_ in ("nummod", "det", "predet")):
        return True
    if any(c.dep_ == "conj" and (_party(c) or _party(head)) for c in head.children):
        return True
    for c in head.children:
        if c.dep_ in ("amod", "compound") and any(g.dep_ == "conj" for g in c.children):
            return True  # "French and Egyptian warships"
        if c.dep_ == "prep" and c.lower_ == "of" and any(
                g.dep_ == "pobj" and any(x.dep_ == "conj" for x in g.children) for g in c.children):
            return True  # "the navies of India and Japan"
    return False


def threat_mode(inner: Candidate) -> str:
    if inner.type == "COERCE":
        return "arrest" if inner.entry.mode == "arrest" else ("expel" if inner.entry.mode == "deport" else "restrict")
    if inner.type == "SANCTION":
        return "expel" if inner.entry.mode == "expel" else "relations"
    if inner.type == "PROTEST":
        return "restrict"
    return "violence"


def threat_cameo(inner: Candidate) -> str:
    return {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "132", "PROTEST": "133"}.get(
        inner.type, "130"
    )


def apply_reductions(etype: str, mode: str | None, cameo: str, status: str, anchor: Any) -> tuple[str, str | None, str, str]:
    """PLOVER's rules for future actions: cooperation becomes AGREE, a retreat CONCEDE,
    and force announced under a speech verb ("said it would strike") a THREATEN."""
    unless = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in anchor.children)
    if status == "negated" and etype == "AGREE":
        return "REJECT", None, "120", "asserted"  # not agreeing is a rejection
    if status == "negated" and etype in COOPERATIVE and (reported(anchor) or modal(anchor) in ("will", "would")):
        # "said it would not provide aid": a stated refusal
        return "REJECT", "assist" if etype in ("AID", "COOPERATE", "SUPPORT") else "meet", "120", "asserted"
    if status == "negated" and etype in ("CONCEDE", "RETREAT") and (reported(anchor) or modal(anchor) in ("will", "would")):
        return "REJECT", "yield", "124", "asserted"  # "said it would not meet the demands"
    if unless and status != "negated" and etype not in COOPERATIVE:
        return "THREATEN", "restrict" if etype == "PROTEST" else "violence", "130", "asserted"
    if status != "future" and status != "hypothetical":
        return etype, mode, cameo, status
    if status == "future" and etype in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
        return "AGREE", None, AGREE_CAMEO[etype], status
    if status == "future" and (etype == "RETREAT" or (etype == "CONCEDE" and not _decided(anchor))):
        return "AGREE", None, "035", status  # intent to yield (CAMEO 035), as for "promised to"
    if etype in ("ASSAULT", "MOBILIZE") and status == "future" and _preparing(anchor):
        # "the army prepared to resume shelling": readiness shown in deeds (MOBILIZE), not words
        return "MOBILIZE", "troops", "152", "asserted"
    if etype in FORCEFUL | {"PROTEST"} and (reported(anchor) or modal(anchor) in ("will", "would", "shall")
                                            or _announced_plan(anchor)
                                            or (etype in ("SANCTION", "COERCE") and _planned(anchor))):
        fake = Candidate(anchor, anchor, Entry("", "V", etype, mode, cameo), "verb")
        return "THREATEN", threat_mode(fake), threat_cameo(fake), "asserted"
    return etype, mode, cameo, status


#: Heads of stated readiness: "is ready/prepared to strike" is a warning, while "plans
#: to attack" stays a future ASSAULT unless a speech verb reports it.
_READINESS = frozenset({"ready", "prepared", "prepare"})


def _preparing(tok: Any) -> bool:
    """Force the actor is getting ready for, as an act ("prepared to attack", "is
    preparing to storm"), not stated readiness ("is prepared to strike") or a report."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() == "prepare":
            stated = cur.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in cur.children)
            return cur.pos_ == "VERB" and not stated and not reported(cur) and modal(cur) is None
    return False


def _decided(tok: Any) -> bool:
    """"decided to allow": the decision is the (verbal) concession, not a promise of one."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "decide"


def _announced_plan(tok: Any) -> bool:
    """Force the actor declares itself ready for, or announces it plans ("said it plans to
    impose", "announced it is prepared to impose martial law")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _READINESS or cur.lower_ in _READINESS or reported(cur):
            return True
    return False


#: Verbs of a stated plan: a planned sanction or restriction is made known to press the
#: target, a threat (CAMEO 131), while a planned attack stays a future attack.
_PLANNING = frozenset({"plan", "intend"})


def _planned(tok: Any) -> bool:
    """"plans to impose sanctions", "intends to expel the envoys"."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _PLANNING


def reported(tok: Any) -> bool:
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj":
            cur = cur.head
        elif cur.dep_ == "ccomp":
            return cur.head.lemma_.lower() in SPEECH_VERBS
        else:
            return False
    return False
