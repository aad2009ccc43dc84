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
    status: str = typer.Option(
        None, "--status",
        help="Event statuses to write: 'all' or a comma list of asserted, future, hypothetical, negated, "
        "historical. Default: all for parquet/csv/jsonl; asserted,historical (events that happened) for "
        "gdelt/icews/polecat.",
    ),
) -> None:
    """Export events (field mapping: docs/store.md)."""
    from ..errors import DetenteError
    from ..export import FORMATS, export
    from ..layouts import LAYOUTS, parse_statuses, sidecar_path

    fmt = format.lower()
    if fmt not in FORMATS:
        usage_error(f"--format {format!r} is not known; use one of {', '.join(FORMATS)}")
    if out.is_dir():
        usage_error(f"--out {out} is a folder; give a file name, e.g. {out / ('events.' + format)}")
    problem = _unwritable(out)
    if problem:
        usage_error(f"--out {out}: {problem}; give a file in a folder you can write")
    try:
        parse_statuses(status)
    except DetenteError as exc:
        usage_error(f"--status: {exc}")
    with open_read(db) as store:
        n = export(store.con, fmt, out, status=status)
    unit = "articles" if fmt == "jsonl" else "rows"
    extra = f"; status, date precision and counts in {sidecar_path(out)}" if fmt in LAYOUTS else ""
    print(f"{out}: {n} {unit} ({fmt}){extra}")


def _unwritable(out: Path) -> str | None:
    """Why ``out`` cannot be written (checked before the export, which would fail deep in
    DuckDB with a traceback), or None."""
    import os

    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        return f"folder {folder} does not exist"
    existed = out.exists()
    if (existed and not os.access(out, os.W_OK)) or not os.access(folder, os.W_OK):
        return "it cannot be written here (permissions or a read-only file system)"
    try:  # /proc and similar pass the permission checks but refuse new files
        with open(out, "ab"):
            pass
    except OSError as exc:
        return f"it cannot be written ({exc.strerror})"
    if not existed:
        out.unlink()
    return None
