"""detente: political event data from news articles.

>>> import detente                                                       # doctest: +SKIP
>>> result = detente.extract("Russia and China signed a gas deal on Monday.",
...                          published="2014-05-22")                     # doctest: +SKIP
>>> result.to_dict()["events"][0]["type"]                                # doctest: +SKIP
'SUPPORT'

Importing detente is cheap: the spaCy model, the knowledge base and the gazetteer load
on first use and are reused by later calls with the same settings.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .errors import DetenteError, InputError
from .records import Actor, ActorRef, Article, ArticleError, Event, ExtractedArticle, Place, Quote, TimeValue
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from .pipeline import Extractor

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorRef",
    "Article",
    "ArticleError",
    "DetenteError",
    "Event",
    "ExtractedArticle",
    "Extractor",
    "InputError",
    "Place",
    "Quote",
    "Settings",
    "TimeValue",
    "extract",
    "extract_many",
    "load_settings",
    "open_store",
    "resolve_time",
]


@functools.lru_cache(maxsize=2)
def _extractor(settings: Settings) -> "Extractor":
    # A memo of immutable resources keyed by immutable settings, so that repeated calls
    # do not reload the model; nothing in it is mutated after construction.
    from .pipeline import Extractor

    return Extractor(settings)


def extract(
    text: str, published: str | dt.date | None = None, title: str | None = None, *, settings: Settings | None = None
) -> ExtractedArticle:
    """Extract the events, actors and quotes of one article text."""
    return _extractor(settings or load_settings()).extract(text, published=published, title=title)


def extract_many(
    articles: Iterable[Article | str], *, settings: Settings | None = None
) -> Iterator[ExtractedArticle | ArticleError]:
    """Extract many articles with one model load, parsing in batches; order is kept.
    A failing article yields an :class:`ArticleError` in its place."""
    return _extractor(settings or load_settings()).extract_many(articles)


def resolve_time(expression: str, published: str | dt.date | None, *, prefer: str = "past") -> TimeValue | None:
    """Resolve a time expression against a publication date (see grounding.time)."""
    from .grounding.time import resolve_time as _resolve

    return _resolve(expression, published, prefer=prefer)


def open_store(path: Any = "detente.duckdb", read_only: bool = False) -> Any:
    """Open (or create) a DuckDB store of extracted events."""
    from .store import open_store as _open

    return _open(path, read_only=read_only)


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from .pipeline import Extractor

        return Extractor
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
