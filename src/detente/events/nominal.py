"""Event nouns that report a happening on their own: "the attack on the convoy killed
five", "after the explosion", "Russia's annexation of Crimea", "protests in the capital".

The coder finds noun triggers of the lexicon; without a support verb ("held talks") or an
occurrence verb ("clashes erupted") it kept them only as the content of a governor. Here a
noun of a *happening* type (force, protest, arrest, meeting) is an event of its own when the
text refers to one particular happening: a definite, possessive or counted noun, or one
whose phrase names a party, target, place or date. It is not one when it is generic
("attacks on civilians are a war crime"), a modifier of another noun ("an attack
helicopter", "protest leaders"), or what is feared, planned or prevented ("fears of an
attack", "plotted a bombing", "to prevent attacks"): those are no report that it happened.
"""

from __future__ import annotations

from typing import Any

from .lexicon import Entry

#: Types whose nouns name a happening that a reader counts as an event when particular.
HAPPENING = frozenset({"ASSAULT", "PROTEST", "COERCE", "CONSULT"})
#: Prepositions that place an act inside a happening ("killed in the blast").
_SCENE_PREPS = frozenset({"in", "during", "by"})
#: Legal steps told as happenings ("the trial of X opened", "his indictment"): ACCUSE rows
#: of these nouns only (a "criticism" or "concern" standing alone is no act).
LEGAL = frozenset({"trial", "indictment", "prosecution"})
#: Judging or reacting to an act does not make it content: "condemned the attack" is an
#: ACCUSE *and* the attack; "protested the killing" a PROTEST and the killing.
REACTING = frozenset({"ACCUSE", "SUPPORT", "REJECT", "CONSULT", "PROTEST", "AID", "CONCEDE"})
#: Heads (verbs or nouns) under which an act is only feared, wished, planned or averted.
UNREALISED_HEADS = frozenset(
    {"fear", "threat", "risk", "danger", "possibility", "prospect", "plan", "plot", "bid", "scheme", "warning",
     "prevent", "stop", "avert", "avoid", "foil", "thwart", "deter", "prepare", "plan", "intend", "threaten",
     "warn", "vow", "pledge", "promise", "want", "seek", "urge", "call", "demand", "ban", "outlaw", "risk",
     "rule", "need", "order", "capability", "capacity", "ability", "appeal", "wish", "hope",
     "expect", "anticipate", "predict", "forecast", "rumour", "rumor", "allegation", "alert", "readiness",
     "preparation", "tactic", "strategy", "method", "training", "train", "manual", "instruction", "recipe",
     # a pause or halt tells that the act is not going on
     "pause", "lull", "halt", "respite", "break"}
)
#: Nouns whose trigger modifier names the act ("an assassination attempt", "a rescue
#: operation", "the bombing incident").
ACT_HEADS = frozenset({"attempt", "operation", "incident", "mission"})
#: Determiners and quantifiers of a particular happening.
_PARTICULAR_DETS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
#: Nouns that take an act as known background ("victims of", "in the wake of").
BACKGROUND_HEADS = frozenset(
    {"victim", "perpetrator", "anniversary", "aftermath", "wake", "role", "site", "scene", "memory", "survivor",
     "mastermind", "suspect", "culprit", "planner", "accomplice", "toll", "impact", "effect", "consequence",
     "compensation", "relief", "memorial", "commemoration", "footage", "image", "photo", "video", "report",
     "account", "detail", "news", "story", "witness", "eyewitness", "involvement", "hand", "link", "connection",
     "probe", "investigation", "inquiry", "case", "trial", "charge", "complicity", "accused", "family", "kin"}
)
#: Determiners of a noun that refers back to a happening already told.
_BACK_DETS = frozenset({"the", "this", "that", "these", "those"})
#: Generic quantifiers: "any attack", "no protest", "every arrest", "such attacks".
_GENERIC_DETS = frozenset({"any", "no", "every", "each", "such", "all", "some", "what", "whatever", "more"})
#: Prepositions whose object ties the noun to a party, target or place.
_ANCHORING_PREPS = frozenset({"on", "against", "by", "of", "between", "with", "in", "at", "near", "outside",
                              "inside", "during", "across", "into", "targeting", "involving"})
#: Present-tense verbs that report a happening under way ("clashes continue").
_ONGOING = frozenset({"continue", "rage", "spread", "escalate", "intensify", "resume", "persist", "grow"})
#: Modifiers that say the act is another than one already told ("another attack").
NEW_ONE = frozenset({"another", "second", "third", "fourth", "fifth", "new", "latest", "further", "next",
                     "separate", "other", "earlier", "previous", "subsequent", "later", "first"})


