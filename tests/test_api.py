"""The public API is small, listed in __all__, and importing it does no heavy work."""

from __future__ import annotations

import subprocess
import sys

import detente


def test_all_names_exist():
    for name in detente.__all__:
        assert getattr(detente, name) is not None, name
    assert {"extract", "extract_many", "resolve_time", "open_store"} <= set(detente.__all__)


def test_import_is_cheap():
    code = "import sys, detente; print(any(m.startswith(('spacy', 'duckdb', 'dateparser')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
