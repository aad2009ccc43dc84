"""Opening the store read-only for query commands, with one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import DetenteError
from .common import usage_error


def open_read(db: Path) -> Any:
    from ..store import open_store

    if not db.exists():
        usage_error(f"--db {db}: no such store; run `detente ingest ARTICLES --db {db}` first")
    try:
        return open_store(db, read_only=True)
    except DetenteError as exc:
        usage_error(str(exc))


def print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str | None = None) -> None:
    """Rows as a Rich table, JSON lines, or CSV on stdout."""
    import csv
    import json
    import sys

    if fmt == "json":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for col in columns:
            table.add_column(col)
        for row in rows:
            table.add_row(*[_cell(row.get(c)) for c in columns])
        Console().print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join("" if v is None else str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
