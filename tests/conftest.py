"""Shared fixtures: the real spaCy model and extractor are loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Tests build their own gazetteer cache instead of writing to the user's ~/.cache."""
    old = os.environ.get("DETENTE_CACHE_DIR")
    os.environ["DETENTE_CACHE_DIR"] = str(tmp_path_factory.mktemp("detente-cache"))
    yield
    if old is None:
        os.environ.pop("DETENTE_CACHE_DIR", None)
    else:
        os.environ["DETENTE_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def nlp():
    from detente.nlp import load_nlp
    from detente.settings import load_settings

    return load_nlp(load_settings())


@pytest.fixture(scope="session")
def extractor(nlp):
    from detente.pipeline import Extractor, Resources
    from detente.settings import load_settings

    settings = load_settings()
    return Extractor(settings, resources=Resources.build(settings, nlp=nlp))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (gold sets, Phoenix dictionaries); tests skip where absent."""
    from detente.evaluate import shared_dir

    found = shared_dir()
    if found is None:
        pytest.skip("../shared/eval is absent (a user's machine): gold-data tests need it; set DETENTE_SHARED")
    return found


@pytest.fixture
def run_cli(tmp_path):
    """Run the real `detente` CLI in a subprocess; returns CompletedProcess."""
    import subprocess
    import sys

    def run(*args: str, input: bytes | None = None, cwd: Path | None = None):
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        return subprocess.run(
            [sys.executable, "-m", "detente", *args],
            input=input,
            capture_output=True,
            cwd=cwd or tmp_path,
            env=env,
            timeout=300,
        )

    return run
