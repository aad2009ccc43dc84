"""Where an event happened: the locative of the trigger's clause, geocoded offline.

:func:`locate_event` looks at the place names of one sentence (GPE/LOC/FAC entities,
place names the entity recognizer missed, "the town of X") and keeps those that are
*locatives of the event*: the object of a locative preposition (in, at, near, outside ...)
attached to the trigger, to a verb of the trigger's clause chain (its heads, conjuncts,
open complements), or to a noun on the way there ("the attack in Kabul", "killed in a
blast at a market in Kabul"); a place object of verbs of movement and capture ("visited
Moscow", "captured the town of X"); or a dateline ("KABUL, Afghanistan —"). Places that
are topics ("talks over Iran", "the attack on Israel", "accused Russia over Georgia") or
actors ("Russian troops", "Russia said") are not the place of the event.

Among several locatives the one closest to the trigger wins, then the most specific
("the West Bank city of Nablus" -> Nablus). A name the gazetteer does not know but the
syntax marks as a place ("the village of Kinsibba") is returned as written, with no
country or coordinates. Country-level places carry the capital's coordinates (see
:mod:`detente.grounding.gazetteer`).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

from detente.grounding.gazetteer import Gazetteer, GazetteerEntry, normalize
from detente.nlp import ent_at, ents_in, sentence_of, sentences
from detente.records import Place
from detente.tables import read_table, read_word_lists_as

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """This module's word lists (``data/places/words.tsv``), read once by :func:`place_words`."""

    #: Prepositions whose object is where something happens.
    locative_preps: frozenset[str]
    #: Bare names after "on" that are places ("on Capitol Hill"), not targets ("on Israel").
    on_name_endings: frozenset[str]
    #: Nouns whose "of" phrase names the place itself ("the city of X", "north of X", "half of Bosnia"): the
    #: phrase takes the noun's role.
    container_nouns: frozenset[str]
    #: "X kilometres north of Y": Y is a reference point, a weaker cue than "in Y".
    directions: frozenset[str]
    #: Verbs whose direct object is where the event takes place ("entered X", "visited X").
    move_verbs: frozenset[str]
    #: Of those, verbs that also take people as objects: the object must be a known place.
    person_object_verbs: frozenset[str]
    #: Verbs of force whose object names the place hit (sub-national places only: a country object of
    #: "attacked" is the recipient actor, not a place).
    strike_verbs: frozenset[str]
    #: Heads after which "over X" is airspace ("shot down over Colombia"), not a topic.
    air_words: frozenset[str]
    #: Verbs about an event elsewhere: the place of their object is not theirs.
    comment_verbs: frozenset[str]
    #: Nouns naming events: a locative on them places the clause's event too.
    event_nouns: frozenset[str]
    #: Words that are never a place when the recognizer is unsure ("in March").
    never_places: frozenset[str]
    #: Facility words that make an organisation-labelled name a venue ("al-Yarmouk Hospital").
    facility_words: frozenset[str]
    #: Words of organisations, so that "in Congress" is not taken for a place.
    body_words: frozenset[str]
    #: Prepositions that introduce examples of a place ("cities including X").
    list_preps: frozenset[str]
    #: Last words of an unknown name that make it a province or district, not a town.
    admin_words: frozenset[str]


@functools.cache
def place_words() -> PlaceWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(PlaceWords, "places/words.tsv")


