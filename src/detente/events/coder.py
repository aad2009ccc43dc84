"""EventCoder: sentences -> PLOVER events, by dependency patterns over the lexicon.

Per sentence: (1) find candidate triggers — verbs of the lexicon, nouns governed by a
support verb ("held talks", "imposed sanctions"), nouns reported as happening ("clashes
erupted"); (2) a trigger inside the complement of another ("threatened to attack",
"urged Iran to release") is the content of its governor: it refines the governor's mode
and code instead of becoming an event; (3) status from the clause; PLOVER's reductions
(future cooperation -> AGREE, a future retreat or concession -> AGREE 035 "intent to
yield", force the actor announces or plans -> THREATEN);
(4) actor/recipient from :mod:`.patterns`; one event per (type, actor, recipient).

Confidence is a documented heuristic score in 0..1, not a learned probability, and it
ranks the events of a sentence (the top event is the one with the highest score):

- base: 0.75 verb trigger, 0.7 noun with a support verb or "X said Y must", 0.65 an
  intention verb, 0.6 noun standing alone; -0.2 for words the lexicon marks ``weak``;
- arguments: +0.1 when an actor is found, +0.05 with a recipient;
- clause: +0.05 for a main-clause trigger (the root, a conjunct of the root, or the clause
  a speech verb of the main clause reports: "X said Y attacked Z"); otherwise minus the
  summed penalty of the dependencies that embed it, capped at 0.35: complement 0.05,
  adverbial clause 0.1, relative clause / noun-modifying participle 0.15, gerund or clause
  object of a preposition ("suspected of blowing up", "accused of violating") 0.2;
- background: -0.1 for a past perfect ("whom they had taken hostage").
So an asserted main-clause verb with actor and recipient scores 0.95, the same verb in a
relative clause 0.75, a gerund inside an allegation 0.7 or less.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping, Sequence

from ..records import ActorAnalysis, ActorRef, Event, Quote
from . import ontology
from .lexicon import Entry, Lexicon
from .patterns import (
    DOMESTIC_SECTORS,
    DOMESTIC_TYPES,
    OCCURRENCE_VERBS,
    PLACE_TARGET_TYPES,
    Arguments,
    PlaceHit,
    actor_index,
    noun_arguments,
    place_targets,
    verb_arguments,
)
from .quoted import quote_judgements
from .status import SPEECH_VERBS, clause_status, instead, modal

log = logging.getLogger(__name__)

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
#: "X said Y must ..." is a demand of the speaker on Y (CAMEO 10).
OBLIGATION = frozenset({"must", "should"})
_MUST = Entry("must", "V", "REQUEST", None, "100")
_AGREE_CAMEO = {"CONSULT": "036", "AID": "033", "COOPERATE": "031", "SUPPORT": "032", "AGREE": "030"}


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


class EventCoder:
    """Codes the events of a parsed document.

    >>> coder = EventCoder()                       # doctest: +SKIP
    >>> coder.code(doc, actors, quotes, published)  # doctest: +SKIP
    """

    def __init__(self, lexicon: Lexicon | None = None, places: Any | None = None) -> None:
        """``places``: optional gazetteer (``lookup(name) -> entry with .country``) used to
        read a target named only by a city or region; country names work without it."""
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self.places = places

    def code(
        self, doc: Any, actors: ActorAnalysis, quotes: Sequence[Quote], published: dt.date | None
    ) -> tuple[Event, ...]:
        index = actor_index(actors)
        refs = {a.id: a.ref() for a in actors.actors}
        fill = _Filler(index, MappingProxyType(refs), _country_actors(actors), _person_ids(actors), self.places)
        events: list[Event] = []
        sents = list(doc.sents)
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
        fill: "_Filler",
    ) -> list[Event]:
        cands = self._candidates(sent)
        by_anchor = {c.anchor.i: c for c in cands if c.kind != "noun" or c.licensed}
        by_token = {c.token.i: c for c in cands}
        governed: dict[int, list[Candidate]] = {}  # id(governor) -> its content triggers
        inside: set[int] = set()
        for cand in cands:
            gov = self._governor(cand, by_anchor, by_token)
            if gov is not None:
                governed.setdefault(id(gov), []).append(cand)
                inside.add(id(cand))
        kept: dict[tuple[Any, ...], Event] = {}
        words = [t.lower_ for t in sent]
        for cand in cands:
            if not cand.licensed or id(cand) in inside:
                continue
            event = self._event(doc, sent, sent_i, cand, governed.get(id(cand), []), index, refs, words)
            if event is None:
                continue
            event = fill.recipient(event, cand, governed.get(id(cand), []))
            key = (event.type, tuple(a.id for a in event.actor), tuple(r.id for r in event.recipient))
            if key not in kept or kept[key].confidence < event.confidence:
                kept[key] = event
        return list(kept.values())

    def _candidates(self, sent: Any) -> list[Candidate]:
        out: list[Candidate] = []
        lights: set[int] = set()
        for tok in sent:
            if tok.dep_ == "amod":
                continue  # participles used as adjectives ("the detained sailors")
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ == "have"):
                cand = self._verb_candidate(tok)
                if cand is not None:
                    out.append(cand)
                    if cand.kind == "light":
                        lights.add(cand.token.i)
        for tok in sent:
            if tok.tag_ == "MD" and tok.lower_ in OBLIGATION and tok.head.dep_ == "ccomp":
                speech = tok.head.head
                if speech.lemma_.lower() in SPEECH_VERBS:
                    out.append(Candidate(tok.head, speech, _MUST, "must"))
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in lights:
                cand = self._noun_candidate(tok)
                if cand is not None:
                    out.append(cand)
        return out

    def _verb_candidate(self, verb: Any) -> Candidate | None:
        lemma = verb.lemma_.lower()
        particles = _particles(verb)
        obj = _object(verb)
        rows = self.lexicon.rows(lemma, "V")
        if any("stop" in e.flags and _verb_matches(verb, e, particles, obj) for e in rows):
            return None  # a sense that is no event ("met its targets", "pulled out bodies")
        light = self._light_candidate(verb, lemma, particles, obj)
        if light is not None:
            return light
        for entry in rows:
            if "stop" not in entry.flags and _verb_matches(verb, entry, particles, obj):
                return Candidate(verb, verb, entry, "verb")
        if self.lexicon.has_role(lemma, "-intent"):
            entry = Entry(lemma, "V", "AGREE", None, "030", flags=frozenset({"weak"}))
            return Candidate(verb, verb, entry, "intent")
        return None

    def _light_candidate(self, verb: Any, lemma: str, particles: set[str], obj: Any | None) -> Candidate | None:
        """A support verb whose noun gives the event: its object ("held talks"), with no
        object the noun of an in/on/into phrase ("engaged in talks", "went on strike"),
        and the noun of a preposition the lexicon names for the verb ("engage+in":
        "engaged the rebels in a firefight"; "arrive+for": "arrived for talks"). Other
        prepositions beside an object are not read: "issued a statement on the attack"."""
        if not (self.lexicon.has_role(lemma, "-light")
                or any(self.lexicon.has_role(f"{lemma}+{p}", "-light") for p in particles)):
            return None
        nouns = [obj] if obj is not None else []
        for c in verb.children:
            # the verb's own prepositions ("engage+in", "arrive+for": "arrived for talks")
            # always; in/on/into when there is no object
            if c.dep_ != "prep":
                continue
            if self.lexicon.has_role(f"{lemma}+{c.lower_}", "-light"):
                # also a gerund: "resorted to firing"
                nouns.extend(g for g in c.children if g.dep_ == "pobj" or (g.dep_ == "pcomp" and g.tag_ == "VBG"))
            elif obj is None and c.lower_ in _LIGHT_PREPS:
                nouns.extend(g for g in c.children if g.dep_ == "pobj")
        for noun in nouns:
            noun = _measured(noun)
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
        head = noun.head
        standalone = (
            noun.dep_ in ("nsubj", "nsubjpass")
            and head.lemma_.lower() in OCCURRENCE_VERBS
            and not entry.weak
            and not entry.marker
        )
        return Candidate(noun, noun, entry, "noun", licensed=standalone)

    def _governor(
        self, cand: Candidate, by_anchor: Mapping[int, Candidate], by_token: Mapping[int, Candidate]
    ) -> Candidate | None:
        """The trigger whose complement contains ``cand`` (through function verbs)."""
        tok = cand.anchor
        for _ in range(5):
            if tok.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "prep", "advcl", "relcl") or tok.head is tok:
                return None
            if tok.dep_ in ("advcl", "relcl") and tok.head.pos_ != "NOUN" and not _purpose(tok):
                return None  # adverbial clauses are separate events ("..., killing five")
            if instead(tok):
                return None  # "instead of arresting them, police released ...": not its content
            if tok.dep_ == "acl" and tok.head.i not in by_token and tok.head.dep_ in ("pobj", "npadvmod"):
                # a participle on an adjunct ("hurled stones for hours, forcing police to
                # open fire") reports a further event, not what the main verb is about
                return None
            tok = tok.head
            gov = by_anchor.get(tok.i) or by_token.get(tok.i)
            if gov is not None and gov is not cand:
                if gov.kind == "noun" and not gov.licensed and gov.anchor is gov.token:
                    return None
                return gov
            if tok.lemma_.lower() in SPEECH_VERBS:
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
        etype, mode, cameo = _refine(cand, content)
        if etype is None or _says_nothing(cand):
            return None
        if cand.kind == "must":
            args = _must_arguments(cand, index)
        elif cand.kind in ("verb", "intent"):
            args = verb_arguments(cand.token, cand.entry, index)
        else:
            args = noun_arguments(cand.token, cand.entry, cand.anchor if cand.kind == "light" else None, index)
        if content and not args.recipient:
            args = _content_recipient(args, content[0], index)
        status = clause_status(cand.anchor if cand.kind == "must" else cand.token, self.lexicon,
                               cand.anchor if cand.kind == "light" else None)
        etype, mode, cameo, status = _reduce(etype, mode, cameo, status, cand.anchor)
        weak = cand.entry.weak and not content
        if weak and not args.actor and not args.recipient:
            return None  # an ambiguous word with nobody involved is too weak to report
        if not args.actor and (cand.anchor.dep_ == "relcl" or (cand.anchor.dep_ == "acl" and cand.anchor.tag_ == "VBN")):
            return None  # background in a noun modifier ("the mayor, jailed last year")
        confidence = _confidence(cand, weak, args)
        first, last = (cand.anchor, cand.anchor) if cand.kind == "must" else (cand.token, cand.anchor)
        start = min(first.idx, last.idx)
        end = max(first.idx + len(first), last.idx + len(last))
        ptype = ontology.PLOVER[etype]
        return Event(
            id="",
            type=etype,
            mode=mode,
            contexts=ontology.contexts_for(words, etype),
            cameo=cameo,
            quad_class=ptype.quad_class,
            intensity=ontology.intensity(etype, mode),
            goldstein=ontology.goldstein(cameo),
            actor=tuple(refs[a] for a in args.actor if a in refs),
            recipient=tuple(refs[a] for a in args.recipient if a in refs),
            symmetric=args.symmetric,
            status=status,
            sentence_index=sent_i,
            span=(sent.start_char, sent.end_char),
            trigger=doc.text[start:end],
            trigger_span=(start, end),
            text=sent.text,
            confidence=confidence,
            trigger_token=cand.anchor.i,
        )


@dataclass(frozen=True)
class _Filler:
    """Recipient fallbacks of one document (CAMEO conventions, documented in
    :func:`_Filler.recipient`); built per :meth:`EventCoder.code` call."""

    index: Mapping[int, tuple[str, ...]]
    refs: Mapping[str, ActorRef]
    countries: Mapping[str, str]  # ids of country actors -> code
    persons: frozenset[str]
    places: Any | None

    def recipient(self, event: Event, cand: Candidate, content: Sequence[Candidate]) -> Event:
        """Fill a recipient the syntax left without a country:

        1. a group of a domestic sector (rebels, opposition, civilians, journalists ...)
           with no country, acted on by a state of one country in a repressive or critical
           event, belongs to that country ("the government accused the rebels");
        2. otherwise a place in a locative phrase of the trigger, of its content ("threatened
           to ban voting in X") or of its objects ("a force in Liberia", "targets in Jericho")
           names the target: always for a place on the object; on the trigger itself only in
           another country than the actor's, or for a protest (the authorities where it is
           staged) and a visit (the host). Never for other CONSULT events (the place is the
           venue). The event keeps its confidence (no recipient bonus)."""
        actor_countries = {a.country for a in event.actor if a.country}
        if any(r.country for r in event.recipient):
            return event
        if event.recipient and len(actor_countries) == 1 and event.type in DOMESTIC_TYPES:
            country = next(iter(actor_countries))
            if all(r.sector in DOMESTIC_SECTORS and r.id not in self.persons for r in event.recipient):
                return dataclasses.replace(
                    event, recipient=tuple(dataclasses.replace(r, country=country) for r in event.recipient))
        hit = self._place(event, cand, content, actor_countries)
        if hit is None:
            return event
        ref = self.refs.get(hit.actor_id or "") or ActorRef(f"place:{hit.name}", hit.name, hit.country, None)
        return dataclasses.replace(event, recipient=event.recipient + (ref,))

    def _place(self, event: Event, cand: Candidate, content: Sequence[Candidate], actor_countries: set[str]
               ) -> PlaceHit | None:
        visit = event.type == "CONSULT" and event.cameo == "042"
        if (event.type not in PLACE_TARGET_TYPES and not visit) or event.cameo == _AGREE_CAMEO["CONSULT"]:
            return None  # a meeting's place (also a promised meeting's) is its venue
        heads = [cand.token] + ([cand.anchor] if cand.anchor.i != cand.token.i else [])
        heads += [c.token for c in content]
        for hit in place_targets(heads, self.index, self.countries, self.places):
            if hit.on_object or visit or event.type == "PROTEST" or hit.country not in actor_countries:
                return hit
        return None


def _country_actors(actors: ActorAnalysis) -> dict[str, str]:
    return {a.id: a.country for a in actors.actors if a.kind == "country" and a.country}


def _person_ids(actors: ActorAnalysis) -> frozenset[str]:
    return frozenset(a.id for a in actors.actors if a.kind == "person")


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


def _must_arguments(cand: Candidate, index: Mapping[int, tuple[str, ...]]) -> Arguments:
    from .patterns import np_actors, subject

    speaker, _ = subject(cand.anchor)
    target, _ = subject(cand.token)
    actor = np_actors(speaker, index)
    return Arguments(tuple(actor), tuple(a for a in np_actors(target, index) if a not in actor), False)


def _content_recipient(args: Arguments, inner: Candidate, index: Mapping[int, tuple[str, ...]]) -> Arguments:
    """A promise or demand with no recipient of its own takes the one of its content
    ("offered to hand over the suspects to Britain")."""
    if inner.kind == "verb":
        sub = verb_arguments(inner.token, inner.entry, index)
    else:
        sub = noun_arguments(inner.token, inner.entry, inner.anchor if inner.kind == "light" else None, index)
    recipient = tuple(a for a in sub.recipient if a not in args.actor)
    return dataclasses.replace(args, recipient=recipient) if recipient else args


#: "declined to comment": a refusal to speak is not a political rejection.
_SPEECH_ONLY = frozenset({"comment", "elaborate", "say", "speculate", "confirm", "specify", "discuss", "give", "answer"})


def _says_nothing(cand: Candidate) -> bool:
    if cand.type != "REJECT" or cand.kind != "verb":
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in _SPEECH_ONLY for c in cand.token.children)


def _purpose(tok: Any) -> bool:
    """An infinitive of purpose ("staged rallies to demand reforms")."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _object(verb: Any) -> Any | None:
    """The direct object, or the patient of a passive (also one inherited by a conjunct)."""
    from .patterns import subject

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


