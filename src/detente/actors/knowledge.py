"""The read-only tables the actors stage codes with, built once and shared by every article."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

from .countries import NameTable
from .descriptors import Lexicon
from .dictionaries import ActorDictionary
from .lookup import KbLookup
from .memory import ActorMemory
from .regions import RegionTable

if TYPE_CHECKING:
    from .kb import KnowledgeBase


@dataclass(frozen=True, slots=True)
class ActorTables:
    """The knowledge base, user dictionaries, the store's memory and the name tables."""

    kb: "KnowledgeBase | None"
    dictionaries: tuple[ActorDictionary, ...]
    memory: ActorMemory | None
    names: NameTable
    lexicon: Lexicon
    regions: RegionTable
    #: organisation name -> its short forms ("NATO" -> "alliance")
    shorts: Mapping[str, tuple[str, ...]]
    #: every organisation short form, for a constant-time "is this a short form?" test
    short_words: frozenset[str]
    #: every question asked of the KB about people
    people: KbLookup

    @classmethod
    def build(
        cls,
        kb: "KnowledgeBase | None",
        dictionaries: Sequence[ActorDictionary] = (),
        memory: ActorMemory | None = None,
        *,
        names: NameTable | None = None,
        lexicon: Lexicon | None = None,
        regions: RegionTable | None = None,
    ) -> "ActorTables":
        """The given tables; the packaged ones where ``names``/``lexicon``/``regions`` are None."""
        names = names if names is not None else NameTable.load()
        shorts = {e.name: e.short for e in names.orgs}
        return cls(
            kb=kb,
            dictionaries=tuple(dictionaries),
            memory=memory,
            names=names,
            lexicon=lexicon if lexicon is not None else Lexicon.load(),
            regions=regions if regions is not None else RegionTable.load(),
            shorts=shorts,
            short_words=frozenset(w for short in shorts.values() for w in short),
            people=KbLookup(kb),
        )

    def agent_sector(self, text: str) -> str | None:
        """Sector of a group noun from the user's agent dictionaries ("riot police")."""
        for book in self.dictionaries:
            hit = book.lookup(text, None)
            if hit is not None and hit.agent and hit.sector:
                return hit.sector
        return None
