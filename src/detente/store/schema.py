"""DuckDB schema of the store and its migrations (documented in docs/store.md).

One row per article, actor, mention, event and quote, keyed by the article's content
hash. ``dedup_events`` + ``event_mentions`` are derived from ``events`` by
:mod:`detente.store.dedup` inside the same transaction that writes the events.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from ..errors import StoreError

log = logging.getLogger(__name__)

#: Bump when the DDL changes and add the step to ``MIGRATIONS``.
SCHEMA_VERSION = 4

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    id VARCHAR,
    title VARCHAR,
    published DATE,
    source VARCHAR,
    url VARCHAR,
    text VARCHAR,
    num_actors INTEGER,
    num_events INTEGER,
    num_quotes INTEGER,
    run_id VARCHAR,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS actors (
    content_hash VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    title VARCHAR,
    evidence VARCHAR,
    kb_id VARCHAR,
    num_mentions INTEGER,
    PRIMARY KEY (content_hash, actor_id)
);
CREATE TABLE IF NOT EXISTS mentions (
    content_hash VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    mention_index INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    PRIMARY KEY (content_hash, actor_id, mention_index)
);
CREATE TABLE IF NOT EXISTS events (
    content_hash VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    type VARCHAR,
    mode VARCHAR,
    contexts VARCHAR[],
    cameo VARCHAR,
    quad_class INTEGER,
    intensity DOUBLE,
    goldstein DOUBLE,
    "symmetric" BOOLEAN,
    status VARCHAR,
    date VARCHAR,
    date_precision VARCHAR,
    date_text VARCHAR,
    date_start DATE,
    actor_ids VARCHAR[],
    actor_names VARCHAR[],
    actor_countries VARCHAR[],
    actor_sectors VARCHAR[],
    recipient_ids VARCHAR[],
    recipient_names VARCHAR[],
    recipient_countries VARCHAR[],
    recipient_sectors VARCHAR[],
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_geonameid BIGINT,
    location_text VARCHAR,
    location_start INTEGER,
    location_end INTEGER,
    location_kind VARCHAR,
    sentence_index INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    trigger VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    text VARCHAR,
    confidence DOUBLE,
    dedup_key VARCHAR,
    PRIMARY KEY (content_hash, event_id)
);
CREATE TABLE IF NOT EXISTS event_actors (
    content_hash VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    actor_id VARCHAR,
    name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    PRIMARY KEY (content_hash, event_id, role, position)
);
CREATE TABLE IF NOT EXISTS quotes (
    content_hash VARCHAR NOT NULL,
    quote_index INTEGER NOT NULL,
    speaker_id VARCHAR,
    speaker_name VARCHAR,
    speaker_country VARCHAR,
    speaker_sector VARCHAR,
    speaker_text VARCHAR,
    text VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    cue VARCHAR,
    cue_start INTEGER,
    cue_end INTEGER,
    direct BOOLEAN,
    date VARCHAR,
    sentence_index INTEGER,
    PRIMARY KEY (content_hash, quote_index)
);
CREATE TABLE IF NOT EXISTS memory (
    name_key VARCHAR NOT NULL,
    name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    title VARCHAR,
    evidence_date DATE,
    content_hash VARCHAR NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (content_hash, name_key)
);
CREATE TABLE IF NOT EXISTS dedup_events (
    dedup_id VARCHAR NOT NULL,
    global_id BIGINT,
    dedup_key VARCHAR,
    type VARCHAR,
    mode VARCHAR,
    cameo VARCHAR,
    quad_class INTEGER,
    intensity DOUBLE,
    goldstein DOUBLE,
    status VARCHAR,
    "symmetric" BOOLEAN,
    date VARCHAR,
    date_precision VARCHAR,
    date_start DATE,
    actor_codes VARCHAR,
    recipient_codes VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_geonameid BIGINT,
    location_kind VARCHAR,
    anchor_hash VARCHAR,
    anchor_event_id VARCHAR,
    num_mentions INTEGER,
    num_articles INTEGER,
    num_sources INTEGER,
    first_published DATE,
    last_published DATE
);
CREATE TABLE IF NOT EXISTS event_mentions (
    content_hash VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    dedup_id VARCHAR NOT NULL,
    dedup_key VARCHAR
);
CREATE TABLE IF NOT EXISTS ingest_log (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    inputs VARCHAR,
    workers INTEGER,
    articles_seen BIGINT,
    articles_added BIGINT,
    articles_skipped BIGINT,
    errors BIGINT,
    status VARCHAR
);
CREATE TABLE IF NOT EXISTS ingest_errors (
    error_key VARCHAR PRIMARY KEY,
    content_hash VARCHAR,
    seq BIGINT,
    article_id VARCHAR,
    source VARCHAR,
    stage VARCHAR,
    message VARCHAR,
    run_id VARCHAR,
    failed_at TIMESTAMP
);
"""

