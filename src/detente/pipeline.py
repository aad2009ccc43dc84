"""Article -> ExtractedArticle. The only place that orders the stages.

clean -> parse (one spaCy parse per article) -> actors -> quotes -> events ->
grounding (each event's own dates, places, historical status) -> mentions of one event
merged -> grounding from the story (narrative time and place) -> spans mapped back to the
input text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from .clean import CleanText, OffsetMap, clean
from .errors import DetenteError
from .language import LanguageCheck, not_english_message
from .limits import OverBudget, time_budget
from .nlp import BREAKS, drop_views, load_nlp
from .records import Actor, Article, ArticleError, ExtractedArticle
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .actors import ActorResolver
    from .actors.memory import ActorMemory
    from .events import EventCoder
    from .grounding.gazetteer import Gazetteer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resources:
    """Heavy, read-only resources, built once and shared by every article."""

    nlp: Language
    actors: ActorResolver
    events: EventCoder
    gazetteer: Gazetteer

    @classmethod
    def build(
        cls, settings: Settings, *, nlp: Language | None = None, memory: ActorMemory | None = None
    ) -> Resources:
        # Imported here: the stages' modules are only loaded when a pipeline is built.
        from .actors import ActorResolver
        from .events import EventCoder
        from .grounding.gazetteer import Gazetteer

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
        memory: ActorMemory | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.resources = resources or Resources.build(self.settings, memory=memory)
        self._language = LanguageCheck() if self.settings.check_language else None

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
        :class:`ArticleError` in its place; the batch goes on. An article that is not in
        English yields one with stage ``language`` (when ``settings.check_language``)."""
        batch: list[tuple[Article, CleanText | ArticleError]] = []
        for item in articles:
            art = _as_article(item, None, None)
            batch.append((art, self._clean(art)))
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _clean(self, art: Article) -> CleanText | ArticleError:
        text = art.text
        if len(text) > self.settings.max_chars:
            log.warning("article %s: %d characters, cut to %d", art.id, len(text), self.settings.max_chars)
            text = text[: self.settings.max_chars]
        if self._language is not None:
            lang = self._language.language(text)
            if lang is not None:  # reported by the caller (ingest_errors, extract's message)
                return ArticleError(art.id, "language", not_english_message(lang))
        return clean(text)

    def _run_batch(self, batch: list[tuple[Article, CleanText | ArticleError]]) -> Iterator[ExtractedArticle | ArticleError]:
        nlp = self.resources.nlp
        parsed = [(art, c) for art, c in batch if isinstance(c, CleanText)]
        # Strings a batch adds to spaCy's vocabulary are freed with its Docs, so memory stays
        # flat however many distinct words a corpus has. Results are plain records, made
        # inside the zone and handed out after it closes.
        zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()
        with zone:
            docs = nlp.pipe([c.text for _, c in parsed], batch_size=self.settings.batch_size)
            done = iter([self._process_safely(art, cleaned, doc) for (art, cleaned), doc in zip(parsed, docs)])
        yield from (c if isinstance(c, ArticleError) else next(done) for _, c in batch)

    def _process_safely(self, art: Article, cleaned: CleanText, doc: Doc) -> ExtractedArticle | ArticleError:
        try:
            with time_budget(self.settings.time_budget):
                return self.process(art, cleaned, doc)
        except OverBudget as exc:
            log.warning("article %s: %s", art.id, exc)
            return ArticleError(art.id, "time_budget", str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad article must not end the batch
            log.exception("article %s failed", art.id)
            return ArticleError(art.id, getattr(exc, "stage", "extract"), f"{type(exc).__name__}: {exc}")
        finally:
            drop_views(doc)

    def process(self, art: Article, cleaned: CleanText, doc: Doc) -> ExtractedArticle:
        """Run the stages on one parsed article."""
        from .events.coref import merge_mentions
        from .events.implied import implied_actors
        from .events.status import historical
        from .grounding.context import ground_context, story_date
        from .grounding.ground import date_quotes, ground_events, in_the_past
        from .actors.speakers import quoted_speakers
        from .quotes import find_quotes

        res, published = self.resources, art.published
        with stage("actors"):
            actors = res.actors.analyse(doc, published)
        with stage("quotes"):
            quotes = find_quotes(doc, actors)
        with stage("actors"):
            actors = quoted_speakers(doc, actors, quotes)
        with stage("events"):
            coded = res.events.code(doc, actors, quotes, published)
        countries = _article_countries(actors.actors)
        with stage("grounding"):
            today = story_date(doc, published)  # a wire story's "today" is its dateline's day
            placed = ground_events(doc, coded, today, countries, res.gazetteer)
            events = tuple(historical(e, in_the_past(e, today)) for e in placed)
            dated = tuple(date_quotes(doc, quotes, today))
        with stage("events"):
            events = tuple(merge_mentions(doc, events, res.events.lexicon.is_noun_trigger))
        with stage("grounding"):
            # After the merge: an event's own mentions date and place it before its story does.
            told = ground_context(doc, events, today, res.gazetteer, countries)
            events = tuple(historical(e, in_the_past(e, today)) for e in told)
        all_actors = actors.actors + implied_actors(actors.actors, events)
        result = ExtractedArticle(article=art, actors=all_actors, events=events, quotes=dated,
                                  notes=self._notes(doc))
        return result if cleaned.offsets.identity else _map_spans(result, cleaned.offsets)


    def _notes(self, doc: Doc) -> tuple[tuple[str, str], ...]:
        forced = doc.user_data.get(BREAKS, 0)
        if not forced:
            return ()
        return (("sentence_tokens", f"{forced} sentence{'s' if forced > 1 else ''} ended after "
                 f"{self.settings.max_sentence_tokens} tokens with no full stop (max_sentence_tokens)"),)


class StageError(DetenteError):
    """A stage failed on one article; ``stage`` names it (the ArticleError reports it)."""

    def __init__(self, stage: str, exc: Exception) -> None:
        self.stage = stage
        super().__init__(f"{type(exc).__name__}: {exc}")


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Run one stage's code; a failure inside is re-raised as a :class:`StageError` naming
    the stage, which :meth:`Extractor.extract_many` reports as that article's ArticleError."""
    try:
        yield
    except StageError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised with the stage attached
        raise StageError(name, exc) from exc


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
