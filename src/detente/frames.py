"""Events as a typed Arrow table: the data-science path (pandas, polars, DuckDB).

One row per event record (an event as one article reports it), with the article's fields
and, for stored events, the deduplicated event it belongs to. The same columns and types
come from extraction results (:func:`events_table`), from a store
(:func:`store_events_table`, ``Store.events()``) and from ``detente export --format
parquet``, so code written against one works on the others::

    table = detente.events_frame(results)        # pyarrow.Table
    df = table.to_pandas()                        # pandas
    pl_df = polars.from_arrow(table)              # polars

Columns and types are :data:`EVENT_SCHEMA` (documented in docs/api.md).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from .errors import DetenteError

if TYPE_CHECKING:
    import pyarrow as pa

# records.ExtractedArticle.events_table imports this module, so it imports no record type
# (not even for type checking: the import graph stays acyclic) and knows results by their fields.

#: (column, Arrow type name) in table order; the types are built lazily (pyarrow loads on use).
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("content_hash", "string"), ("article_id", "string"), ("article_title", "string"),
    ("published", "date32"), ("source", "string"), ("url", "string"),
    ("event_id", "string"), ("dedup_id", "string"), ("global_id", "int64"),
    ("num_articles", "int32"), ("num_mentions", "int32"),
    ("type", "string"), ("mode", "string"), ("contexts", "list<string>"), ("cameo", "string"),
    ("quad_class", "int32"), ("intensity", "float64"), ("goldstein", "float64"),
    ("symmetric", "bool"), ("status", "string"), ("date", "string"), ("date_precision", "string"),
    ("date_text", "string"), ("date_start", "date32"), ("date_source", "string"),
    ("actor_names", "list<string>"), ("actor_countries", "list<string>"), ("actor_sectors", "list<string>"),
    ("recipient_names", "list<string>"), ("recipient_countries", "list<string>"),
    ("recipient_sectors", "list<string>"),
    ("location_name", "string"), ("location_country", "string"), ("location_lat", "float64"),
    ("location_lon", "float64"), ("location_geonameid", "int64"), ("location_text", "string"),
    ("location_kind", "string"), ("location_source", "string"), ("sentence_index", "int32"), ("span_start", "int32"),
    ("span_end", "int32"), ("trigger", "string"), ("trigger_start", "int32"), ("trigger_end", "int32"),
    ("text", "string"), ("confidence", "float64"),
)
EVENT_COLUMN_NAMES = tuple(name for name, _ in EVENT_COLUMNS)
#: list-valued columns (CSV joins them with ';')
LIST_COLUMNS = tuple(name for name, kind in EVENT_COLUMNS if kind.startswith("list"))

_SQL_TYPES = {"string": "VARCHAR", "date32": "DATE", "int64": "BIGINT", "int32": "INTEGER",
              "float64": "DOUBLE", "bool": "BOOLEAN", "list<string>": "VARCHAR[]"}

# Store columns of each output column (the writer's rows; docs/store.md).
_STORE_SOURCES = {
    "content_hash": "e.content_hash", "article_id": "a.id", "article_title": "a.title",
    "published": "a.published", "source": "a.source", "url": "a.url", "dedup_id": "em.dedup_id",
    "global_id": "d.global_id", "num_articles": "d.num_articles", "num_mentions": "d.num_mentions",
    "symmetric": 'e."symmetric"',
}


def event_schema() -> "pa.Schema":
    """The Arrow schema of :func:`events_table` (and of the Parquet export)."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "date32": pa.date32(), "int64": pa.int64(), "int32": pa.int32(),
             "float64": pa.float64(), "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, kinds[kind]) for name, kind in EVENT_COLUMNS])


def flat_sql(where: str = "") -> str:
    """SELECT of every stored event record in :data:`EVENT_COLUMNS` order and types."""
    cols = []
    for name, kind in EVENT_COLUMNS:
        source = _STORE_SOURCES.get(name, f"e.{name}")
        cols.append(f'CAST({source} AS {_SQL_TYPES[kind]}) AS "{name}"')
    return f"""SELECT {', '.join(cols)}
FROM events e JOIN articles a USING (content_hash)
LEFT JOIN event_mentions em ON em.content_hash = e.content_hash AND em.event_id = e.event_id
LEFT JOIN dedup_events d ON d.dedup_id = em.dedup_id
{where}
ORDER BY a.seq, e.event_id"""


