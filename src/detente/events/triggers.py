"""Trigger candidates and how a verb or noun matches a lexicon row: its object (also a
passive patient or a measured noun: "tons of medicine"), its particles and prepositions."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ..tables import read_word_lists_as
from .lexicon import Entry
from .patterns import subject


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger before arguments and status are attached."""

    token: Any  # the trigger token (noun for noun triggers)
    anchor: Any  # the token the clause is read from (support verb of a noun trigger)
    entry: Entry
    kind: str  # verb | light | noun | intent
    licensed: bool = True  # False: a noun that may only be the content of a governor

    @property
    def type(self) -> str:
        return self.entry.type


def object_of(verb: Any) -> Any | None:
    """The direct object, or the patient of a passive (also one inherited by a conjunct)."""
    obj = None
    for c in verb.children:
        if c.dep_ == "dobj":
            return c
        if c.dep_ == "nsubjpass":
            obj = c
    if obj is None:
        # "allowed [the candidate to run]": the parser makes the object the subject of an
        # infinitive complement
        obj = next((g for c in verb.children if c.dep_ == "ccomp"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for g in c.children if g.dep_ == "nsubj"), None)
    if obj is None and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
        subj, passive = subject(verb)
        obj = subj if passive else None
    return obj


def object_words(obj: Any, depth: int = 0) -> set[str]:
    """The object's lemma and its compound modifiers ("aid deliveries", "mediation efforts");
    for a measure ("500 tons of medicine", "$5 million worth of food") also the measured;
    and the same for its conjuncts ("photographs and other intelligence")."""
    words = {obj.lemma_.lower(), obj.lower_}
    words |= {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
    if obj.lower_ in trigger_words().personal_pronouns or obj.ent_type_ == "PERSON":
        words.add("person")  # "arrested him", "picked up Ansari": rows constrained to @PERSON
    inner = measured(obj)
    if inner is not obj and depth < 3:
        words |= object_words(inner, depth + 1)
    for c in obj.children:
        if c.dep_ == "conj" and depth < 3:
            words |= object_words(c, depth + 1)
    return words


@dataclass(frozen=True, slots=True)
class TriggerWords:
    """This module's word lists (``data/events/words/triggers.tsv``), read once by :func:`trigger_words`."""

    #: Nouns that measure or package what follows "of": the "of" object is the real object.
    quantity_nouns: frozenset[str]
    #: Personal pronouns (objects and subjects).
    personal_pronouns: frozenset[str]
    #: Prepositions whose object a support verb may take as its event noun.
    light_preps: frozenset[str]
    #: Verbs of helping that the parser may read as an auxiliary ("to help identify").
    helping: frozenset[str]
    #: Nouns of causation whose "of" object is the cause: "as a result of torture".
    cause_nouns: frozenset[str]
    #: Pronouns that stand for a party ("helped them", "it helped"); reflexives do not.
    party_pronouns: frozenset[str]


@functools.cache
def trigger_words() -> TriggerWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(TriggerWords, "events/words/triggers.tsv")


def measured(noun: Any) -> Any:
    """The noun measured by a quantity noun ("tons of medicine" -> medicine), else ``noun``."""
    for _ in range(3):
        quantities = trigger_words().quantity_nouns
        if noun.lemma_.lower() not in quantities and noun.lower_ not in quantities:
            return noun
        inner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is None:
            return noun
        noun = inner
    return noun


def particles_of(verb: Any) -> set[str]:
    """What a row's verb marker may name: particles and prepositions of the verb, the two
    words before it ("lathi charge"), a predicative adjective ("held X responsible",
    "found X guilty"), and preposition+object lemma ("placed under+arrest", "took
    into+custody", "hacked to+death"), which a bare "to"/"under" could not say safely."""
    children = list(verb.children)  # walked once: each Token is built once
    out = {c.lower_ for c in children if c.dep_ in ("prt", "prep", "advmod", "compound", "npadvmod")}
    out |= _words_before(verb)
    out |= {c.lower_ for c in children if c.pos_ == "ADJ" and c.dep_ in ("oprd", "acomp", "advcl", "ccomp", "xcomp")}
    for c in children:
        if c.dep_ not in ("prep", "dative", "agent"):  # the agent too: "picked up by+police"
            continue
        for g in c.children:
            if g.dep_ == "pobj":
                out.add(f"{c.lower_}+{g.lemma_.lower()}")
                out |= {f"of+{w}" for w in _caused(g)}  # "died as a result of torture"
            elif g.dep_ == "pcomp" and g.tag_ == "VBG":
                out.add(f"{c.lower_}+{g.lower_}")  # the gerund as written: "after+beating"
    if any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in children):
        out.add("+clause")  # a finite clause says what: "protested that the police ..."
    out |= _complement_markers(children)
    return out


def _words_before(verb: Any) -> set[str]:
    """The (lower-cased) words up to two before the verb in its sentence. Reads the
    sentence starts of those tokens only: ``verb.sent`` would walk back to the start."""
    out: set[str] = set()
    doc, k = verb.doc, verb.i
    while k > verb.i - 2 and k > 0 and doc[k].is_sent_start is not True:
        k -= 1
        out.add(doc[k].lower_)
    return out


