"""Article -> ExtractedArticle. The only place that orders the stages.

clean -> parse (one spaCy parse per article) -> actors -> quotes -> events ->
grounding (dates, places, historical status) -> spans mapped back to the input text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from .clean import CleanText, OffsetMap, clean
from .errors import DetenteError
from .nlp import drop_views, load_nlp, sentence_of, sentences
from .records import (
    Actor,
    ActorAnalysis,
    Article,
    ArticleError,
    Event,
    ExtractedArticle,
    Place,
    Quote,
    TimeValue,
)
from .settings import Settings, load_settings

log = logging.getLogger(__name__)

#: How many sentences back an undated event may borrow the date of the event it continues.
CONTINUATION_WINDOW = 1


@dataclass(frozen=True)
class Resources:
    """Heavy, read-only resources, built once and shared by every article."""

    nlp: Any
    actors: Any  # detente.actors.ActorResolver
    events: Any  # detente.events.EventCoder
    gazetteer: Any  # detente.grounding.places.Gazetteer

    @classmethod
    def build(cls, settings: Settings, *, nlp: Any = None, memory: Any = None) -> "Resources":
        from .actors import ActorResolver
        from .events import EventCoder
        from .grounding.places import Gazetteer

        gazetteer = Gazetteer.load(settings.min_population)
        return cls(
            nlp=nlp if nlp is not None else load_nlp(settings),
            actors=ActorResolver.build(settings, memory=memory),
            # The coder reads target countries off places ("airstrikes on Kirkuk").
            events=EventCoder(places=gazetteer),
            gazetteer=gazetteer,
        )


class Extractor:
    """Extracts events from articles; loads the model and knowledge once.

    >>> ex = Extractor()                                     # doctest: +SKIP
    >>> ex.extract("Russia and China signed a deal.", published="2019-06-05")  # doctest: +SKIP
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        resources: Resources | None = None,
        memory: Any = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.resources = resources or Resources.build(self.settings, memory=memory)

    def extract(
        self,
        article: Article | str,
        published: str | dt.date | None = None,
        title: str | None = None,
    ) -> ExtractedArticle:
        """Extract one article; raises DetenteError if it cannot be processed."""
        art = _as_article(article, published, title)
        result = next(iter(self.extract_many([art])))
        if isinstance(result, ArticleError):
            raise DetenteError(f"article {result.article_id!r} failed in {result.stage}: {result.message}")
        return result

    def extract_many(self, articles: Iterable[Article | str]) -> Iterator[ExtractedArticle | ArticleError]:
        """Extract articles in input order, parsing in batches. A failing article yields an
        :class:`ArticleError` in its place; the batch goes on."""
        batch: list[tuple[Article, CleanText]] = []
        for item in articles:
            art = _as_article(item, None, None)
            batch.append((art, self._clean(art)))
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _clean(self, art: Article) -> CleanText:
        text = art.text
        if len(text) > self.settings.max_chars:
            log.warning("article %s: %d characters, cut to %d", art.id, len(text), self.settings.max_chars)
            text = text[: self.settings.max_chars]
        return clean(text)

    def _run_batch(self, batch: list[tuple[Article, CleanText]]) -> Iterator[ExtractedArticle | ArticleError]:
        nlp = self.resources.nlp
        # Strings a batch adds to spaCy's vocabulary are freed with its Docs, so memory stays
        # flat however many distinct words a corpus has. Results are plain records, made
        # inside the zone and handed out after it closes.
        zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()
        with zone:
            docs = nlp.pipe([c.text for _, c in batch], batch_size=self.settings.batch_size)
            results = [self._process_safely(art, cleaned, doc) for (art, cleaned), doc in zip(batch, docs)]
        yield from results

    def _process_safely(self, art: Article, cleaned: CleanText, doc: Any) -> ExtractedArticle | ArticleError:
        try:
            return self.process(art, cleaned, doc)
        except Exception as exc:  # noqa: BLE001 - one bad article must not end the batch
            log.exception("article %s failed", art.id)
            return ArticleError(art.id, getattr(exc, "stage", "extract"), f"{type(exc).__name__}: {exc}")
        finally:
            drop_views(doc)

    def process(self, art: Article, cleaned: CleanText, doc: Any) -> ExtractedArticle:
        """Run the stages on one parsed article."""
        res = self.resources
        actors: ActorAnalysis = _staged("actors", res.actors.analyse, doc, art.published)
        quotes: Sequence[Quote] = _staged("quotes", _find_quotes, doc, actors)
        events: Sequence[Event] = _staged("events", res.events.code, doc, actors, quotes, art.published)
        countries = _article_countries(actors.actors)
        events = _staged("grounding", self._ground, doc, events, art.published, countries)
        events = _staged("events", _merge_mentions, doc, events, res.events.lexicon)
        quotes = _staged("grounding", _date_quotes, doc, quotes, art.published)
        all_actors = actors.actors + _implied_actors(actors.actors, events)
        result = ExtractedArticle(article=art, actors=all_actors, events=tuple(events), quotes=tuple(quotes))
        return result if cleaned.offsets.identity else _map_spans(result, cleaned.offsets)

    def _ground(
        self, doc: Any, events: Sequence[Event], published: dt.date | None, countries: Sequence[str]
    ) -> list[Event]:
        from .grounding.places import locate_event
        from .grounding.time import date_event, fallback_date, is_historical

        grounded: list[Event] = []
        previous: tuple[int, TimeValue] | None = None
        dates: dict[tuple[int, str], list[Any]] = {}  # a sentence's resolved dates, for its next events
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
                tv = near[1] if borrow else fallback_date(None, published)
            else:
                previous = (event.sentence_index, tv)
            status = event.status
            dated = tv is not None and tv.precision != "published"
            if status == "asserted" and dated and is_historical(tv, published):
                status = "historical"
            place: Place | None = locate_event(sent, trigger, self.resources.gazetteer, countries)
            grounded.append(
                dataclasses.replace(
                    event,
                    date=tv.value if tv else None,
                    date_precision=tv.precision if tv else None,
                    date_text=tv.text if dated else None,
                    location=place,
                    status=status,
                )
            )
        return grounded