def reports_happening(noun: Any, entry: Entry) -> bool:
    """Whether a noun trigger standing alone reports a particular happening (see module)."""
    if (entry.type not in HAPPENING and entry.lemma not in LEGAL) or entry.marker or "stop" in entry.flags or "joint" in entry.flags:
        return False
    if noun.dep_ in ("compound", "nmod", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
        return False  # "an attack helicopter", "protest leaders", "arrest warrant"
    if entry.lemma not in (noun.lemma_.lower(), noun.lower_) and noun.lemma_.lower() not in ACT_HEADS:
        return False  # the trigger is only a modifier of this noun: "the protest leaders"
    if generic(noun) or _unrealised(noun):
        return False
    if entry.weak and not _anchored(noun):
        return False  # "fighting", "a demonstration of": only with its parties or place
    if entry.type == "CONSULT" and not _partners(noun):
        return False  # "at the meeting", "the visit", "a meeting of the party": told by who met whom
    if "sym" in entry.flags and not _with_parties(noun):
        return False  # "a clash between two groups": told by who took part
    if entry.type == "PROTEST" and not (_with_parties(noun) or _dated(noun)):
        return False  # "hit by the riots", "support to the bandh": a protest told by who or when
    if _named_episode(noun):
        return False  # "the 2002 riots", "Gujarat riots": a past episode named as background
    return _particular(noun)


def _partners(noun: Any) -> bool:
    """A meeting noun naming who met: "talks between Kerry and Lavrov", "Modi's meeting
    with Sharif", "the Putin-Xi summit"."""
    named_owner = any(c.dep_ in ("poss", "compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_)
                      for c in noun.children)
    partner = any(c.dep_ == "prep" and c.lower_ in ("between", "with") and any(
        g.dep_ == "pobj" and (_proper(g) or any(_proper(x) for x in g.conjuncts)) for g in c.children)
        for c in noun.children)
    return partner or (named_owner and any(c.dep_ == "prep" and c.lower_ in ("between", "with", "to") for c in noun.children)) \
        or sum(1 for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_)) >= 2


def _proper(tok: Any) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or any(
        c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "NORP", "ORG")) for c in tok.children)


def _dated(noun: Any) -> bool:
    """The noun's phrase says when: "Friday's protest", "protests on Monday"."""
    return any(c.ent_type_ in ("DATE", "TIME") or any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
               for c in noun.children if c.dep_ in ("poss", "compound", "npadvmod", "prep", "amod"))


def _with_parties(noun: Any) -> bool:
    """A meeting noun whose phrase names who met: possessive, a name or demonym as
    modifier, or a between / with / of / by phrase."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_)):
            return True
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "of", "by"):
            # a named party, not "two groups"
            if any(_named(g) or any(_named(x) for x in g.conjuncts) for g in c.children if g.dep_ == "pobj"):
                return True
    return False


def names_parties(prep: Any) -> bool:
    """A between / with phrase that names its parties ("between the army and the
    rebels", "between Hamas and Fatah"), not "between two groups"."""
    return any(_named(g) or any(_named(x) for x in g.conjuncts) for g in prep.children if g.dep_ == "pobj")


def _named(tok: Any) -> bool:
    """A name, or a definite party known from the story ("the two foreign ministers")."""
    if any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children):
        return True
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or any(
        c.dep_ in ("compound", "amod", "poss") and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "NORP", "ORG"))
        for c in tok.children)


def _named_episode(noun: Any) -> bool:
    """A year as modifier ("the 1984 riots"), or a bare plural named by a place or people
    with no phrase of its own ("Gujarat riots", "the Mumbai attacks" is kept: determiner)."""
    if any(c.dep_ in ("nummod", "compound", "amod", "nmod") and c.like_num and len(c.text) == 4 for c in noun.children):
        return True
    bare = not any(c.dep_ in ("det", "poss", "nummod", "prep", "acl", "relcl") for c in noun.children)
    return noun.tag_ in ("NNS", "NNPS") and bare


def outlives(noun_cand: Any, governor_cand: Any) -> bool:
    """A reported happening under a reaction to it stays an event of its own, and so does
    one named in a phrase of an act of its own type ("killed in an attack on the convoy":
    a mention of the same happening, merged by events/coref.py)."""
    if noun_cand.kind != "noun" or not noun_cand.licensed or noun_cand.entry.type not in HAPPENING:
        return False
    if governor_cand.entry.type in REACTING:
        return True
    noun = noun_cand.token
    # a noun licensed only by the harm it did ("killed in Israeli shelling") stays the
    # verb's content, which reads its doer from it; the coder lists it as a mention
    return (governor_cand.entry.type == noun_cand.entry.type and noun.dep_ == "pobj"
            and noun.head.lower_ in _SCENE_PREPS and noun.head.head.i == governor_cand.anchor.i
            and reports_happening(noun, noun_cand.entry))


def refers_back(noun: Any, entry: Entry) -> bool:
    """A definite noun with nothing of its own ("the attack", "the bandh", "this
    meeting"): a reference to a happening told before, an event only when the article
    told it (events/coref.py drops one that joins no earlier mention)."""
    if noun.pos_ not in ("NOUN", "PROPN") or entry.mode == "arrest":
        return False  # arrests are reported as made by the coder's own rule ("after the arrests")
    if _presupposed(noun):
        return True
    dets = [c for c in noun.children if c.dep_ == "det"]
    if not dets or any(d.lower_ not in _BACK_DETS for d in dets):
        return False
    return not _anchored(noun) and not any(
        c.dep_ in ("poss", "nummod", "compound", "amod", "nmod", "appos") for c in noun.children)


