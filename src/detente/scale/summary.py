"""``detente summary --parquet DIR``: DuckDB over the Parquet datasets where they lie.

No store is built: the complete shards' files (those with a marker) are opened as Arrow
datasets on their filesystem (local or any pyarrow URI) and DuckDB scans them. Event
rows are per article (nothing is deduplicated across articles: that needs a store, via
``detente store load``), and dyads count the events that happened, as ``summary`` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import DetenteError
from ..store.filters import HAPPENED
from ..store.queries import LIMIT_STAGES
from .shards import DATASETS, Output, dataset_schemas


@dataclass(frozen=True)
class ParquetDyad:
    a: str
    b: str
    events: int
    cooperative: int  # quad classes 1-2
    conflictual: int  # quad classes 3-4

    @property
    def net_cooperation(self) -> int:
        return self.cooperative - self.conflictual


@dataclass(frozen=True)
class ParquetSummary:
    out: str
    shards: int
    articles: int
    first_published: date | None
    last_published: date | None
    events: int  # event rows (one per event of each article)
    quotes: int
    failures: int  # failed inputs (not the limits noted on stored articles)
    dyads: tuple[ParquetDyad, ...]  # country dyads, most events first
    limits: dict[str, int] = field(default_factory=dict)  # rows per limit stage, as `summary` counts them


_DYADS = """
WITH e AS (
    SELECT row_number() OVER () AS n, actor_countries, recipient_countries, quad_class
    FROM events WHERE status IN (SELECT unnest(?::VARCHAR[]))
),
a AS (SELECT n, unnest(actor_countries) AS c FROM e),
r AS (SELECT n, unnest(recipient_countries) AS c FROM e),
pairs AS (
    SELECT DISTINCT a.n, least(a.c, r.c) AS x, greatest(a.c, r.c) AS y
    FROM a JOIN r USING (n) WHERE a.c IS NOT NULL AND r.c IS NOT NULL AND a.c <> r.c
)
SELECT x, y, count(*) AS events, count(*) FILTER (WHERE quad_class IN (1, 2)),
       count(*) FILTER (WHERE quad_class IN (3, 4))
FROM pairs JOIN e USING (n) GROUP BY x, y ORDER BY events DESC, x, y LIMIT ?
"""


def summarize_parquet(out: str, top: int = 10) -> ParquetSummary:
    """Counts, date range and the ``top`` country dyads of the datasets under ``out``."""
    import duckdb
    import pyarrow.dataset as pads

    output = Output(out)
    keys = sorted(output.done())
    if not keys:
        raise DetenteError(f"{out}: no complete shard here; give the --out folder of `detente ingest --engine ray`")
    schemas = dataset_schemas()
    con = duckdb.connect()
    try:
        for name in DATASETS:
            files = [output.table_path(name, k) for k in keys]
            try:
                ds = pads.dataset(files, schema=schemas[name], format="parquet", filesystem=output.fs)
            except Exception as exc:  # noqa: BLE001 - a damaged or missing file: name the folder and the fix
                raise DetenteError(f"{out}/{name}: cannot be read ({exc}); rerun the ingest into a new folder") from None
            con.register(name, ds)
        row: Any = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT min(published) FROM articles), "
            "(SELECT max(published) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM quotes), "
            # a limit noted on a stored article (truncated, ...) is no failed input, as in `summary`
            "(SELECT count(*) FROM failures WHERE content_hash IS NULL "
            "OR content_hash NOT IN (SELECT content_hash FROM articles))"
        ).fetchone()
        limits = {stage: int(n) for stage, n in con.execute(
            "SELECT stage, count(*) FROM failures WHERE stage IN (SELECT unnest(?::VARCHAR[])) GROUP BY stage",
            [list(LIMIT_STAGES)]).fetchall()}
        dyads = tuple(ParquetDyad(*r) for r in con.execute(_DYADS, [list(HAPPENED), top]).fetchall())
    finally:
        con.close()
    return ParquetSummary(out, len(keys), row[0], row[1], row[2], row[3], row[4], row[5], dyads, limits)
