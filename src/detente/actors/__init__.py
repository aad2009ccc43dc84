"""The actors stage: who is who in an article, coded on the article's date.

Build an :class:`ActorResolver` once (``ActorResolver.build(settings, memory=...)``) and
call :meth:`ActorResolver.analyse` per parsed doc. The store's knowledge of people from
earlier articles comes in through the :class:`ActorMemory` protocol.
"""

from __future__ import annotations

from .dictionaries import ActorDictionary, DictionaryHit
from .memory import ActorMemory, DictMemory, MemoryHit
from .resolver import ActorResolver

__all__ = ["ActorResolver", "ActorMemory", "MemoryHit", "DictMemory", "ActorDictionary", "DictionaryHit"]
