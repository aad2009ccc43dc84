"""One reader for the project's data tables (``detente/data/**/*.tsv``).

Every word list, alias table and ontology table is a tab-separated file with a header
line naming its columns. Blank lines and lines starting with ``#`` are skipped. A row
with too few fields, or a header that lacks a required column, raises
``DataFileError(path, line)`` so that whoever edits the data sees where and how to fix it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence, TypeVar

from .errors import DataFileError


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its fields by column name, and where it came from (for messages)."""

    fields: tuple[tuple[str, str], ...]
    path: str
    line: int

    def __getitem__(self, column: str) -> str:
        for name, value in self.fields:
            if name == column:
                return value
        raise KeyError(column)

    def get(self, column: str, default: str = "") -> str:
        for name, value in self.fields:
            if name == column:
                return value
        return default


def data_path(name: str) -> Path:
    """The packaged data file ``name`` (relative to ``detente/data``)."""
    return Path(str(resources.files("detente") / "data" / name))


def read_table(name: str | Path, columns: Sequence[str]) -> tuple[Row, ...]:
    """Read a TSV data table whose header contains at least ``columns``.

    ``name`` is relative to ``detente/data`` unless it is an existing path. Optional
    columns that a row leaves out read as "". Raises ``DataFileError`` naming file:line.
    """
    path = Path(name) if isinstance(name, Path) or Path(name).is_file() else data_path(str(name))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(str(path), None, "data file not found", "reinstall detente or restore the file") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, f"not UTF-8 ({exc.reason})", "save the file as UTF-8") from None
    return tuple(_rows(text, str(path), tuple(columns)))


def read_words(name: str | Path, column: str = "word") -> frozenset[str]:
    """A word list: the values of one column of a data table."""
    return frozenset(row[column] for row in read_table(name, (column,)))


def read_word_lists(name: str | Path, lists: Sequence[str]) -> dict[str, frozenset[str]]:
    """Named word lists kept in one table with the columns ``list`` and ``word``.

    Returns list name -> its words for every name of ``lists``; a row naming another list,
    or a list with no rows, raises ``DataFileError``.
    """
    found: dict[str, set[str]] = {n: set() for n in lists}
    rows = read_table(name, ("list", "word"))
    for row in rows:
        if row["list"] not in found:
            raise DataFileError(row.path, row.line, f"unknown word list {row['list']!r}",
                                f"use one of {', '.join(lists)}")
        found[row["list"]].add(row["word"])
    empty = [n for n, words in found.items() if not words]
    if empty:
        where = rows[0].path if rows else str(name)
        raise DataFileError(where, None, f"no words for list(s) {', '.join(empty)}", "add rows: list<TAB>word")
    return {n: frozenset(words) for n, words in found.items()}


W = TypeVar("W")


def read_word_lists_as(cls: type[W], name: str | Path) -> W:
    """The word lists of ``name`` as a frozen dataclass ``cls`` with one frozenset field per list."""
    return cls(**read_word_lists(name, [f.name for f in dataclasses.fields(cls)]))  # type: ignore[arg-type]


def _rows(text: str, path: str, columns: tuple[str, ...]) -> Iterator[Row]:
    header: tuple[str, ...] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = tuple(f.strip() for f in line.split("\t"))
        if header is None:
            header = fields
            missing = [c for c in columns if c not in header]
            if missing:
                raise DataFileError(
                    path, number, f"header lacks column(s) {', '.join(missing)}",
                    f"the first non-comment line must name the columns: {', '.join(columns)}",
                )
            continue
        needed = max(header.index(c) for c in columns) + 1 if columns else 1
        if len(fields) < needed:
            raise DataFileError(
                path, number, f"{len(fields)} field(s) where {needed} are needed",
                f"separate the columns {', '.join(header)} with tabs",
            )
        padded = fields + ("",) * (len(header) - len(fields))
        yield Row(tuple(zip(header, padded)), path, number)
    if header is None and columns:
        raise DataFileError(path, None, "no header line", f"add a header naming the columns: {', '.join(columns)}")
