"""`detente summary`: what the store holds and its most active relationships."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._store import open_read
from .common import limits_line

__all__ = ["limits_line", "register", "summary_command"]


def register(app: typer.Typer) -> None:
    app.command("summary")(summary_command)


def summary_command(
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB store."),
    top: int = typer.Option(10, "--top", min=1, help="How many dyads to show."),
    parquet: Optional[str] = typer.Option(
        None, "--parquet", help="Summarise the Parquet output of `ingest --engine ray` in place (no store)."),
) -> None:
    """Top dyads with counts, net cooperation and trend."""
    from rich.console import Console
    from rich.table import Table

    if parquet is not None:
        from ._scale import parquet_summary_command

        parquet_summary_command(parquet, top)
        return

    from ..analytics import top_dyads
    from ..store.queries import limit_counts, store_overview

    console = Console()
    if not console.is_terminal:
        console = Console(width=120)  # piped: keep rows on one line
    with open_read(db) as store:
        o = store_overview(store.con)
        limits = limits_line(limit_counts(store.con))
        tables = [(kind, top_dyads(store.con, kind, top)) for kind in ("country", "person")]
    span = (f"{o['first_published']} to {o['last_published']}" if o["first_published"] is not None
            else "no publication dates")
    console.print(
        f"[bold]{db}[/bold]: {o['articles']} articles ({span}), "
        f"{o['events']} event mentions -> {o['dedup_events']} deduplicated events, {o['quotes']} quotes, "
        f"{o['errors']} failed inputs"
    )
    if limits:
        console.print(limits, highlight=False)
    for kind, dyads in tables:
        table = Table(title=f"Top {kind} dyads")
        for col in ("dyad", "events", "coop", "conflict", "net", "mean Goldstein", "trend"):
            table.add_column(col, justify="left" if col in ("dyad", "trend") else "right")
        for d in dyads:
            table.add_row(f"{d.a} - {d.b}", str(d.events), str(d.cooperative), str(d.conflictual),
                          f"{d.net_cooperation:+d}", "" if d.mean_goldstein is None else f"{d.mean_goldstein:+.2f}",
                          d.trend.label)
        console.print(table)
    console.print(f"Explore: detente dyad A B --db {db} --plot dyad.png, or `detente serve --db {db}` "
                  "for the graph, timelines and map.")
