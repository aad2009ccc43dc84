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


def print_rows(
    rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Rows as a Rich table (``headers`` renames columns), JSON lines, or CSV on stdout."""
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
            # only the sentence wraps; short codes and dates stay on one line
            header = (headers or {}).get(col, col)
            if col == "text":
                table.add_column(header, min_width=20, overflow="fold")
            else:
                table.add_column(header, no_wrap=True, min_width=len(header), max_width=18, overflow="ellipsis")
        for row in rows:
            table.add_row(*[_cell(row.get(c)) for c in columns])
        console = Console()
        if not console.is_terminal:
            console = Console(width=200)  # piped to a file: keep rows whole
        console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join("" if v is None else str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
