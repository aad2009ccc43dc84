"""One event per happening: mentions of one attack, protest, arrest or meeting in an
article become one event ("a car bomb exploded ... the blast ... claimed responsibility
for the attack").

When two mentions are one event (read in text order, each joined to the nearest earlier
event it fits):

- the same PLOVER type, of a happening (ASSAULT, PROTEST, COERCE, CONSULT, SANCTION), and
  no two different modes (a bombing and a shooting are two acts; "the attack" fits either);
- the same realisation: asserted and historical go together, a future, hypothetical or
  negated mention only joins one of its own status;
- compatible participants: when both name actors, they share one (by id, or the same
  country and sector); when both name recipients, they share one, unless the later
  mention refers back ("the attack", "this bombing", "Saturday's attack"), which often
  names another victim of the same act; nobody is actor of one and recipient of the other
  unless the event is symmetric;
- compatible time and place: two dates the text gives must agree at the coarser precision
  ("2024-05" and "2024-05-03"), two places must lie in the same country;
- the later mention refers back (a definite, demonstrative or possessive noun, or a
  claim of responsibility), or it shares an actor with the earlier one, or a recipient
  when both or neither name an actor ("police fired, killing X" and "X was killed by a
  mob" are not joined on X alone), or it is in the same sentence; a mention marked as another ("another attack", "a second blast", "a new
  protest") always starts an event of its own.

The merged event keeps the most informative mention's trigger, sentence and text (most
parties, then a date of its own, then a place, then confidence), gathers participants,
the most precise date and a place from all mentions, and lists every mention in
``mentions``. Limits: no world knowledge (two differently-described attacks on one day
in one city with no parties named are merged when the second refers back); events of
different types are never merged (an ASSAULT and the COERCE of its perpetrators stay two).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from ..records import ActorRef, Event, EventMention
from .candidates import coder_words
from .nominal import NEW_ONE

#: Types whose events are happenings that several sentences may report.
MERGEABLE = frozenset({"ASSAULT", "PROTEST", "COERCE", "CONSULT", "SANCTION"})
_REALISED = frozenset({"asserted", "historical"})
_BACK = frozenset({"the", "this", "that", "these", "those"})
#: Ordinal words written as numbers ("a 2nd attack") or adverbs ("attacked again").
_AGAIN = frozenset({"again", "also"})
#: How many sentences on a definite noun of a kind of act may still join a mention that
#: named no kind ("five were killed on Monday. ... The blast ...").
_NEAR = 3


@dataclasses.dataclass(slots=True)
class _Cluster:
    events: list[Event]
    new: bool  # the first mention was marked as another happening

    @property
    def last_sentence(self) -> int:
        return self.events[-1].sentence_index


def merge_mentions(doc: Any, events: Sequence[Event], event_noun: Callable[[str], bool] = lambda _: False) -> list[Event]:
    """The events of one article, mentions of one happening merged (see the module).
    ``event_noun(lemma)``: whether a noun names an event ("the blast killed five" is
    the blast's mention)."""
    clusters: list[_Cluster] = []
    for event in sorted(events, key=lambda e: e.trigger_span[0]):
        kind = _mention_kind(doc, event, event_noun)
        target = None
        if event.type in MERGEABLE and kind != "new":
            target = next((c for c in reversed(clusters) if _fits(c, event, kind)), None)
        if target is None:
            clusters.append(_Cluster([event], kind == "new"))
        else:
            target.events.append(event)
    # a bare back-reference ("the attack") with no earlier mention to join tells nothing
    merged = [_merge(c.events) for c in clusters if not all(e.anaphoric for e in c.events)]
    merged.sort(key=lambda e: (e.trigger_span[0], e.type))
    return [dataclasses.replace(e, id=f"e{n}") for n, e in enumerate(merged, 1)]


def _mention_kind(doc: Any, event: Event, event_noun: Callable[[str], bool]) -> str:
    """"new" (another happening), "back" (refers to one already told), or "plain"."""
    if event.trigger_token < 0 or doc is None:
        return "plain"
    anchor = doc[event.trigger_token]
    if _claim(anchor):
        return "claim"
    if (anchor.dep_ == "advcl" and anchor.tag_ == "VBG" and anchor.i > 0 and doc[anchor.i - 1].text == ","
            and not any(c.dep_ in ("nsubj", "mark") for c in anchor.children)):
        return f"result:{anchor.head.i}"  # "a bomb exploded, killing three": the blast's toll
    spans = [event.trigger_span, *(m.trigger_span for m in event.mentions or ())]  # and its scene nouns
    toks = [t for t in doc[max(0, event.trigger_token - 12): event.trigger_token + 12]
            if any(s <= t.idx < e for s, e in spans)] or [doc[event.trigger_token]]
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    for tok in toks:
        mods = {c.lower_ for c in tok.children if c.dep_ in ("det", "amod", "advmod", "nummod")}
        if mods & NEW_ONE or (tok.pos_ == "VERB" and mods & _AGAIN) or _distributive(tok):
            return "new"
    names = [c.text for n in nouns for c in _own_names(n)]
    if names:
        # "the Manchester bombing": named by its own place or party; a back-reference
        # only to a happening told with that name ("the Rolando bombing")
        return "named:" + "|".join(names)
    # "the blast killed five": a verb whose subject is an event noun told before
    nouns += [c for t in toks if t.pos_ == "VERB" for c in t.children
              if c.dep_ == "nsubj" and c.pos_ == "NOUN" and event_noun(c.lemma_.lower())]
    for noun in nouns:
        if any((c.dep_ == "det" and c.lower_ in _BACK) or c.dep_ == "poss" for c in noun.children):
            return "back"
    return "plain"


def _claim(anchor: Any) -> bool:
    """"X claimed responsibility for the attack", "X was behind the bombing": a claim
    or attribution of an act told in the article."""
    words = coder_words()
    lemma = anchor.lemma_.lower()
    if lemma in words.claiming and any(c.dep_ == "dobj" and c.lemma_.lower() in words.claimed for c in anchor.children):
        return True
    return lemma == "be" and any((c.dep_ == "acomp" and c.lemma_.lower() == "responsible")
                                 or (c.dep_ == "prep" and c.lower_ == "behind") for c in anchor.children)


def _distributive(tok: Any) -> bool:
    """"each explosion", "as each bomb exploded": several happenings, none of them one
    told before."""
    own = [c for c in tok.children if c.dep_ in ("det", "nummod")]
    if tok.pos_ == "VERB":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        own = [c for c in subj.children if c.dep_ in ("det", "nummod")] if subj is not None else []
    return any(c.lower_ in _EACH for c in own)


_EACH = frozenset({"each", "every"})


def _own_names(noun: Any) -> list[Any]:
    """Proper names among the noun's modifiers (not a possessive date: "Saturday's
    attack" still refers back)."""
    return [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN"
            and c.ent_type_ not in ("DATE", "TIME")]


def _fits(cluster: _Cluster, event: Event, kind: str) -> bool:
    if kind.startswith("result:"):
        if any(e.trigger_token == int(kind[7:]) for e in cluster.events) and cluster.events[0].type == event.type:
            return True
        kind = "plain"
    if kind.startswith("named:"):
        told = " ".join(e.text for e in cluster.events)
        kind = "back" if all(name in told for name in kind[6:].split("|")) else "plain"
    first = cluster.events[0]
    if first.type != event.type or not _modes_fit(cluster, event):
        return False
    if not _same_realisation(first.status, event.status):
        return False
    actors = {a for e in cluster.events for a in e.actor}
    recipients = {r for e in cluster.events for r in e.recipient}
    if kind == "claim":
        # the claimant names who stands behind the doers told before ("a suicide bomber
        # blew himself up ... the Taliban claimed responsibility for the attack")
        return not _share(actors, event.recipient) and all(_dates_fit(e, event) and _places_fit(e, event)
                                                           for e in cluster.events)
    if not _parties_fit(actors, recipients, event, kind, first.symmetric):
        return False
    if not all(_dates_fit(e, event) and _places_fit(e, event) for e in cluster.events):
        return False
    if kind == "back":
        # a definite noun of a kind of act ("the explosion") refers to a happening told
        # as that kind, or to one told close by without a kind ("five were killed ... the blast")
        return True
    # a victim named again ("two were killed") is one happening only when neither side
    # names a doer the other lacks ("police fired, killing X ... X was killed by a mob"),
    # and only the same victim: "seven militants killed ... four militants killed"
    victim = _same_one(recipients, event.recipient) and bool(event.actor) == bool(actors)
    return _share(actors, event.actor) or victim or event.sentence_index == cluster.last_sentence


def _modes_fit(cluster: _Cluster, event: Event) -> bool:
    """A bombing and a shooting are two acts; a generic "attack" fits either."""
    modes = {e.mode for e in cluster.events if e.mode}
    return not event.mode or not modes or event.mode in modes


def _same_realisation(a: str, b: str) -> bool:
    return a == b or (a in _REALISED and b in _REALISED)


def _parties_fit(actors: set[ActorRef], recipients: set[ActorRef], event: Event, kind: str, symmetric: bool) -> bool:
    if actors and event.actor and not _share(actors, event.actor):
        return False
    if recipients and event.recipient and not _share(recipients, event.recipient) and kind != "back":
        return False
    if symmetric or event.symmetric:
        return True
    # the attacker of one mention is not the attacked of the other (a reprisal)
    return not (_share(actors, event.recipient) or _share(recipients, event.actor))


def _same_one(group: set[ActorRef], refs: Sequence[ActorRef]) -> bool:
    return bool({a.id for a in group} & {r.id for r in refs})


def _share(group: set[ActorRef], refs: Sequence[ActorRef]) -> bool:
    ids = {a.id for a in group}
    coded = {(a.country, a.sector) for a in group if a.country and a.sector}
    return any(r.id in ids or (r.country and r.sector and (r.country, r.sector) in coded) for r in refs)


def _dates_fit(a: Event, b: Event) -> bool:
    if not a.date or not b.date or "published" in (a.date_precision, b.date_precision):
        return True
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _places_fit(a: Event, b: Event) -> bool:
    if a.location is None or b.location is None:
        return True
    if a.location.country and b.location.country and a.location.country != b.location.country:
        return False
    # two towns of one country are two places ("a blast in Lyon ... a blast in Lille")
    return not (a.location.kind == b.location.kind == "city" and a.location.name != b.location.name
                and "sentence" == a.location.source == b.location.source)


def _informative(event: Event) -> tuple[int, int, int, float, int]:
    dated = event.date_precision not in (None, "published")
    return (len(event.actor) + len(event.recipient), int(dated), int(event.location is not None),
            event.confidence, -event.trigger_span[0])


def _merge(events: list[Event]) -> Event:
    """One event from its mentions: the most informative one's trigger and text, the
    participants, most precise date and a place gathered from all."""
    # an event may come with mentions of its own (the scene noun of "killed in the ambush")
    own = [m for e in events for m in (e.mentions or (EventMention(e.trigger, e.trigger_span, e.span, e.sentence_index),))]
    if len(events) == 1:
        return dataclasses.replace(events[0], mentions=tuple(own))
    best = max(events, key=_informative)
    actor = _union([best.actor, *(e.actor for e in events)])
    recipient = tuple(r for r in _union([best.recipient, *(e.recipient for e in events)])
                      if r.id not in {a.id for a in actor})
    dated = [e for e in events if e.date_precision not in (None, "published")]
    when = max(dated, key=lambda e: (len(e.date or ""), e is best)) if dated else best
    where = best if best.location is not None else next((e for e in events if e.location is not None), best)
    status = "historical" if any(e.status == "historical" for e in events) and best.status in _REALISED else best.status
    return dataclasses.replace(
        best, anaphoric=False, actor=actor, recipient=recipient, symmetric=best.symmetric and bool(recipient),
        date=when.date, date_precision=when.date_precision, date_text=when.date_text,
        date_source=when.date_source if when is best else "event",
        location=where.location if where is best or where.location is None
        else dataclasses.replace(where.location, source="event"),
        status=status, confidence=max(e.confidence for e in events), mentions=tuple(own),
    )


def _union(groups: list[tuple[ActorRef, ...]]) -> tuple[ActorRef, ...]:
    out: dict[str, ActorRef] = {}
    for group in groups:
        for ref in group:
            out.setdefault(ref.id, ref)
    return tuple(out.values())
