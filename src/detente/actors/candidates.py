"""Candidate mentions: the noun phrases and names of a parsed doc that may name actors.

``name_hits`` finds the names the tables and dictionaries know; ``find_items`` turns noun
phrases (largest first) and leftover names into :class:`Item` s of one ``ItemKind`` each,
which ``resolution`` then resolves in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from ..nlp import doc_ents, ent_at, sentences
from .countries import CodeRow, NameEntry, NameHit
from .coref import GROUP_PRONOUNS, PERSON_PRONOUNS, STATE_REF_NOUNS
from .descriptors import (
    MEMBER_NOUNS, PAIR_HEADS, PAIR_NOUNS, Descriptor, Lexicon, describe, ethnic, not_identity, post_country,
    post_org, apposed_org, ORG_NOUNS,
)
from .documents import document_origin
from .knowledge import ActorTables
from .regions import DIVISION_NOUNS

#: What a candidate mention is, which decides the handler that resolves it.
ItemKind = Literal[
    "person", "title", "pair", "same",  # people
    "group", "province", "document", "ngo",  # bodies
    "name", "state",  # states and named organisations
    "pronoun", "short", "none", "surname",  # references
]
ITEM_KINDS: tuple[str, ...] = ItemKind.__args__  # type: ignore[attr-defined]

_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "flat", "nmod", "nummod", "det", "case"})


@dataclass(frozen=True, slots=True)
class Item:
    """A candidate mention found in the doc, resolved later in document order."""

    kind: ItemKind
    start: int
    end: int
    head: int
    desc: Descriptor | None = None
    hit: NameHit | None = None
    #: countries coordinated with the group's own on one head ("French and Egyptian
    #: warships"): one group actor each, mentioned on the same tokens
    also: tuple[NameHit, ...] = ()



def name_hits(tables: ActorTables, doc: Any, day: date | None) -> dict[int, NameHit]:
    """Table names first; user dictionaries fill the tokens the tables left."""
    by_token: dict[int, NameHit] = {}
    for hit in tables.names.scan(doc):
        if hit.entry.kind in ("country", "capital") and _inside_person(doc, hit):
            continue  # "Jordan Peterson", "Georgia Smith"
        for i in range(hit.start, hit.end):
            by_token[i] = hit
    for tok in doc:
        if tok.i not in by_token and tok.pos_ == "PROPN":
            entry = tables.names.near(tok.text)
            if entry is not None:  # "Ethopia": a slip of the wire, not a new name
                by_token[tok.i] = NameHit(tok.i, tok.i + 1, entry, tok.text)
    for hit in tables.regions.scan(doc, by_token):  # "the Sindh government", "Kerala police"
        for i in range(hit.start, hit.end):
            by_token[i] = hit
    for book in tables.dictionaries:
        for m in book.matches(doc, day):
            if any(i in by_token for i in range(m.start, m.end)) or m.hit.agent:
                continue
            kind = "dict" if m.hit.sector else "dictcountry"
            entry = NameEntry(kind, m.hit.name.title(), (CodeRow(m.hit.country or "", m.hit.sector),))
            hit = NameHit(m.start, m.end, entry, doc[m.start : m.end].text)
            for i in range(m.start, m.end):
                by_token[i] = hit
    return by_token


def find_items(doc: Any, hits: dict[int, NameHit], tables: ActorTables, day: date | None) -> list[Item]:
    """Noun phrases that name actors (largest first), then leftover names."""
    consumed: set[int] = set()
    items: list[Item] = []
    for sent in sentences(doc):
        heads = [t for t in sent if t.pos_ in _HEAD_POS or t.lower_ in PAIR_HEADS]
        heads = [
            t for t in heads
            if not (t.dep_ in _MODIFIER_DEPS and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i)
            or _hyphen_verb_doer(t, tables.lexicon)
        ]
        for head in sorted(heads, key=lambda t: -_extent(t, hits, tables)):
            if head.i in consumed:
                continue
            start = _np_start(head, consumed)
            item = _classify(doc, head, start, hits, tables, day)
            if item is not None and item.kind == "group":
                item = _widen(doc, item, hits, consumed)
            if item is not None:
                items.append(item)
                consumed.update(range(item.start, item.end))
    seen: set[int] = set()
    for i, hit in sorted(hits.items()):
        if i in consumed or id(hit) in seen:
            continue
        seen.add(id(hit))
        if hit.entry.kind == "province":
            continue  # "in Sindh province": a place; provinces act only through their bodies
        last = doc[hit.end - 1]
        if hit.entry.kind == "capital" and (_locative(last) or (last.dep_ == "compound" and last.head.i > last.i)):
            continue  # "met in Moscow", "the Beijing Olympics": a place, not the state
        if not_identity(doc, hit):
            continue  # "the Israeli-occupied West Bank", "pro-Moscow", "Qaeda-linked": a stance, not an actor
        items.append(Item("name", hit.start, hit.end, hit.end - 1, hit=hit))
    return items


#: Sectors of the forces that "lathi-charge", "baton-charge" or "tear-gas" a crowd.
_HYPHEN_DOER_SECTORS = frozenset({"COP", "MIL"})
_HYPHENS = frozenset({"-", "\u2013"})


def _hyphen_verb_doer(tok: Any, lexicon: Lexicon) -> bool:
    """A police or army noun that the parser made the modifier of a hyphenated verb's
    first half ("the police lathi-charged the mob": "lathi" the subject, "police" its
    compound). The noun is the verb's subject in English, so it is an actor's head."""
    prefix = tok.head
    if tok.dep_ not in ("compound", "nmod", "amod") or prefix.i != tok.i + 1 or prefix.dep_ != "nsubj":
        return False
    verb = prefix.head
    if verb.pos_ != "VERB" or verb.i != prefix.i + 2 or prefix.nbor(1).text not in _HYPHENS:
        return False
    group = lexicon.group_of(tok)
    return group is not None and group[1] in _HYPHEN_DOER_SECTORS


_COORD = frozenset({"and", "or", ",", "&"})
_COORD_KINDS = frozenset({"country", "demonym", "org"})


def _widen(doc: Any, item: Item, hits: dict[int, NameHit], consumed: set[int]) -> Item:
    """A group noun shared by coordinated country words ("Thai and Malaysian diplomats",
    "the Turkish and Greek sides") takes them all; "sides of Cyprus" names the island the
    sides divide, not a party, so the group claims the place too."""
    d = item.desc
    if d is None:
        return item
    also: list[NameHit] = []
    i = item.start - 1 if d.country is not None and d.country.start == item.start else -1
    while i >= 1 and doc[i].lower_ in _COORD and i not in consumed:
        hit = hits.get(i - 1)
        last = doc[i - 1]
        if hit is None or hit.end != i or hit.entry.kind not in _COORD_KINDS or (i - 1) in consumed:
            break
        if last.tag_ in ("NNS", "NNPS") or not_identity(doc, hit) or ethnic(doc, hit):
            break
        if hit.entry.kind != "demonym" and not _abbreviation(hit.text):
            break  # "visited Israel and Egyptian officials": a full name is rarely a modifier
        joined = doc[item.head].dep_ == "conj" and doc[item.head].head.i == last.i  # "Thai" <- conj "diplomats"
        if not (joined or item.start <= last.head.i <= item.head or last.dep_ in ("ROOT", "dep", "conj", "amod", "compound")):
            break  # "visited Israel and Egyptian officials said": the name is a clause's object
        also.insert(0, hit)
        i = hit.start - 1
    start, end = item.start, item.end
    if also:
        start = also[0].start
        start -= 1 if start > 0 and doc[start - 1].lower_ == "the" and (start - 1) not in consumed else 0
    if doc[item.head].lemma_.lower() == "side":
        end = max(end, _divided_place(doc[item.head], hits))
    if not also and end == item.end:
        return item
    return Item(item.kind, start, end, item.head, d, item.hit, tuple(also))


def _abbreviation(text: str) -> bool:
    """"U.S.", "UK", "EU", "NATO": names that modify nouns as readily as demonyms do."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _divided_place(head: Any, hits: dict[int, NameHit]) -> int:
    """End of an "of" phrase naming the place that the sides divide ("sides of the divided
    island of Cyprus"), or 0."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            toks = list(prep.subtree)
            if any((h := hits.get(t.i)) is not None and h.entry.kind in ("country", "capital", "demonym") for t in toks):
                return toks[-1].i + 1
    return 0


def _extent(head: Any, hits: dict[int, NameHit], tables: ActorTables) -> int:
    """Tokens an item on ``head`` may claim: its pre-modifiers and a country post-modifier
    ("rebels in the Ivory Coast" must claim "Ivory Coast" before that name is an item)."""
    end = head.i
    if head.pos_ in ("NOUN", "PROPN"):
        grouped = tables.lexicon.group_of(head) is not None
        hit = post_country(head, hits, grouped) or (post_org(head, hits) if grouped else None)
        end = hit.end - 1 if hit is not None else end
    return end - head.left_edge.i


def _np_start(head: Any, consumed: set[int]) -> int:
    start = head.left_edge.i
    while start < head.i and (start in consumed or head.doc[start].is_punct):
        start += 1
    for i in range(head.i - 1, start - 1, -1):
        if i in consumed or head.doc[i].lower_ in ("and", "or", ","):
            return i + 1
    # A misparse can cut a name ("Barack" tagged ADP with "Obama" as its object): keep
    # the whole PERSON entity the head ends.
    doc = head.doc
    while head.ent_type_ == "PERSON" and start > 0 and doc[start].ent_iob_ == "I" and start - 1 not in consumed:
        start -= 1
    return start


#: Nouns of a relation to another state: "Pakistan, a key U.S. ally," is Pakistan.
_RELATION_NOUNS = frozenset({"ally", "partner", "neighbour", "neighbor", "proxy", "rival", "client", "satellite"})
#: Nouns a demonym modifies without naming the state ("the Russian language").
_LANGUAGE_NOUNS = frozenset({"language", "speaker", "tongue", "dialect", "script", "alphabet"})


def _classify(
    doc: Any, head: Any, start: int, hits: dict[int, NameHit], tables: ActorTables, day: date | None
) -> Item | None:
    low = head.lower_
    if head.pos_ == "PRON" and (low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or _reported_it(head)):
        return Item("pronoun", head.i, head.i + 1, head.i)
    if head.dep_ == "appos" and head.lemma_.lower() in _RELATION_NOUNS:
        return Item("same", start, head.i + 1, head.i)
    if head.pos_ == "NOUN" and head.lemma_.lower() in _LANGUAGE_NOUNS:
        return Item("none", start, head.i + 1, head.i)  # claims "Russian" so it is no actor
    d = describe(doc, head, start, hits, tables.lexicon)
    if head.lemma_.lower() in _RELATION_NOUNS and d.country is not None and d.country.end <= head.i:
        return _ally(doc, head, d, hits, tables)
    if _state_place(head, d):  # "shell Iraqi towns": the state is the target, not acting
        return Item("name", d.start, d.end, head.i, d, d.country)
    if _division(head, d, hits):  # "Sindh province banned rallies"
        return Item("province", d.start, d.end, head.i, d, d.country or hits[head.i])
    origin = document_origin(head, d, hits, tables.lexicon)
    if origin is not None:  # "a report released in the Rwandan capital"
        paper = replace(d, group=head.lemma_.lower(), group_sector=origin.sector)
        return Item("document", d.start, max(d.end, origin.end), head.i, paper, origin.hit)
    if not d.person and head.pos_ == "PROPN" and head.i not in hits:
        d = tables.people.name_span(doc, d, day)
        d = d if d.person else _titled_name(doc, d, hits)
    if d.person:
        return Item("person", d.start, d.end, head.i, d)
    if low in ("both", "pair", "duo") or (d.count == 2 and head.lemma_.lower() in PAIR_NOUNS):
        if low != "both" or head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return Item("pair", d.start, d.end, head.i, d)
    if _state_reference(head, d):  # "the country said", "the two countries agreed"
        return Item("state", d.start, d.end, head.i, d)
    if d.title and d.title_span and d.title_span[1] == head.i + 1 and not (d.plural and d.group):
        return Item("title", d.start, d.end, head.i, d)
    if d.group:
        return Item("group", d.start, d.end, head.i, d)
    if head.pos_ == "NOUN" and head.lemma_.lower() in _ORG_NOUNS and apposed_org(head, hits) is not None:
        # "the Somali Islamist group al-Shabab": the noun and its name are one actor
        return Item("group", d.start, d.end, head.i, replace(d, group=head.lemma_.lower()))
    return _by_name(doc, head, start, d, hits, tables)


def _by_name(
    doc: Any, head: Any, start: int, d: Descriptor, hits: dict[int, NameHit], tables: ActorTables
) -> Item | None:
    """The rest of ``_classify``: a phrase that is no person, title or group noun, read by
    the name on its head, an organisation's short form or a user's agent dictionary."""
    low = head.lower_
    hit = hits.get(head.i)
    if hit is not None and hit.entry.kind == "capital" and _locative(head):
        return None
    if hit is not None and not_identity(doc, hit):
        return None  # "Russian-occupied": a stance or tie, not an actor
    if hit is not None and hit.entry.kind == "demonym" and head.tag_ in ("NNS", "NNPS"):
        people = _people_of(doc, d, hit, post_country(head, hits, True))
        if people is not None:
            return Item("group", people.start, people.end, head.i, people)
    if hit is not None:
        return Item("name", min(d.start, hit.start), max(d.end, hit.end), head.i, d, hit)
    if d.org is not None and head.pos_ == "NOUN" and _org_head(head, d.org):
        return Item("name", d.start, d.end, head.i, d, d.org)  # "the APEC forum", "the Hamas movement"
    if (
        head.pos_ == "NOUN" and d.determiner == "the" and d.country is None  # "the Azerbaijani republic" is no short form
        and (low in tables.short_words or head.lemma_ in tables.short_words)
    ):
        return Item("short", d.start, d.end, head.i, d)
    # (only users' agent dictionaries name sectors here: without one, no phrase is built)
    sector = (
        tables.agent_sector(doc[start : head.i + 1].text) or tables.agent_sector(head.lemma_) if tables.dictionaries else None
    )
    if sector and head.pos_ == "NOUN":
        d2 = replace(d, group=head.lemma_.lower(), group_sector=sector)
        return Item("group", d.start, d.end, head.i, d2)
    return _civil_body(doc, head, hits) or _lone_name(doc, head, d)


def _lone_name(doc: Any, head: Any, d: Descriptor) -> Item | None:
    """A lone capitalised name the tagger did not call a person ("said Caddell" tagged
    ORG): it may be the surname of a person named earlier (``references.handle_surname``)."""
    if not head.text[:1].isupper() or d.start != head.i or head.ent_type_ in ("GPE", "LOC"):
        return None
    if head.pos_ != "PROPN" and not _capitalised_noun(head):
        return None
    return Item("surname", head.i, head.i + 1, head.i, d)


def _reported_it(head: Any) -> bool:
    """"it" as the subject of a reported clause ("Turkey said it would invade"): the
    reference ``references.handle_pronoun`` may give to the reporting subject."""
    return head.lower_ == "it" and head.dep_ == "nsubj" and head.head.dep_ == "ccomp"


def _capitalised_noun(head: Any) -> bool:
    """A surname the tagger took for a common noun ("Trump has called", "said Rice"):
    capitalised inside a sentence, or tagged as a name at its start."""
    if head.pos_ != "NOUN" or not head.text.istitle():
        return False
    return head.i != head.sent.start or head.ent_type_ in ("PERSON", "ORG")


#: Words that make an unlisted organisation's name a civil-society body (PLOVER NGO):
#: councils and committees are left out, they are as often organs of a state.
_NGO_WORDS = frozenset({"association", "foundation", "society", "federation", "institute", "observatory", "forum"})


def _civil_body(doc: Any, head: Any, hits: dict[int, NameHit]) -> Item | None:
    """An organisation the tables do not list, named like an association or foundation
    ("the Association of African Jurists"), with no state or listed body in its name."""
    if head.pos_ != "PROPN" or head.ent_type_ != "ORG":
        return None
    ent = ent_at(doc, head.i)
    if ent is None or ent.label_ != "ORG":
        return None
    if not any(t.lower_ in _NGO_WORDS for t in ent) or not ent[-1].text[:1].isupper():
        return None
    inside = {id(h): h for i in range(ent.start, ent.end) if (h := hits.get(i)) is not None}
    places = [h for h in inside.values() if h.entry.kind in ("country", "demonym")]
    if len(inside) > 1 or len(inside) != len(places):
        return None  # a listed body, or two states: leave the names to the tables
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    # "the Syrian Observatory for Human Rights": a civil body of that state
    return Item("ngo", start, ent.end, head.i, hit=places[0] if places else None)


#: Nouns that name an organisation itself when an organisation's name modifies them.
_ORG_NOUNS = ORG_NOUNS


#: Places a state's demonym makes that state's ("Iraqi towns", "Syrian airspace"): the
#: state is what is hit there. Borders are left out: a border has two states.
_STATE_PLACES = frozenset(
    {"town", "village", "city", "camp", "base", "outpost", "post", "position", "territory",
     "soil", "airspace", "water", "port", "island", "province", "region", "installation", "facility"}
)


def _state_place(head: Any, d: Descriptor) -> bool:
    return (
        head.pos_ == "NOUN" and head.lemma_.lower() in _STATE_PLACES and d.org is None and d.group is None
        and d.country is not None and d.country.end <= head.i and d.country.entry.kind in ("demonym", "country")
    )


def _ally(doc: Any, head: Any, d: Descriptor, hits: dict[int, NameHit], tables: ActorTables) -> Item:
    """"Israel's militia ally", "a U.S. ally": the state named is the partner, not the
    actor. A place after the noun says where the ally is from ("... ally in Lebanon")."""
    place = post_country(head, hits, True)
    if place is None or place.start < head.i:
        return Item("none", d.start, d.end, head.i)
    sector = next((tables.lexicon.groups.get(t.lemma_.lower()) for t in head.lefts if t.dep_ == "compound"), None)
    group = replace(d, country=place, group=head.lemma_.lower(), group_sector=sector, end=place.end)
    return Item("group", d.start, place.end, head.i, group)


_NOT_ANAPHORIC = frozenset({"only", "first", "last", "next", "other", "another", "same", "new", "host", "home"})


def _state_reference(head: Any, d: Descriptor) -> bool:
    """A definite state noun as the subject, with nothing that names the state ("the
    country said", "the Gulf kingdom denied", "the two nations agreed", "both countries
    want"); not "the state of emergency", "the safest country", "across the country"
    (places are left alone: "the north of the country" is as often another state)."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in STATE_REF_NOUNS or head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if d.country is not None or d.org is not None or d.title or d.group or d.person:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.rights):
        return False
    before = head.doc[d.start : head.i]
    if any(t.tag_ in ("JJS", "RBS", "POS") or t.dep_ == "poss" or t.lower_ in _NOT_ANAPHORIC for t in before):
        return False  # "the world's most powerful nation", "the only country": a description
    if head.tag_ in ("NNS", "NNPS"):
        return (d.determiner == "the" and d.count == 2) or d.determiner == "both"
    return d.determiner == "the"


def _division(head: Any, d: Descriptor, hits: dict[int, NameHit]) -> bool:
    """A province or state as a whole ("Sindh province", "the Tyumen region", "Sindh"
    where the construction named it), not one of its bodies ("the Sindh government")."""
    own = hits.get(head.i)
    if own is not None:
        return own.entry.kind == "province"
    return (
        d.country is not None and d.country.entry.kind == "province" and d.group is None and d.title is None
        and head.lemma_.lower() in DIVISION_NOUNS
    )


def _org_head(head: Any, org: NameHit) -> bool:
    low, lemma = head.lower_, head.lemma_.lower()
    return low in org.entry.short or lemma in org.entry.short or lemma in _ORG_NOUNS or lemma in MEMBER_NOUNS


def _people_of(doc: Any, d: Descriptor, hit: NameHit, place: NameHit | None) -> Descriptor | None:
    """A people rather than a state: "ethnic Albanians" (no country: where they live is
    not in the phrase), "Bosnian Serbs" (the first place word says where they live) and
    "the Albanians of southern Serbia" (so does a place after the head)."""
    other = d.country if d.country is not None and d.country.start != hit.start else None
    if other is None and place is not None and place.start > hit.start:
        other = place
        d = replace(d, end=max(d.end, place.end))
    ethnic = any(t.lower_ == "ethnic" for t in doc[d.start : hit.start])
    if other is None and not ethnic:
        return None
    return replace(d, country=other, group=hit.text.lower(), group_sector="CVL")


def _titled_name(doc: Any, d: Descriptor, hits: dict[int, NameHit]) -> Descriptor:
    """Capitalised words right after a title are a name the tagger missed ("Sultan Qaboos")."""
    if not d.title_span or d.title_span[1] > d.head:
        return d
    words = doc[d.title_span[1] : d.head + 1]
    if all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.i not in hits for t in words) and len(words) <= 4:
        return replace(d, person=(d.title_span[1], d.head + 1))
    return d


def _inside_person(doc: Any, hit: NameHit) -> bool:
    """The name is part of a longer PERSON entity (not one spaCy mis-tagged as a person)."""
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON" and ent.start <= hit.start and hit.end <= ent.end:
            return (ent.end - ent.start) > (hit.end - hit.start)
    return False


def _locative(token: Any) -> bool:
    """A capital named as a place ("met in Moscow") is not an actor."""
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "outside", "inside", "around")
