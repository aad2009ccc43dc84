"""Events stage: PLOVER/CAMEO event coding from dependency patterns over a lexicon."""

from .coder import EventCoder
from .lexicon import Entry, Lexicon, LexiconError

__all__ = ["EventCoder", "Entry", "Lexicon", "LexiconError"]
