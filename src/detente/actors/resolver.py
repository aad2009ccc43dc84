"""The actors stage: mentions of people, organisations, countries and groups, coded on the
article's date.

Evidence, strongest first (``Actor.evidence``): descriptors in the text ("Russian Foreign
Minister Sergei Lavrov"), the alias tables (countries, demonyms, capitals, metonyms,
organisations), the knowledge base of office holders on the publication date, user
CAMEO/PETRARCH dictionaries, then the store's memory; unknown people stay uncoded.

Conventions (decided here, relied on by the events stage):
- a country is one actor per article ("Russia", "Russian", "Moscow", "the Kremlin"); its
  sector is GOV once it acts (subject, possessor, or named through a capital/seat of
  power: PLOVER codes states acting as GOV), else None;
- a demonym modifying a group noun makes a group actor ("Russian troops" RUS MIL);
  groups are one actor per (country, sector);
- ``by_token`` maps every token of every mention to one actor id. A plural reference
  ("the two men", "both") gets one Mention per person (how="coref") on the same tokens;
  ``by_token`` holds the first of them, the events stage reads ``mentions`` for the rest.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from ..records import ActorAnalysis
from . import bodies, people, references, states
from .appositions import merge_appositions
from .article import Article
from .candidates import Item, ItemKind, find_items, name_hits
from .countries import NameTable
from .descriptors import Lexicon
from .dictionaries import ActorDictionary
from .knowledge import ActorTables
from .lede import lede_person
from .memory import ActorMemory
from .regions import RegionTable

if TYPE_CHECKING:
    from ..settings import Settings
    from .kb import KnowledgeBase

log = logging.getLogger(__name__)

#: The handler of each kind of candidate mention, by family.
HANDLERS: Mapping[ItemKind, Callable[[Article, Item], None]] = {
    "person": people.handle_person,
    "title": people.handle_title,
    "group": bodies.handle_group,
    "province": bodies.handle_province,
    "document": bodies.handle_document,
    "ngo": bodies.handle_ngo,
    "name": states.handle_name,
    "state": states.handle_state,
    "pronoun": references.handle_pronoun,
    "pair": references.handle_pair,
    "same": references.handle_same,
    "short": references.handle_short,
    "none": references.handle_none,
    "surname": references.handle_surname,
}


class ActorResolver:
    """Finds and codes the actors of a parsed article. Build once, call per article."""

    def __init__(
        self,
        kb: "KnowledgeBase | None",
        dictionaries: Sequence[ActorDictionary] = (),
        memory: ActorMemory | None = None,
        *,
        names: NameTable | None = None,
        lexicon: Lexicon | None = None,
        regions: RegionTable | None = None,
    ) -> None:
        self.tables = ActorTables.build(kb, dictionaries, memory, names=names, lexicon=lexicon, regions=regions)

    @classmethod
    def build(cls, settings: "Settings", memory: ActorMemory | None = None) -> "ActorResolver":
        """The packaged knowledge base plus the dictionaries named in the settings."""
        from .kb import KnowledgeBase

        books = [ActorDictionary.load(p) for p in settings.actor_dictionaries]
        return cls(KnowledgeBase.load(), books, memory)

    def analyse(self, doc: Any, published: date | None) -> ActorAnalysis:
        """Actors, mentions and the token -> actor map of one parsed doc."""
        hits = name_hits(self.tables, doc, published)
        items = find_items(doc, hits, self.tables, published)
        article = Article(self.tables, doc, published, hits)
        for item in sorted(items, key=lambda it: (it.start, -it.end)):
            HANDLERS[item.kind](article, item)
        merge_appositions(article)  # whole-article passes, before the context codes
        lede_person(article)
        return article.finish()

    def agent_sector(self, text: str) -> str | None:
        """Sector of a group noun from the user's agent dictionaries ("riot police")."""
        return self.tables.agent_sector(text)
