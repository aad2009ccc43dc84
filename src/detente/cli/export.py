"""`detente export`: write the store as Parquet, CSV, JSON lines, or GDELT/ICEWS/POLECAT layouts."""

from __future__ import annotations

from pathlib import Path

import typer

from ._store import open_read
from .common import usage_error


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


def export_command(
    format: str = typer.Option(..., "--format", "-f", help="parquet, csv, jsonl, gdelt, icews or polecat."),  # noqa: A002
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB store."),
) -> None:
    """Export events (field mapping: docs/store.md)."""
    from ..export import FORMATS, export

    if format.lower() not in FORMATS:
        usage_error(f"--format {format!r} is not known; use one of {', '.join(FORMATS)}")
    if out.is_dir():
        usage_error(f"--out {out} is a folder; give a file name, e.g. {out / ('events.' + format)}")
    with open_read(db) as store:
        n = export(store.con, format, out)
    unit = "articles" if format.lower() == "jsonl" else "rows"
    print(f"{out}: {n} {unit} ({format.lower()})")
