"""How a trigger's type, mode and CAMEO code follow from what it governs and from its
status: PLOVER's reductions (future cooperation -> AGREE; a future or promised retreat or
concession stays a CONCEDE with CAMEO 035x "intent to yield"; force the actor warns of,
announces or wishes on a named target -> THREATEN, while force it commits itself to or
plans keeps its type, in the future; not agreeing -> REJECT) and the content digit of
requests, demands and rejections."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ..tables import read_table, read_word_lists_as
from .lexicon import Entry
from .patterns import subject
from .status import modal, planned, status_words
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
    """Type, mode and CAMEO code of a trigger, given the triggers in its complement, the
    doer of a destruction (protesters riot) and the weapon the clause names."""
    etype, mode, cameo = _by_content(cand, content)
    if etype in ("ASSAULT", "COERCE") and cand.kind in ("verb", "light", "noun"):
        return by_doer_and_weapon(cand, etype, mode, cameo)
    return etype, mode, cameo


def _by_content(cand: Candidate, content: list[Candidate]) -> tuple[str | None, str | None, str]:
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
    if itype == "ACCUSE" and inner.entry.mode == "investigate" and entry.lemma in reduction_words().sending and etype != "AID":
        # "sent a team to investigate"; a team sent to help with an investigation is aid
        return "ACCUSE", "investigate", inner.entry.cameo
    if cand.kind == "intent" and entry.lemma in reduction_words().wishing and someone_else_acts(cand.anchor, inner.anchor):
        # "Kenya wants Uganda to withdraw": a wish for another's act is an appeal (CAMEO 02x)
        digit = _CONTENT_DIGIT["020"].get(itype)
        return "REQUEST", _ASK_MODE.get(itype, "change"), "02" + digit if digit else "020"
    if cand.kind == "intent" or etype == "AGREE":
        return _intended(cand, inner)
    if etype in ("REQUEST", "REJECT"):
        base = "120" if etype == "REJECT" else ("100" if cameo.startswith("10") else "020")
        digit = _CONTENT_DIGIT[base].get(itype)
        return etype, _ASK_MODE.get(itype, "change"), (base[:2] + digit if digit else cameo)
    if etype == "THREATEN":
        return etype, threat_mode(inner), threat_cameo(inner)
    return etype, mode, cameo


YIELDING = frozenset({"RETREAT", "CONCEDE"})


@dataclass(frozen=True, slots=True)
class ReductionWords:
    """This module's word lists (``data/events/words/reductions.tsv``), read once by :func:`reduction_words`."""

    #: Governors that warn the target: the force they govern is a threat (CAMEO 13).
    warning: frozenset[str]
    #: Governors of a commitment or a wish: the act they govern keeps its own type, in the future ("pledged
    #: to expel", "agreed to deport", "wants to investigate"). A commitment is usually made to a third
    #: party; it is not a warning to the target.
    committing: frozenset[str]
    #: Nouns of a commitment under a support verb ("made a pledge to withdraw").
    commitment_nouns: frozenset[str]
    #: Wishes, not commitments: a wished sanction or restriction is a threat (as "plans to impose
    #: sanctions"), and so is wished force against a named target ("wants to attack Y", CAMEO 138); a plan
    #: or preparation to attack stays a future attack.
    desire: frozenset[str]
    #: Verbs of a wish that the lexicon reads as plans (-plan): their force is a wish too.
    wished: frozenset[str]
    #: Forms of "hope" the small model lemmatises as "hop".
    hope_forms: frozenset[str]
    #: Plural nouns that name the parties of a dispute.
    sides: frozenset[str]
    #: Verbs of sending forces or aid.
    sending: frozenset[str]
    #: Intent verbs that can take another party as the doer ("wants Uganda to leave").
    wishing: frozenset[str]
    #: Modals of obligation ("that it must withdraw", "Y should stop").
    obligation: frozenset[str]
    #: Words that put several parties in one noun phrase ("the two navies", "both armies").
    several: frozenset[str]
    #: Prepositions that name whom force is aimed at ("fight against", "fire on", "strike at").
    target_preps: frozenset[str]
    #: Heads of stated readiness: "is ready/prepared to strike" is a warning, while "plans to attack" stays
    #: a future ASSAULT unless a speech verb reports it.
    readiness: frozenset[str]
    #: Verbs of a stated plan: a planned sanction or restriction is made known to press the target, a threat
    #: (CAMEO 131), while a planned attack stays a future attack.
    planning: frozenset[str]
    #: Speech verbs of a commitment: what they report is promised, not threatened.
    promising_speech: frozenset[str]
    #: Verbs of destroying property (and storming it) that a crowd can do as a riot.
    destroying: frozenset[str]
    #: Doers that make such destruction a violent protest (CAMEO 145, PLOVER PROTEST riot).
    crowds: frozenset[str]
    #: Modifiers that make "tank" a container, not armour ("fuel tank", "think tank").
    not_armour: frozenset[str]
    #: Verbs whose object is the weapon, not the target ("fired rockets at", "lobbed mortars").
    firing: frozenset[str]
    #: "air" names a weapon only as a modifier ("air strike", "air raid"), not "fired in the air".
    air_heads: frozenset[str]
    #: Irregular fighters: a bombing they carry out is no air raid (CAMEO 183, not 195).
    irregular: frozenset[str]


