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


def test_dir_shows_only_the_public_api():
    names = dir(detente)
    assert set(names) == set(detente.__all__) | {"__version__"}
    assert not {"Any", "dt", "functools", "Iterable", "TYPE_CHECKING"} & set(names)
    assert sorted(detente.__all__) == detente.__all__ == sorted(set(detente.__all__))


def test_public_functions_document_parameters_returns_and_errors():
    for name in ("extract", "extract_many", "events_frame", "resolve_time", "open_store"):
        doc = getattr(detente, name).__doc__ or ""
        assert "Args:" in doc and ("Returns:" in doc or "Yields:" in doc) and "Raises:" in doc, name
    from detente.store import Store

    assert "Args:" in Store.events.__doc__ and "Returns:" in Store.events.__doc__


def test_version_flag(run_cli):
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.decode().strip() == f"detente {detente.__version__}"
    from importlib.metadata import version

    assert version("detente") == detente.__version__  # pyproject and the package agree


def test_extract_many_takes_jsonl_shaped_dicts(extractor, monkeypatch):
    monkeypatch.setattr(detente, "_extractor", lambda settings: extractor)
    lines = [
        {"id": "d1", "text": "Russia and China signed a gas deal on Monday.", "published": "2014-05-22",
         "title": "Gas deal", "url": "https://example.org/d1"},
        "France condemned the attack.",
    ]
    first, second = detente.extract_many(lines)
    assert first.article.id == "d1" and first.article.title == "Gas deal"
    assert first.article.published.isoformat() == "2014-05-22" and first.events[0].date == "2014-05-19"
    assert second.article.text == "France condemned the attack."
    import pytest

    with pytest.raises(detente.InputError, match=r'articles\[1\]: has no "text" string'):
        list(detente.extract_many([{"text": "Iran protested."}, {"title": "no text"}]))
    with pytest.raises(detente.InputError, match=r"articles\[0\]: publication date"):
        list(detente.extract_many([{"text": "Iran protested.", "published": "last week"}]))
