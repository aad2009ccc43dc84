"""Typed, immutable records passed between pipeline stages.

Every stage takes and returns these; nothing downstream sees a spaCy object except the
stages themselves. ``to_dict`` methods produce the JSON output contract (docs/contract.md).
Spans are ``(start, end)`` character offsets; inside the pipeline they index the cleaned
text, and :mod:`detente.pipeline` maps them back to the input text before returning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping

from .normalize import escape_surrogates
from .ontology import EventType, QuadClass

Span = tuple[int, int]

#: Precision values of a :class:`TimeValue` (``published`` = no time expression dated it).
PRECISIONS = ("day", "week", "month", "year", "published")
#: Where an event's date comes from (``Event.date_source``).
DATE_SOURCES = ("sentence", "event", "clause", "context", "published")
#: Where an event's place comes from (``Place.source``).
PLACE_SOURCES = ("sentence", "event", "dateline", "context")
#: Auxiliary event status values of the PLOVER manual.
STATUSES = ("asserted", "future", "hypothetical", "negated", "historical")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. Only ``text`` is required."""

    text: str
    id: str | None = None
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
        }

    def content_hash(self) -> str:
        """The article's identity in a store: :func:`text_hash` of its text."""
        return text_hash(self.text)


def text_hash(text: str) -> str:
    """sha256 of a text's normalised form: Unicode NFC, byte-order marks dropped, every
    whitespace run one space, none at either end.

    Only the text counts: the id and file name are left out (the same story read from two
    files is one article), and so is the publication date, which one copy may lack. What
    is normalised never tells two articles apart (a trailing space, CRLF, re-wrapped
    lines); any other difference, one word or one comma, gives another hash.
    """
    norm = " ".join(unicodedata.normalize("NFC", text).replace("\ufeff", "").split())
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved time: ISO 8601 truncated to its precision ('2013-09', '2014-03-04')."""

    value: str
    precision: str
    text: str | None = None
    span: Span | None = None

    @property
    def start(self) -> dt.date:
        """First day of the period the value names (weeks: their Monday)."""
        v = self.value
        if "-W" in v:
            year, week = v.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1)
        parts = [int(p) for p in v.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return dt.date(parts[0], parts[1], parts[2])


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place name as written in the text."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    text: str
    span: Span
    kind: str = "city"  # city | country | landmark | region
    #: where the place came from: sentence | event (another mention) | dateline | context
    source: str = "sentence"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "text": self.text,
            "span": list(self.span),
            "kind": self.kind,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity of the article, coded on the article's date."""

    id: str
    name: str
    kind: str  # person | organization | country | group
    country: str | None
    sector: str | None
    title: str | None = None
    mentions: tuple[Span, ...] = ()
    #: how the code was found: descriptor | kb | alias | dictionary | memory | coref |
    #: context (the one state of the sentence, for a titled official with no country) |
    #: document (an unsigned report/statement speaking for its origin country) |
    #: lede (named after a describing first sentence: "A British man who ...") |
    #: implied (a party an event infers, e.g. ``police:IND``; no mention of its own) | none
    evidence: str = "none"
    kb_id: str | None = None

    def ref(self) -> "ActorRef":
        return ActorRef(self.id, self.name, self.country, self.sector)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "title": self.title,
            "mentions": [list(m) for m in self.mentions],
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class ActorRef:
    """The short form of an actor carried inside events and quotes."""

    id: str
    name: str
    country: str | None
    sector: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: token range ``[start, end)`` and char span in the doc."""

    actor_id: str
    start: int
    end: int
    span: Span
    sentence_index: int
    text: str
    how: str = "name"  # name | descriptor | alias | pronoun | coref | group
    #: why a reference was resolved to this actor (pronouns: gender | only | subject |
    #: recency | clause | conjoined | quote (an institution's "we" in its own
    #: quote); country context: context), "" when the mention names the actor itself
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class ActorAnalysis:
    """Output of the actors stage: the actors and where each is mentioned.

    ``by_token`` maps a token index to the id of the actor whose mention covers it.
    """

    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    by_token: Mapping[int, str] = field(default_factory=dict)

    def get(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def at_token(self, i: int) -> Actor | None:
        actor_id = self.by_token.get(i)
        return self.get(actor_id) if actor_id else None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One mention of an event in the article: its trigger and sentence."""

    trigger: str
    trigger_span: Span
    span: Span
    sentence_index: int

    def to_dict(self) -> dict[str, Any]:
        return {"trigger": self.trigger, "trigger_span": list(self.trigger_span), "span": list(self.span),
                "sentence_index": self.sentence_index}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event. ``date``/``location`` are filled by the grounding stage."""

    id: str
    type: EventType
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    quad_class: QuadClass
    intensity: float
    goldstein: float
    actor: tuple[ActorRef, ...]
    recipient: tuple[ActorRef, ...]
    symmetric: bool
    status: str
    sentence_index: int
    span: Span
    trigger: str
    trigger_span: Span
    text: str
    confidence: float
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: Place | None = None
    #: token index of the trigger in the parsed doc (internal; not in the contract)
    trigger_token: int = -1
    #: every mention of this happening in the article, in text order (this one included)
    mentions: tuple[EventMention, ...] = ()
    #: where the date came from: sentence | event (another mention) | clause (the clause
    #: it is subordinate to or governs) | context (the episode told before) | published
    date_source: str | None = None
    #: internal: a noun that only refers back ("the attack"); kept only when it joins an
    #: earlier mention of the article (events/coref.py); not in the contract
    anaphoric: bool = False

    @property
    def date_start(self) -> dt.date | None:
        """First day of the period ``date`` names (None when undated or unreadable)."""
        if not self.date or not self.date_precision:
            return None
        try:
            return TimeValue(self.date, self.date_precision).start
        except ValueError:
            return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "intensity": self.intensity,
            "goldstein": self.goldstein,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "symmetric": self.symmetric,
            "status": self.status,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "date_source": self.date_source,
            "location": self.location.to_dict() if self.location else None,
            "sentence_index": self.sentence_index,
            "span": list(self.span),
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span),
            "text": self.text,
            "confidence": self.confidence,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or indirect quotation attributed to a speaker (or to nobody known)."""

    speaker: ActorRef | None
    text: str
    span: Span
    cue: str | None
    direct: bool
    date: str | None = None
    cue_span: Span | None = None
    sentence_index: int = -1
    speaker_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_text": self.speaker_text,
            "text": self.text,
            "span": list(self.span),
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "direct": self.direct,
            "date": self.date,
            "sentence_index": self.sentence_index,
        }


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """The result for one article: the output contract (docs/contract.md)."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    #: limits that applied to this article, as (stage, message): the store records them in
    #: ingest_errors (the article is stored too); not part of the JSON output
    notes: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    def to_json(self, **kwargs: Any) -> str:
        # A lone surrogate (from an Article made in Python) is written as its \u escape:
        # the same value, and the line can still be written as UTF-8.
        return escape_surrogates(json.dumps(self.to_dict(), ensure_ascii=False, **kwargs))

    def events_table(self) -> Any:
        """This article's events as a ``pyarrow.Table``, one row per event (columns:
        docs/api.md); ``.to_pandas()`` or ``polars.from_arrow()`` converts it."""
        from .frames import events_table

        return events_table([self])


@dataclass(frozen=True, slots=True)
class ArticleError:
    """A failure on one article in a batch: which article, which stage, what happened."""

    article_id: str | None
    stage: str
    message: str
