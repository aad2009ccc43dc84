"""detente: political event data from news articles.

>>> import detente                                                       # doctest: +SKIP
>>> result = detente.extract("Russia and China signed a gas deal on Monday.",
...                          published="2014-05-22")                     # doctest: +SKIP
>>> result.to_dict()["events"][0]["type"]                                # doctest: +SKIP
'SUPPORT'
>>> detente.events_frame([result]).to_pandas()                           # doctest: +SKIP

Importing detente is cheap: the spaCy model, the knowledge base and the gazetteer load
on first use and are reused by later calls with the same settings. The public API is
listed in ``__all__`` and documented in docs/api.md.
"""

from __future__ import annotations

import datetime as _dt
import functools as _functools
from pathlib import Path as _Path
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any
from typing import Iterable as _Iterable
from typing import Iterator as _Iterator
from typing import Mapping as _Mapping

from .errors import DetenteError, InputError
from .records import Actor, ActorRef, Article, ArticleError, Event, ExtractedArticle, Place, Quote, TimeValue
from .settings import Settings, load_settings

if _TYPE_CHECKING:
    import pyarrow

    from .pipeline import Extractor
    from .store import Store

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
    "events_frame",
    "extract",
    "extract_many",
    "load_settings",
    "open_store",
    "resolve_time",
]


@_functools.lru_cache(maxsize=2)
def _extractor(settings: Settings) -> "Extractor":
    # A memo of immutable resources keyed by immutable settings, so that repeated calls
    # do not reload the model; nothing in it is mutated after construction.
    from .pipeline import Extractor

    return Extractor(settings)


def extract(
    text: str, published: str | _dt.date | None = None, title: str | None = None, *, settings: Settings | None = None
) -> ExtractedArticle:
    """Extract the events, actors and quotes of one article text.

    Args:
        text: the article text (plain text; HTML is not stripped here).
        published: the publication date, ``"YYYY-MM-DD"`` or a ``datetime.date``; relative
            expressions ("on Friday", "last August") are resolved against it. Without it
            events are undated unless the text gives a full date.
        title: the headline, kept in ``result.article.title``.
        settings: a :class:`Settings` (model, batch size, ...); default
            :func:`load_settings()` (environment variables, then defaults).

    Returns:
        An :class:`ExtractedArticle`: ``.events``, ``.actors``, ``.quotes``;
        ``.to_dict()`` / ``.to_json()`` give the output contract (docs/contract.md) and
        ``.events_table()`` a ``pyarrow.Table``.

    Raises:
        InputError: ``published`` is not a date.
        DetenteError: the article failed in a stage (the message names the stage), or the
            spaCy model is not installed.
    """
    return _extractor(settings or load_settings()).extract(text, published=published, title=title)


def extract_many(
    articles: _Iterable[Article | str | _Mapping[str, _Any]], *, settings: Settings | None = None
) -> _Iterator[ExtractedArticle | ArticleError]:
    """Extract many articles with one model load, parsing in batches; order is kept.

    Args:
        articles: :class:`Article` records, plain strings (the text), or dicts shaped
            like a line of a JSON-lines input: ``{"id", "text", "published", "title",
            "source", "url"}`` (only ``text`` is required; ``published`` is
            ``"YYYY-MM-DD"``). Read lazily: a generator over a big file is fine.
        settings: as for :func:`extract`.

    Yields:
        An :class:`ExtractedArticle` per article, or an :class:`ArticleError` in its place
        when that article failed (the batch goes on).

    Raises:
        InputError: a dict without a ``text`` string or with a bad ``published`` date (the
            message names the item by its position), or an item of another type.
    """
    return _extractor(settings or load_settings()).extract_many(_as_article(a, i) for i, a in enumerate(articles))


def _as_article(item: _Any, index: int) -> Article | str:
    if isinstance(item, (Article, str)):
        return item
    if isinstance(item, _Mapping):
        from .sources import article_from_dict

        return article_from_dict(item, f"articles[{index}]")
    raise InputError(f"articles[{index}]", f"is a {type(item).__name__}",
                     "pass Article records, strings or dicts with a \"text\" field")


def events_frame(results: _Iterable[ExtractedArticle | ArticleError]) -> "pyarrow.Table":
    """The events of extraction results as one ``pyarrow.Table``, one row per event.

    Args:
        results: :class:`ExtractedArticle` records (e.g. from :func:`extract_many`);
            :class:`ArticleError` items are skipped.

    Returns:
        A ``pyarrow.Table`` with the columns and types of the Parquet export and of
        ``Store.events()`` (docs/api.md); ``.to_pandas()`` gives a pandas DataFrame and
        ``polars.from_arrow(table)`` a polars one. Lists (actor names, contexts) are list
        columns; dates are ``date32``.

    Raises:
        DetenteError: an item is not an extraction result.
    """
    from .frames import events_table

    return events_table(results)


def resolve_time(expression: str, published: str | _dt.date | None, *, prefer: str = "past") -> TimeValue | None:
    """Resolve a time expression against a publication date.

    Args:
        expression: a time expression as written ("last August", "on Friday", "2014").
        published: the date it is relative to (``"YYYY-MM-DD"`` or a ``datetime.date``).
        prefer: ``"past"`` or ``"future"``: which way a bare weekday or month points.

    Returns:
        A :class:`TimeValue` (``value`` at its ``precision``: day, week, month or year), or
        None when the expression names no time detente can resolve.

    Raises:
        InputError: ``published`` is not a date.
    """
    from .grounding.time import resolve_time as _resolve

    return _resolve(expression, published, prefer=prefer)


def open_store(path: str | _Path = "detente.duckdb", read_only: bool = False) -> "Store":
    """Open (or create) a DuckDB store of extracted events.

    Args:
        path: the store file; ``":memory:"`` for a throw-away store.
        read_only: open without writing (several readers may share a file).

    Returns:
        A :class:`detente.store.Store`: ``.write(results)``, ``.events(...)`` (a
        ``pyarrow.Table``), ``.counts()``, ``.con`` (the DuckDB connection).

    Raises:
        StoreError: the file is being written by another process, is missing (read-only),
            or has a schema this version cannot read.
    """
    from .store import open_store as _open

    return _open(path, read_only=read_only)


def __getattr__(name: str) -> _Any:
    if name == "Extractor":
        from .pipeline import Extractor

        return Extractor
    raise AttributeError(f"module 'detente' has no attribute {name!r}")


def __dir__() -> list[str]:
    # only the public API: no imported helpers, no private names
    return sorted([*__all__, "__version__"])
