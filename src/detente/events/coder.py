"""EventCoder: sentences -> PLOVER events, by dependency patterns over the lexicon.

Per sentence: (1) find candidate triggers — verbs of the lexicon, nouns governed by a
support verb ("held talks", "imposed sanctions"), nouns reported as happening ("clashes
erupted") or planned ("talks are scheduled for Friday"), acts whose author is named
("claimed responsibility for the attack", "was behind the bombing"); (2) a trigger inside the complement of another ("threatened to attack",
"urged Iran to release") is the content of its governor: it refines the governor's mode
and code instead of becoming an event; (3) status from the clause, then PLOVER's
reductions (:mod:`.reductions`); (4) actor/recipient from :mod:`.patterns`, with the
fallbacks of :mod:`.recipients` (and the host of an attended meeting abroad); one event
per (type, actor, recipient), ranked by the heuristic score of :mod:`.confidence`;
(5) a claim that another attacked ("X claimed that Y attacked Z") adds an ACCUSE of Y
by X beside the attack it reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from ..nlp import sentences, token_table
from ..records import ActorAnalysis, ActorRef, Event, EventMention, Quote
from . import assertion, nominal, ontology
from .candidates import CandidateFinder, _planned, coder_words
from .confidence import score_confidence
from .lexicon import Entry, Lexicon
from .locatives import locative_words
from .patterns import (
    actor_index,
    claimed_arguments,
    hosts_event,
    noun_arguments,
    np_actors,
    pattern_words,
    subject,
    verb_arguments,
)
from .quoted import quote_judgements, quoted_words
from .recipients import (
    RecipientFiller,
    conditional_recipient,
    content_recipient,
    country_actors,
    must_arguments,
    person_ids,
    recipient_words,
)
from .reductions import apply_reductions, reduction_words, refine_by_content, weapon_classes
from .status import clause_status, instead, planned, status_words, stronger
from .triggers import (
    Candidate,
    existential,
    trigger_words,
)

__all__ = ["Candidate", "EventCoder"]

log = logging.getLogger(__name__)


#: The loaders of the stage's data tables (each reads its table once per process).
_TABLES = (ontology.load_ontology, ontology.context_words, coder_words, locative_words, pattern_words, quoted_words,
           recipient_words, reduction_words, weapon_classes, status_words, trigger_words)


class EventCoder:
    """Codes the events of a parsed document.

    >>> coder = EventCoder()                       # doctest: +SKIP
    >>> coder.code(doc, actors, quotes, published)  # doctest: +SKIP
    """

    def __init__(self, lexicon: Lexicon | None = None, places: Any | None = None) -> None:
        """``places``: optional gazetteer (``lookup(name) -> entry with .country``) used to
        read a target named only by a city or region; country names work without it."""
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        for read in _TABLES:  # now, so that a damaged table is reported when the stage is built
            read()
        self.places = places
        self.candidates = CandidateFinder(self.lexicon)

    def code(
        self, doc: Any, actors: ActorAnalysis, quotes: Sequence[Quote], published: dt.date | None
    ) -> tuple[Event, ...]:
        index = actor_index(actors)
        refs = {a.id: a.ref() for a in actors.actors}
        fill = RecipientFiller(index, MappingProxyType(refs), country_actors(actors), person_ids(actors), self.places)
        events: list[Event] = []
        sents = sentences(doc)
        for sent_i, sent in enumerate(sents):
            events.extend(self._code_sentence(doc, sent, sent_i, index, refs, fill))
        coded = {(e.sentence_index, a.id) for e in events for a in e.actor}
        for quote, etype, anchor, recipient in quote_judgements(doc, quotes, index, refs, coded):
            sent_i = next((k for k, s in enumerate(sents) if s.start <= anchor.i < s.end), 0)
            events.append(_quote_event(sents[sent_i], sent_i, quote, etype, anchor, recipient, refs))
        events.sort(key=lambda e: (e.trigger_span[0], e.type))
        return tuple(dataclasses.replace(e, id=f"e{n}") for n, e in enumerate(events, 1))

    # -- candidates -------------------------------------------------------------
    def _code_sentence(
        self, doc: Any, sent: Any, sent_i: int, index: Mapping[int, tuple[str, ...]], refs: Mapping[str, ActorRef],
        fill: RecipientFiller,
    ) -> list[Event]:
        cands = self.candidates.find(sent)
        by_anchor = {c.anchor.i: c for c in cands if c.kind != "noun" or c.licensed}
        by_token = {c.token.i: c for c in cands}
        governed: dict[int, list[Candidate]] = {}  # id(governor) -> its content triggers
        inside: set[int] = set()
        for cand in list(cands):
            gov = self._governor(cand, by_anchor, by_token)
            if gov is not None:
                governed.setdefault(id(gov), []).append(cand)
                inside.add(id(cand))
                told = _presupposed_act(cand, gov)
                if told is not None:
                    cands.append(told)
        kept: dict[tuple[Any, ...], Event] = {}
        words = token_table(doc)[0][sent.start : sent.end]
        for cand in cands:
            if not cand.licensed or id(cand) in inside:
                continue
            event = self._event(doc, sent, sent_i, cand, governed.get(id(cand), []), index, refs, words)
            if event is None:
                continue
            event = _with_scene_mentions(event, cand, governed.get(id(cand), []), sent, sent_i)
            event = fill.host(fill.authorities(_without_self(event), cand), cand)
            event = fill.protesters(fill.recipient(event, cand, governed.get(id(cand), [])), cand)
            _keep(kept, event)
        for event in list(kept.values()):
            accusation = self._allegation(doc, sent, sent_i, event, index, refs, words)
            if accusation is not None:
                _keep(kept, _without_self(accusation))
        return list(kept.values())

    def _allegation(
        self, doc: Any, sent: Any, sent_i: int, event: Event, index: Mapping[int, tuple[str, ...]],
        refs: Mapping[str, ActorRef], words: list[str],
    ) -> Event | None:
        """"X claimed / charged that Y attacked Z": besides the attack (reported as
        today), X accuses Y of it (CAMEO 112, accuse of crime or aggression). Neutral
        reporting ("X said that Y attacked Z") accuses nobody, nor does a claim about
        oneself; the accusation is inferred, so it ranks below the act it reports."""
        if (event.type not in ontology.type_group("alleged") or event.status not in ("asserted", "historical")
                or not event.actor):
            return None
        clause = doc[event.trigger_token]
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        verb = clause.head
        if clause.dep_ != "ccomp" or verb.pos_ != "VERB" or verb.lemma_.lower() not in coder_words().alleging:
            return None
        entry = Entry(verb.lemma_.lower(), "V", "ACCUSE", "allege", "112")
        accusation = self._event(doc, sent, sent_i, Candidate(verb, verb, entry, "verb"), [], index, refs, words)
        if accusation is None or not accusation.actor:
            return None
        speakers = {a.id for a in accusation.actor}
        # a state claiming what its own forces did accuses nobody ("Kenya claimed that
        # Kenyan troops attacked"); its opposition or press claiming it does
        state = ontology.sector_group("state")  # the state's own organs act for it
        states = {a.country for a in accusation.actor if a.sector in state or a.sector is None}
        accused = tuple(a for a in event.actor if a.id not in speakers
                        and not (a.country in states and a.sector in state))
        if not accused:
            return None
        return dataclasses.replace(accusation, recipient=accused,
                                   confidence=round(min(accusation.confidence, event.confidence - 0.05), 2))


    def _governor(
        self, cand: Candidate, by_anchor: Mapping[int, Candidate], by_token: Mapping[int, Candidate]
    ) -> Candidate | None:
        """The trigger whose complement contains ``cand`` (through function verbs)."""
        tok = cand.anchor
        for _ in range(6):
            top = _first_conjunct_clause(tok)
            if top is not None:
                # "alleged that X knew and that Y took part": a further complement clause
                # is the governor's content as the first is
                tok = top
                continue
            if tok.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "prep", "advcl", "relcl") or tok.head is tok:
                return None
            if tok.dep_ in ("advcl", "relcl") and tok.head.pos_ != "NOUN" and not _purpose(tok):
                return None  # adverbial clauses are separate events ("..., killing five")
            if instead(tok):
                return None  # "instead of arresting them, police released ...": not its content
            if tok.dep_ == "pobj" and tok.head.lower_ in coder_words().when_preps:
                return None  # "after the arrests, police were put on alert": an event before it
            if tok.dep_ == "acl" and tok.head.i not in by_token and tok.head.dep_ in ("pobj", "npadvmod"):
                # a participle on an adjunct ("hurled stones for hours, forcing police to
                # open fire") reports a further event, not what the main verb is about
                return None
            tok = tok.head
            gov = by_anchor.get(tok.i) or by_token.get(tok.i)
            if gov is not None and gov is not cand:
                if gov.kind == "noun" and not gov.licensed and gov.anchor is gov.token:
                    return None
                if nominal.outlives(cand, gov) or assertion.naming(gov.token):
                    return None
                if "party" in gov.entry.flags and cand.anchor.dep_ in ("xcomp", "ccomp") and cand.anchor.head.i == gov.anchor.i:
                    return None  # "helped the police to arrest them": the helped party's act is its own event
                return gov
            if tok.lemma_.lower() in status_words().speech_verbs:
                return None
        return None

    # -- events -----------------------------------------------------------------
    def _event(
        self,
        doc: Any,
        sent: Any,
        sent_i: int,
        cand: Candidate,
        content: list[Candidate],
        index: Mapping[int, tuple[str, ...]],
        refs: Mapping[str, ActorRef],
        words: list[str],
    ) -> Event | None:
        etype, mode, cameo = refine_by_content(cand, content)
        if etype is None or _says_nothing(cand) or assertion.mere_words(cand):
            return None
        if etype == "ASSAULT" and cand.kind == "verb" and _with_sanctions(cand.token):
            etype, mode, cameo = "SANCTION", "discontinue", "163"  # "hit 13 officials with sanctions"
        if etype == "CONSULT" and "swap" in cand.entry.flags:
            if cand.kind in ("verb", "intent") and hosts_event(cand.token, cand.entry):
                mode, cameo = None, "040"  # hosting talks between others is no visit
            else:
                cameo = "042"  # a hosted visit, coded from the visitor's side (PLOVER manual)
        if cand.kind == "must":
            args = must_arguments(cand, index)
        elif cand.kind == "claim":
            args = claimed_arguments(cand.token, cand.anchor, cand.entry, index)
        elif cand.kind in ("verb", "intent"):
            args = verb_arguments(cand.token, cand.entry, index)
        else:
            args = noun_arguments(cand.token, cand.entry, cand.anchor if cand.kind == "light" else None, index)
        if content and not args.recipient:
            args = content_recipient(args, content[0], index)
        if cand.kind == "noun" and not args.recipient:
            args = _harmed(args, cand.token, index)
        status = clause_status(cand.anchor if cand.kind == "must" else cand.token, self.lexicon,
                               cand.anchor if cand.kind in ("light", "claim") else None)
        if cand.kind == "noun" and (cand.token.dep_ in ("nsubj", "nsubjpass") or (
                cand.token.dep_ == "dobj" and cand.token.head.lemma_.lower() in coder_words().making)) and cand.token.head.pos_ in ("VERB", "AUX"):
            # "my arrest would serve nobody", "we will make arrests": the noun's own clause
            clause = clause_status(cand.token, self.lexicon, cand.token.head)
            head = cand.token.head.lemma_.lower()
            if clause != "negated" or head in pattern_words().occurrence_verbs or head in coder_words().making \
                    or cand.token.head.pos_ == "AUX" or any(c.tag_ == "MD" for c in cand.token.head.children):
                # but "the shooting did not involve soldiers" denies something of it, not it
                status = stronger(status, clause)
        if cand.kind == "noun" and status == "asserted" and _planned(cand.token):
            status = planned(status)  # "talks are scheduled for Friday": planned, not yet held
        if status == "asserted" and cand.kind != "must" and assertion.advised(cand.token):
            status = "hypothetical"  # "should repay the Kurds by standing up to Turkey"
        etype, mode, cameo, status = apply_reductions(etype, mode, cameo, status, cand.anchor)
        if etype == "THREATEN" and not args.recipient:
            threatened = [c for c in cand.anchor.children if c.dep_ in ("xcomp", "ccomp")]
            args = conditional_recipient(args, [cand.anchor, cand.token, *threatened] + [c.token for c in content], index)
        weak = cand.entry.weak and not content
        if weak and not args.actor and not args.recipient:
            return None  # an ambiguous word with nobody involved is too weak to report
        if not args.actor and _modifier(cand.anchor) and not _weapon_went_off(cand):
            # background in a noun modifier ("the mayor, jailed last year"), except an
            # arrest the police of the sentence made, or one that names who is held
            # ("the arrested men were produced in court", "those detained were freed")
            police = _police(sent, index, refs) if cand.entry.mode == "arrest" else ()
            if not police and not (cand.entry.mode == "arrest" and _held_group(cand.anchor)):
                return None
            held = args.recipient or tuple(a for a in index.get(cand.anchor.head.i, ()) if a not in police)
            args = dataclasses.replace(args, actor=police, recipient=held)
        unlisted = _unlisted_police(cand, index, refs) if not args.actor and cand.kind in ("verb", "intent") else ()
        confidence = score_confidence(cand, weak, args)
        first, last = (cand.anchor, cand.anchor) if cand.kind == "must" else (cand.token, cand.anchor)
        if cand.kind == "noun" and cand.entry.lemma not in (cand.token.lemma_.lower(), cand.token.lower_):
            # "the shooting incidents", "an assassination attempt": the modifier names the act
            first = next((c for c in cand.token.children if c.dep_ in ("compound", "amod", "nmod")
                          and c.lemma_.lower() == cand.entry.lemma), first)
        start = min(first.idx, last.idx)
        end = max(first.idx + len(first), last.idx + len(last))
        ptype = ontology.PLOVER[etype]
        sent_text = sent.text  # the sentence's own text; Doc.text would rebuild the article
        return Event(
            id="",
            type=etype,
            mode=mode,
            contexts=ontology.contexts_for(words, etype),
            cameo=cameo,
            quad_class=ptype.quad_class,
            intensity=ontology.intensity(etype, mode),
            goldstein=ontology.goldstein(cameo),
            actor=tuple(refs[a] for a in args.actor if a in refs) + unlisted,
            recipient=tuple(refs[a] for a in args.recipient if a in refs),
            symmetric=args.symmetric,
            status=status,
            sentence_index=sent_i,
            span=(sent.start_char, sent.end_char),
            trigger=sent_text[start - sent.start_char:end - sent.start_char],
            trigger_span=(start, end),
            text=sent_text,
            confidence=confidence,
            trigger_token=cand.anchor.i,
            # "scores died in the attacks": the harm tells that it happened, told before or not
            anaphoric=cand.kind == "noun" and nominal.refers_back(cand.token, cand.entry)
            and not self.candidates.harm_instrument(cand.token, cand.entry),
        )


def _harmed(args: Any, noun: Any, index: Mapping[int, tuple[str, ...]]) -> Any:
    """"twenty soldiers died in the ambush": who was hurt is the act's recipient."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "during"):
        return args
    harm = noun.head.head
    if harm.lemma_.lower() not in coder_words().harm or harm.pos_ not in ("VERB", "AUX"):
        return args
    subj = next((c for c in harm.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    hurt = tuple(a for a in np_actors(subj, index) if a not in args.actor)
    return dataclasses.replace(args, recipient=hurt) if hurt else args


def _first_conjunct_clause(tok: Any) -> Any | None:
    """For a verb conjoined to a "that" clause ("alleged that A happened, and that B
    contributed and took part"), the first clause of the chain, a complement; else None."""
    if tok.dep_ != "conj" or tok.pos_ not in ("VERB", "AUX"):
        return None
    chain = [tok]
    while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1] and len(chain) < 6:
        chain.append(chain[-1].head)
    top = chain[-1]
    if top.dep_ == "ccomp" and any(c.dep_ == "mark" for t in chain for c in t.children):
        return top
    return None


def _with_scene_mentions(event: Event, cand: Candidate, content: list[Candidate], sent: Any, sent_i: int) -> Event:
    """"two were killed in the Taliban ambush": the ambush is a mention of the killing's
    happening (it stays the verb's content, whose doer it names)."""
    scenes = [c.token for c in content if c.kind == "noun" and c.licensed and c.entry.type == cand.entry.type
              and c.token.dep_ == "pobj" and c.token.head.head.i == cand.anchor.i]
    if not scenes:
        return event
    own = EventMention(event.trigger, event.trigger_span, event.span, sent_i)
    return dataclasses.replace(event, mentions=(own, *(
        EventMention(t.text, (t.idx, t.idx + len(t)), (sent.start_char, sent.end_char), sent_i) for t in scenes)))


def _presupposed_act(cand: Candidate, gov: Candidate) -> Candidate | None:
    """"accused of carrying out the Boston bombing", "charged with taking part in the
    attack": who did it is alleged, but a particular happening named by its noun is told
    as having happened; the noun is an event of its own, with no doer from the allegation."""
    if cand.kind != "light" or gov.entry.type not in nominal.REACTING or cand.token.pos_ != "NOUN":
        return None
    if not nominal.reports_happening(cand.token, cand.entry):
        return None
    return Candidate(cand.token, cand.token, cand.entry, "noun")


def _without_self(event: Event) -> Event:
    """No party is its own recipient in the syntax's reading (a mention of the actor again
    in the trigger's phrase); the event keeps its other recipients. The CAMEO convention
    that a state's domestic controls aim at its own country is applied after this."""
    own = {a.id for a in event.actor}
    if not any(r.id in own for r in event.recipient):
        return event
    rest = tuple(r for r in event.recipient if r.id not in own)
    return dataclasses.replace(event, recipient=rest, symmetric=event.symmetric and bool(rest))


def _keep(kept: dict[tuple[Any, ...], Event], event: Event) -> None:
    """One event per (type, actor, recipient): the most confident."""
    key = (event.type, tuple(a.id for a in event.actor), tuple(r.id for r in event.recipient))
    if key not in kept:
        kept[key] = event
        return
    # two triggers of one act in a sentence ("were killed in a Taliban ambush"): the more
    # confident one, which lists the other as a mention
    best, other = (event, kept[key]) if kept[key].confidence < event.confidence else (kept[key], event)
    mentions = {m.trigger_span: m for e in (best, other) for m in _own_mentions(e)}
    kept[key] = dataclasses.replace(best, mentions=tuple(sorted(mentions.values(), key=lambda m: m.trigger_span)))


def _own_mentions(event: Event) -> tuple[EventMention, ...]:
    return event.mentions or (EventMention(event.trigger, event.trigger_span, event.span, event.sentence_index),)


def _quote_event(sent: Any, sent_i: int, quote: Quote, etype: str, anchor: Any,
                 recipient: tuple[str, ...], refs: Mapping[str, ActorRef]) -> Event:
    """An ACCUSE/SUPPORT read from a judging quotation (see :mod:`.quoted`)."""
    mode, cameo = ("disapprove", "111") if etype == "ACCUSE" else (None, "051")
    return Event(
        id="", type=etype, mode=mode, contexts=ontology.contexts_for([t.lower_ for t in sent], etype),
        cameo=cameo, quad_class=ontology.PLOVER[etype].quad_class, intensity=ontology.intensity(etype, mode),
        goldstein=ontology.goldstein(cameo), actor=(quote.speaker,) if quote.speaker else (),
        recipient=tuple(refs[a] for a in recipient), symmetric=False, status="asserted",
        sentence_index=sent_i, span=(sent.start_char, sent.end_char), trigger=anchor.text,
        trigger_span=(anchor.idx, anchor.idx + len(anchor)), text=sent.text, confidence=0.5,
        trigger_token=anchor.i,
    )


#: Penalties that a force verb ("hit", "target", "strike") may carry as a figure.
_PENALTIES = frozenset({"sanction", "sanctions", "embargo", "tariff", "tariffs", "penalty", "penalties", "fine",
                        "fines", "ban", "bans", "restriction", "restrictions", "levy", "duty", "duties"})


def _with_sanctions(verb: Any) -> bool:
    """"hit X with sanctions", "targeted X with new tariffs": a sanction, not force."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # the parser may hang "with" on the object
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in _PENALTIES for g in c.children)
        for h in (verb, *objects) for c in h.children)


def _says_nothing(cand: Candidate) -> bool:
    if cand.type != "REJECT" or cand.kind != "verb":
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in coder_words().speech_only for c in cand.token.children)


def _purpose(tok: Any) -> bool:
    """An infinitive of purpose ("staged rallies to demand reforms")."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _modifier(anchor: Any) -> bool:
    """A relative clause or participle describing a noun (not "there were N killed")."""
    if anchor.dep_ in ("relcl", "amod"):
        return True
    return anchor.dep_ == "acl" and anchor.tag_ == "VBN" and not existential(anchor)


def _police(sent: Any, index: Mapping[int, tuple[str, ...]], refs: Mapping[str, ActorRef]) -> tuple[str, ...]:
    """The police actors named in the sentence (the implicit makers of its arrests)."""
    ids = (a for tok in sent for a in index.get(tok.i, ()))
    return tuple(dict.fromkeys(a for a in ids if a in refs and refs[a].sector == "COP"))


def _unlisted_police(cand: Candidate, index: Mapping[int, tuple[str, ...]],
                     refs: Mapping[str, ActorRef]) -> tuple[ActorRef, ...]:
    """The police as subject of a hyphenated verb ("the police lathi-charged the mob"):
    the parser makes the verb's first half the subject noun and "police" its modifier,
    where the actors stage lists nobody. The document's police actor of that name if
    there is one, else an implied police actor."""
    subj, passive = subject(cand.token)
    if subj is None or passive or subj.lemma_.lower() not in coder_words().police_nouns or index.get(subj.i):
        return ()
    prefix = subj.head  # "lathi" in "police lathi - charged": the verb two tokens on
    if prefix.dep_ != "nsubj" or prefix.head.i != prefix.i + 2 or prefix.nbor(1).tag_ != "HYPH":
        return ()
    same = [r for r in refs.values() if r.sector == "COP" and (r.name or "").lower() in (subj.lower_, subj.lemma_.lower())]
    return (same[0],) if same else (ActorRef("police", subj.text, None, "COP"),)


def _weapon_went_off(cand: Candidate) -> bool:
    """"the device that exploded on the bus": the explosion is reported, by nobody named."""
    return cand.kind == "verb" and "subj" in cand.entry.flags and cand.entry.mode == "explosives"


def _held_group(participle: Any) -> bool:
    """An arrest participle that names a group by it: "the arrested workers" (before its
    noun) or "those arrested"; a clause on a person ("the mayor, jailed a year ago") is
    background about them."""
    return participle.dep_ == "amod" or (participle.dep_ == "acl" and participle.head.lower_ in ("those", "all", "some"))

