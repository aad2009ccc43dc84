"""Finding event candidates in a sentence: verbs, light verbs ("carried out a raid"),
claims of responsibility, event nouns and the obligations of reported speech. The
:class:`~detente.events.coder.EventCoder` decides which candidates are events."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from ..nlp import head_of
from ..tables import read_word_lists_as
from . import nominal, ontology
from .lexicon import Entry, Lexicon
from .patterns import (
    child,
    pattern_words,
    subject,
)
from .status import status_words
from .triggers import (
    Candidate,
    measured,
    object_of,
    particles_of,
    trigger_words,
    verb_matches,
)


@dataclass(frozen=True, slots=True)
class CoderWords:
    """This module's word lists (``data/events/words/coder.tsv``), read once by :func:`coder_words`."""

    #: Verbs that report a noun event as planned ("talks between X and Y are scheduled for Friday"): the
    #: event is reported, in the future (the status reads the planning verb).
    planned: frozenset[str]
    #: "claimed / took / admitted responsibility for": the claimant did the act.
    claiming: frozenset[str]
    #: Nouns of what the claimant claims or takes ("responsibility", "credit").
    claimed: frozenset[str]
    #: Verbs that report another's act as an accusation ("claimed that Y attacked"), unlike neutral
    #: reporting ("said", "reported"); "allege" is an ACCUSE of its own in the lexicon.
    alleging: frozenset[str]
    #: "X said Y must ..." is a demand of the speaker on Y (CAMEO 10).
    obligation: frozenset[str]
    #: "declined to comment": a refusal to speak is not a political rejection.
    speech_only: frozenset[str]
    #: Nouns of the police as a body or its members ("the police lathi-charged").
    police_nouns: frozenset[str]
    #: Words of people hurt or killed, whose "in"/"due to" phrase names what hurt them.
    harm: frozenset[str]
    #: Determiners of an act already known ("the firing").
    definite: frozenset[str]
    #: Prepositions that place an event in time beside another, not inside its content.
    when_preps: frozenset[str]
    #: Nouns whose "of"/"for" phrase names an act feared, wished or ordered, not one made ("the threat of
    #: arrest", "a warrant for the arrest of X", "orders for the arrest").
    unrealised: frozenset[str]
    #: Verbs whose object arrest is made ("police made 30 arrests", "effected the arrest").
    making: frozenset[str]


@functools.cache
def coder_words() -> CoderWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(CoderWords, "events/words/coder.tsv")


_MUST = Entry("must", "V", "REQUEST", None, "100")


def _prep_acts(head: Any, prep: str) -> list[Any]:
    """Nouns and gerunds of ``head``'s ``prep`` phrases ("for [the attack]", "for [killing] Y")."""
    return [a for c in head.children if c.dep_ == "prep" and c.lower_ == prep for a in c.children
            if a.dep_ == "pobj" or (a.dep_ == "pcomp" and a.tag_ == "VBG")]


def _planned(noun: Any) -> bool:
    """A noun event reported as planned: "a meeting between X and Y is scheduled for
    Friday". Not a noun whose planning verb says more ("is expected to focus on"), nor a
    plan with its planner ("an attack was planned by militants": that is the planners' act)."""
    head = noun.head
    return (noun.dep_ == "nsubjpass" and head.lemma_.lower() in coder_words().planned
            and not any(c.dep_ in ("xcomp", "ccomp", "agent") for c in head.children))


def _reported_arrest(noun: Any, entry: Entry) -> bool:
    """A noun arrest reported as made: a particular one ("the arrest of X", "X's arrest",
    "after the arrests", "made 30 arrests"), not the object of a demand ("sought the
    arrest of X" is the demand's content) nor an arrest feared or ordered."""
    if entry.mode != "arrest" or entry.weak or noun.lemma_.lower() != "arrest":
        return False
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "xcomp", "conj"):
        return noun.dep_ == "dobj" and head.lemma_.lower() in coder_words().making
    unrealised = coder_words().unrealised
    if noun.dep_ == "pobj" and (head.head.lemma_.lower() in unrealised or head.lower_ in ("including", "like")):
        return False  # "whatever the government does, including arrests": an example, not a report
    return noun.tag_ == "NNS" or any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children)


