"""Dependency patterns: who is the actor and who the recipient of a trigger.

Actor = the subject (passive: the "by" agent), recipient = the direct object, the passive
subject, a prepositional object introduced by one of the trigger's prepositions, or the
subject of a clausal complement ("demanded that Y withdraw"). Coordinated subjects give
several actors; with a symmetric trigger ("X and Y agreed", "X met with Y") the first is
the actor, the others the recipients, and the event is marked symmetric (DESIGN.md).
Actor ids come from the actors stage (``ActorAnalysis.by_token`` and plural mentions).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import ActorAnalysis
from ..tables import read_word_lists_as
from .lexicon import DEFAULT_PREPS, Entry
from .assertion import reported_clause
from .locatives import locative_words
from .ontology import type_group
from .status import status_words

#: Dependents that stay inside a noun phrase when collecting its actors.
NP_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "npadvmod", "nummod", "quantmod", "conj", "cc", "appos",
     "flat", "nn", "case", "det", "predet", "punct"}
)


@dataclass(frozen=True, slots=True)
class PatternWords:
    """This module's word lists (``data/events/words/patterns.tsv``), read once by :func:`pattern_words`."""

    #: Verbs that report that a noun event happened ("talks took place", "clashes erupted").
    occurrence_verbs: frozenset[str]
    #: Verbs of giving and sending: the direct object is the thing moved, the recipient is the indirect
    #: object or the object of "to" ("offered troops to X", "handed over X to Y").
    transfer_verbs: frozenset[str]
    transfer_preps: frozenset[str]
    #: Nouns of texts whose content a participle states ("a declaration demanding ..."); the one who issued
    #: the text is the one who demands, urges or condemns.
    document_nouns: frozenset[str]
    speech: frozenset[str]
    #: Prepositions of time, cause and circumstance: their objects are background, never the target
    #: ("strengthened its forces following the discovery of Russian rockets").
    background_preps: frozenset[str]
    borders: frozenset[str]
    #: What a host organises rather than receives: "hosted talks between X and Y".
    hosted_events: frozenset[str]
    #: Prepositions that aim an act at its target ("fired at it", "an attack on it").
    aiming_preps: frozenset[str]
    #: Demanded acts whose addressee is whoever holds the people or things named.
    held_nouns: frozenset[str]
    #: Support verbs whose passive participle describes what the subject does ("were engaged in heavy
    #: fighting", "are involved in talks").
    stative_light: frozenset[str]


@functools.cache
def pattern_words() -> PatternWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(PatternWords, "events/words/patterns.tsv")


SUBJECT_DEPS = ("nsubj", "csubj", "expl")


@dataclass(frozen=True, slots=True)
class Arguments:
    """Actor and recipient ids of one trigger, in text order."""

    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    symmetric: bool


def actor_index(actors: ActorAnalysis) -> dict[int, tuple[str, ...]]:
    """Token index -> actor ids; plural references carry several ids on the same tokens."""
    index: dict[int, list[str]] = {}
    for mention in actors.mentions:
        for i in range(mention.start, mention.end):
            ids = index.setdefault(i, [])
            if mention.actor_id not in ids:
                ids.append(mention.actor_id)
    for i, actor_id in actors.by_token.items():
        ids = index.setdefault(i, [])
        if actor_id not in ids:
            ids.insert(0, actor_id)
    return {i: tuple(ids) for i, ids in index.items()}


#: Nouns whose "of" phrase names what they stand against, not who they are: "opponents
#: of the senate" are not the senate.
_OPPOSING_NOUNS = frozenset({"opponent", "critic", "enemy", "foe", "adversary", "rival"})


def np_tokens(head: Any, depth: int = 0, conjuncts: bool = True) -> list[Any]:
    """The tokens of the noun phrase headed by ``head`` (without relative clauses or
    locative modifiers; "of"/"from" phrases stay: "leaders of France and Germany").
    ``conjuncts=False``: one conjunct only, without its coordinated partners."""
    out = [head]
    if depth > 6:
        return out
    for child in head.children:
        if child.dep_ in NP_DEPS:
            if not conjuncts and depth == 0 and (child.dep_ in ("conj", "cc") or listed(child)):
                continue
            out.extend(np_tokens(child, depth + 1))
        elif child.dep_ == "prep" and child.lower_ in ("of", "from") and not (
            child.lower_ == "of" and head.lemma_.lower() in _OPPOSING_NOUNS
        ):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    out.extend(np_tokens(grand, depth + 1))
    return out