# No secondary indexes: DuckDB's zone maps make the scans cheap, and derived tables
# (dedup_events, event_mentions) are rewritten by delete + insert inside a transaction,
# which ART indexes and key constraints handle poorly.

#: Version 2: every mention of an event in its article (coreference, events/coref.py).
_MENTIONS = """
ALTER TABLE events ADD COLUMN IF NOT EXISTS mentions STRUCT(
    trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER, span_start INTEGER, span_end INTEGER,
    sentence_index INTEGER)[];
"""

#: Version 3: where each event's date and place came from (grounding/context.py).
_SOURCES = """
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_source VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_source VARCHAR;
"""

#: Tables keyed by an article's content hash (``articles`` itself is re-keyed first).
_KEYED = ("actors", "mentions", "events", "event_actors", "quotes", "memory", "ingest_errors")


def _rehash(con: Any) -> None:
    """Version 4: content hashes of the normalised text alone (records.text_hash; they
    covered the date and the exact bytes). Re-keys every table; of articles that become
    one (a copy with a trailing space or no date), the first stored is kept."""
    from ..records import text_hash
    from .dedup import refresh

    new_of: dict[str, str] = {}
    kept: set[str] = set()
    dropped: list[str] = []
    cursor = con.execute("SELECT content_hash, text FROM articles ORDER BY seq")
    while batch := cursor.fetchmany(10_000):  # texts in batches: a big store need not fit in memory
        for old, text in batch:
            new = text_hash(text or "")
            if new in kept:
                dropped.append(old)
                continue
            kept.add(new)
            new_of[old] = new
    # a dropped copy's analysis and notes go. Failed articles keep their old hash (their
    # text is not stored): a re-run tries them again.
    for table in ("articles", *_KEYED):
        con.execute(f"DELETE FROM {table} WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))", [dropped])
    import pyarrow as pa

    _rekey = pa.table({"old": list(new_of), "new": list(new_of.values())})  # noqa: F841 (replacement scan)
    con.execute("CREATE TEMP TABLE _rekey AS SELECT * FROM _rekey")
    for table in ("articles", *_KEYED[:-1]):
        con.execute(f"UPDATE {table} SET content_hash = k.new FROM _rekey k WHERE {table}.content_hash = k.old")
    con.execute("UPDATE ingest_errors SET content_hash = k.new, error_key = k.new || substr(error_key, length(k.old) + 1) "
                "FROM _rekey k WHERE ingest_errors.content_hash = k.old")
    # one-event buckets name their article's hash (dedup.dedup_key); clusters are re-made
    con.execute("UPDATE events SET dedup_key = 'single|' || content_hash || '|' || event_id "
                "WHERE dedup_key LIKE 'single|%'")
    con.execute("DROP TABLE _rekey")
    con.execute("DELETE FROM dedup_events")
    con.execute("DELETE FROM event_mentions")
    keys = [k for (k,) in con.execute("SELECT DISTINCT dedup_key FROM events WHERE dedup_key IS NOT NULL").fetchall()]
    refresh(con, keys)
    if dropped:
        log.info("store: %d articles stored twice (whitespace or date only) kept once", len(dropped))


#: version -> statements (or a step) that bring a store from ``version - 1`` to ``version``.
MIGRATIONS: dict[int, str | Callable[[Any], None]] = {1: _TABLES, 2: _MENTIONS, 3: _SOURCES, 4: _rehash}


def schema_version(con: Any) -> int:
    """The version a store was built with (0 for an empty file)."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()[0][0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(row[0][0]) if row else 0


def migrate(con: Any, path: str = "") -> int:
    """Create or upgrade the schema in one transaction; returns the version reached."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store schema version {current} is newer than this detente ({SCHEMA_VERSION}); "
            "upgrade detente or ingest into a new --db file"
        )
    if current == SCHEMA_VERSION:
        return current
    con.execute("BEGIN TRANSACTION")
    try:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            log.info("store %s: migrating schema to version %d", path, version)
            step = MIGRATIONS[version]
            if callable(step):
                step(con)
            else:
                con.execute(step)
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


#: Tables whose row counts describe the store's content (used by tests and `summary`).
CONTENT_TABLES = (
    "articles",
    "actors",
    "mentions",
    "events",
    "event_actors",
    "quotes",
    "memory",
    "dedup_events",
    "event_mentions",
    "ingest_errors",
)
