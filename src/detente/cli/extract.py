"""`detente extract`: print events of articles as JSON lines or a table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from ..errors import DetenteError, InputError
from ..records import ActorRef, Article, ArticleError, ExtractedArticle
from ..sources import InputProblem, parse_published, read_inputs
from .common import EXIT_OK, EXIT_SOME_FAILED, describe_failure, settings_from, usage_error, warn


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)


def extract_command(
    inputs: List[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl, .jsonl.gz), folders, or - for stdin."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD for inputs that lack one."),
    title: Optional[str] = typer.Option(None, help="Title for .txt/.html/stdin inputs."),
    format: str = typer.Option("json", "--format", "-f", help="json (one object per article per line) or table."),
    actors: List[Path] = typer.Option([], "--actors", help="CAMEO/PETRARCH actor dictionary (repeatable)."),
    model: Optional[str] = typer.Option(None, help="spaCy pipeline name or path (default: the bundled small English model)."),
) -> None:
    """Extract events, actors and quotes from articles."""
    if format not in ("json", "table"):
        usage_error(f"--format {format!r} is not known; use json or table")
    try:
        pub = parse_published(published)
    except InputError as exc:
        usage_error(str(exc))
    for path in actors:
        if not path.is_file():
            usage_error(f"--actors {path}: no such file; give a CAMEO/PETRARCH actor dictionary")
    settings = settings_from(actors, model)
    from ..pipeline import Extractor

    try:
        extractor = Extractor(settings)
    except DetenteError as exc:
        usage_error(str(exc))
    failed = 0
    problems: list[InputProblem] = []
    articles = _articles(read_inputs(inputs, published=pub, title=title, stdin=sys.stdin.buffer), problems)
    for result in extractor.extract_many(articles):
        for problem in problems:
            warn(f"{problem.source}: {problem.message}")
        failed += len(problems)
        problems.clear()
        if isinstance(result, ArticleError):
            warn(f"article {result.article_id}: {describe_failure(result.stage, result.message)}")
            failed += 1
        elif format == "json":
            sys.stdout.write(result.to_json() + "\n")
        else:
            _print_table(result)
    for problem in problems:
        warn(f"{problem.source}: {problem.message}")
        failed += 1
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _articles(items: Iterator[Article | InputProblem], problems: list[InputProblem]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
        else:
            yield item


def _print_table(result: ExtractedArticle) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    art = result.article
    table = Table(title=f"{art.id or ''} {art.title or ''} ({art.published or 'no date'})".strip(), show_lines=False)
    for col in ("date", "actor", "type", "recipient", "place", "status", "trigger"):
        table.add_column(col)
    for ev in result.events:
        table.add_row(
            ev.date or "",
            "; ".join(_ref(a) for a in ev.actor),
            f"{ev.type} ({ev.cameo})",
            "; ".join(_ref(a) for a in ev.recipient),
            ev.location.name if ev.location else "",
            ev.status,
            ev.trigger,
        )
    console.print(table)
    if result.quotes:
        quotes = Table(title="quotes")
        for col in ("speaker", "cue", "quote"):
            quotes.add_column(col)
        for q in result.quotes:
            speaker = _ref(q.speaker) if q.speaker else (q.speaker_text or "?")
            quotes.add_row(speaker, q.cue or "", (q.text[:117] + "...") if len(q.text) > 120 else q.text)
        console.print(quotes)


def _ref(ref: ActorRef) -> str:
    code = "/".join(x for x in (ref.country, ref.sector) if x)
    return f"{ref.name} [{code}]" if code else ref.name