def reflexive(tok: Any) -> bool:
    """"themselves", "itself": the same party as the subject, never another side."""
    return tok.tag_ == "PRP" and tok.lower_.endswith(("self", "selves"))


def np_actors(head: Any | None, index: Mapping[int, tuple[str, ...]]) -> list[str]:
    if head is None:
        return []
    ids: list[str] = []
    for tok in sorted(np_tokens(head), key=lambda t: t.i):
        if reflexive(tok):
            continue
        for actor_id in index.get(tok.i, ()):
            if actor_id not in ids:
                ids.append(actor_id)
    return ids


def conjunct_groups(head: Any | None, index: Mapping[int, tuple[str, ...]]) -> list[list[str]]:
    """Actors of each conjunct of a coordinated noun phrase ("X and Y" -> [[X], [Y]])."""
    if head is None:
        return []
    named = next((c for c in head.children if c.dep_ == "pobj"), None) if head.pos_ == "ADP" else None
    if named is not None:
        head = named  # a first name the tagger read as a preposition: "[Barack] Obama and Putin"
    heads = [head]
    frontier = [head]
    while frontier:
        tok = frontier.pop()
        for child in tok.children:
            if child.dep_ == "conj" or listed(child):
                heads.append(child)
                frontier.append(child)
    groups: list[list[str]] = []
    for h in sorted(heads, key=lambda t: t.i):
        toks = np_tokens(h, conjuncts=False)  # "Trump and [North Korean leader Kim]": apart
        ids = [a for t in sorted(toks, key=lambda t: t.i) for a in index.get(t.i, ())]
        ids = list(dict.fromkeys(ids))
        if ids:
            groups.append(ids)
    if len(groups) == 1 and len(groups[0]) > 1 and _is_plural_mention(head, index):
        groups = [[a] for a in groups[0]]  # "the two ministers": one mention, several actors
    elif len(groups) == 1 and len(groups[0]) > 1:
        # "the leaders of Japan and South Korea", "ministers from X and Y": one noun, the
        # sides in its "of"/"from" phrase
        inner = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                      for g in c.children if g.dep_ == "pobj" and any(x.dep_ == "conj" for x in g.children)), None)
        split = conjunct_groups(inner, index) if inner is not None and head.pos_ == "NOUN" else []
        groups = split if len(split) > 1 else groups
    return groups


def listed(tok: Any) -> bool:
    """An apposition that heads a coordination: a list the parser misread ("the US,
    [Russia, and Switzerland]")."""
    return tok.dep_ == "appos" and any(c.dep_ in ("cc", "conj") for c in tok.children)


def _is_plural_mention(head: Any, index: Mapping[int, tuple[str, ...]]) -> bool:
    return len(index.get(head.i, ())) > 1


