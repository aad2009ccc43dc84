"""The actors stage: who is who in an article, coded on the article's date.

Build an :class:`ActorResolver` once (``ActorResolver.build(settings, memory=...)``) and
call :meth:`ActorResolver.analyse` per parsed doc. The store's knowledge of people from
earlier articles comes in through the :class:`ActorMemory` protocol.

Modules, in the order an article passes them:

- ``knowledge``: :class:`ActorTables`, the read-only tables built once (KB, dictionaries,
  memory, name/region tables, lexicon, organisation short forms); ``lookup`` holds every
  question asked of the KB about people.
- ``candidates``: the names and noun phrases that may be actors, as ``Item`` s of one
  ``ItemKind`` each (``descriptors``, ``documents``, ``regions``, ``countries`` read them).
- ``resolver``: the facade, and ``HANDLERS``, the handler of each kind, by family:
  ``people`` (persons, titles), ``bodies`` (groups, provinces, documents, NGOs),
  ``states`` (names from the tables, "the country"), ``references`` (pronouns, pairs,
  short forms); they write into ``article.Article``, whose ``finish`` gives the
  :class:`~detente.records.ActorAnalysis` (``context`` fills officials' countries);
  before that, two whole-article passes: ``appositions`` (a description apposed to a
  named person is that person) and ``lede`` (the person named after a describing lede).
- ``speakers``: after the quotes stage, first-person words of a quote are its speaker.
- Data: ``data/actors/*.tsv`` and ``data/kb/*.tsv`` (formats in ``data/kb/README.md``).
"""

from __future__ import annotations

from .dictionaries import ActorDictionary, DictionaryHit
from .memory import ActorMemory, DictMemory, MemoryHit
from .resolver import ActorResolver

__all__ = ["ActorResolver", "ActorMemory", "MemoryHit", "DictMemory", "ActorDictionary", "DictionaryHit"]