@functools.cache
def reduction_words() -> ReductionWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(ReductionWords, "events/words/reductions.tsv")


#: CAMEO 08x concession or retreat -> 035x intent to yield (codebook: 0351 ease
#: administrative sanctions ... 0356 de-escalate military engagement).
_YIELD_INTENT = {"081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356"}


def intent_to_yield(cameo: str) -> str:
    """The CAMEO code of a promised or future concession (035x)."""
    if cameo.startswith("035"):
        return cameo
    return _YIELD_INTENT.get(cameo[:3], "035")


def _intended(cand: Candidate, inner: Candidate) -> tuple[str | None, str | None, str]:
    """What a promise, vow, wish or agreement to act is (PLOVER AGREE/CONCEDE notes):
    promised cooperation is AGREE; a promised retreat or concession is CONCEDE, unless
    the parties agree on it together ("X and Y agreed to reopen the border"); vowed force
    is a threat; any other act keeps its own type (its status is made future by
    :func:`apply_reductions`)."""
    itype = inner.type
    if itype in COOPERATIVE:
        return "AGREE", None, agree_cameo(itype, inner.entry.mode)
    if itype in YIELDING:
        return ("AGREE" if mutual(cand, inner) else "CONCEDE"), None, intent_to_yield(inner.entry.cameo)
    if itype in FORCEFUL | {"PROTEST"} and cand.entry.lemma in reduction_words().warning:
        return "THREATEN", threat_mode(inner), threat_cameo(inner)
    committing = cand.kind == "intent" or cand.entry.lemma in reduction_words().committing or cand.token.lemma_.lower() in reduction_words().commitment_nouns
    if not committing or not _direct(cand, inner) or itype in _GOVERNOR_TYPES:
        # "accepted", "invited": no commitment to act; "agreed to postpone the
        # demonstration": the noun is what another verb acts on; "agreed to the demands":
        # another party's words, not the promised act
        return cand.entry.type, cand.entry.mode, cand.entry.cameo
    return itype, inner.entry.mode, inner.entry.cameo


def _direct(cand: Candidate, inner: Candidate) -> bool:
    """The content is the promised act itself: a verb (or support verb) of the
    complement, or a noun the governor takes directly ("promised an investigation")."""
    if inner.kind != "noun":
        return True
    head = inner.token.head
    if head.dep_ == "prep":
        head = head.head
    return head.i in (cand.anchor.i, cand.token.i)


def agree_cameo(etype: str, mode: str | None) -> str:
    """CAMEO intent code of promised cooperation (03x); an offer to mediate is 039."""
    return "039" if etype == "CONSULT" and mode == "third-party" else AGREE_CAMEO.get(etype, "030")


def mutual(cand: Candidate, inner: Candidate) -> bool:
    """An agreement the parties reach together: a deal noun, or "agree" with coordinated
    subjects or a "with" partner ("agreed to a ceasefire with Y")."""
    if "sym" not in cand.entry.flags:
        return False
    if cand.kind in ("light", "noun"):
        return True
    subj = subject(cand.anchor)[0]
    if subj is not None and (_coordinated(subj) or (subj.tag_ == "NNS" and subj.lemma_.lower() in reduction_words().sides)):
        return True  # "X and Y agreed", "the two sides agreed", "the warring parties agreed"
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in (*cand.token.children, *inner.token.children))


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