def child(tok: Any, *deps: str) -> Any | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def prep_objects(tok: Any, preps: Sequence[str]) -> list[Any]:
    """Objects of prepositions among ``preps`` attached to ``tok``."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps:
            obj = child(c, "pobj")
            if obj is None and not any(g.dep_ in ("pcomp", "pobj") for g in c.children):
                obj = _stolen_object(c)
            if obj is not None:
                out.append(obj)
    return out


def _stolen_object(prep: Any) -> Any | None:
    """The object of a preposition the parser read as the subject of the next clause
    ("granted asylum to [five officers] holed up in ...")."""
    doc = prep.doc
    for tok in doc[prep.i + 1: min(prep.i + 8, len(doc))]:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.left_edge.i == prep.i + 1 and tok.head.i > tok.i:
            return tok
    return None


def subject(verb: Any, relative: bool = False) -> tuple[Any | None, bool]:
    """(subject head, is_passive_subject) of a verb, following conjunction, control and
    relative clauses. With ``relative``, a relative pronoun stands for the noun its
    clause describes ("Abedi, who carried out the bombing": Abedi); support verbs and
    claims read it so, since their clause tells the noun's act, not background on it."""
    cur = verb
    # a passive conjunct inherits its subject as a patient ("X was arrested and released")
    own_passive = child(verb, "auxpass") is not None
    # the passive subject of a governing verb is the doer of an active complement
    # ("Obama is scheduled to attend", "he was arrested after attacking")
    controlled = False
    # long control chains: "Norway is willing to send troops to help defend X"
    for _ in range(8):
        subj = child(cur, *SUBJECT_DEPS)
        if relative and subj is not None and cur.dep_ == "relcl" and subj.tag_ in ("WP", "WDT") \
                and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head, False  # "Abedi, who carried out the bombing": the noun the clause describes
        if subj is not None:
            return _hyphen_prefix_owner(subj, cur), own_passive and cur is not verb
        subj = child(cur, "nsubjpass", "csubjpass")
        if subj is not None:
            return subj, own_passive or not controlled
        reported = reported_clause(cur)
        if reported is not None:
            cur = reported  # "..., officials said, killing two": not the officials
            continue
        if cur.dep_ in ("conj", "advcl", "acomp"):
            controlled = controlled or cur.dep_ != "conj"
            cur = cur.head
            continue
        if cur.dep_ == "xcomp":
            obj = child(cur.head, "dobj")
            if obj is not None:  # object control: "urged Iran to stop"
                return obj, False
            controlled = True
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep" and cur.head.head.pos_ in ("VERB", "AUX"):
            # a gerund under a preposition: "resorted to throwing stones"; the governor's
            # object is the doer when it has one ("prevented Y from attacking")
            obj = child(cur.head.head, "dobj")
            if obj is not None:
                return obj, False
            controlled = True
            cur = cur.head.head
            continue
        if cur.dep_ == "relcl":
            return cur.head, False
        if cur.dep_ == "acl":
            if cur.tag_ == "VBG" and authored(cur.head):
                # "issued a declaration demanding ...": the author of the text demands
                cur = cur.head.head
                controlled = True
                continue
            return cur.head, cur.tag_ != "VBG"
        break
    return None, False


def _hyphen_prefix_owner(subj: Any, verb: Any) -> Any:
    """The subject when the parser took the first half of a hyphenated verb for it
    ("the police lathi-charged the mob": "lathi" as subject, "police" its compound):
    the noun before the prefix is the doer."""
    doc = verb.doc
    if subj.i != verb.i - 2 or doc[verb.i - 1].tag_ != "HYPH" or doc[verb.i - 1].whitespace_ or subj.whitespace_:
        return subj
    owner = max((c for c in subj.children if c.dep_ in ("compound", "nmod", "amod") and c.i < subj.i
                 and c.pos_ in ("NOUN", "PROPN")), key=lambda c: c.i, default=None)
    return owner if owner is not None else subj


def authored(noun: Any) -> bool:
    """A text noun that is the object of the verb that produced it ("issued a statement")."""
    return (noun.lemma_.lower() in pattern_words().document_nouns and noun.dep_ in ("dobj", "nsubjpass")
            and noun.head.pos_ in ("VERB", "AUX"))


def agent(verb: Any) -> Any | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return child(c, "pobj")
    return None


def deep_agent(verb: Any) -> Any | None:
    """The "by" agent of a passive that the parser hung on an active gerund of its
    complement ("was accused of spying by officials"): an active gerund takes no agent."""
    frontier = [c for c in verb.children if c.dep_ in ("prep", "xcomp")]
    for _ in range(3):
        nxt = []
        for tok in frontier:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "by" and tok.tag_ == "VBG" and child(tok, "auxpass") is None:
                    obj = child(c, "pobj")
                    if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                        return obj
                if c.dep_ in ("pcomp", "pobj", "prep", "dobj"):
                    nxt.append(c)
        frontier = nxt
    return None


def stative_intent(verb: Any, entry: Entry) -> bool:
    """A passive participle that states the subject's own stance ("is committed to",
    "is determined to", "is opposed to"): an AGREE, REJECT or SUPPORT verb with no agent
    and a "to" complement."""
    if entry.type not in ("AGREE", "REJECT", "SUPPORT") or agent(verb) is not None or child(verb, "auxpass") is None:
        return False
    return any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to") for c in verb.children)


