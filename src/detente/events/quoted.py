"""Events carried by what someone said: a quotation that judges another actor.

"Lavrov told reporters that Washington's stance was irresponsible" has no event verb,
but it is an ACCUSE from the speaker to Washington. A quote yields such an event when it
(1) has a known speaker, (2) names another actor, (3) holds an evaluative word of the
small lists below (written from English usage), and (4) its sentence has no event of the
speaker already. The confidence is low (0.5): the judgement is inferred, not stated by a verb.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..records import ActorRef, Quote
from ..tables import read_word_lists_as


@dataclass(frozen=True, slots=True)
class QuotedWords:
    """This module's word lists (``data/events/words/quoted.tsv``), read once by :func:`quoted_words`."""

    negative: frozenset[str]
    positive: frozenset[str]


@functools.cache
def quoted_words() -> QuotedWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(QuotedWords, "events/words/quoted.tsv")


def quote_judgements(
    doc: Any, quotes: Sequence[Quote], index: Mapping[int, tuple[str, ...]], refs: Mapping[str, ActorRef],
    coded: set[tuple[int, str]],
) -> list[tuple[Quote, str, Any, tuple[str, ...]]]:
    """(quote, type, cue-or-first token, recipient ids) for quotes that judge an actor.

    ``coded`` holds (sentence_index, actor id) pairs that already have an event.
    """
    out = []
    for quote in quotes:
        if quote.speaker is None or (quote.sentence_index, quote.speaker.id) in coded:
            continue
        span = doc.char_span(quote.span[0], quote.span[1], alignment_mode="expand")
        if span is None or not len(span):
            continue
        words = {t.lower_ for t in span}
        etype = "ACCUSE" if words & quoted_words().negative else ("SUPPORT" if words & quoted_words().positive else None)
        if etype is None:
            continue
        others = [a for t in span for a in index.get(t.i, ()) if a != quote.speaker.id and a in refs]
        if not others:
            continue
        cue = doc.char_span(*quote.cue_span, alignment_mode="expand") if quote.cue_span else None
        anchor = cue[0] if cue is not None and len(cue) else span[0]
        out.append((quote, etype, anchor, (others[0],)))
    return out