_CLIMB_BLOCK = frozenset({"ccomp", "parataxis"})
_MODIFIER_EDGES = frozenset({"compound", "amod", "nmod", "poss", "flat", "npadvmod"})
_SAME_ROLE_EDGES = frozenset({"appos", "conj"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NAME_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "EVENT", "WORK_OF_ART"})
_KIND_OF_LABEL = {"GPE": "city", "LOC": "region", "FAC": "landmark"}
#: The annotators' and readers' preference: the most specific place named.
_SPECIFICITY = {"landmark": 0.0, None: 0.3, "city": 0.8, "region": 1.4, "country": 2.0,
                "wide": 2.4}


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A place name in the sentence: tokens [start, end) of the doc and its entry."""

    start: int
    end: int
    root: Token
    entry: GazetteerEntry | None
    label: str


def locate_event(sent: Span, trigger: Token, gazetteer: Gazetteer,
                 context_countries: Sequence[str] = ()) -> Place | None:
    """The place where the event of ``trigger`` happened, or None if the text doesn't say.

    ``sent`` is the sentence of the trigger; ``context_countries`` the article's
    countries (ISO alpha-3), used to choose between places of the same name. Among the
    locatives of the event, the closest to the trigger wins, then the most specific.
    """
    best: tuple[float, int, _Candidate] | None = None
    cands = list(_candidates(sent, gazetteer, context_countries))
    located: list[_Candidate] = []
    for cand in cands:
        if _reference_point(cand, cands):
            continue
        cost = _cost(cand, trigger)
        if cost is None:
            continue
        located.append(cand)
        cost += _specificity(cand)
        if best is None or (cost, cand.start) < best[:2]:
            best = (cost, cand.start, cand)
    if best is not None:
        inner = _contained(best[2], located)
        return _to_place(inner or best[2], sent)
    dateline = _dateline(sent, gazetteer, context_countries)
    return _to_place(dateline, sent) if dateline else None


_DISTANCE_UNITS = frozenset({"km", "kms", "kilometres", "kilometers", "mile", "miles", "mi", "kilometre", "kilometer"})


def _reference_point(cand: _Candidate, cands: Sequence[_Candidate]) -> bool:
    """Y in "X, some 80 km south of Y": a point to find X by, not where the event was
    (the parser often hangs the distance on the verb, so this reads the words)."""
    doc = cand.root.doc
    if cand.start < 2 or doc[cand.start - 1].lower_ != "of" or doc[cand.start - 2].lower_ not in place_words().directions:
        return False
    i = cand.start - 3
    first = cand.root.sent.start
    while i >= first and doc[i].lower_ in ("(", ")", "some", "about", "around", "nearly", "roughly", "approximately") \
            or (i >= first and (doc[i].like_num or doc[i].lower_ in _DISTANCE_UNITS)):
        i -= 1
    if i < first or i == cand.start - 3 or doc[i].text != ",":
        return False
    words = place_words()
    if doc[i - 1].lower_ in words.container_nouns | words.admin_words:
        i -= 1  # "Sinjar town, ...", "Nuwakot district, ..."
    return any(other.end == i for other in cands if other is not cand)


def _contained(outer: _Candidate, located: Sequence[_Candidate]) -> _Candidate | None:
    """The place that ``outer`` locates ("Lubumbashi in Shaba province", "the Baliem
    Valley, in Indonesia's province of Irian Jaya"): the narrower one, when it too is a
    locative of the event. Read from the words: the parser often hangs the "in" on the verb."""
    doc = outer.root.doc
    first = outer.root.sent.start
    i = outer.start - 1
    words = place_words()
    parts = words.admin_words | words.container_nouns

    def opens(k: int) -> bool:  # "in Y", or "of Y" after "X district" / "the X area"
        return doc[k].lower_ == "in" or (doc[k].lower_ == "of" and doc[k - 1].lower_ in parts)

    # "Shaba province": a division by its own word, wider than a town whatever the gazetteer knows
    division = outer.end < len(doc) and doc[outer.end].lower_ in words.admin_words
    while i > first and outer.start - i <= 8:
        if opens(i):
            before = i - 1 if doc[i - 1].text == "," else i
            ends = {before, before - 1} if doc[before - 1].lower_ in parts else {before}  # "X area in Y"
            found = next((c for c in located if c is not outer and c.end in ends
                          and (division or _specificity(c) <= _specificity(outer))), None)
            if found is not None:
                return found
        elif (doc[i].pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "PUNCT", "PART")
              and not (doc[i].tag_ in ("VBN", "VBG") and doc[i].dep_ == "amod")) or doc[i].text == ",":
            return None
        i -= 1
    return None


def _specificity(cand: _Candidate) -> float:
    """Cost of a place's breadth: a landmark or small named place beats a country."""
    entry = cand.entry
    if entry is None:
        last = cand.root.doc[cand.end - 1].lower_
        return _SPECIFICITY["region"] if last in place_words().admin_words else _SPECIFICITY[None]
    if entry.kind == "region" and entry.country is None:
        return _SPECIFICITY["wide"]  # seas, continents, disputed regions
    return _SPECIFICITY[entry.kind]


def _to_place(cand: _Candidate, sent: Span) -> Place:
    doc = sent.doc
    last = cand.end - 1
    if last > cand.start and doc[last].tag_ == "POS":  # "San Francisco's"
        last -= 1
    start, end = doc[cand.start].idx, doc[last].idx + len(doc[last])
    text = doc[cand.start:last + 1].text  # the span's own text; Doc.text rebuilds the whole article
    if cand.entry is not None:
        return cand.entry.to_place(text, (start, end))
    # Not in the gazetteer: the name as written, without coordinates.
    return Place(text, None, None, None, None, text, (start, end),
                 _KIND_OF_LABEL.get(cand.label, "city"))


# --- candidates -----------------------------------------------------------------------


def _candidates(sent: Span, gazetteer: Gazetteer, context: Sequence[str]
                ) -> Iterator[_Candidate]:
    """Place names of the sentence, from the entity recognizer and from the gazetteer."""
    covered: set[int] = set()
    for ent in ents_in(sent):
        covered.update(range(ent.start, ent.end))
        cand = _from_entity(ent, gazetteer, context)
        if cand is not None and not _actor_name(cand, gazetteer):
            yield cand
    for cand in _unmarked(sent, gazetteer, context, covered):
        if not _actor_name(cand, gazetteer):
            yield cand


#: A major city's own name stays a place even where an organisation is named for it.
_MAJOR_CITY = 500_000


@functools.cache
def _actor_names() -> frozenset[str]:
    """Names and aliases of the organisations and armed groups of the actor tables."""
    rows = read_table("actors/organisations.tsv", ("name", "country"))
    names = (n for r in rows for n in (r["name"], *r.get("aliases", "").split("|")))
    return frozenset(normalize(n) for n in names if n.strip())


def _actor_name(cand: _Candidate, gazetteer: Gazetteer) -> bool:
    """A name the actor tables know is an actor, not a place: "Hamas" is no alternate
    name of Hamm, "SDF" no airport code. Only a major place's own name (Brussels) stays."""
    text = cand.root.doc[cand.start:cand.end].text
    if normalize(text) not in _actor_names():
        return False
    own = gazetteer.lookup_primary(text)
    return own is None or (own.kind == "city" and own.population < _MAJOR_CITY)


def _from_entity(ent: Span, gazetteer: Gazetteer, context: Sequence[str]
                 ) -> _Candidate | None:
    """A place candidate from a recognized entity, or None if it is not a place.

    GPE/LOC/FAC names are places even when unknown; names the recognizer labelled as
    organisations or people only when the gazetteer knows them as a notable place, or
    when they end in a facility word ("the al-Yarmouk Hospital").
    """
    start = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
    span = ent.doc[start:ent.end]
    name, label = span.text, ent.label_
    if span.text.islower() or span[-1].lower_ in place_words().never_places:
        return _lower_case(span, gazetteer, context) if label in _PLACE_LABELS else None
    if label in _PLACE_LABELS:
        entry = _qualified(ent, name, gazetteer) or gazetteer.lookup(name, context)
        if entry is None and ent.root.pos_ == "ADJ":
            return None  # an unknown adjective ("Russian") is a demonym, not a place
        return _Candidate(start, ent.end, ent.root, entry, label)
    if label in _NAME_LABELS | {"NORP"} and _names_container(ent.root):
        # "the town of Kidal" is a place whatever the recognizer thought
        return _Candidate(start, ent.end, ent.root, gazetteer.lookup(name, context), "GPE")
    if label == "NORP" and ent.root.tag_ == "NNP":
        # a singular proper noun is no demonym ("Kisangani was captured")
        entry = gazetteer.lookup_primary(name, context)
        ok = entry is not None and _notable(entry)
        return _Candidate(start, ent.end, ent.root, entry, "GPE") if ok else None
    if label not in _NAME_LABELS:
        return None
    entry = gazetteer.lookup(name, context)
    if entry is not None and _notable(entry) and not (name.isupper() and len(name) <= 4):
        return _Candidate(start, ent.end, ent.root, entry, "GPE")
    if label == "ORG" and span[-1].lower_ in place_words().facility_words:
        return _Candidate(start, ent.end, ent.root, None, "FAC")
    if _looks_like_place_in(span):
        return _Candidate(start, ent.end, ent.root, entry, "GPE")
    return None


def _qualified(ent: Span, name: str, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """"Paris, Texas" / "Geneva, New York": the name inside the place that follows it."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    nxt = ent_at(doc, ent.end + 1)
    following = [nxt] if nxt is not None and nxt.start == ent.end + 1 and nxt.label_ in _PLACE_LABELS else []
    if not following:
        return None
    outer = gazetteer.lookup(following[0].text)
    if outer is None or not outer.country:
        return None
    return gazetteer.lookup_in(name, outer.country)


def _looks_like_place_in(span: Span) -> bool:
    """'in Kobane' mislabelled as an organisation: a bare name after "in", not a body."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "in" or span.text.isupper():
        return False
    return not any(t.lower_ in place_words().body_words for t in span) and span[0].pos_ == "PROPN"


def _notable(entry: GazetteerEntry) -> bool:
    return entry.kind != "city" or entry.population >= 100_000


def _lower_case(span: Span, gazetteer: Gazetteer, context: Sequence[str]
                ) -> _Candidate | None:
    """A lower-case word is a place only as a known city name ("in nagpur")."""
    if len(span) != 1 or span[0].lower_ in place_words().never_places:
        return None
    entry = gazetteer.lookup_primary(span.text, context)
    if entry is None or entry.kind != "city" or entry.population < 100_000:
        return None
    return _Candidate(span.start, span.end, span[0], entry, "GPE")


def _unmarked(sent: Span, gazetteer: Gazetteer, context: Sequence[str],
              covered: set[int]) -> Iterator[_Candidate]:
    """Place names the recognizer missed, in a locative phrase.

    Proper nouns in "the town of X" / "X district" are places even when unknown; other
    proper nouns only when the gazetteer knows them; lower-case words only as city names.
    """
    for tok in sent:
        if tok.i in covered or tok.lower_ in place_words().never_places:
            continue
        named = _names_container(tok)
        if not (named or (tok.dep_ == "pobj" and tok.head.lower_ in place_words().locative_preps)):
            continue
        start = _compound_start(tok)
        if any(i in covered for i in range(start, tok.i + 1)):
            continue
        if tok.pos_ == "PROPN" and not tok.is_lower:
            entry = gazetteer.lookup(sent.doc[start:tok.i + 1].text, context)
            if entry is not None or named:
                yield _Candidate(start, tok.i + 1, tok, entry, "GPE")
        elif tok.is_lower and start == tok.i and tok.pos_ in ("PROPN", "NOUN"):
            cand = _lower_case(sent.doc[tok.i:tok.i + 1], gazetteer, context)
            if cand is not None and not (tok.i + 1 < sent.end
                                         and sent.doc[tok.i + 1].pos_ == "NOUN"):
                yield cand


def _names_container(tok: Token) -> bool:
    """'the town of X', 'X district', 'X town' (X a proper noun)."""
    if tok.pos_ != "PROPN":
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        return tok.head.head.lower_ in place_words().container_nouns
    return tok.dep_ == "compound" and tok.head.lower_ in place_words().container_nouns


def _compound_start(tok: Token) -> int:
    """First token of the proper-noun run ending at ``tok`` ("Jabal al-Zahiyah")."""
    start = tok.i
    first = sentences(tok.doc)[sentence_of(tok.doc)[tok.i]].start  # tok.sent, read once
    while start > first:
        prev = tok.doc[start - 1]
        inside = start <= prev.head.i <= tok.i
        if not inside or not (prev.pos_ == "PROPN" or prev.text in ("-", "al", "el")):
            break
        start -= 1
    return start


# --- attachment -----------------------------------------------------------------------


def _cost(cand: _Candidate, trigger: Token) -> float | None:
    """How far the place's locative phrase is from the trigger; None if not its place."""
    found = _anchor(cand)
    if found is None:
        return None
    anchor, cost, via = found
    if via == "arg":
        lemma = anchor.lemma_.lower()
        known = cand.entry is not None
        is_country = cand.entry is not None and cand.entry.kind == "country"
        if lemma in place_words().person_object_verbs and not (known or cand.root.dep_ == "pobj"):
            return None  # "captured Bishara" is a person unless we know the place
        if not (lemma in place_words().move_verbs or (lemma in place_words().strike_verbs and not is_country)):
            return None
        cost += 0.5
    reach = _reach(anchor, trigger)
    return None if reach is None else cost + reach


def _anchor(cand: _Candidate) -> tuple[Token, float, str] | None:
    """The word the place's locative phrase attaches to, with the cost of getting there.

    Climbs from the place name through noun modifiers ("the Kabul office"), appositions
    and lists ("Athens, Greece"), and "of" phrases ("the city of X", "north of X"), to a
    locative preposition ("pp") or, for a bare name, a verb it is the object of ("arg").
    """
    tok, cost, bare = cand.root, 0.0, True
    country = cand.entry is not None and cand.entry.kind == "country"
    for _ in range(12):
        dep, head = tok.dep_, tok.head
        if dep in _MODIFIER_EDGES and head.ent_type_ in ("DATE", "TIME"):
            # "patrolled Harare Saturday": the parser hung the place on the date
            if head.dep_ in ("npadvmod", "dobj") and head.head.pos_ == "VERB":
                return head.head, cost, "arg"
            tok = head
        elif dep in _MODIFIER_EDGES and head.i != tok.i:
            if country and head.lower_ not in place_words().container_nouns:
                return None  # "a US airstrike", "Iran's programme": an actor, not a place
            tok, cost, bare = head, cost + 0.5, False
        elif dep in _SAME_ROLE_EDGES and head.i != tok.i:
            # "Kabul and Herat": equals; "Liberia, Africa's oldest republic": the
            # apposition describes the first name, which is the place meant.
            tok, cost = head, cost + (1.0 if dep == "appos" else 0.3)
        elif dep == "pobj":
            found = _through_prep(cand, tok)
            if found is None:
                return None
            if isinstance(found, tuple):
                return found[0], cost + found[1], "pp"
            tok, cost, bare = found, cost + (0.1 if found.lower_ in place_words().container_nouns
                                             else 0.4), False
        elif tok.lower_ in place_words().directions and dep in ("advmod", "npadvmod", "dobj"):
            return head, cost + 0.7, "pp"
        elif dep in ("dobj", "nsubjpass") and (bare or tok.lower_ in place_words().container_nouns):
            return head, cost, "arg"
        else:
            return None
    return None


def _through_prep(cand: _Candidate, pobj: Token) -> tuple[Token, float] | Token | None:
    """Follow the preposition above ``pobj``.

    Returns (anchor, cost) for a locative preposition, the noun to keep climbing from
    for "of" and "including" phrases, or None for a topical preposition.
    """
    prep = pobj.head
    word = prep.lower_
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP":  # "in and around X"
        prep = prep.head
    anchor = prep.head
    if word in place_words().list_preps:
        return anchor
    if word == "to" and anchor.lower_ in ("close", "next"):  # "close to the town of X"
        return anchor.head, 0.3
    if word == "of":
        if anchor.lower_ in place_words().directions:
            return anchor.head, 0.7
        return anchor if anchor.pos_ not in ("VERB", "AUX", "ADP") else None
    if word in place_words().locative_preps:
        return anchor, 0.0
    if word == "on" and _on_is_locative(cand, pobj):
        return anchor, 0.0
    if word == "over" and anchor.lemma_.lower() in place_words().air_words | {"shoot"}:
        return anchor, 0.3
    return None


def _on_is_locative(cand: _Candidate, pobj: Token) -> bool:
    """'on the doorstep of his Moscow home', 'on Capitol Hill'; not 'an attack on Israel'."""
    if pobj.i != cand.root.i:
        country = cand.entry is not None and cand.entry.kind == "country"
        return pobj.lower_ in place_words().container_nouns if country else True
    return (cand.label == "FAC" or (cand.entry is not None and cand.entry.kind == "landmark")
            or pobj.lower_.endswith(tuple(place_words().on_name_endings)))


def _reach(anchor: Token, trigger: Token) -> float | None:
    """Steps from the anchor of a locative up to the trigger's clause chain, or None.

    The chain is the trigger and the words above it. Climbing from the anchor costs
    little through nouns ("a blast at a market", "the attack in X") and more through
    verbs and relative clauses ("killed ... while patrolling in X"); a reported-speech
    edge is never crossed, and the object of a comment verb keeps its own place
    ("condemned the attack in Kabul": Kabul is the attack's, not the condemnation's).
    """
    chain = _clause_chain(trigger)
    steps, node = 0.0, anchor
    for _ in range(16):
        if node in chain:
            return steps + chain.index(node)
        dep, head = node.dep_, node.head
        if head.i == node.i or dep in _CLIMB_BLOCK:
            return None
        if dep in ("dobj", "nsubj", "nsubjpass", "attr", "ccomp", "xcomp"):
            if head == trigger and trigger.lemma_.lower() in place_words().comment_verbs:
                return None
        if dep == "nsubj" and node.lower_ not in place_words().event_nouns:
            steps += 1.0  # "Police in Tokyo patrolled": weaker than "patrolled in Tokyo"
        elif dep in ("relcl", "acl") and node.pos_ in ("VERB", "AUX"):
            steps += 1.0
        steps += 1.0 if node.pos_ in ("VERB", "AUX") else 0.5
        node = head
    return None


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger and the words above it, stopping at a reported-speech edge."""
    chain = [trigger]
    node = trigger
    while node.head.i != node.i and node.dep_ not in _CLIMB_BLOCK:
        node = node.head
        chain.append(node)
    return chain


def dateline_place(doc: Doc, gazetteer: Gazetteer, context: Sequence[str] = ()) -> Place | None:
    """The story's dateline ("KABUL, Afghanistan (AP) —", "LONDON, March 3 (Reuters) -")
    at the head of its first sentence, as a place with ``source`` ``dateline``."""
    sents = sentences(doc)
    if not sents:
        return None
    found = _dateline(sents[0], gazetteer, context)
    if found is not None and len(doc[found.start:found.end].text) < 3:
        found = None  # "UN -", "US –": an acronym opening the story, not a city
    return dataclasses.replace(_to_place(found, sents[0]), source="dateline") if found else None


def _dateline(sent: Span, gazetteer: Gazetteer, context: Sequence[str]) -> _Candidate | None:
    """'KABUL, Afghanistan (AP) —' / 'KABUL —' at the start of the sentence."""
    end = sent.start
    while end < sent.end and sent.doc[end].is_upper and sent.doc[end].is_alpha:
        end += 1
    if end == sent.start or end >= sent.end:
        return None
    if sent.doc[end].text not in (",", "-", "\u2014", "\u2013", "--", "(", ":"):
        return None
    entry = gazetteer.lookup(sent.doc[sent.start:end].text, context)
    if entry is None:
        return None
    return _Candidate(sent.start, end, sent.doc[end - 1], entry, "GPE")