#: Dependents whose subtrees are not part of the trigger's own phrase.
_OUTSIDE = frozenset({"nsubj", "nsubjpass", "csubj", "parataxis", "advcl", "punct", "mark", "cc", "conj", "agent"})
#: Noun phrases hung on a verb that comment on the whole clause (time, apposition).
_CLAUSE_APPOSITIONS = frozenset({"npadvmod", "appos"})


def speaker_of(tok: Any, index: Mapping[int, tuple[str, ...]]) -> list[str]:
    """Actors of the speech verb that reports ``tok``'s clause ("X said it would ...")."""
    cur = tok
    for _ in range(5):
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in pattern_words().speech | status_words().speech_verbs:
            subj = child(cur.head, "nsubj")
            return np_actors(subj, index)
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return []


def following_actors(trigger: Any, exclude: Sequence[str], index: Mapping[int, tuple[str, ...]],
                     passed: frozenset[str] = frozenset(), skip: frozenset[int] = frozenset()) -> list[str]:
    """First actor after the trigger inside its own phrase: the fallback recipient, as
    CAMEO coders read the target from the verb phrase. ``passed``: the trigger's
    prepositions that name no party (a meeting's "in/at" places are where it happens; an
    attack's "from" is where it came from, see :func:`passed_preps`). ``skip``:
    token indices that cannot be the recipient (the owner of a moved thing: "its forces")."""
    outside = _OUTSIDE | {"dobj"} if trigger.lemma_.lower() in pattern_words().transfer_verbs else _OUTSIDE
    if trigger.pos_ in ("VERB", "AUX"):
        # a noun phrase set beside the clause ("arrived in X, the first visit by a Y leader
        # to Z") describes the event; its own "by" party is the actor again, not a target
        outside = outside | _CLAUSE_APPOSITIONS
    stack = [(c, 0) for c in trigger.children if c.dep_ not in outside and c.i > trigger.i and not _own_clause(c)]
    toks: list[Any] = []
    while stack:
        tok, hops = stack.pop()
        if tok.dep_ == "prep" and tok.lower_ in passed and (tok.lower_ != "from" or _origin(tok, trigger, index)):
            continue  # a meeting's places anywhere in its phrase; where an attack came from
        if tok.dep_ == "prep" and (tok.lower_ in pattern_words().background_preps or hops >= _MAX_HOPS):
            continue  # "following the discovery of ...", "in protest of the arrest of activists"
        if tok.dep_ == "pobj" and tok.lemma_.lower() in pattern_words().borders:
            continue  # "a stronghold on the Thai border": a location between states, no party
        toks.append(tok)
        hops += tok.dep_ == "prep"
        stack.extend((c, hops) for c in tok.children if c.dep_ not in ("relcl", "parataxis", "advcl")
                     and not (tok.pos_ in ("NOUN", "PROPN") and c.dep_ in _CLAUSES) and not _own_clause(c))
    # the owner's ids are out everywhere (a mention may run on: "its forces in Lebanon")
    exclude = list(exclude) + [a for i in skip for a in index.get(i, ())]
    for tok in sorted(toks, key=lambda t: t.i):
        if tok.i in skip or reflexive(tok) or _owned_by(tok, exclude, index):
            continue
        for actor_id in index.get(tok.i, ()):
            if actor_id not in exclude:
                # the whole coordination it belongs to ("with Congo and Costa Rica")
                group = [a for a in _coordination_actors(_coordination_head(tok), index) if a not in exclude]
                return group if actor_id in group else [actor_id]
    return []


def _origin(prep: Any, trigger: Any, index: Mapping[int, tuple[str, ...]]) -> bool:
    """A "from" phrase on the trigger that says where the act came from ("was fired from
    X", "fired rockets from X"); beside an object that is a party it may say who that
    party is ("attacked troops from Chad"), so it stays readable."""
    if prep.head.i != trigger.i:
        return False
    obj = child(trigger, "dobj")
    return obj is None or not any(index.get(t.i) for t in np_tokens(obj, conjuncts=False))


