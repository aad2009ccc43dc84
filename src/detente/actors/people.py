"""Handlers of mentions of people: named persons ("Sergei Lavrov", "Merkel") and titles
("the Russian foreign minister", "a North Korean leader"), coded from the descriptor, the
KB's office holders on the date, the user's dictionaries, then the store's memory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import coref
from .article import Article
from .coref import Draft, surname_of, surnames_of
from .descriptors import UNIQUE_OFFICES, Descriptor
from .kb import normalize_name
from .lookup import NONSTATE

if TYPE_CHECKING:
    from .candidates import Item
    from .kb import Person

#: Possessors that name a state already named ("the country's president").
_STATE_NOUNS = frozenset({"country", "nation", "state", "kingdom", "republic", "government"})
#: Possessors that name a body already named ("the group's leader", "the movement's chief").
_BODY_NOUNS = frozenset(
    {"group", "movement", "organisation", "organization", "party", "faction", "militia",
     "alliance", "coalition", "front", "union", "bloc", "rebel", "insurgent", "guerrilla", "militant"}
)


def handle_person(st: Article, item: "Item") -> None:
    d = item.desc
    assert d is not None and d.person is not None
    name = st.doc[d.person[0] : d.person[1]].text
    parent = st.by_head.get(st.doc[item.head].head.i) if st.doc[item.head].dep_ == "appos" else None
    if parent is not None and not parent.named and parent.kind == "person":
        parent.name, parent.named = name, True  # "the Russian foreign minister, Sergei Lavrov"
        parent.surnames = surnames_of(name)
        _named_title(st, parent, name)
        st.mention(parent, item, "name")
        return
    found = _person_draft(st, name, d, item)
    how = "descriptor" if (d.title or d.country or d.org) else "name"
    st.mention(found, item, how)


def _person_draft(st: Article, name: str, d: Descriptor, item: "Item") -> Draft:
    if len(name.split()) == 1:
        earlier = coref.by_surname(st.drafts, name, item.start)
        if earlier is not None:
            return earlier
    kb_hit = st.tables.people.resolve(name, st.day)
    key = ("kb", kb_hit[0].id) if kb_hit else ("person", normalize_name(name))
    if key in st.by_key:
        return st.by_key[key]
    found = st.draft(key, name=kb_hit[0].name if kb_hit else name, kind="person")
    aliases = kb_hit[0].aliases if kb_hit else ()
    found.surnames = tuple(dict.fromkeys(surnames_of(name) + surnames_of(found.name, aliases)))
    sector = "ELI" if d.former else d.title_sector
    country, sector = st.descriptor_code(d, sector)
    if country or sector:
        found.country, found.sector, found.evidence = country, sector, "descriptor"
        found.title = st.doc[d.title_span[0] : d.title_span[1]].text if d.title_span else None
    if kb_hit:
        person, role = kb_hit
        found.kb_id, found.kb_titles = person.id, tuple(r.title for r in person.roles)
        found.gender = person.gender
        if found.evidence == "none":
            found.country, found.sector, found.title, found.evidence = role.country, role.sector, role.title, "kb"
        elif found.country is None:
            found.country = role.country
        return found
    _fallback(st, found, name)
    if found.country is None and d.title and not d.former:
        _misspelt(st, found, name, d.title)
    return found


def _named_title(st: Article, parent: Draft, name: str) -> None:
    """"The home secretary, Sajid Javid": the title named no country, the name may be a
    KB person on the date; the KB's country, gender and id fill what the title left."""
    kb_hit = st.tables.people.resolve(name, st.day)
    if kb_hit is None:
        return
    person, role = kb_hit
    parent.kb_id, parent.kb_titles = person.id, tuple(r.title for r in person.roles)
    parent.gender = parent.gender or person.gender
    parent.surnames = tuple(dict.fromkeys(parent.surnames + surnames_of(person.name, person.aliases)))
    if parent.country is None and role.country:
        parent.country = role.country
        parent.sector = parent.sector or role.sector
        parent.evidence = "kb" if parent.evidence == "none" else parent.evidence


def _misspelt(st: Article, found: Draft, name: str, title: str) -> None:
    """A titled person whose surname is one slip from exactly one KB holder of that
    title ("President Francois Mitterand"): that holder's code."""
    match = st.tables.people.misspelt(surname_of(name), title, st.day)
    if match is not None:
        person, role = match
        found.country, found.sector, found.evidence = role.country, found.sector or role.sector, "kb"
        found.kb_id = person.id


def _fallback(st: Article, found: Draft, name: str) -> None:
    """Dictionaries, then the store's memory, for a person the text did not code."""
    if found.evidence != "none" and found.country:
        return
    for book in st.tables.dictionaries:
        hit = book.lookup(name, st.day)
        if hit is not None and not hit.agent and (hit.country or hit.sector):
            found.country = found.country or hit.country
            found.sector = found.sector or hit.sector
            found.evidence = "dictionary" if found.evidence == "none" else found.evidence
            return
    if st.tables.memory is not None:
        mem = st.tables.memory.lookup(name, st.day)
        if mem is not None:
            found.country = found.country or mem.country
            found.sector = found.sector or mem.sector
            found.title = found.title or mem.title
            found.evidence = "memory" if found.evidence == "none" else found.evidence
    if found.country is None:
        found.country = st.tables.people.country_of(name, st.day)
        if found.country is not None and found.evidence == "none":
            found.evidence = "kb"


