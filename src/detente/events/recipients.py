"""Recipients the syntax does not give: CAMEO conventions for domestic targets and
place-named targets (:class:`RecipientFiller`), the recipient of a promise's or demand's
content, and the parties of "X said Y must ..."."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..nlp import sentence_of, sentences
from ..records import ActorAnalysis, ActorRef, Event
from ..tables import read_word_lists_as
from . import ontology
from .locatives import (
    PlaceHit,
    place_of,
    place_targets,
)
from .patterns import (
    Arguments,
    child,
    noun_arguments,
    np_actors,
    subject,
    verb_arguments,
)
from .reductions import AGREE_CAMEO
from .triggers import Candidate

#: CAMEO codes of a state's measures of control over its own territory and their easing:
#: ease restrictions (081), threaten repression (137), impose restrictions (172), arrest (173).
DOMESTIC_CONTROL_CAMEO = ("081", "137", "172", "173")
#: Codes of actors that are no state: international, non-governmental and transnational bodies.
NONSTATE = frozenset({"IGO", "EUR", "NGO", "IMG", "ISM", "MNC", "UNO"})


@dataclass(frozen=True, slots=True)
class RecipientWords:
    """This module's word lists (``data/events/words/recipients.tsv``), read once by :func:`recipient_words`."""

    #: Prepositions that place a group somewhere ("prisoners in Iraq", "refugees at the camp in X").
    placing_preps: frozenset[str]
    #: Verbs of taking part in a meeting somewhere (the lexicon's CONSULT rows).
    attending: frozenset[str]
    #: Participles naming a meeting's host ("a summit hosted by Egypt").
    hosting: frozenset[str]


@functools.cache
def recipient_words() -> RecipientWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(RecipientWords, "events/words/recipients.tsv")