def _owned_by(tok: Any, owners: Sequence[str], index: Mapping[int, tuple[str, ...]]) -> bool:
    """A noun owned by a pronoun that points back to the actor ("rejected a call for its
    peacekeeping forces to deploy"): the actor's own, never the other side."""
    head = tok if tok.pos_ in ("NOUN", "PROPN") else tok.head
    for _ in range(3):  # a modifier's noun: "its [peacekeeping] forces"
        if head.dep_ not in ("compound", "amod", "nmod", "flat", "poss") or head.head.i == head.i:
            break
        head = head.head
    own = set(index.get(head.i, ()))
    # the pronoun inside the noun's own mention ("[its peacekeeping forces]") was not
    # resolved apart: its nearest owner is the actor, the subject of the clause
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" and (
        set(index.get(c.i, ())) & set(owners) or (c.lower_ in ("its", "their") and set(index.get(c.i, ())) <= own))
        for c in head.children)


#: Prepositions the fallback follows: "to refugees in Liberia" (2), not deeper ("in
#: protest of last week's arrest of activists": the activists are the arrest's).
_MAX_HOPS = 2
#: Clauses under a noun carry their own event ("demands to release prisoners"); a
#: "that" clause of a demand or call still names who must act.
_CLAUSES = frozenset({"xcomp", "acl", "relcl", "advcl"})


def _own_clause(tok: Any) -> bool:
    """A finite complement clause with its own subject and no "that" ("..., it said, 100
    people were killed"); not an infinitive whose subject is the verb's object ("allowed X
    to land"), nor a content clause ("reiterated its demand that Israel ease ...")."""
    if tok.dep_ != "ccomp" or any((c.dep_ == "aux" and c.lower_ == "to") or c.dep_ == "mark" for c in tok.children):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _coordination_actors(head: Any, index: Mapping[int, tuple[str, ...]]) -> list[str]:
    """Actors of a noun phrase and its conjuncts, leaving out appositions (often a
    misattached clause: "the United States and Israel, a weekly reports")."""
    skip = {t.i for c in head.subtree if c.dep_ == "appos" for t in c.subtree}
    ids: list[str] = []
    for tok in sorted(np_tokens(head), key=lambda t: t.i):
        if tok.i not in skip:
            ids.extend(a for a in index.get(tok.i, ()) if a not in ids)
    return ids


def _coordination_head(tok: Any) -> Any:
    """The first conjunct of the noun phrase that contains ``tok``."""
    for _ in range(8):
        head = tok.head
        if tok.dep_ not in NP_DEPS or head.i == tok.i or head.pos_ in ("VERB", "AUX", "ADP"):
            break
        tok = head
    return tok


def verb_arguments(verb: Any, entry: Entry, index: Mapping[int, tuple[str, ...]]) -> Arguments:
    """Actor and recipient of a verb trigger."""
    args = _verb_arguments(verb, entry, index)
    obj = child(verb, "dobj")
    skip = owner_tokens(obj) if obj is not None and moved_thing(verb, entry, obj) else frozenset()
    return complete(args, verb, verb, index, entry.type, skip=skip)




def moved_thing(verb: Any, entry: Entry, obj: Any | None) -> bool:
    """The direct object is no recipient: a thing (:func:`object_is_thing`), or what the
    actor moves of its own ("pulled its troops out of X", "deployed their forces")."""
    if object_is_thing(verb, entry):
        return True
    return obj is not None and entry.type in type_group("moving") and bool(owner_tokens(obj))


def object_is_thing(verb: Any, entry: Entry) -> bool:
    """The direct object is what is moved, cut or demanded, not the recipient: an object
    the row constrains ("deployed troops", "cut aid") or a content object ("demanded an
    apology"); a received visitor is the other side ("received the minister")."""
    if "swap" in entry.flags and entry.type == "CONSULT":
        return False
    return (bool(entry.objects) and entry.mode != "release") or "content" in entry.flags


def owner_tokens(obj: Any) -> frozenset[int]:
    """A moved thing owned by a possessive pronoun ("strengthened its forces", "cut their
    aid"): the pronoun points back to the actor, so neither it nor the thing is the
    recipient; its prepositional phrases ("aid to X") stay readable. A named owner
    ("expelled Russia's diplomats") is another party and stays."""
    poss = [c for c in obj.children if c.dep_ == "poss" and c.tag_ == "PRP$"]
    if not poss:
        return frozenset()
    return frozenset({obj.i} | {t.i for c in poss for t in c.subtree})