def _object_words(obj: Any, depth: int = 0) -> set[str]:
    """The object's lemma and its compound modifiers ("aid deliveries", "mediation efforts");
    for a measure ("500 tons of medicine", "$5 million worth of food") also the measured;
    and the same for its conjuncts ("photographs and other intelligence")."""
    words = {obj.lemma_.lower(), obj.lower_}
    words |= {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
    if obj.lower_ in _PERSONAL_PRONOUNS or obj.ent_type_ == "PERSON":
        words.add("person")  # "arrested him", "picked up Ansari": rows constrained to @PERSON
    inner = _measured(obj)
    if inner is not obj and depth < 3:
        words |= _object_words(inner, depth + 1)
    for c in obj.children:
        if c.dep_ == "conj" and depth < 3:
            words |= _object_words(c, depth + 1)
    return words


#: Nouns that measure or package what follows "of": the "of" object is the real object.
QUANTITY_NOUNS = frozenset(
    {"ton", "tons", "tonne", "tonnes", "kg", "kilogram", "kilograms", "kilo", "kilos", "pound", "pounds",
     "litre", "litres", "liter", "liters", "gallon", "gallons", "barrel", "barrels", "worth", "lot", "lots",
     "shipment", "shipments", "consignment", "consignments", "batch", "batches", "load", "loads", "truckload",
     "truckloads", "planeload", "planeloads", "shipload", "cargo", "convoy", "convoys", "package", "packages",
     "packet", "packets", "bag", "bags", "sack", "sacks", "box", "boxes", "crate", "crates", "container",
     "containers", "quantity", "quantities", "amount", "amounts", "supply", "supplies", "delivery",
     "deliveries", "tranche", "tranches", "installment", "instalment", "round", "rounds", "million", "billion",
     "thousand", "thousands", "hundreds", "millions", "billions", "dozen", "dozens", "unit", "units",
     # spans, series and parts: "10 days of war games", "a wave of arrests", "part of the town"
     "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "series", "wave",
     "waves", "spate", "string", "flurry", "part", "parts", "portion", "portions", "half", "bulk", "rest",
     "majority", "share"}
)
_PERSONAL_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "he", "she", "they", "we"})
#: Prepositions whose object a support verb may take as its event noun.
_LIGHT_PREPS = frozenset({"in", "on", "into"})


