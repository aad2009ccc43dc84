"""Exports of the store: Parquet, CSV, JSON lines, and GDELT / ICEWS / POLECAT layouts.

- ``parquet`` / ``csv``: one row per event record (an event as one article reports it),
  with article fields and the deduplicated event it belongs to (``dedup_id``,
  ``num_articles``, ``num_mentions``): full provenance, the columns and types of
  :data:`detente.frames.EVENT_COLUMNS`. CSV joins list columns with ';'.
- ``jsonl``: one object per article in the output contract (docs/contract.md), read back
  into records by :mod:`detente.store.reader` and written by their ``to_dict``.
- ``gdelt`` / ``icews`` / ``polecat``: one row per *deduplicated* event in those datasets'
  own layouts (:mod:`detente.layouts`), plus a ``NAME.detente.tsv`` sidecar. The field
  mapping is in docs/store.md.

Tables are written by DuckDB's COPY (streaming, no corpus in memory); JSON lines are
built article by article in batches.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterator, Sequence

from . import layouts
from .errors import DetenteError
from .frames import LIST_COLUMNS, flat_sql
from .layouts import GDELT_COLUMNS, ICEWS_COLUMNS, POLECAT_COLUMNS  # noqa: F401 (re-exported)

log = logging.getLogger(__name__)

FORMATS = ("parquet", "csv", "jsonl", "gdelt", "icews", "polecat")

#: The Parquet/CSV export: every stored event record (see :mod:`detente.frames`).
FLAT_SQL = flat_sql()


def export(con: Any, fmt: str, out: str | Path, *, status: str | Sequence[str] | None = None) -> int:
    """Write the store in ``fmt`` to ``out``.

    Args:
        con: a DuckDB connection to a store (``Store.con``).
        fmt: one of :data:`FORMATS`.
        out: the file to write (its folder is created).
        status: which event statuses to write: a comma list (``"asserted,future"``), a
            sequence, or ``"all"``. Default: every status for parquet/csv/jsonl, and only
            events that happened (asserted, historical) for gdelt/icews/polecat.

    Returns:
        The number of rows written (articles for jsonl).

    Raises:
        DetenteError: an unknown format or status.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise DetenteError(f"export format {fmt!r} is not known; use one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in layouts.LAYOUTS:
        return layouts.write_layout(con, fmt, out, layouts.parse_statuses(status))
    statuses = None if status is None else layouts.parse_statuses(status)
    if fmt == "jsonl":
        return _export_jsonl(con, out, statuses)
    where = "" if statuses is None else "WHERE e.status IN (" + ", ".join(f"'{s}'" for s in statuses) + ")"
    if fmt == "parquet":
        return _copy(con, flat_sql(where), out, "(FORMAT parquet)")
    return _copy(con, _csv_sql(where), out, "(FORMAT csv, HEADER true)")


def _copy(con: Any, sql: str, out: Path, options: str) -> int:
    # the path is a parameter-free literal: DuckDB's COPY takes no bound path, so quote it
    target = str(out).replace("'", "''")
    return int(con.execute(f"COPY ({sql}) TO '{target}' {options}").fetchall()[0][0])  # COPY returns its row count


def _csv_sql(where: str = "") -> str:
    lists = ", ".join(f"array_to_string(\"{c}\", ';') AS \"{c}\"" for c in LIST_COLUMNS)
    return f"SELECT * REPLACE ({lists}) FROM ({flat_sql(where)})"


# -- JSON lines in the output contract ----------------------------------------------------
def _export_jsonl(con: Any, out: Path, statuses: Sequence[str] | None = None, batch: int = 500) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for obj in iter_contract(con, batch, statuses):
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    return n


def iter_contract(con: Any, batch: int = 500, statuses: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored article as a dict in the output contract, in ingest order: the stored
    rows read back into records (:mod:`detente.store.reader`) and their ``to_dict()``.
    With ``statuses``, events of other statuses are left out of each article."""
    from dataclasses import replace

    from .store.reader import iter_articles

    for result in iter_articles(con, batch):
        if statuses is not None:
            result = replace(result, events=tuple(e for e in result.events if e.status in statuses))
        yield result.to_dict()
