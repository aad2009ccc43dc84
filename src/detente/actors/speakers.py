"""An institution's "we" inside its direct quotation is the institution.

"We will not withdraw our forces," the ministry said: "we" is the ministry, and an event
coded inside the quote ("we will strike back") has it as its actor. Runs after the quotes
stage, which needs the actors stage first; it only adds mentions.

Decided here:
- only direct quotes whose resolved speaker is a state, an organisation or a group; an
  unattributed quote tells no one, and a person's "we" may be a family or a crowd (a
  person's "I" was tried: it added private-speech events, "I want ...", that event
  coders leave out, to sentences with no event of their own);
- "we", "us" (subject or object) in the quote's own text, not "our": an owner ("our
  troops") is not the party itself;
- a token the actors stage already gave to an actor keeps it;
- a quote inside the quote ("he told me: 'we are ready'") is not split out: first
  person there is rare in news and the outer speaker is then usually the one reported;
- evidence ``quote``.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any, Sequence

from ..nlp import sentence_of, token_table
from ..records import ActorAnalysis, Mention, Quote

#: First-person pronouns that name a speaking institution as a party.
FIRST_PERSON = frozenset({"we", "us"})
#: Speakers whose "we" is themselves: a state, an organisation or a group. A person's
#: "we" may be a family, a crowd or a party, and "I" in a person's quote adds events of
#: private speech ("I want ...", "I stand by ...") that event coders leave out.
_INSTITUTIONS = frozenset({"organization", "country", "group"})


def quoted_speakers(doc: Any, actors: ActorAnalysis, quotes: Sequence[Quote]) -> ActorAnalysis:
    """``actors`` with first-person words of each attributed direct quote given to its
    speaker (module doc); the same analysis when there are none."""
    known = {a.id for a in actors.actors if a.kind in _INSTITUTIONS}
    _, starts, _ = token_table(doc)
    sent_of = sentence_of(doc)
    added: list[Mention] = []
    by_token = dict(actors.by_token)
    for quote in quotes:
        if not quote.direct or quote.speaker is None or quote.speaker.id not in known:
            continue
        first = bisect.bisect_left(starts, quote.span[0])
        last = bisect.bisect_left(starts, quote.span[1])
        for i in range(first, min(last, len(doc))):
            tok = doc[i]
            if tok.lower_ not in FIRST_PERSON or tok.pos_ != "PRON" or i in by_token:
                continue
            span = (tok.idx, tok.idx + len(tok.text))
            added.append(Mention(quote.speaker.id, i, i + 1, span, sent_of[i], tok.text, "pronoun", "quote"))
            by_token[i] = quote.speaker.id
    if not added:
        return actors
    mentions = tuple(sorted(actors.mentions + tuple(added), key=lambda m: (m.start, m.end)))
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in added:
        spans.setdefault(m.actor_id, []).append(m.span)
    people = tuple(
        replace(a, mentions=tuple(sorted(set(a.mentions) | set(spans[a.id])))) if a.id in spans else a
        for a in actors.actors
    )
    return ActorAnalysis(actors=people, mentions=mentions, by_token=by_token)