def events_table(results: Iterable[Any]) -> "pa.Table":
    """One row per event of the given extraction results, typed as :data:`EVENT_COLUMNS`.

    Args:
        results: ``ExtractedArticle`` records, e.g. from :func:`detente.extract_many`;
            ``ArticleError`` items are skipped (they have no events).

    Returns:
        A ``pyarrow.Table``; ``.to_pandas()`` or ``polars.from_arrow()`` converts it.
        Store-only columns (``dedup_id``, ``global_id``, ``num_articles``,
        ``num_mentions``) are null.

    Raises:
        DetenteError: when an item is neither an ``ExtractedArticle`` nor an ``ArticleError``.
    """
    import pyarrow as pa

    rows: list[dict[str, Any]] = []
    for result in results:
        if hasattr(result, "stage") and hasattr(result, "message"):  # an ArticleError
            continue
        if not (hasattr(result, "article") and hasattr(result, "events")):
            raise DetenteError(
                f"events_table() got a {type(result).__name__}; pass ExtractedArticle results "
                "(e.g. from detente.extract_many)"
            )
        chash = result.article.content_hash()
        rows.extend(_event_row(result, event, chash) for event in result.events)
    return pa.Table.from_pylist(rows, schema=event_schema())


def store_events_table(
    con: Any, *, since: str | dt.date | None = None, until: str | dt.date | None = None,
    types: Sequence[str] = (), statuses: Sequence[str] = (), country: str | None = None,
) -> "pa.Table":
    """Stored event records as an Arrow table with :data:`EVENT_COLUMNS` (see ``Store.events``)."""
    clauses, params = [], []
    if since is not None:
        clauses.append("e.date_start >= CAST(? AS DATE)")
        params.append(str(since))
    if until is not None:
        clauses.append("e.date_start <= CAST(? AS DATE)")
        params.append(str(until))
    if types:
        clauses.append("e.type IN (SELECT unnest(?::VARCHAR[]))")
        params.append([t.upper() for t in types])
    if statuses:
        clauses.append("e.status IN (SELECT unnest(?::VARCHAR[]))")
        params.append([s.lower() for s in statuses])
    if country:
        clauses.append("(list_contains(e.actor_countries, ?) OR list_contains(e.recipient_countries, ?))")
        params += [country.upper(), country.upper()]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rel = con.sql(flat_sql(where), params=params)
    # a relation converts without the extra copy of a cursor; DuckDB 2 names it to_arrow_table
    fetch = getattr(rel, "to_arrow_table", None) or rel.fetch_arrow_table
    return fetch().cast(event_schema())


def _event_row(result: Any, e: Any, chash: str) -> dict[str, Any]:
    art, loc = result.article, e.location
    return {
        "content_hash": chash, "article_id": art.id, "article_title": art.title, "published": art.published,
        "source": art.source, "url": art.url, "event_id": e.id, "type": e.type, "mode": e.mode,
        "contexts": list(e.contexts), "cameo": e.cameo, "quad_class": e.quad_class,
        "intensity": float(e.intensity), "goldstein": float(e.goldstein), "symmetric": e.symmetric,
        "status": e.status, "date": e.date, "date_precision": e.date_precision, "date_text": e.date_text,
        "date_start": e.date_start, "date_source": e.date_source,
        "actor_names": [a.name for a in e.actor], "actor_countries": [a.country for a in e.actor],
        "actor_sectors": [a.sector for a in e.actor], "recipient_names": [a.name for a in e.recipient],
        "recipient_countries": [a.country for a in e.recipient],
        "recipient_sectors": [a.sector for a in e.recipient],
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None, "location_text": loc.text if loc else None,
        "location_kind": loc.kind if loc else None, "location_source": loc.source if loc else None,
        "sentence_index": e.sentence_index,
        "span_start": e.span[0], "span_end": e.span[1], "trigger": e.trigger,
        "trigger_start": e.trigger_span[0], "trigger_end": e.trigger_span[1], "text": e.text,
        "confidence": float(e.confidence),
    }