def _presupposed(noun: Any) -> bool:
    """An act named as the background of another noun ("the victims of the attack", "the
    anniversary of the bombing", "in the wake of the riots", "the role of X in the
    clashes"): the sentence is about something else and takes the act as known."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in ("of", "in", "behind", "for", "to"):
        return False
    owner = head.head
    return owner.pos_ == "NOUN" and owner.lemma_.lower() in BACKGROUND_HEADS


def _particular(noun: Any) -> bool:
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss", "nummod", "predet", "amod")}
    if dets & _GENERIC_DETS:  # also "the first such attack": a kind
        return False
    if dets or any(c.dep_ in ("poss", "nummod") for c in noun.children):
        return True
    if _anchored(noun) or any(c.dep_ in ("compound", "amod") for c in noun.children):
        return True
    # an indefinite singular ("a bombing killed two") reports one; a bare plural or mass
    # noun with nothing to tie it down ("attacks are rising") is a generic statement
    return any(c.dep_ == "det" for c in noun.children)


def _anchored(noun: Any) -> bool:
    """The noun's own phrase names a party, target, place or time ("attack on X", "the
    Taliban attack", "protests in Cairo", "Monday's bombing")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _ANCHORING_PREPS:
            return True
        if c.dep_ in ("poss", "compound", "nmod") and (c.pos_ == "PROPN" or c.ent_type_):
            return True
        if c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE"):
            return True
        if c.dep_ in ("acl", "relcl"):
            return True  # "the attack that killed five", "the bombing claimed by ISIS"
    return False


def generic(noun: Any) -> bool:
    """A statement about a kind, not one event: "such attacks", "any protest", a noun
    predicated of a kind ("this is an attack on democracy" is rhetoric, kept out), a
    bare plural subject of a present-tense copula ("attacks are common")."""
    if noun.dep_ in ("attr", "acomp") and noun.head.lemma_ == "be":
        return not (_existential(noun) or _names_its_subject(noun))
    if noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
        head = noun.head
        # "attacks on civilians are a war crime", "protests rarely change policy"; not
        # "attacks continue" (an occurrence) nor a past report
        if noun.dep_ in ("nsubj", "nsubjpass") and head.tag_ in ("VBZ", "VBP") and head.lemma_ not in _ONGOING:
            return True
    return False


def _naming(tok: Any, head: Any) -> bool:
    """"called the explosion an attack": naming what happened, not calling for it."""
    return tok.dep_ == "dobj" and head.lemma_.lower() == "call" and any(c.dep_ == "oprd" for c in head.children)


def _existential(noun: Any) -> bool:
    """"There was an explosion near the station": a report that it happened."""
    return noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)


def _names_its_subject(noun: Any) -> bool:
    """A predicate noun that says what a told happening was: "the Rolando bombing was an
    attack on 13 September", "the blast was the deadliest attack in years" (a subject
    that is itself an event noun, or a date of its own), unlike "this is an attack on
    democracy", a judgement."""
    subj = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return False
    if subj.lemma_.lower() in _HAPPENING_NOUNS or any(
            c.dep_ == "compound" and c.lemma_.lower() in _HAPPENING_NOUNS for c in subj.children):
        return True
    return _dated(noun)


#: Nouns of a violent happening that a predicate noun may describe.
_HAPPENING_NOUNS = frozenset({"attack", "bombing", "explosion", "blast", "shooting", "raid", "strike", "airstrike",
                              "massacre", "ambush", "assault", "killing", "assassination", "clash", "riot",
                              "protest", "demonstration", "incident", "arrest"})


def _unrealised(noun: Any) -> bool:
    """Feared, planned, wished or averted: a head of ``UNREALISED_HEADS`` over the noun
    (through "of"/"for"/"against"/"to" phrases and conjunctions), or an infinitive that
    governs it ("to carry out attacks" is a plan unless a support verb asserts it)."""
    tok = noun
    for _ in range(4):
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        head = tok.head
        if head is tok:
            return False
        if (head.lemma_.lower() in UNREALISED_HEADS or head.lower_ in UNREALISED_HEADS) and not _naming(tok, head):
            return True
        if tok.dep_ == "pobj" and head.dep_ == "prep":
            tok = head.head  # "fears of an attack", "a pause in the bombing"
            if tok.lemma_.lower() in UNREALISED_HEADS:
                return True
            if head.lower_ not in ("of", "for", "against", "to"):
                return False
            continue
        if tok.dep_ in ("dobj", "nsubjpass") and any(a.dep_ == "aux" and a.lower_ == "to" for a in head.children):
            return True  # "to launch attacks", "to stage protests": a purpose, not a report
        return False
    return False
