"""Handlers of names from the tables (countries, capitals, metonyms, organisations,
dictionary entries) and of state references ("the country", "the two nations")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import coref
from .article import Article
from .coref import Draft

if TYPE_CHECKING:
    from .candidates import Item

#: Dependencies of a country mention that make the country act (coded GOV).
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


def handle_name(st: Article, item: "Item") -> None:
    hit = item.hit
    assert hit is not None
    entry, head = hit.entry, st.doc[item.head]
    country, sector = st.code(hit)
    evidence = "dictionary" if entry.kind.startswith("dict") else "alias"
    if entry.kind in ("org", "dict"):
        kind = "person" if head.ent_type_ == "PERSON" and entry.kind == "dict" else "organization"
        found = st.draft(("org", entry.name), name=entry.name, kind=kind)
    elif entry.kind == "metonym" and sector != "GOV":
        found = st.draft(("group", country, sector), name=st.np_text(item), kind="organization")
    else:
        found = st.draft(("country", country), name=entry.name if entry.kind != "dictcountry" else hit.text, kind="country")
        acting = entry.kind in ("capital", "metonym") or (head.i < hit.end and head.dep_ in _ACTING_DEPS)
        found.acting = found.acting or acting
        sector = "GOV" if found.acting else None
    if found.evidence in ("none", "alias", "dictionary"):
        found.country, found.sector, found.evidence = country, sector, evidence
    st.mention(found, item, "alias" if entry.kind != "org" else "name")


def handle_state(st: Article, item: "Item") -> None:
    """"The country", "the kingdom", "the two countries": the state(s) named just
    before (coref.states); acting when the phrase is the subject."""
    head = st.doc[item.head]
    n = 2 if head.tag_ in ("NNS", "NNPS") else 1
    for k, code in enumerate(coref.states(st.drafts, item.start, st.sent_of[item.head], n)):
        found = _country_draft(st, code)
        found.acting = found.acting or head.dep_ in _ACTING_DEPS
        st.mention(found, item, "coref", primary=(k == 0))


def _country_draft(st: Article, code: str) -> Draft:
    """The article's actor for state ``code``, named as its name table names it."""
    name = next((h.entry.name for h in st.hits.values() if h.entry.kind in ("country", "demonym", "capital")
                 and h.entry.code_on(st.day).country == code), code)
    found = st.draft(("country", code), name=name, kind="country")
    if found.evidence == "none":
        found.country, found.evidence = code, "coref"
    return found