_NOBODY = frozenset({"nobody", "none", "noone"})


def _denied_harm(harm: Any) -> bool:
    """"no one was hurt", "nobody died", "there were no injuries", "did not die"."""
    if any(c.dep_ == "neg" for c in harm.children):
        return True
    for c in harm.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _NOBODY or any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in harm.children)


def _measure_of(noun: Any) -> Any:
    """The quantity noun that measures ``noun`` ("a wave of [shooting]", "a series of
    [attacks]"), else ``noun``."""
    quantities = trigger_words().quantity_nouns
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in quantities:
        noun = noun.head.head
    return noun


class CandidateFinder:
    """The candidates of one sentence, read with the stage's lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def find(self, sent: Any) -> list[Candidate]:
        """Every candidate trigger of ``sent``, in the order the coder weighs them."""
        out: list[Candidate] = []
        lights: set[int] = set()
        claimed: set[int] = set()  # acts someone claims ("claimed responsibility for killing ...")
        toks = list(sent)  # one Token per word for the three passes below
        for tok in toks:
            if tok.i in claimed:
                continue
            if tok.dep_ == "amod":
                # participles used as adjectives ("the detained sailors") are background,
                # except arrests, which police named in the sentence made (see _event)
                cand = self._verb_candidate(tok) if tok.tag_ == "VBN" else None
                if cand is not None and cand.entry.mode == "arrest":
                    out.append(cand)
                continue
            if tok.lemma_ == "be" and (cand := self._claim_candidate(tok)) is not None:
                out.append(cand)  # "X was behind the attack"
                claimed.add(cand.token.i)
                lights.add(cand.token.i)
            elif tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ == "have"):
                cand = self._claim_candidate(tok) or self._verb_candidate(tok)
                if cand is not None and cand.kind == "claim":
                    claimed.add(cand.token.i)
                    lights.add(cand.token.i)
                if cand is not None:
                    out.append(cand)
                    if cand.kind == "light":
                        lights.add(cand.token.i)
        for tok in toks:
            if tok.tag_ == "MD" and tok.lower_ in coder_words().obligation and tok.head.dep_ == "ccomp":
                speech = tok.head.head
                if speech.lemma_.lower() in status_words().speech_verbs:
                    out.append(Candidate(tok.head, speech, _MUST, "must"))
        # Most nouns name no event: one with no trigger in its own lemma or form, nor a
        # trigger compound among its children ("a mediation effort"), is passed over
        # without reading its children.
        is_trigger = self.lexicon.is_noun_trigger
        triggers = [t.i for t in toks if is_trigger(t.lemma_.lower())]
        heads = head_of(sent.doc)
        for tok in toks:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in lights:
                if (tok.i not in triggers and not is_trigger(tok.lower_)
                        and not any(heads[i] == tok.i for i in triggers)):
                    continue
                cand = self._noun_candidate(tok)
                if cand is not None:
                    out.append(cand)
        return out

    def _verb_candidate(self, verb: Any) -> Candidate | None:
        lemma = verb.lemma_.lower()
        if not self.lexicon.may_code_verb(lemma):
            return None
        particles = particles_of(verb)
        obj = object_of(verb)
        rows = self.lexicon.rows(lemma, "V")
        if any("stop" in e.flags and verb_matches(verb, e, particles, obj) for e in rows):
            return None  # a sense that is no event ("met its targets", "pulled out bodies")
        light = self._light_candidate(verb, lemma, particles, obj)
        if light is not None:
            return light
        for entry in rows:
            if "stop" not in entry.flags and verb_matches(verb, entry, particles, obj):
                return Candidate(verb, verb, entry, "verb")
        if self.lexicon.has_role(lemma, "-intent"):
            entry = Entry(lemma, "V", "AGREE", None, "030", flags=frozenset({"weak"}))
            return Candidate(verb, verb, entry, "intent")
        return None

    def _claim_candidate(self, verb: Any) -> Candidate | None:
        """Who is named as the author of an act is its actor: "X claimed responsibility
        for the attack / for killing Y", "X claimed the bombing", "X was behind the attack",
        "X was responsible for the killing". A claim of one's own act, or an attribution,
        not a report of another's; "denied responsibility" names nobody."""
        if child(verb, "neg") is not None:
            return None  # "did not claim responsibility": nobody is named as the attacker
        lemma, obj = verb.lemma_.lower(), child(verb, "dobj")
        acts: list[Any] = []
        if lemma in coder_words().claiming and obj is not None and obj.lemma_.lower() in coder_words().claimed:
            acts = [a for h in (obj, verb) for a in _prep_acts(h, "for")]
        elif lemma == "claim" and obj is not None:
            acts = [obj]  # "the group claimed the attack"
        elif lemma == "be":
            acts = _prep_acts(verb, "behind") + [a for c in verb.children if c.dep_ == "acomp"
                                                  and c.lemma_.lower() == "responsible" for a in _prep_acts(c, "for")]
        for act in acts:
            if act.pos_ in ("NOUN", "PROPN"):
                entry = self._noun_entry(measured(act), governor=None)
            else:
                inner = self._verb_candidate(act)
                entry = inner.entry if inner is not None and inner.kind == "verb" else None
            if entry is not None and entry.type in ontology.type_group("claimable"):
                return Candidate(act, verb, entry, "claim")
        return None

    def _light_candidate(self, verb: Any, lemma: str, particles: set[str], obj: Any | None) -> Candidate | None:
        """A support verb whose noun gives the event: its object ("held talks"), with no
        object the noun of an in/on/into phrase ("engaged in talks", "went on strike"),
        and the noun of a preposition the lexicon names for the verb ("engage+in":
        "engaged the rebels in a firefight"; "arrive+for": "arrived for talks"). Other
        prepositions beside an object are not read: "issued a statement on the attack"."""
        if not (self.lexicon.has_role(lemma, "-light")
                or any(self.lexicon.has_role(f"{lemma}+{p}", "-light") for p in particles)
                or (lemma == "take" and obj is not None and obj.lower_ == "part")):
            return None
        nouns = [obj] if obj is not None else []
        if obj is not None and lemma == "take" and obj.lower_ == "part":
            obj = None  # "took part in the protests": as "participated in"
        for c in verb.children:
            # the verb's own prepositions ("engage+in", "arrive+for": "arrived for talks")
            # always; in/on/into when there is no object
            if c.dep_ != "prep":
                continue
            if self.lexicon.has_role(f"{lemma}+{c.lower_}", "-light"):
                # also a gerund: "resorted to firing"
                nouns.extend(g for g in c.children if g.dep_ == "pobj" or (g.dep_ == "pcomp" and g.tag_ == "VBG"))
            elif obj is None and c.lower_ in trigger_words().light_preps:
                nouns.extend(g for g in c.children if g.dep_ == "pobj")
        if not nouns and (verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)):
            subj, passive = subject(verb)
            if subj is not None and passive and subj.pos_ == "NOUN":
                # "the attack was carried out by X"; as a participle on its noun only an act
                # of force ("the raid, carried out by US forces"): "the request made by
                # the government" is background on the request
                entry = self._noun_entry(measured(subj), governor=verb)
                if any(c.dep_ == "auxpass" for c in verb.children) or (
                        entry is not None and entry.type == "ASSAULT" and verb.dep_ == "acl"):
                    nouns.append(subj)
        for noun in nouns:
            noun = measured(noun)
            entry = self._noun_entry(noun, governor=verb)
            if entry is not None:
                return Candidate(noun, verb, entry, "light")
        return None

    def _noun_entry(self, noun: Any, governor: Any | None) -> Entry | None:
        if not (self.lexicon.is_noun_trigger(noun.lemma_.lower()) or self.lexicon.is_noun_trigger(noun.lower_)):
            # "a mediation effort", "an aid convoy": the modifier names the event
            inner = next((c for c in noun.children if c.dep_ == "compound"
                          and self.lexicon.is_noun_trigger(c.lemma_.lower())), None)
            if inner is None:
                return None
            entry = self._noun_entry(inner, governor)
            return entry if entry is None or entry.type != "PROTEST" or entry.mode != "strike" else None
        mods = {c.lower_ for c in noun.children} | {c.lemma_.lower() for c in noun.children}
        gov_lemma = governor.lemma_.lower() if governor is not None else None
        rows = self.lexicon.rows(noun.lemma_.lower(), "N") or self.lexicon.rows(noun.lower_, "N")
        for entry in rows:
            if entry.objects and not (entry.objects & mods):
                continue
            if entry.marker and gov_lemma not in entry.marker:
                continue
            return None if "stop" in entry.flags else entry
        return None

    def _noun_candidate(self, noun: Any) -> Candidate | None:
        entry = self._noun_entry(noun, None)
        if entry is None:
            # only allowed with a support verb: still useful as content ("offered an apology")
            rows = self.lexicon.rows(noun.lemma_.lower(), "N")
            return Candidate(noun, noun, rows[0], "noun", licensed=False) if rows else None
        if self.harm_instrument(noun, entry):
            # the harm says which sense: "the firing" that wounded people is gunfire
            return Candidate(noun, noun, dataclasses.replace(entry, flags=entry.flags - {"weak"}), "noun")
        outer = _measure_of(noun)  # "a wave of shooting broke out": the wave's clause
        head = outer.head
        standalone = (
            (outer.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in pattern_words().occurrence_verbs
             or _planned(noun))
            and not entry.weak
            and not entry.marker
        ) or _reported_arrest(noun, entry) or nominal.reports_happening(noun, entry)
        return Candidate(noun, noun, entry, "noun", licensed=standalone and not nominal.generic(noun))

    def harm_instrument(self, noun: Any, entry: Entry) -> bool:
        """An attack named as what hurt people ("sustained injuries in the firing", "deaths
        due to police firing", "one dead in a lathi-charge"): the harm asserts that it
        happened. Harm verbs of the lexicon ("killed in police firing") code it already."""
        if entry.type != "ASSAULT" or noun.dep_ != "pobj":
            return False
        prep = noun.head
        harm = prep.head
        if prep.lower_ == "to" and harm.lower_ in ("due", "owing"):
            harm = harm.head
        elif prep.lower_ not in ("in", "during"):
            return False
        if harm.lemma_.lower() not in coder_words().harm:
            # "one person was dead in the clash": the phrase hangs on the copula or number
            harm = next((c for c in harm.children
                         if c.dep_ in ("acomp", "amod") and c.lemma_.lower() in coder_words().harm), harm)
        lemma = harm.lemma_.lower()
        if _denied_harm(harm):
            return False  # "no one was injured in the firing": the harm tells nothing
        # under a harm verb coded on its own ("killed in police firing") the noun is a
        # second mention of the same happening (merged by events/coref.py)
        if lemma not in coder_words().harm:
            return False
        if harm.dep_ == "dobj" and harm.head.lemma_.lower() not in coder_words().harm:
            return False
        # a particular attack: "the firing", "police firing", "firing by the mob"; not "a
        # clash between two groups", whose parties nobody can tell
        return any(c.dep_ in ("compound", "poss", "amod", "nmod")
                   or (c.dep_ == "det" and c.lower_ in coder_words().definite)
                   or (c.dep_ == "prep" and c.lower_ == "by")
                   or (c.dep_ == "prep" and c.lower_ == "between" and nominal.names_parties(c)) for c in noun.children)