def _measured(noun: Any) -> Any:
    """The noun measured by a quantity noun ("tons of medicine" -> medicine), else ``noun``."""
    for _ in range(3):
        if noun.lemma_.lower() not in QUANTITY_NOUNS and noun.lower_ not in QUANTITY_NOUNS:
            return noun
        inner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is None:
            return noun
        noun = inner
    return noun


def _particles(verb: Any) -> set[str]:
    """What a row's verb marker may name: particles and prepositions of the verb, the two
    words before it ("lathi charge"), a predicative adjective ("held X responsible",
    "found X guilty"), and preposition+object lemma ("placed under+arrest", "took
    into+custody", "hacked to+death"), which a bare "to"/"under" could not say safely."""
    out = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod", "compound", "npadvmod")}
    out |= {verb.doc[j].lower_ for j in range(max(verb.i - 2, verb.sent.start), verb.i)}
    out |= {c.lower_ for c in verb.children
            if c.pos_ == "ADJ" and c.dep_ in ("oprd", "acomp", "advcl", "ccomp", "xcomp")}
    out |= {f"{c.lower_}+{g.lemma_.lower()}" for c in verb.children if c.dep_ in ("prep", "dative", "agent")
            for g in c.children if g.dep_ == "pobj"}  # the agent too: "picked up by+police"
    return out


