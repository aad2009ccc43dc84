"""`detente ingest`: read articles into a DuckDB store (resumable, idempotent)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..errors import DetenteError
from .common import EXIT_OK, EXIT_SOME_FAILED, describe_failure, settings_from, usage_error, warn

if TYPE_CHECKING:
    from ..ingest import IngestReport
    from ..ingest import Progress as IngestProgress
    from ..settings import Settings


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)


def ingest_command(
    inputs: List[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl, .jsonl.gz), folders or globs."),
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB store to write (created if missing)."),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes (each loads the model once)."),
    actors: List[Path] = typer.Option([], "--actors", help="CAMEO/PETRARCH actor dictionary (repeatable)."),
    model: Optional[str] = typer.Option(None, help="spaCy pipeline name or path."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    chunk_size: int = typer.Option(16, "--chunk-size", help="Articles per transaction (sent to the workers as tasks of up to 8)."),
    engine: str = typer.Option("local", "--engine", help="local (into --db) or ray (Ray Data, into Parquet under --out; --workers actors)."),
    out: Optional[str] = typer.Option(None, "--out", help="--engine ray: output folder or URI of the Parquet datasets."),
    cpus_per_actor: float = typer.Option(1.0, "--cpus-per-actor", help="--engine ray: CPUs each actor reserves."),
    batch_size: int = typer.Option(8, "--batch-size", help="--engine ray: articles per actor call."),
    address: Optional[str] = typer.Option(None, "--address", help="--engine ray: a Ray cluster (default: RAY_ADDRESS, else local)."),
) -> None:
    """Extract articles into the store; already stored articles are skipped."""
    if workers < 1:
        usage_error(f"--workers {workers}: give 1 or more")
    if engine not in ("local", "ray"):
        usage_error(f"--engine {engine}: give local or ray")
    if engine == "ray":
        from ._scale import ingest_ray_command

        ingest_ray_command(inputs, out, workers, cpus_per_actor, batch_size, address, settings_from(actors, model), quiet)
    if chunk_size < 1:
        usage_error(f"--chunk-size {chunk_size}: give 1 or more")
    for path in actors:
        if not path.is_file():
            usage_error(f"--actors {path}: no such file; give a CAMEO/PETRARCH actor dictionary")
    settings = settings_from(actors, model)
    from ..ingest import ingest

    try:
        if quiet:
            report = ingest(inputs, db, workers=workers, settings=settings, chunk_size=chunk_size)
        elif sys.stdout.isatty():
            report = _with_progress(inputs, db, workers, settings, chunk_size)
        else:
            report = ingest(inputs, db, workers=workers, settings=settings, progress=_plain, chunk_size=chunk_size)
    except DetenteError as exc:
        usage_error(str(exc))
    _print_report(report)
    raise typer.Exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


def _plain(p: IngestProgress) -> None:
    """Progress as plain lines when stdout is not a terminal (logs, CI, pipes)."""
    rate = (p.added + p.failed) / p.elapsed if p.elapsed > 0 else 0.0
    total = "?" if p.total is None else p.total
    print(f"ingest: {p.done}/{total} articles (added {p.added}, skipped {p.skipped}, "
          f"failed {p.failed}) {rate:.2f} articles/s", flush=True)


def _with_progress(inputs: List[str], db: Path, workers: int, settings: Settings, chunk_size: int) -> IngestReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from ..ingest import ingest

    columns = (
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("added {task.fields[added]}"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    )
    with Progress(*columns, transient=False) as bar:
        task = bar.add_task("ingest", total=None, rate=0.0, added=0)

        def update(p: IngestProgress) -> None:
            processed = p.added + p.failed
            rate = processed / p.elapsed if p.elapsed > 0 else 0.0
            bar.update(task, completed=p.done, total=p.total, rate=rate, added=p.added)

        return ingest(inputs, db, workers=workers, settings=settings, progress=update, chunk_size=chunk_size)


def _print_report(report: IngestReport) -> None:
    r = report
    earlier = f"{r.failed_before} failed in an earlier run, " if r.failed_before else ""
    print(
        f"{r.db}: {r.added} articles added, {r.skipped - r.failed_before} already stored, {earlier}"
        f"{r.failed} failed, {r.events} events, {r.seconds:.1f} s ({r.rate:.2f} articles/s)"
    )
    if r.renamed:
        warn(f"{r.renamed} skipped article{'s have' if r.renamed > 1 else ' has'} the text of an "
             "article stored under another id: one article, kept under its first id")
    for where, stage, message in r.failures:
        warn(f"{where}: {describe_failure(stage, message)}")
    if r.failed > len(r.failures):
        warn(f"... {r.failed - len(r.failures)} more failures in the ingest_errors table of {r.db}")