@dataclass(frozen=True)
class RecipientFiller:
    """Recipient fallbacks of one document (CAMEO conventions, documented in
    :meth:`RecipientFiller.recipient`); built per :meth:`.coder.EventCoder.code` call."""

    index: Mapping[int, tuple[str, ...]]
    refs: Mapping[str, ActorRef]
    countries: Mapping[str, str]  # ids of country actors -> code
    persons: frozenset[str]
    places: Any | None

    def recipient(self, event: Event, cand: Candidate, content: Sequence[Candidate]) -> Event:
        """Fill a recipient the syntax left without a country:

        0. a group with no country placed "in" a country by its own phrase belongs there
           ("demanded that parties to the conflict in Iraq ...", "prisoners in Iraq");
        1. a group of a domestic sector (rebels, opposition, civilians, journalists ...)
           with no country, acted on by organs of the state of one country in a repressive or critical
           event, belongs to that country ("the government accused the rebels"); refugees
           are not the receiving state's own, and an international body has no population;
        2. otherwise a place in a locative phrase of the trigger, of its content ("threatened
           to ban voting in X") or of its objects ("a force in Liberia", "targets in Jericho")
           names the target: always for a place on the object; on the trigger itself only in
           another country than the actor's, or for a protest (the authorities where it is
           staged) and a visit (the host). Never for other CONSULT events (the place is the
           venue). The event keeps its confidence (no recipient bonus);
        3. see :meth:`_own_country`."""
        actor_countries = {a.country for a in event.actor if a.country}
        if (event.type in ontology.type_group("self_free") and event.recipient and len(actor_countries) == 1
                and all(r.id in self.countries and r.country in actor_countries for r in event.recipient)):
            # "promised to democratize Serbia", "a ceasefire in south Lebanon": a state's
            # own name in its cooperative or conciliatory act is where, not whom
            return dataclasses.replace(event, recipient=())
        if any(r.country for r in event.recipient):
            return event
        placed = event.type in ontology.type_group("place_target") | {"SUPPORT"}
        located = self._located(event.recipient, cand) if placed else event.recipient
        if located != event.recipient:  # (a meeting's "in" is its venue: "met with the rebels in X")
            return dataclasses.replace(event, recipient=located)
        if (event.recipient and len(actor_countries) == 1 and event.type in ontology.type_group("domestic")
                and not actor_countries & NONSTATE and all(self._state_organ(a) for a in event.actor)):
            country = next(iter(actor_countries))
            domestic = ontology.sector_group("domestic") - {"REF"}
            if all(r.sector in domestic and r.id not in self.persons for r in event.recipient):
                return dataclasses.replace(
                    event, recipient=tuple(dataclasses.replace(r, country=country) for r in event.recipient))
        hit = self._place(event, cand, content, actor_countries)
        if hit is None:
            return self._own_country(event, actor_countries)
        ref = self.refs.get(hit.actor_id or "") or ActorRef(f"place:{hit.name}", hit.name, hit.country, None)
        return dataclasses.replace(event, recipient=event.recipient + (ref,))

    def _located(self, recipient: tuple[ActorRef, ...], cand: Candidate) -> tuple[ActorRef, ...]:
        """Recipients with no country that their own phrase places in one (rule 0)."""
        doc = cand.anchor.doc
        sent = sentences(doc)[sentence_of(doc)[cand.anchor.i]]  # cand.anchor.sent without the walk
        out = []
        for ref in recipient:
            heads = [t for t in sent if ref.id in self.index.get(t.i, ()) and ref.id not in self.index.get(t.head.i, ())]
            country = None
            if ref.country is None and ref.id not in self.persons and len(heads) == 1:
                country = self._placed_in(heads[0], depth=2)
            out.append(dataclasses.replace(ref, country=country) if country else ref)
        return tuple(out)

    def _placed_in(self, head: Any, depth: int) -> str | None:
        """The country of an "in/at" place in the phrase of ``head`` ("parties to the
        conflict in Iraq": through one more preposition), also of a participle that
        describes the group ("refugees fleeing the war in Liberia", "civilians living in X")."""
        for prep in (c for c in head.children if c.dep_ == "prep"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                placing = prep.lower_ in recipient_words().placing_preps
                hit = place_of(pobj, self.index, self.countries, self.places, True) if placing else None
                if hit is not None:
                    return hit.country
                found = self._placed_in(pobj, depth - 1) if depth > 1 else None
                if found:
                    return found
        for part in (c for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") and depth > 1):
            found = self._placed_in(part, depth - 1) or next(
                (f for o in part.children if o.dep_ == "dobj" and (f := self._placed_in(o, depth - 1))), None)
            if found:
                return found
        return None

    def host(self, event: Event, cand: Candidate) -> Event:
        """Attending a meeting held in another country is a visit to it: PLOVER codes
        the visitor as actor and the host as recipient (CONSULT visit, CAMEO 042); a
        future attendance is an AGREE (036) with the same host. The host is the place of
        an "in/at" phrase of the verb or of the meeting ("a summit in Switzerland") or a
        city naming the meeting ("the Davos forum"); a topic ("a summit on Iran") is no
        venue; a state named as host ("a summit hosted by Egypt") is the host. Only a
        host other than the actor's own country counts, and only when the meeting has no
        other party as recipient."""
        if (cand.entry.type != "CONSULT" or cand.entry.lemma not in recipient_words().attending
                or event.type not in ("CONSULT", "AGREE") or cand.kind not in ("verb", "intent")):
            return event
        own = {a.country for a in event.actor if a.country}
        hit = self._venue(cand.token)
        if not own or hit is None or hit.country in own:
            return event
        if any(r.country != hit.country for r in event.recipient):
            return event
        ref = self.refs.get(hit.actor_id or "") or self._country_ref(hit.country)
        event = dataclasses.replace(event, recipient=(ref,))
        if event.type != "CONSULT":
            return event
        return dataclasses.replace(event, mode="visit", cameo="042", intensity=ontology.intensity("CONSULT", "visit"),
                                   goldstein=ontology.goldstein("042"))

    def _venue(self, verb: Any) -> PlaceHit | None:
        meeting = child(verb, "dobj")
        host = self._named_host(meeting) if meeting is not None else None
        if host is not None:
            return host
        owners = [verb] + ([meeting] if meeting is not None else [])
        for owner in owners:
            for c in owner.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for pobj in (g for g in c.children if g.dep_ == "pobj"):
                        hit = place_of(pobj, self.index, self.countries, self.places, False) or self._demonym_place(pobj)
                        if hit is not None:
                            return hit
        if meeting is None or self.places is None:
            return None
        for mod in (c for c in meeting.children if c.dep_ == "compound" and c.pos_ == "PROPN"):
            entry = self.places.lookup(mod.text)
            if entry is not None and entry.country and getattr(entry, "kind", None) == "city":
                # a city names where a meeting is held ("the Geneva talks"); a country
                # before a meeting is its subject or party ("the Iran talks")
                return PlaceHit(entry.country, entry.name, None, False)
        return None

    def _named_host(self, meeting: Any) -> PlaceHit | None:
        """A state named as the meeting's host: "a summit hosted by Egypt"."""
        for part in (c for c in meeting.children if c.dep_ == "acl" and c.lemma_.lower() in recipient_words().hosting):
            by = next((g for a in part.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
            for actor_id in self.index.get(by.i, ()) if by is not None else ():
                if actor_id in self.countries:
                    return PlaceHit(self.countries[actor_id], by.text, actor_id, False)
        return None

    def _demonym_place(self, pobj: Any) -> PlaceHit | None:
        """"in the Swiss capital", "at a Swiss resort": a place noun whose adjective is a state's."""
        if pobj.pos_ != "NOUN":
            return None
        for mod in (c for c in pobj.children if c.dep_ in ("amod", "compound")):
            for actor_id in self.index.get(mod.i, ()):
                if actor_id in self.countries:
                    return PlaceHit(self.countries[actor_id], mod.text, actor_id, False)
        return None

    def authorities(self, event: Event, cand: Candidate) -> Event:
        """An arrest, charge or investigation in the passive with no agent, staged in a
        named country, is the act of that country's authorities ("a missionary was
        arrested in Lebanon", "was put under investigation in Italy"). A killing with no
        named perpetrator is left without an actor: who killed is not known from the text."""
        if event.actor or event.type not in ("COERCE", "ACCUSE") or cand.kind not in ("verb", "intent"):
            return event
        _, passive = subject(cand.token)
        if not passive:
            return event
        own = {r.country for r in event.recipient}
        for hit in place_targets([cand.token], self.index, self.countries, self.places):
            if hit.country:
                ref = self._country_ref(hit.country)
                if event.mode == "arrest":  # arrests are made by the police, by definition
                    ref = ActorRef(f"police:{hit.country}", f"{ref.name} police", hit.country, "COP")
                recipient = event.recipient
                if hit.country in own and hit.actor_id in {r.id for r in recipient}:
                    recipient = tuple(r for r in recipient if r.id != hit.actor_id)  # the place, not a party
                return dataclasses.replace(event, actor=(ref,), recipient=recipient)
        return event

    def _own_country(self, event: Event, actor_countries: set[str]) -> Event:
        """3. a state's acts of domestic control with nobody named (curfews, martial law,
        states of emergency, arrests, and the lifting of such measures) are aimed at its
        own country (CAMEO 081x, 137, 172x, 173)."""
        if (event.recipient or len(actor_countries) != 1 or not event.cameo
                or not event.cameo.startswith(DOMESTIC_CONTROL_CAMEO)
                or not all(self._state_organ(a) for a in event.actor)):
            return event
        return dataclasses.replace(event, recipient=(self._country_ref(next(iter(actor_countries))),))

    def _state_organ(self, ref: ActorRef) -> bool:
        """Only a state acts on its own population: bombers or rebels who kill people
        do not make the victims their compatriots."""
        return ref.sector in ontology.sector_group("state") or (ref.sector is None and ref.id in self.countries)

    def protesters(self, event: Event, cand: Candidate) -> Event:
        """A protest is staged before the authorities of its place (PLOVER): protesters
        with no country take the country where they protest ("students throughout
        Indonesia staged rallies"), and a protest with no named target is aimed at the
        government of the protesters' one country."""
        if event.type != "PROTEST":
            return event
        actor = event.actor
        if actor and not any(a.country for a in actor):
            subj, passive = subject(cand.anchor)
            heads = [h for h in (subj if not passive else None, cand.token, cand.anchor) if h is not None]
            hit = next(iter(place_targets(heads, self.index, self.countries, self.places)), None)
            if hit is not None and all(a.sector in ontology.sector_group("domestic") | {"CVL", None} for a in actor):
                actor = tuple(dataclasses.replace(a, country=hit.country) for a in actor)
        recipient = event.recipient
        state = ontology.sector_group("state")
        states = {r.country for r in recipient if r.country and (r.sector in state or r.sector is None)}
        if event.cameo == "142" and actor and not any(a.country for a in actor) and len(states) == 1 and all(
                a.sector in ontology.sector_group("domestic") | {"CVL", None} for a in actor):
            # hunger strikers are in the custody or territory of the one state they target
            # ("ethnic Turks began a hunger strike against Sweden's decision")
            actor = tuple(dataclasses.replace(a, country=next(iter(states))) for a in actor)
        countries = {a.country for a in actor if a.country}
        if len(countries) == 1:
            code = next(iter(countries))
            if not recipient:
                recipient = (self._country_ref(code),)
            elif not any(r.country for r in recipient) and all(
                    r.id not in self.persons and r.sector not in ("MIL", "COP") for r in recipient):
                # "a hunger strike outside Parliament": the protesters' own institutions; not
                # the forces they clash with ("threw stones at soldiers"), whose state the
                # text does not say (they may be an occupier's)
                recipient = tuple(dataclasses.replace(r, country=code) for r in recipient)
        return dataclasses.replace(event, actor=actor, recipient=recipient)

    def _country_ref(self, code: str) -> ActorRef:
        """The document's actor for a country, else a reference to its government."""
        for actor_id, country in self.countries.items():
            if country == code and actor_id in self.refs:
                return self.refs[actor_id]
        import pycountry  # the country's name for the reference; a lazy import of a package table

        entry = pycountry.countries.get(alpha_3=code)
        return ActorRef(f"country:{code}", getattr(entry, "name", code), code, "GOV")

    def _place(self, event: Event, cand: Candidate, content: Sequence[Candidate], actor_countries: set[str]
               ) -> PlaceHit | None:
        visit = event.type == "CONSULT" and event.cameo == "042"
        placed = event.type in ontology.type_group("place_target")
        if (not placed and not visit) or event.cameo == AGREE_CAMEO["CONSULT"]:
            return None  # a meeting's place (also a promised meeting's) is its venue
        heads = [cand.token] + ([cand.anchor] if cand.anchor.i != cand.token.i else [])
        heads += [c.token for c in content]
        for hit in place_targets(heads, self.index, self.countries, self.places):
            if hit.on_object or visit or event.type == "PROTEST" or hit.country not in actor_countries:
                return hit
        return None


def country_actors(actors: ActorAnalysis) -> dict[str, str]:
    return {a.id: a.country for a in actors.actors if a.kind == "country" and a.country}


def person_ids(actors: ActorAnalysis) -> frozenset[str]:
    return frozenset(a.id for a in actors.actors if a.kind == "person")


def must_arguments(cand: Candidate, index: Mapping[int, tuple[str, ...]]) -> Arguments:
    speaker, _ = subject(cand.anchor)
    target, _ = subject(cand.token)
    actor = np_actors(speaker, index)
    return Arguments(tuple(actor), tuple(a for a in np_actors(target, index) if a not in actor), False)


def conditional_recipient(args: Arguments, heads: Sequence[Any], index: Mapping[int, tuple[str, ...]]) -> Arguments:
    """A threat is aimed at the party whose conduct is its condition ("threatened to
    strike unless/if Y ..."): the subject of an if/unless clause of the threat or its content."""
    for head in heads:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                subj, _ = subject(c)
                found = tuple(a for a in np_actors(subj, index) if a not in args.actor)
                if found:
                    return dataclasses.replace(args, recipient=found)
    return args


def content_recipient(args: Arguments, inner: Candidate, index: Mapping[int, tuple[str, ...]]) -> Arguments:
    """A promise or demand with no recipient of its own takes the one of its content
    ("offered to hand over the suspects to Britain")."""
    if inner.kind == "verb":
        sub = verb_arguments(inner.token, inner.entry, index)
    else:
        sub = noun_arguments(inner.token, inner.entry, inner.anchor if inner.kind == "light" else None, index)
    recipient = tuple(a for a in sub.recipient if a not in args.actor)
    return dataclasses.replace(args, recipient=recipient) if recipient else args

