"""The bundled sample corpus is well formed and varied enough to demonstrate detente."""

from __future__ import annotations

from pathlib import Path

from detente.records import Article
from detente.sources import read_inputs

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"


def test_samples_read_cleanly():
    items = list(read_inputs([str(SAMPLES)]))
    assert all(isinstance(a, Article) for a in items)
    assert len(items) >= 20
    assert all(a.published is not None for a in items)
    assert len({a.id for a in items}) == len(items)
    assert len({a.published.year for a in items}) >= 8