def handle_title(st: Article, item: "Item") -> None:
    d = item.desc
    assert d is not None and d.title is not None
    head = st.doc[item.head]
    if head.dep_ == "appos" and head.head.i in st.by_head:
        target = st.by_head[head.head.i]  # "Sergei Lavrov, the Russian foreign minister"
        _enrich(st, target, d)
        st.mention(target, item, "descriptor")
        return
    sector = "ELI" if d.former else d.title_sector
    country, sector = st.descriptor_code(d, sector)
    if country is None and d.org is None:
        country, sector = _owner_code(st, item, sector)
    if d.determiner in ("a", "an") and country and not d.plural and not d.former:
        same = _same_office(st, d, country)
        if same is not None:  # "a North Korean leader" after "North Korean leader Kim"
            st.mention(same, item, "coref")
            return
    if d.determiner not in ("a", "an") and not d.plural:
        found = _holder(st, d, country) if country else None
        if found is None and country is None and d.org is None:
            found = coref.by_title(st.drafts, d.title, item.start, d.former)
            if found is not None:
                st.mention(found, item, "coref")
                return
        if found is not None:
            st.mention(found, item, "descriptor")
            return
    text = st.np_text(item)
    found = st.draft(("title", country, sector, d.title), name=text, kind="person", named=False)
    if found.evidence == "none" and (country or sector):
        found.country, found.sector, found.evidence = country, sector, "descriptor"
        found.title = st.doc[d.title_span[0] : d.title_span[1]].text if d.title_span else d.title
    st.mention(found, item, "descriptor")


def _owner_code(st: Article, item: "Item", sector: str | None) -> tuple[str | None, str | None]:
    """A title owned by an actor named just before ("Hamas said its leader", "the
    group's leader", "the country's president"): that actor's country, and its sector
    when it is a non-state body (a state's leader keeps the title's sector)."""
    owner = _owner(st, item)
    if owner is None or owner.country is None:
        return None, sector
    if owner.kind in ("country", "person") or owner.country in NONSTATE:
        return owner.country, sector
    return owner.country, owner.sector or sector


def _owner(st: Article, item: "Item") -> Draft | None:
    head = st.doc[item.head]
    poss = next((t for t in head.lefts if t.dep_ == "poss"), None)
    if poss is None:
        return None
    low, lemma = poss.lower_, poss.lemma_.lower()
    person = st.by_head.get(poss.i)
    if person is None and poss.pos_ == "PROPN":
        person = coref.by_surname(st.drafts, poss.text, poss.i)
    if person is not None and person.kind == "person" and person.country not in NONSTATE:
        return person  # "Erdoğan's spokesman": an aide serves the state his principal does
    if low in ("its", "their"):
        kinds: tuple[str, ...] = ("organization", "group", "country")
    elif lemma in _STATE_NOUNS:
        kinds = ("country",)
    elif lemma in _BODY_NOUNS or lemma in st.tables.short_words:
        kinds = ("organization", "group")
    else:
        return None
    here = st.sent_of[item.head]
    for d in coref.recent(st.drafts, poss.i, kinds):
        return d if here - d.sentence <= 1 else None
    return None


def _same_office(st: Article, d: Descriptor, country: str) -> Draft | None:
    """A named person of the document who holds the same one-holder office of the same
    country: "a sitting American president" in a story about the US president is him."""
    if d.title not in UNIQUE_OFFICES and d.title not in ("leader", "supreme leader"):
        return None
    for found in coref.recent(st.drafts, d.start, ("person",)):
        if found.named and found.country == country and (found.title or "").lower() == d.title:
            return found
    return None


def _enrich(st: Article, target: Draft, d: Descriptor) -> None:
    sector = "ELI" if d.former else d.title_sector
    country, sector = st.descriptor_code(d, sector)
    if target.evidence in ("none", "dictionary", "memory", "kb") and (country or sector):
        target.country = country or target.country
        target.sector = sector or target.sector
        target.title = d.title
        target.evidence = "descriptor"


def _holder(st: Article, d: Descriptor, country: str) -> Draft | None:
    """The KB person who held the title on the date ("the Russian foreign minister")."""
    person = st.tables.people.holder(d, country, st.day)
    return _kb_draft(st, person, d, country) if person is not None else None


def _kb_draft(st: Article, person: "Person", d: Descriptor, country: str) -> Draft:
    found = st.draft(("kb", person.id), name=person.name, kind="person")
    if found.evidence == "none":
        role = person.role_on(st.day)
        found.kb_id, found.kb_titles = person.id, tuple(r.title for r in person.roles)
        found.gender = person.gender
        found.surnames = surnames_of(person.name, person.aliases)
        found.country = role.country if role else country
        found.sector = role.sector if role else None
        found.title, found.evidence = d.title, "kb"
    return found
