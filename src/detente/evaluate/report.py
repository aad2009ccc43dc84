"""The result of one evaluation run, shared by every scorer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class EvalReport:
    """Figures of one dataset.

    ``metrics`` holds the headline figures (0..1) that the CI gate pins; ``counts`` the
    sizes behind them; ``tables`` named lists of rows for display (per type, confusion);
    ``errors`` disagreements as ``{"text", "gold", "predicted"}`` dicts; ``gold_files``
    maps each gold file read to its sha256.
    """

    dataset: str
    metrics: dict[str, float]
    counts: dict[str, int] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    gold_files: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "metrics": self.metrics,
            "counts": self.counts,
            "tables": self.tables,
            "errors": self.errors,
            "gold_files": self.gold_files,
            "notes": list(self.notes),
        }


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