def _complement_markers(children: list[Any]) -> set[str]:
    """What the verb's complement does: verb+object of a complement clause ("helped them
    get+asylum") and "inf+" the verb of a to-infinitive of purpose, also one hung on the
    object ("sent a team to help": inf+help)."""
    out: set[str] = set()
    objects = [c for c in children if c.dep_ == "dobj"]
    for c in [*children, *(g for o in objects for g in o.children)]:
        if c.pos_ not in ("VERB", "AUX"):
            continue
        if c.dep_ in ("ccomp", "xcomp"):
            out |= {f"{c.lemma_.lower()}+{g.lemma_.lower()}" for g in c.children if g.dep_ == "dobj"}
        if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.add(f"inf+{c.lemma_.lower()}")
            # "to help identify": the parser may hang "help" on the next verb as an
            # auxiliary; the purpose is still to help
            out |= {f"inf+{a.lemma_.lower()}" for a in c.children if a.dep_ == "aux" and a.lemma_.lower() in trigger_words().helping}
    return out


def _caused(noun: Any) -> set[str]:
    if noun.lemma_.lower() not in trigger_words().cause_nouns:
        return set()
    return {g.lower_ if g.tag_ == "VBG" else g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ in ("pobj", "pcomp")}


def verb_matches(verb: Any, entry: Entry, particles: set[str], obj: Any | None) -> bool:
    if entry.marker and not (entry.marker & particles):
        return False
    if "subj" in entry.flags:
        # the row's word list constrains the subject: "peacekeepers arrived", "troops arrived"
        subj, passive = _theme(verb)
        if subj is None or passive or not (object_words(subj) & entry.objects or _named_before(subj, verb, entry.objects)):
            return False
    elif "party" in entry.flags:
        if obj is None or not party(obj, entry.parties) or not _party_acts(verb, entry.parties):
            return False
    elif entry.objects:
        if obj is None or not (object_words(obj) & entry.objects):
            return False
    if "obj" in entry.flags and obj is None and not any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in verb.children):
        return False
    if "prep" in entry.flags and not any(c.dep_ == "prep" and c.lower_ in entry.preps and not _when(c)
                                         for c in verb.children):
        return False
    if "intrans" in entry.flags and (obj is not None or any(c.dep_ in ("dobj", "dative") for c in verb.children)):
        return False
    return True


#: Relative pronouns that stand for the noun their clause describes ("a device that exploded").
_RELATIVE = frozenset({"that", "which", "who"})
#: Pronouns that may stand for a thing told just before ("it exploded").
_THING_PRONOUNS = frozenset({"it", "they"})


def _theme(verb: Any) -> tuple[Any | None, bool]:
    """The subject of an intransitive row ("the bomb exploded"): through a relative
    pronoun to the noun it describes ("a device that exploded"), and through a passive
    first conjunct ("the bomb was placed at the gate and exploded": the conjunct's own
    subject is the thing, not a patient, since the verb has no passive of its own)."""
    subj, passive = subject(verb)
    if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subj = verb.head
    if passive and verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children):
        passive = False
    return subj, passive


def _named_before(subj: Any, verb: Any, words: frozenset[str]) -> bool:
    """A pronoun subject ("it exploded") for a thing of ``words`` named in the sentence
    or the one before (about 60 words back): "a car bomb was left outside ... it exploded"."""
    if subj.lower_ not in _THING_PRONOUNS:
        return False
    doc = verb.doc
    return any(t.lemma_.lower() in words or t.lower_ in words for t in doc[max(0, subj.i - 60):subj.i])


#: Named entities that are parties (states, peoples, organisations, people).
_PARTY_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def party(noun: Any, nouns: frozenset[str]) -> bool:
    """A noun phrase that names a party: a proper name or a named state, people,
    organisation or person, a personal pronoun, or a head of ``nouns`` (person and group
    nouns: "the dissidents", "the Malian government"); not "prices", "the economy",
    "himself"."""
    if noun.lower_ in trigger_words().party_pronouns:
        return True
    if noun.pos_ == "PRON":
        return False
    if noun.pos_ == "PROPN" or noun.ent_type_ in _PARTY_ENTS:
        return True
    return noun.lemma_.lower() in nouns or noun.lower_ in nouns


def _party_acts(verb: Any, nouns: frozenset[str]) -> bool:
    """Someone who can act does the verb: a party as active subject, or a passive one
    ("Mali was helped by France"); not "the loans helped Kenya", and not an infinitive
    on a noun or a copula ("pressure to help Iran", "it is our duty to help them"), which
    names what is asked or owed, not an act."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and (
            verb.dep_ == "acl" or (verb.dep_ == "xcomp" and verb.head.lemma_ == "be")):
        return False
    subj, passive = subject(verb)
    if subj is None:
        return False
    return passive or party(subj, nouns)


def existential(tok: Any) -> bool:
    """A participle on the noun of a "there be" clause ("there were ten soldiers killed"),
    which asserts the event as a main verb would."""
    noun = tok.head
    return (tok.dep_ == "acl" and tok.tag_ == "VBN" and noun.dep_ in ("attr", "nsubj")
            and any(c.dep_ == "expl" for c in noun.head.children))


def _when(prep: Any) -> bool:
    """A time phrase ("on Monday"), which cannot introduce a target."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)