def obliged(tok: Any) -> bool:
    """A clause of obligation: "that it must withdraw", "Y should stop"."""
    for _ in range(2):
        if any(c.dep_ == "aux" and c.lower_ in reduction_words().obligation for c in tok.children):
            return True
        if tok.dep_ != "conj":
            return False
        tok = tok.head
    return False


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
    if any(c.lower_ in reduction_words().several for c in head.children if c.dep_ in ("nummod", "det", "predet")):
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
    and force announced under a speech verb ("said it would strike") a THREATEN; an act
    the actor commits itself to ("pledged to expel") keeps its type, in the future."""
    if etype not in _GOVERNOR_TYPES and committed(anchor):
        if status == "negated":  # "did not agree to deport", "never promised to withdraw"
            return "REJECT", "yield" if etype in YIELDING else "change", "124" if etype in YIELDING else "120", "asserted"
        status = planned(status)
        if anchor.lemma_.lower() not in reduction_words().desire:
            return etype, mode, cameo, status
        if status == "future" and (etype in ("SANCTION", "COERCE") or (etype == "ASSAULT" and targeted(anchor))):
            # a wished sanction is made known to press the target, as a planned one; a
            # stated wish to strike a named target is a coercive signal (PLOVER THREATEN)
            return _threat(etype, mode, cameo, anchor)
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
        return "AGREE", None, agree_cameo(etype, mode), status
    if status == "future" and (etype == "RETREAT" or (etype == "CONCEDE" and not _decided(anchor))):
        # PLOVER: future concessions stay CONCEDE and announced retreats are CONCEDE; the
        # CAMEO code is the codebook's intent to yield (035x)
        return "CONCEDE", None, intent_to_yield(cameo), status
    if etype == "ASSAULT" and status == "future" and _wished(anchor) and targeted(anchor.head):
        return _threat(etype, mode, cameo, anchor)  # "Israel hopes to strike Iran"
    if etype in ("ASSAULT", "MOBILIZE") and status == "future" and _preparing(anchor):
        # "the army prepared to resume shelling": readiness shown in deeds (MOBILIZE), not words
        return "MOBILIZE", "troops", "152", "asserted"
    if etype in FORCEFUL | {"PROTEST"} and _promised(anchor):
        return etype, mode, cameo, status  # "assured Y that it would arrest them": a commitment
    if etype in FORCEFUL | {"PROTEST"} and (reported(anchor) or modal(anchor) in ("will", "would", "shall")
                                            or _announced_plan(anchor)
                                            or (etype in ("SANCTION", "COERCE") and _planned(anchor))):
        return _threat(etype, mode, cameo, anchor)
    return etype, mode, cameo, status


def _threat(etype: str, mode: str | None, cameo: str, anchor: Any) -> tuple[str, str | None, str, str]:
    """The THREATEN (asserted: the warning is made now) that announces ``etype``."""
    fake = Candidate(anchor, anchor, Entry("", "V", etype, mode, cameo), "verb")
    return "THREATEN", threat_mode(fake), threat_cameo(fake), "asserted"


def _wished(tok: Any) -> bool:
    """An infinitive under a verb of wishing ("hopes to strike", "wished to invade")."""
    head = tok.head
    return tok.dep_ == "xcomp" and head.i != tok.i and (head.lemma_.lower() in reduction_words().wished or head.lower_ in reduction_words().hope_forms)


def targeted(head: Any) -> bool:
    """The force under ``head`` (a wishing verb) is aimed at someone or something named:
    the object of the wished verb or a target preposition ("wants to attack the rebels",
    "wants to strike at Y"); "wants to fight" names no target."""
    verbs = [c for c in head.children if _complement(c) and c.pos_ in ("VERB", "AUX")]
    verbs += [g for v in verbs for g in v.children if g.dep_ == "conj" and g.pos_ == "VERB"]
    return any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in reduction_words().target_preps
                                                and any(g.dep_ == "pobj" for g in c.children))
               for v in verbs for c in v.children)


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


#: Types a governor keeps as its own act: the content did not replace them.
_GOVERNOR_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})


def committed(anchor: Any) -> bool:
    """The anchor is a promise, agreement or wish whose complement is the act ("pledged
    to expel", "agreed that troops would leave", "made a pledge to withdraw")."""
    lemma = anchor.lemma_.lower()
    if lemma == "commit" and any(c.dep_ == "dobj" and c.tag_ != "PRP" for c in anchor.children):
        return False  # "committed atrocities to terrorize them" is no commitment
    if lemma in reduction_words().committing:
        return any(_complement(c) for c in anchor.children)
    # the noun's own complement says what is promised ("a pledge to withdraw"), not a
    # deal that is only signed ("signed the deal with Peru")
    return any(c.dep_ == "dobj" and c.lemma_.lower() in reduction_words().commitment_nouns and any(_complement(g) for g in c.children)
               for c in anchor.children)


def _complement(tok: Any) -> bool:
    """A clause or infinitive complement; "committed to arrest" may be parsed as a
    purpose clause or with "to" as a preposition."""
    if tok.dep_ in ("xcomp", "ccomp"):
        return True
    if tok.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True
    return tok.dep_ == "prep" and tok.lower_ == "to" and any(g.dep_ in ("pobj", "pcomp") for g in tok.children)


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
        if cur.lemma_.lower() in reduction_words().readiness or cur.lower_ in reduction_words().readiness or reported(cur):
            return True
    return False


def _planned(tok: Any) -> bool:
    """"plans to impose sanctions", "intends to expel the envoys"."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in reduction_words().planning


def _promised(tok: Any) -> bool:
    """A clause reported by a verb of commitment ("assured Y that it would arrest")."""
    return _reporting_lemma(tok) in reduction_words().promising_speech


def reported(tok: Any) -> bool:
    """A clause reported by a speech verb ("said it would strike")."""
    return _reporting_lemma(tok) in status_words().speech_verbs


def _reporting_lemma(tok: Any) -> str | None:
    """The lemma of the verb whose clausal complement holds ``tok`` (through up to two
    coordinations), or None."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj":
            cur = cur.head
        elif cur.dep_ == "ccomp":
            return cur.head.lemma_.lower()
        else:
            return None
    return None


# -- who destroys, and with what ------------------------------------------------------
@functools.cache
def weapon_classes() -> tuple[tuple[frozenset[str], str, str], ...]:
    """Weapon classes, strongest first: (words, PLOVER mode, CAMEO code), read once from
    ``data/events/words/weapons.tsv`` (the file's order of classes is the order tried)."""
    classes: dict[tuple[str, str], set[str]] = {}
    for row in read_table("events/words/weapons.tsv", ("word", "mode", "cameo")):
        classes.setdefault((row["mode"], row["cameo"]), set()).add(row["word"])
    return tuple((frozenset(words), mode, cameo) for (mode, cameo), words in classes.items())


#: ASSAULT modes a weapon must not overwrite (the act, not the means, is the code).
_KEPT_MODES = frozenset({"abduct", "beat", "torture", "sexual", "targeted", "suicide-attack", "crowd-control",
                         "unconventional", "primitive"})
_KEPT_CODES = frozenset({"192", "196", "200", "201", "202", "203", "204", "186", "185", "181"})


def by_doer_and_weapon(cand: Candidate, etype: str, mode: str | None, cameo: str) -> tuple[str, str | None, str]:
    """Protesters who torch, ransack or storm property riot (CAMEO 145); otherwise the
    weapon the clause names picks the ASSAULT mode and CAMEO 18x/19x ("blown up by a
    missile" 194, "air strikes destroyed" 195, "bombed by militants" 183)."""
    lemma = cand.entry.lemma
    destroying = lemma in reduction_words().destroying and (etype == "ASSAULT" or cameo.startswith("171"))
    if destroying and cand.kind == "verb" and _crowd(cand.token):
        return "PROTEST", "riot", "145"
    if etype == "COERCE" and not destroying:
        return etype, mode, cameo
    if etype == "ASSAULT" and (mode in _KEPT_MODES or cameo in _KEPT_CODES):
        return etype, mode, cameo
    found = weapon(cand)
    if found is not None:
        return "ASSAULT", found[0], found[1]
    if lemma == "bomb" and cand.kind == "verb" and _doer_in(cand.token, reduction_words().irregular):
        return "ASSAULT", "explosives", "183"
    return etype, mode, cameo


def weapon(cand: Candidate) -> tuple[str, str] | None:
    """(mode, CAMEO) of the weapon named by the trigger's doer, its by/with/in phrase or a
    modifier of a noun trigger ("drone strike"); never by its object (the target)."""
    words: set[str] = set()
    for tok in {cand.token.i: cand.token, cand.anchor.i: cand.anchor}.values():
        if tok.pos_ in ("NOUN", "PROPN"):
            words |= {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
            if "air" in words and tok.lemma_.lower() in reduction_words().air_heads:
                words.add("airstrike")
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "dobj" and tok.lemma_.lower() in reduction_words().firing):
                words |= _phrase_words(c)
            elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with", "in", "using"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        words |= _phrase_words(g)
    for names, mode, code in weapon_classes():
        if words & names:
            return mode, code
    return None


def _phrase_words(noun: Any) -> set[str]:
    """Lemmas of a noun phrase's head, modifiers and conjuncts ("rocket fire", "tanks and
    artillery"); "air" only as a modifier of a strike word."""
    out: set[str] = set()
    for tok in [noun, *(c for c in noun.children if c.dep_ == "conj")]:
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        head = tok.lemma_.lower()
        if head == "tank" and mods & reduction_words().not_armour:
            continue  # "a fuel tank exploded", "a think tank"
        out |= mods | {head}
        if "air" in mods and head in reduction_words().air_heads:
            out.add("airstrike")
    return out


def _crowd(verb: Any) -> bool:
    return _doer_in(verb, reduction_words().crowds)


def _doer_in(verb: Any, nouns: frozenset[str]) -> bool:
    """The doer of ``verb`` (its subject, or the by-agent of a passive) is one of ``nouns``."""
    subj, passive = subject(verb)
    doers = [subj] if subj is not None and not passive else []
    if passive or subj is None:
        doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for doer in doers:
        heads = [doer, *(c for c in doer.children if c.dep_ == "conj")]
        if any(h.lemma_.lower() in nouns or h.lower_ in nouns for h in heads):
            return True
    return False