def hosts_event(verb: Any, entry: Entry) -> bool:
    """A receiving verb whose object is an event ("host a meeting between X and Y"): the
    host is the organiser and actor, the event's parties its recipients; no visitor swap."""
    obj = child(verb, "dobj")
    return "swap" in entry.flags and entry.type == "CONSULT" and obj is not None and (
        obj.lemma_.lower() in pattern_words().hosted_events or obj.lower_ in pattern_words().hosted_events)


def complete(args: Arguments, trigger: Any, anchor: Any, index: Mapping[int, tuple[str, ...]],
             etype: str | None = None, skip: frozenset[int] = frozenset()) -> Arguments:
    """Fill a missing actor from the reporting speaker when the subject is an unresolved
    pronoun; a missing recipient from a pronoun target that points back to the speaker
    ("Israel said shells were fired at it"), else from the trigger's phrase."""
    actor, recipient = args.actor, args.recipient
    if not actor:
        subj, passive = subject(anchor)
        if subj is not None and not passive and subj.pos_ == "PRON":
            actor = tuple(speaker_of(anchor, index))
    if not recipient and any(_back_pointer(t, index, etype) for t in {trigger, anchor}):
        recipient = tuple(a for a in speaker_of(anchor, index) if a not in actor)
    if not recipient:
        passed = passed_preps(etype)
        found = following_actors(anchor, actor, index, passed, skip)
        if not found and trigger is not anchor:
            found = following_actors(trigger, actor, index, passed, skip)
        recipient = tuple(found)
    return Arguments(actor, recipient, args.symmetric)


def _back_pointer(trigger: Any, index: Mapping[int, tuple[str, ...]], etype: str | None) -> bool:
    """A target "it"/"them" that the actors stage left unresolved: in a reported clause it
    is the reporting speaker, who says what was done to it; so is the owner "its"/"their"
    of what was attacked or seized ("Iran said Iraqi troops attacked its border posts")."""
    targets = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in pattern_words().aiming_preps
               for g in c.children if g.dep_ == "pobj"]
    if etype == "ASSAULT":  # "said the militants attacked it" (a seized "it" is a thing)
        targets += [c for c in trigger.children if c.dep_ == "dobj"]
    if any(t.lower_ in ("it", "them") and not index.get(t.i) for t in targets):
        return True
    return etype in ("ASSAULT", "COERCE") and any(
        p.dep_ == "poss" and p.lower_ in ("its", "their") and not index.get(p.i) for t in targets for p in t.children)


def passed_preps(etype: str | None) -> frozenset[str]:
    """Prepositions of a trigger whose objects are no party: where a meeting happens
    ("met in Geneva"), where an attack came from ("fired from the Gaza Strip")."""
    if etype == "CONSULT":
        return locative_words().where
    return frozenset({"from"}) if etype == "ASSAULT" else frozenset()


