"""`detente eval`: score detente on the annotated gold sets and guard the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from .common import EXIT_OK, EXIT_SOME_FAILED, usage_error, warn

if TYPE_CHECKING:
    from ..evaluate.report import EvalReport

BASELINE = Path("eval_baseline.json")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    dataset: str = typer.Argument(..., help="plover-gsr, petrarch, tempeval3, event-location, polnear, india-police, wikievents, timebank, coverage, or all."),
    path: Optional[Path] = typer.Option(None, help="Folder of the gold set (default: ../shared/eval/<set>)."),
    limit: Optional[int] = typer.Option(
        None, help="Score only the first N items (documents for india-police); default: the number the "
        "baseline pins for the set (india-police: its first 300 documents, the held-out split), 0 for all."),
    show_errors: int = typer.Option(0, "--show-errors", help="Print N disagreements (text, gold, predicted)."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write the full report as JSON here."),
    baseline: Path = typer.Option(BASELINE, help="Pinned floors file."),
    check: bool = typer.Option(False, "--check", help="Exit 1 if a figure falls below its pinned floor."),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="Pin these figures as the new floors (only upwards)."),
    allow_regression: bool = typer.Option(False, "--allow-regression", help="With --update-baseline: let a floor move down."),
    why: Optional[str] = typer.Option(None, help="With --allow-regression: the reason, recorded in the baseline."),
) -> None:
    """Score detente on a gold set (the sets and their floors: README.md, 'Accuracy')."""
    from ..evaluate import DATASETS, check_baseline, dataset_path, load_baseline, run_dataset, updated_baseline

    names = list(DATASETS) if dataset == "all" else [dataset]
    for name in names:
        if name not in DATASETS:
            usage_error(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)} or all")
    if allow_regression and not why:
        usage_error("--allow-regression needs --why 'the reason the floor moves down'")
    pinned = load_baseline(baseline)
    extractor = None
    failures: list[str] = []
    reports = []
    for name in names:
        folder = dataset_path(name, path)
        if folder is None:
            warn(f"{name}: gold folder not found (looked in {path or '../shared/eval'}); give --path or set DETENTE_SHARED")
            failures.append(name)
            continue
        if extractor is None and DATASETS[name].needs != "time":
            from ..pipeline import Extractor

            extractor = Extractor()
        used = pinned_limit(name, limit, pinned)
        if limit is None and used is not None:
            warn(f"{name}: scoring the first {used} items, as the baseline pins them (--limit 0 for all)")
        result = run_dataset(name, folder, limit=used, extractor=extractor)
        reports.append(result)
        _print_report(result, show_errors)
        if check:
            problems = check_baseline(name, result, pinned)
            for problem in problems:
                warn(problem)
            failures += problems
        if update_baseline:
            pinned, refused = updated_baseline(name, result, pinned, limit=used, allow_regression=allow_regression, why=why)
            for line in refused:
                warn(f"{name}: floor kept ({line}); use --allow-regression --why '...' to lower it")
    if update_baseline:
        baseline.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n")
    if report:
        payload = [r.to_dict() for r in reports]
        report.write_text(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
    raise typer.Exit(EXIT_SOME_FAILED if failures else EXIT_OK)


def pinned_limit(name: str, limit: int | None, pinned: dict[str, Any]) -> int | None:
    """The items to score: ``--limit`` when given (0 = all), else what the baseline pins, so
    that a check compares like with like (the India floors are for the first 300 documents)."""
    if limit is not None:
        return limit or None
    return (pinned.get(name) or {}).get("limit")


def _print_report(report: EvalReport, show_errors: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{report.dataset}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in report.metrics.items():
        table.add_row(key, f"{value:.3f}")
    for key, value in report.counts.items():
        table.add_row(key, str(value))
    console.print(table)
    for name, rows in report.tables.items():
        if not rows:
            continue
        sub = Table(title=f"{report.dataset}: {name}")
        columns = list(rows[0].keys())
        for col in columns:
            sub.add_column(str(col))
        for row in rows:
            sub.add_row(*[_fmt(row.get(col)) for col in columns])
        console.print(sub)
    for note in report.notes:
        console.print(f"[dim]{note}[/dim]")
    for err in report.errors[:show_errors]:
        console.print(f"[bold]text:[/bold] {err.get('text')}")
        console.print(f"  [green]gold:[/green] {err.get('gold')}")
        console.print(f"  [red]predicted:[/red] {err.get('predicted')}")


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
