"""Handlers of mentions of bodies: groups ("Russian troops", "the Bush administration"),
provinces acting as their governments, unsigned documents and civil-society bodies."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..nlp import ent_at
from . import coref
from .article import Article
from .coref import Draft
from .descriptors import Descriptor, apposed_org

if TYPE_CHECKING:
    from .candidates import Item

#: A province acts as its government only as the doer: a province attacked is a place.
_PROVINCE_ACTING = frozenset({"nsubj", "poss", "agent"})


def handle_group(st: Article, item: "Item") -> None:
    d = item.desc
    assert d is not None
    same = _same_as(st, item)
    if same is not None:
        st.mention(same, item, "descriptor")
        return
    country, sector = st.descriptor_code(d, d.group_sector)
    country = country or st.tables.lexicon.group_countries.get(d.group or "")
    if country is None and d.org is None:
        country = _owner_country(st, item)  # "the Bush administration", "Suharto's government"
        country = country or _ruler_country(st, item)  # "the government of President X"
    if d.org is None and (country is None or (d.country is not None and d.country.start > item.head)):
        # "Bosnian Serbs said their forces ...": "its forces in Lebanon" are still its own
        country = _possessor_country(st, item) or country
    if country is None and d.org is None:
        earlier = next(
            (g for g in coref.recent(st.drafts, item.start, ("group",)) if g.sector == sector and g.key[0] == "group"),
            None,
        )  # not a document or a province: "the government" after "a government statement"
        if earlier is not None and d.determiner == "the":
            st.mention(earlier, item, "coref")
            return
        body = coref.armed_body(st.drafts, item.start, st.sent_of[item.head], sector) if d.determiner == "the" else None
        if body is not None:  # "the militants" after "Islamic State"
            st.mention(body, item, "coref", evidence="sector")
            return
    name = st.np_text(item)
    if item.also and d.country is not None:
        _coordinated(st, item, d)
        name = st.doc[d.country.start : item.head + 1].text
    found = st.draft(("group", country, sector), name=name, kind="group")
    if found.evidence == "none":
        found.country, found.sector = country, sector
        found.evidence = "descriptor" if (country or sector) else "none"
    st.mention(found, item, "group", primary=not item.also)


def handle_province(st: Article, item: "Item") -> None:
    """A province or state acting is its government (PLOVER/CAMEO code sub-national
    governments as the country's GOV); named as a place it is no actor."""
    head, hit = st.doc[item.head], item.hit
    assert hit is not None
    if head.dep_ not in _PROVINCE_ACTING or any(
        t.i not in range(hit.start, hit.end) and t.i != head.i and t.dep_ != "det" for t in st.doc[item.start : item.end]
    ):
        return  # "was shelled", "rebel-controlled Idlib province": a place, not its government
    country, _ = st.code(hit)
    found = st.draft(("province", country, st.np_text(item)), name=st.np_text(item), kind="group")
    if found.evidence == "none":
        found.country, found.sector, found.evidence = country, "GOV", "alias"
    st.mention(found, item, "alias")


def handle_document(st: Article, item: "Item") -> None:
    """An unsigned document speaks for the state it comes from (see documents.py);
    its sector is the one its own words give, else unknown."""
    d = item.desc
    assert d is not None
    country, _ = st.code(item.hit)
    sector = d.group_sector
    toks = st.doc[item.start : item.head + 1]
    name = toks[1:].text if len(toks) > 1 and toks[0].dep_ == "det" else toks.text
    found = st.draft(("document", country, sector), name=name, kind="group")
    if found.evidence == "none":
        found.country, found.sector, found.evidence = country, sector, "document"
    st.mention(found, item, "document")


def handle_ngo(st: Article, item: "Item") -> None:
    name = st.doc[item.start : item.end].text
    found = st.draft(("org", name), name=name, kind="organization")
    if found.evidence == "none":
        country = st.code(item.hit)[0] if item.hit is not None else "NGO"
        found.country, found.sector, found.evidence = country, "SOC", "descriptor"
    st.mention(found, item, "name")


def _coordinated(st: Article, item: "Item", d: Descriptor) -> None:
    """One group per country word sharing the head ("French and Egyptian warships"),
    in text order, on the same tokens; the first one is the tokens' primary actor."""
    assert d.country is not None
    rest = st.doc[d.country.end : item.head + 1].text
    for n, hit in enumerate(item.also):
        if hit.entry.kind == "org":
            one = replace(d, country=None, org=hit)
        else:
            one = replace(d, country=hit, org=None)
        country, sector = st.descriptor_code(one, d.group_sector)
        found = st.draft(("group", country, sector), name=f"{hit.text} {rest}", kind="group")
        if found.evidence == "none":
            found.country, found.sector = country, sector
            found.evidence = "descriptor" if (country or sector) else "none"
        st.mention(found, item, "group", primary=(n == 0))


def _same_as(st: Article, item: "Item") -> Draft | None:
    """The named organisation a group noun is in apposition with: "the main rebel group,
    the FDD," and "Hamas, the Islamist movement," are one actor."""
    head = st.doc[item.head]
    if head.dep_ == "appos":
        parent = st.by_head.get(head.head.i)
        return parent if parent is not None and parent.kind == "organization" else None
    hit = apposed_org(head, st.hits)
    if hit is None:
        return None
    country, sector = st.code(hit)
    found = st.draft(("org", hit.entry.name), name=hit.entry.name, kind="organization")
    if found.evidence == "none":
        found.country, found.sector, found.evidence = country, sector, "alias"
    return found


def _possessor_country(st: Article, item: "Item") -> str | None:
    """Country of the actor "its"/"their" refers to, in the same sentence, or of the
    state "the country's" refers back to ("the country's army")."""
    head = st.doc[item.head]
    state = next((t for t in head.lefts if t.dep_ == "poss" and t.lemma_.lower() in coref.STATE_REF_NOUNS), None)
    if state is not None and any(c.lower_ == "the" for c in state.lefts):
        found = coref.states(st.drafts, state.i, st.sent_of[state.i])
        return found[0] if found else None
    poss = next((t for t in head.lefts if t.dep_ == "poss" and t.lower_ in ("its", "their")), None)
    if poss is None:
        return None
    for d in coref.recent(st.drafts, poss.i, ("group", "organization", "country")):
        if d.sentence == st.sent_of[poss.i]:
            return d.country
        break
    return None


def _owner_country(st: Article, item: "Item") -> str | None:
    """Country of a person named inside a group's noun phrase, by coreference with an
    earlier mention or through the KB; None when the name is unknown or ambiguous."""
    d = item.desc
    titles = _title_tokens(st, d)
    toks = [t for t in st.doc[item.start : item.head] if t.pos_ == "PROPN" and t.i not in titles]
    if not toks:
        return None
    last = toks[-1]
    first = last.i
    while first - 1 >= item.start and st.doc[first - 1].pos_ == "PROPN" and first - 1 not in titles:
        first -= 1
    run = st.doc[first : last.i + 1]
    name = " ".join(t.text for t in run)
    earlier = coref.by_surname(st.drafts, last.text, item.start)
    if earlier is not None and earlier.country:
        return earlier.country
    return st.tables.people.country_of(name, st.day)


def _ruler_country(st: Article, item: "Item") -> str | None:
    """Country of the person a government body is "of" ("the military government of
    President Prosper Avril"), known from the KB or an earlier mention."""
    head = st.doc[item.head]
    if st.tables.lexicon.groups.get(head.lemma_.lower()) != "GOV":
        return None
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
        ent = ent_at(st.doc, obj.i) if obj is not None else None
        if ent is None or ent.label_ != "PERSON":
            return None
        earlier = coref.by_surname(st.drafts, st.doc[ent.end - 1].text, item.start)
        return earlier.country if earlier is not None else st.tables.people.country_of(ent.text, st.day)
    return None


def _title_tokens(st: Article, d: Descriptor | None) -> range:
    return range(*d.title_span) if d is not None and d.title_span else range(0)