def _verb_arguments(verb: Any, entry: Entry, index: Mapping[int, tuple[str, ...]]) -> Arguments:
    subj, passive = subject(verb)
    preps = entry.preps or DEFAULT_PREPS.get(entry.type, ())
    if passive and stative_intent(verb, entry):
        passive = False  # "Vietnam is committed to opening up": the subject commits
    if passive:
        by = agent(verb) or deep_agent(verb)
        if by is None and entry.type in ("ASSAULT", "COERCE"):
            # "killed in police firing", "wounded in an Israeli airstrike": the perpetrator
            # is named on the instrument event
            for inst in prep_objects(verb, ("in", "during", "by")):
                # "in an air strike by government forces": the instrument's own agent first
                mods = prep_objects(inst, ("by",)) + [
                    c for c in inst.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.ent_type_]
                mods += [c for c in inst.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c not in mods]
                by = next((m for m in mods if np_actors(m, index)), mods[0] if mods else None)
                if by is not None:
                    break
        actor_heads = [by]
        if by is None and entry.type in ("RETREAT", "SANCTION") and subj is not None and subj.pos_ != "PRON":
            # "guerrillas have been demobilized", "peacekeepers were shipped out of X": the
            # forces pulled out act for their own side
            return _assemble([subj], prep_objects(verb, preps), entry, index, with_partner=False)
        # "evidence against Russia was presented": a moved thing names its target
        rec_heads = prep_objects(subj, preps) if subj is not None and object_is_thing(verb, entry) else [subj]
        if not rec_heads and subj is not None and entry.type in type_group("owned_target"):
            # "the Russian embassy was stormed", "Turkish assets were frozen": a thing hit or
            # taken in the passive names its owner, who is the target
            rec_heads = [c for c in subj.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        if (subj is not None and entry.type in type_group("owned_target")
                and not any(np_actors(h, index) for h in rec_heads)):
            # "a camp for Congolese refugees was attacked": those the place is for are hit
            rec_heads = rec_heads + prep_objects(subj, ("for",))
    else:
        actor_heads = [subj]
        obj = child(verb, "dobj", "dative")
        thing = moved_thing(verb, entry, obj)
        dative = child(verb, "dative")
        if dative is not None and child(dative, "pobj") is None:
            rec_heads = [dative]  # "gave Iran aid": the indirect object receives
        elif verb.lemma_.lower() in pattern_words().transfer_verbs:
            # "offered its troops to X", "sent aid to X": the object is what is given
            rec_heads = prep_objects(verb, pattern_words().transfer_preps) or [None]
        else:
            rec_heads = [None if thing else obj]
        comp = child(verb, "ccomp")
        if rec_heads[0] is None and comp is not None and not _relative_like(comp) and (
                entry.type in ("REQUEST", "ACCUSE", "THREATEN", "REJECT") or comp.pos_ == "ADJ"):
            # "demanded that Y withdraw"; a small clause: "found [the men guilty]"
            rec_heads = [child(comp, "nsubj", "nsubjpass")]
    rec_heads.extend(prep_objects(verb, preps))
    if entry.type in ("PROTEST", "REJECT"):
        rec_heads.extend(defied(verb))
    obj = child(verb, "dobj")
    if obj is not None and not passive and (entry.type in ("ACCUSE", "PROTEST") or (
            entry.type == "REQUEST" and obj.lemma_.lower() in pattern_words().held_nouns)):
        # "investigating crimes by X against Y", "protested the arrest of its diplomats by
        # X": X is accused; "demanded the release of sailors held by X": X must release
        doers = [h for h in _doers(obj) if np_actors(h, index)]
        if doers:
            return _assemble(actor_heads, doers, entry, index, with_partner=False)
    if not passive and hosts_event(verb, entry):
        rec_heads = prep_objects(obj, ("between", "with", "of")) + prep_objects(verb, ("for",))
        return _assemble(actor_heads, rec_heads, entry, index, with_partner=False, swap=False)
    if "swap" in entry.flags and obj is not None:
        rec_heads.extend(prep_objects(obj, preps))  # "received assurances [from X]": the giver
    return _assemble(actor_heads, rec_heads, entry, index, with_partner=bool(prep_objects(verb, ("with",))))


def defied(verb: Any) -> list[Any]:
    """Whom a protest or refusal defies: "blocked streets in defiance of the authorities"."""
    return [g for n in prep_objects(verb, ("in",)) if n.lemma_.lower() == "defiance"
            for g in prep_objects(n, ("of",))]




def _doers(obj: Any) -> list[Any]:
    """The "by" agents of an object noun, of its "of" phrase, or of a participle on either
    ("the attack by X", "the arrest of diplomats by X", "sailors held by X")."""
    nouns = [obj] + prep_objects(obj, ("of",))
    out = []
    for noun in nouns:
        out += prep_objects(noun, ("by",))
        for c in noun.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                out += [a for a in [agent(c)] if a is not None]
    return out


def _relative_like(comp: Any) -> bool:
    """A clause the parser hung on the verb that is really a relative on a place or time
    ("the city of X where, it said, 100 people were killed"): it names no addressee."""
    return any(c.tag_ in ("WRB", "WDT") and c.i < comp.i for c in comp.children)


def noun_arguments(
    noun: Any, entry: Entry, governor: Any | None, index: Mapping[int, tuple[str, ...]]
) -> Arguments:
    """Actor and recipient of a noun trigger, governed by a support verb or standing alone."""
    args = _noun_arguments(noun, entry, governor, index)
    return complete(args, noun, governor if governor is not None else noun, index, entry.type)


def claimed_arguments(act: Any, claim: Any, entry: Entry, index: Mapping[int, tuple[str, ...]]) -> Arguments:
    """"X claimed responsibility for [the attack on Y | killing Y]": X is the actor of the
    claimed act, whose own phrase gives the recipient."""
    subj, passive = subject(claim, relative=True)
    actor = [a for g in conjunct_groups(agent(claim) if passive else subj, index) for a in g]
    if not actor and subj is not None and not passive and subj.pos_ == "PRON":
        actor = speaker_of(claim, index)  # "the group said it was behind the attack"
    if act.pos_ == "VERB":
        inner = verb_arguments(act, entry, index)
    else:
        inner = noun_arguments(act, entry, None, index)
    return Arguments(tuple(dict.fromkeys(actor)), tuple(a for a in inner.recipient if a not in actor), False)


def _noun_arguments(
    noun: Any, entry: Entry, governor: Any | None, index: Mapping[int, tuple[str, ...]]
) -> Arguments:
    preps = entry.preps or DEFAULT_PREPS.get(entry.type, ())
    actor_heads: list[Any | None] = []
    if governor is not None and _undergoes(noun, governor):
        # "the convoy came under attack": the subject suffers the act; its doer is in
        # the noun's phrase ("came under Russian shelling", "under fire from rebels")
        subj, _ = subject(governor, relative=True)
        actor_heads = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        actor_heads += prep_objects(noun, ("by", "from"))
        return _assemble(actor_heads, [subj], entry, index, with_partner=False)
    if governor is not None:
        subj, passive = subject(governor, relative=True)
        if passive and agent(governor) is None and governor.lemma_.lower() in pattern_words().stative_light:
            passive = False  # "forces were engaged in fighting": a state of the subject
        actor_heads.append(agent(governor) if passive else subj)
    modifiers = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    rec_heads = prep_objects(noun, preps)
    if governor is not None:
        rec_heads.extend(prep_objects(governor, preps))
    between = prep_objects(noun, ("between",))
    if not any(np_actors(h, index) for h in actor_heads):
        actor_heads = modifiers + prep_objects(noun, ("by",))
    if between and not any(np_actors(h, index) for h in actor_heads):
        actor_heads = between  # "talks between X and Y": symmetric partners
    # "held talks with Y" pairs the two sides like "met with Y"
    partner = bool(between) or any(np_actors(h, index) for h in prep_objects(noun, ("with",))) or (
        governor is not None and any(np_actors(h, index) for h in prep_objects(governor, ("with",))))
    return _assemble(actor_heads, rec_heads, entry, index, with_partner=partner)


def _undergoes(noun: Any, governor: Any) -> bool:
    """"came under attack": a support verb whose subject suffers its noun's act."""
    return (governor.lemma_.lower() == "come" and noun.dep_ == "pobj" and noun.head.lower_ == "under"
            and noun.head.head.i == governor.i)


def _assemble(
    actor_heads: Sequence[Any | None],
    rec_heads: Sequence[Any | None],
    entry: Entry,
    index: Mapping[int, tuple[str, ...]],
    with_partner: bool,
    swap: bool = True,
) -> Arguments:
    groups: list[list[str]] = []
    for h in actor_heads:
        groups.extend(conjunct_groups(h, index))
    actor = list(dict.fromkeys(a for g in groups for a in g))
    recipient = [a for h in rec_heads for a in np_actors(h, index) if a not in actor]
    recipient = list(dict.fromkeys(recipient))
    symmetric = False
    if "sym" in entry.flags:
        if not recipient and len(groups) > 1:
            actor, recipient = list(groups[0]), [a for g in groups[1:] for a in g if a not in groups[0]]
            symmetric = bool(recipient)
        elif recipient and with_partner:
            symmetric = True
    if swap and "swap" in entry.flags:
        # the receiver of aid or assurances is their recipient; for a visit the PLOVER
        # manual codes the visitor as actor and the host as recipient, always
        actor, recipient = recipient, actor
    return Arguments(tuple(actor), tuple(recipient), symmetric)
