"""Grounding decisions for coded events and quotes: the date each takes (its own, borrowed
from the event it continues, or the publication date), where it happened, and whether
that date lies before the story's present (which makes an asserted event historical;
:func:`detente.events.status.historical` applies it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Sequence

from detente.grounding.context import clause_date, looks_ahead
from detente.grounding.places import dateline_place, locate_event
from detente.grounding.time import date_event, fallback_date, is_historical
from detente.nlp import sentence_of, sentences
from detente.records import Event, Place, Quote, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from detente.grounding.gazetteer import Gazetteer

def ground_events(
    doc: Doc,
    events: Sequence[Event],
    published: dt.date | None,
    countries: Sequence[str],
    gazetteer: Gazetteer,
) -> list[Event]:
    """Each event with the date and place of its own sentence: a time expression of its
    clause (``date_source`` ``sentence``) or of the clause it is subordinate to or governs
    (``clause``), and a locative of its sentence. An event neither dates is left undated
    here; :func:`detente.grounding.context.ground_context` dates and places it from the
    story once the mentions of each event are merged. ``countries`` (the article's, most
    mentioned first) disambiguate place names."""
    grounded: list[Event] = []
    dates: dict[tuple[int, str], list[tuple[Span, TimeValue]]] = {}  # a sentence's resolved dates, for its next events
    sents, sent_of = sentences(doc), sentence_of(doc)
    dateline = dateline_place(doc, gazetteer, countries)
    for event in events:
        trigger = doc[event.trigger_token]
        sent = sents[sent_of[trigger.i]]  # = trigger.sent, which walks the sentence each time
        # "the Feb. 23 accord signed by ...": a participle that describes a thing is done
        done = trigger.tag_ == "VBN" and trigger.dep_ == "acl"
        prefer = "future" if not done and looks_ahead(event.status, trigger) else "past"
        source = "sentence"
        tv = date_event(sent, trigger, published, prefer=prefer, cache=dates)
        if tv is None:
            tv, source = clause_date(sent, trigger, published, prefer, dates), "clause"
        place: Place | None = locate_event(sent, trigger, gazetteer, countries)
        if place is not None and dateline is not None and place.span == dateline.span:
            place = dateline
        grounded.append(
            dataclasses.replace(
                event,
                date=tv.value if tv else None,
                date_precision=tv.precision if tv else None,
                date_text=tv.text if tv else None,
                date_source=source if tv else None,
                location=place,
            )
        )
    return grounded


def in_the_past(event: Event, published: dt.date | None) -> bool:
    """True when the event is dated (not by publication) to a period that ended before
    the story's present (see :func:`detente.grounding.time.is_historical`)."""
    if event.date is None or event.date_precision is None:
        return False
    return is_historical(TimeValue(event.date, event.date_precision), published)


def date_quotes(doc: Doc, quotes: Sequence[Quote], published: dt.date | None) -> list[Quote]:
    """Each quote dated by its cue's sentence ("said on Friday"), else by publication."""
    dated = []
    for quote in quotes:
        tv = None
        if quote.cue_span is not None:
            cue = doc.char_span(*quote.cue_span, alignment_mode="expand")
            if cue is not None and len(cue):
                tv = date_event(cue[0].sent, cue[0], published, prefer="past")
        tv = tv or fallback_date(None, published)
        dated.append(dataclasses.replace(quote, date=tv.value if tv else None))
    return dated
