"""JSON-lines reading shared by the gold-set scorers (plain or gzip-compressed files)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Iterator


def iter_jsonl(file: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-lines file, skipping blank lines; ``.gz`` files are unpacked."""
    opener = gzip.open if file.suffix == ".gz" else open
    with opener(file, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_jsonl(file: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` objects of a JSON-lines file (all of them without a limit)."""
    records: list[dict[str, Any]] = []
    for record in iter_jsonl(file):
        if limit is not None and len(records) >= limit:
            break
        records.append(record)
    return records
