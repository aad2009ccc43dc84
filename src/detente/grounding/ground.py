"""Grounding decisions for coded events and quotes: the date each takes (its own, borrowed
from the event it continues, or the publication date), where it happened, and whether
that date lies before the story's present (which makes an asserted event historical;
:func:`detente.events.status.historical` applies it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Sequence

from detente.grounding.places import locate_event
from detente.grounding.time import date_event, fallback_date, is_historical
from detente.nlp import sentence_of, sentences
from detente.records import Event, Place, Quote, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from detente.grounding.gazetteer import Gazetteer

#: How many sentences back an undated event may borrow the date of the event it continues.
CONTINUATION_WINDOW = 1


def ground_events(
    doc: Doc,
    events: Sequence[Event],
    published: dt.date | None,
    countries: Sequence[str],
    gazetteer: Gazetteer,
) -> list[Event]:
    """Each event with its date and place; ``countries`` (the article's, most mentioned
    first) disambiguate place names."""
    grounded: list[Event] = []
    previous: tuple[int, TimeValue] | None = None
    dates: dict[tuple[int, str], list[tuple[Span, TimeValue]]] = {}  # a sentence's resolved dates, for its next events
    sents, sent_of = sentences(doc), sentence_of(doc)
    for event in events:
        trigger = doc[event.trigger_token]
        sent = sents[sent_of[trigger.i]]  # = trigger.sent, which walks the sentence each time
        prefer = "future" if event.status == "future" else "past"
        tv = date_event(sent, trigger, published, prefer=prefer, cache=dates)
        if tv is None:
            # Only a past event continues the story of the dated event just before it;
            # a future or hypothetical one is not dated by what already happened.
            near = previous if previous and event.sentence_index - previous[0] <= CONTINUATION_WINDOW else None
            borrow = near is not None and event.status in ("asserted", "negated")
            tv = near[1] if near is not None and borrow else fallback_date(None, published)
        else:
            previous = (event.sentence_index, tv)
        dated = tv is not None and tv.precision != "published"
        place: Place | None = locate_event(sent, trigger, gazetteer, countries)
        grounded.append(
            dataclasses.replace(
                event,
                date=tv.value if tv else None,
                date_precision=tv.precision if tv else None,
                date_text=tv.text if dated and tv else None,
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
