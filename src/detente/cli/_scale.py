"""`detente ingest --engine ray` and `detente store load`: thin wrappers over detente.scale."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..errors import DetenteError
from .common import EXIT_OK, EXIT_SOME_FAILED, limits_line, usage_error, warn

if TYPE_CHECKING:
    from ..settings import Settings


def ingest_ray_command(inputs: List[str], out: Optional[str], actors: int, cpus_per_actor: float,
                       batch_size: int, address: Optional[str], settings: Settings, quiet: bool) -> None:
    if not out:
        usage_error("--engine ray writes Parquet datasets: give --out FOLDER (or a URI such as s3://bucket/out)")
    if cpus_per_actor <= 0:
        usage_error(f"--cpus-per-actor {cpus_per_actor:g}: give a positive number")
    if batch_size < 1:
        usage_error(f"--batch-size {batch_size}: give 1 or more")
    from ..scale.ray_engine import RayOptions, ingest_ray

    options = RayOptions(actors, cpus_per_actor, batch_size, address, progress=not quiet)
    try:
        r = ingest_ray(inputs, out, options, settings)
    except DetenteError as exc:
        usage_error(str(exc))
    print(f"{r.out}: {r.written} shards written, {r.skipped} complete already; {r.articles} articles, "
          f"{r.failed} failed, {r.events} events, {r.seconds:.1f} s ({r.rate:.2f} articles/s)")
    for source, message in r.problems:
        warn(f"{source}: {message}")
    if r.failed:
        warn(f"{r.failed} failed articles or shards: see the failures dataset under {r.out}")
    raise typer.Exit(EXIT_SOME_FAILED if (r.failed or r.problems) else EXIT_OK)


def store_load_command(
    parquet_dir: str = typer.Argument(..., help="Output folder (or URI) of `detente ingest --engine ray`."),
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB store to write (created if missing)."),
) -> None:
    """Load Parquet datasets of `ingest --engine ray` into a store (loading twice adds nothing)."""
    from ..scale.load import load_parquet

    try:
        r = load_parquet(parquet_dir, db)
    except DetenteError as exc:
        usage_error(str(exc))
    print(f"{r.db}: {r.added} articles added from {r.shards} shards ({r.failures} failure rows read)")


def parquet_summary_command(parquet_dir: str, top: int) -> None:
    """`detente summary --parquet DIR`: counts and country dyads, DuckDB over the Parquet files."""
    from rich.console import Console
    from rich.table import Table

    from ..scale.summary import summarize_parquet

    try:
        s = summarize_parquet(parquet_dir, top)
    except DetenteError as exc:
        usage_error(str(exc))
    console = Console()
    if not console.is_terminal:
        console = Console(width=120)  # piped: keep rows on one line
    console.print(
        f"[bold]{s.out}[/bold] (Parquet, {s.shards} shards): {s.articles} articles ({s.first_published} to "
        f"{s.last_published}), {s.events} events (not deduplicated across articles: `detente store load` for "
        f"that), {s.quotes} quotes, {s.failures} failed inputs"
    )
    limits = limits_line(s.limits)
    if limits:
        console.print(limits, highlight=False)
    table = Table(title="Top country dyads")
    for col in ("dyad", "events", "coop", "conflict", "net"):
        table.add_column(col, justify="left" if col == "dyad" else "right")
    for d in s.dyads:
        table.add_row(f"{d.a} - {d.b}", str(d.events), str(d.cooperative), str(d.conflictual),
                      f"{d.net_cooperation:+d}")
    console.print(table)
