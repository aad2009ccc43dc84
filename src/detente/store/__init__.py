"""The DuckDB store: one file holding articles, actors, events, quotes and their dedup.

>>> store = open_store("detente.duckdb")          # doctest: +SKIP
>>> store.write([result])                          # doctest: +SKIP
>>> store.counts()["events"]                       # doctest: +SKIP

Schema and field meanings: docs/store.md. The read side (event lists, dyads) lives in
:mod:`detente.store.queries`, what it selects in :mod:`detente.store.filters`; both take
``store.con`` (or any DuckDB connection).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any, Sequence

from ..errors import StoreError
from ..records import ArticleError, ExtractedArticle
from . import schema, writer
from .faults import is_store_fault, store_error
from .writer import Failure, Rows, content_hash

log = logging.getLogger(__name__)

__all__ = ["Store", "open_store", "content_hash", "Failure"]


class Store:
    """A DuckDB connection with the detente schema; the single writer of its file."""

    def __init__(self, con: Any, path: str, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- life cycle ---------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------
    def has(self, chash: str) -> bool:
        """True when an article with this content hash was stored (or failed) already."""
        return bool(writer.existing_hashes(self.con, [chash]))

    def existing(self, hashes: Sequence[str]) -> set[str]:
        return writer.existing_hashes(self.con, hashes)

    def stored_ids(self, hashes: Sequence[str]) -> dict[str, str | None]:
        """content hash -> id of the stored article, or of the failure recorded for it
        (the hashes of neither are left out)."""
        if not hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, id FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) "
            "UNION ALL SELECT content_hash, article_id FROM ingest_errors "
            "WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) "
            "AND content_hash NOT IN (SELECT content_hash FROM articles)",
            [list(hashes), list(hashes)],
        ).fetchall()
        return {h: i for h, i in rows}

    def failed_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these hashes failed in an earlier run (recorded, not stored)."""
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT content_hash FROM ingest_errors WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) "
            "EXCEPT SELECT content_hash FROM articles",
            [list(hashes)],
        ).fetchall()
        return {r[0] for r in rows}

    def next_seq(self) -> int:
        """The sequence number the next article gets (articles and failures share it)."""
        row = self.con.execute(
            "SELECT greatest((SELECT max(seq) FROM articles), (SELECT max(seq) FROM ingest_errors))"
        ).fetchall()[0]
        return 0 if row[0] is None else int(row[0]) + 1

    def events(
        self, *, since: str | dt.date | None = None, until: str | dt.date | None = None,
        types: Sequence[str] = (), statuses: Sequence[str] = (), country: str | None = None,
    ) -> Any:
        """Stored event records as a ``pyarrow.Table``, one row per event record, with the
        columns and types of ``detente.events_frame`` and the Parquet export (docs/api.md).

        Args:
            since, until: keep events whose date period starts in this range (inclusive,
                ``"YYYY-MM-DD"`` or a date).
            types: PLOVER types to keep (e.g. ``["ACCUSE", "THREATEN"]``); all by default.
            statuses: statuses to keep (e.g. ``["asserted", "historical"]``); all by default.
            country: keep events with this ISO3 country among actors or recipients.

        Returns:
            A ``pyarrow.Table``; ``.to_pandas()`` or ``polars.from_arrow()`` converts it.
        """
        from ..frames import store_events_table

        return store_events_table(self.con, since=since, until=until, types=types, statuses=statuses,
                                  country=country)

    def counts(self) -> dict[str, int]:
        """Row count of every content table."""
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in schema.CONTENT_TABLES}

    # -- writing ------------------------------------------------------------------------
    def write(
        self,
        results: Sequence[ExtractedArticle | ArticleError],
        content_hashes: Sequence[str] | None = None,
        *,
        seqs: Sequence[int] | None = None,
        failures: Sequence[Failure] = (),
        run_id: str | None = None,
        log_update: tuple[str, list[Any]] | None = None,
    ) -> int:
        """Write results (and failures) in one transaction; articles already stored are
        skipped. An :class:`ArticleError` in ``results`` is recorded as a failure (its
        content hash must be given). Returns the number of articles added."""
        self._writable()
        hashes = list(content_hashes) if content_hashes is not None else [
            content_hash(r.article) if isinstance(r, ExtractedArticle) else None for r in results
        ]
        if len(hashes) != len(results):
            raise StoreError(f"{self.path}: write() got {len(results)} results but {len(hashes)} content hashes")
        known = self.existing([h for h in hashes if h])
        seq0 = self.next_seq()
        seqs = list(seqs) if seqs is not None else list(range(seq0, seq0 + len(results)))
        run_id = run_id or new_run_id()
        now = dt.datetime.now()
        rows = Rows()
        for result, chash, seq in zip(results, hashes, seqs):
            if chash in known:
                continue
            if chash:
                known.add(chash)  # the same article twice in one batch is written once
            if isinstance(result, ArticleError):
                writer.add_failure(rows, Failure.from_error(result, chash, None), seq, run_id, now)
            else:
                writer.add_article(rows, result, chash, seq, run_id, now)
                art = result.article
                for stage, message in result.notes:
                    note = Failure(stage, message, art.source, art.id, chash, note=True)
                    writer.add_failure(rows, note, seq, run_id, now)
        for failure in failures:
            writer.add_failure(rows, failure, None, run_id, now)
        try:
            return writer.commit(self.con, rows, log_update)
        except Exception as exc:
            if is_store_fault(exc):  # full disk, damaged block, read-only file system
                raise store_error(self.path, exc, "write") from None
            raise

    def verify(self) -> None:
        """Read every row of every table once, so that DuckDB checks the checksum of each
        block (it reads only the blocks a query touches, and an ingest touches few); a
        damaged block raises the one-line "damaged" :class:`StoreError`. About 10 ms per
        10 MB of store (measured: 3,000 articles, 11 MB, 23 ms)."""
        try:
            tables = [r[0] for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                "AND table_type = 'BASE TABLE'").fetchall()]
            for table in tables:
                # hashing the whole row makes every column's blocks be read
                self.con.execute(f'SELECT count(*), bit_xor(hash(x)) FROM "{table}" AS x').fetchall()
        except Exception as exc:
            if is_store_fault(exc):
                raise store_error(self.path, exc, "read") from None
            raise

    def record_error(self, stage: str, message: str, *, source: str | None = None,
                     article_id: str | None = None, chash: str | None = None) -> None:
        """Record one failure on its own (outside a batch)."""
        self.write([], [], failures=[Failure(stage, message, source, article_id, chash)])

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only; open it with read_only=False to write")


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:8]


def open_store(path: str | Path = "detente.duckdb", read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) a DuckDB store.

    ``path`` may be ':memory:' for a throw-away store. A file another process is
    writing cannot be opened; the error says so.
    """
    import duckdb

    where = str(path)
    if read_only and where != ":memory:" and not Path(where).exists():
        raise StoreError(f"{where}: no such store; run `detente ingest ARTICLES --db {where}` first")
    try:
        con = duckdb.connect(where, read_only=read_only)
    except duckdb.Error as exc:
        raise store_error(where, exc) from None
    try:
        if read_only:
            version = schema.schema_version(con)
            if version != schema.SCHEMA_VERSION:
                raise StoreError(
                    f"{where}: store schema version {version}, expected {schema.SCHEMA_VERSION}; "
                    "open it once for writing (e.g. `detente ingest`) to migrate it"
                )
        else:
            schema.migrate(con, where)
    except (duckdb.Error, StoreError) as exc:
        con.close()
        if isinstance(exc, StoreError):
            raise
        raise store_error(where, exc) from None
    return Store(con, where, read_only)