def _verb_matches(verb: Any, entry: Entry, particles: set[str], obj: Any | None) -> bool:
    if entry.marker and not (entry.marker & particles):
        return False
    if entry.objects:
        if obj is None or not (_object_words(obj) & entry.objects):
            return False
    if "obj" in entry.flags and obj is None and not any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in verb.children):
        return False
    if "prep" in entry.flags and not any(c.dep_ == "prep" and c.lower_ in entry.preps and not _when(c)
                                         for c in verb.children):
        return False
    if "intrans" in entry.flags and (obj is not None or any(c.dep_ in ("dobj", "dative") for c in verb.children)):
        return False
    return True


def _when(prep: Any) -> bool:
    """A time phrase ("on Monday"), which cannot introduce a target."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _refine(cand: Candidate, content: list[Candidate]) -> tuple[str | None, str | None, str]:
    """Type, mode and CAMEO code of a trigger, given the triggers in its complement."""
    entry = cand.entry
    etype, mode, cameo = entry.type, entry.mode, entry.cameo
    inner = content[0] if content else None
    if inner is None:
        return etype, mode, cameo
    itype = inner.type
    if cand.kind == "intent" or etype == "AGREE":
        if itype in COOPERATIVE:
            return "AGREE", None, _AGREE_CAMEO.get(itype, "030")
        if itype in ("RETREAT", "CONCEDE"):
            return "AGREE", None, "035"  # intent to yield (CAMEO 035, AGREE in CAMEO->PLOVER)
        if itype in FORCEFUL | {"PROTEST"} and cand.kind == "intent":
            return "THREATEN", _threat_mode(inner), _threat_cameo(inner)
        return etype, mode, cameo
    if etype in ("REQUEST", "REJECT"):
        base = "120" if etype == "REJECT" else ("100" if cameo.startswith("10") else "020")
        digit = _CONTENT_DIGIT[base].get(itype)
        return etype, _ASK_MODE.get(itype, "change"), (base[:2] + digit if digit else cameo)
    if etype == "THREATEN":
        return etype, _threat_mode(inner), _threat_cameo(inner)
    return etype, mode, cameo


def _threat_mode(inner: Candidate) -> str:
    if inner.type == "COERCE":
        return "arrest" if inner.entry.mode == "arrest" else ("expel" if inner.entry.mode == "deport" else "restrict")
    if inner.type == "SANCTION":
        return "expel" if inner.entry.mode == "expel" else "relations"
    if inner.type == "PROTEST":
        return "restrict"
    return "violence"


def _threat_cameo(inner: Candidate) -> str:
    return {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "132", "PROTEST": "133"}.get(
        inner.type, "130"
    )


def _reduce(etype: str, mode: str | None, cameo: str, status: str, anchor: Any) -> tuple[str, str | None, str, str]:
    """PLOVER's rules for future actions: cooperation becomes AGREE, a retreat CONCEDE,
    and force announced under a speech verb ("said it would strike") a THREATEN."""
    unless = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in anchor.children)
    if status == "negated" and etype == "AGREE":
        return "REJECT", None, "120", "asserted"  # not agreeing is a rejection
    if status == "negated" and etype in COOPERATIVE and (_reported(anchor) or modal(anchor) in ("will", "would")):
        # "said it would not provide aid": a stated refusal
        return "REJECT", "assist" if etype in ("AID", "COOPERATE", "SUPPORT") else "meet", "120", "asserted"
    if status == "negated" and etype in ("CONCEDE", "RETREAT") and (_reported(anchor) or modal(anchor) in ("will", "would")):
        return "REJECT", "yield", "124", "asserted"  # "said it would not meet the demands"
    if unless and status != "negated" and etype not in COOPERATIVE:
        return "THREATEN", "restrict" if etype == "PROTEST" else "violence", "130", "asserted"
    if status != "future" and status != "hypothetical":
        return etype, mode, cameo, status
    if status == "future" and etype in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
        return "AGREE", None, _AGREE_CAMEO[etype], status
    if status == "future" and (etype == "RETREAT" or (etype == "CONCEDE" and not _decided(anchor))):
        return "AGREE", None, "035", status  # intent to yield (CAMEO 035), as for "promised to"
    if etype in FORCEFUL | {"PROTEST"} and (_reported(anchor) or modal(anchor) in ("will", "would", "shall")
                                            or _announced_plan(anchor)):
        fake = Candidate(anchor, anchor, Entry("", "V", etype, mode, cameo), "verb")
        return "THREATEN", _threat_mode(fake), _threat_cameo(fake), "asserted"
    return etype, mode, cameo, status


#: Heads of stated readiness: "is ready/prepared to strike" is a warning, while "plans
#: to attack" stays a future ASSAULT unless a speech verb reports it.
_READINESS = frozenset({"ready", "prepared", "prepare"})


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
        if cur.lemma_.lower() in _READINESS or cur.lower_ in _READINESS or _reported(cur):
            return True
    return False


def _reported(tok: Any) -> bool:
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj":
            cur = cur.head
        elif cur.dep_ == "ccomp":
            return cur.head.lemma_.lower() in SPEECH_VERBS
        else:
            return False
    return False


def _confidence(cand: Candidate, weak: bool, args: Arguments) -> float:
    score = {"verb": 0.75, "must": 0.7, "intent": 0.65, "light": 0.7, "noun": 0.6}[cand.kind]
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
        if dep in ("ccomp", "parataxis") and head.lemma_.lower() in SPEECH_VERBS and _main(head):
            break  # "X said Y attacked Z": the reported clause is the news
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