class _StageError(DetenteError):
    def __init__(self, stage: str, exc: Exception) -> None:
        self.stage = stage
        super().__init__(f"{type(exc).__name__}: {exc}")


def _staged(stage: str, fn: Any, *args: Any) -> Any:
    """Run one stage; a failure is reported with the stage's name."""
    try:
        return fn(*args)
    except _StageError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised with the stage attached
        raise _StageError(stage, exc) from exc


def _merge_mentions(doc: Any, events: Sequence[Event], lexicon: Any) -> list[Event]:
    from .events.coref import merge_mentions

    return merge_mentions(doc, events, lexicon.is_noun_trigger)


def _find_quotes(doc: Any, actors: ActorAnalysis) -> Sequence[Quote]:
    from .quotes import find_quotes

    return find_quotes(doc, actors)


def _date_quotes(doc: Any, quotes: Sequence[Quote], published: dt.date | None) -> list[Quote]:
    from .grounding.time import date_event, fallback_date

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


#: Kinds of the parties the event coder infers without a name of their own in the text:
#: ``police:ISO3`` (the police of a country where an arrest happened), ``country:ISO3``
#: (a state acting on itself), ``place:NAME`` (a place attacked or targeted).
_IMPLIED_KINDS = {"police": "organization", "country": "country", "place": "group"}


def _implied_actors(actors: Sequence[Actor], events: Sequence[Event]) -> tuple[Actor, ...]:
    """Actors rows for the parties events refer to that the actors stage did not list,
    so every event's actor and recipient id joins to the article's actors."""
    known = {a.id for a in actors}
    implied: dict[str, Actor] = {}
    for event in events:
        for ref in (*event.actor, *event.recipient):
            if ref.id in known or ref.id in implied:
                continue
            kind = _IMPLIED_KINDS.get(ref.id.split(":", 1)[0], "group")
            implied[ref.id] = Actor(ref.id, ref.name, kind, ref.country, ref.sector, evidence="implied")
    return tuple(implied.values())


def _article_countries(actors: Sequence[Actor]) -> list[str]:
    """Countries of the article's actors, most mentioned first (for place disambiguation)."""
    weight: dict[str, int] = {}
    for actor in actors:
        if actor.country and len(actor.country) == 3 and actor.country.isalpha():
            weight[actor.country] = weight.get(actor.country, 0) + max(1, len(actor.mentions))
    return sorted(weight, key=lambda c: -weight[c])


def _map_spans(result: ExtractedArticle, offsets: OffsetMap) -> ExtractedArticle:
    """Rewrite every span from cleaned-text offsets to input offsets."""
    m = offsets.span_to_input
    actors = tuple(dataclasses.replace(a, mentions=tuple(m(s) for s in a.mentions)) for a in result.actors)
    events = tuple(
        dataclasses.replace(
            e,
            span=m(e.span),
            trigger_span=m(e.trigger_span),
            location=dataclasses.replace(e.location, span=m(e.location.span)) if e.location else None,
            mentions=tuple(dataclasses.replace(x, span=m(x.span), trigger_span=m(x.trigger_span)) for x in e.mentions),
        )
        for e in result.events
    )
    quotes = tuple(
        dataclasses.replace(q, span=m(q.span), cue_span=m(q.cue_span) if q.cue_span else None)
        for q in result.quotes
    )
    return dataclasses.replace(result, actors=actors, events=events, quotes=quotes)


def _as_article(item: Article | str, published: str | dt.date | None, title: str | None) -> Article:
    from .sources import parse_published

    if isinstance(item, Article):
        return item
    if not isinstance(item, str):
        raise TypeError(f"expected an Article or a str, got {type(item).__name__}")
    return Article(text=item, published=parse_published(published), title=title)
