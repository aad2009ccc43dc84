"""Documents as actors: "a report released in the Rwandan capital alleged ...".

A report, statement or communique whose author the text does not name speaks for where it
comes from: the state its origin phrase names ("issued in Kigali", "published in Moscow",
"a report from Kampala") or its national modifier ("a Russian report"). Decided here:
- only document nouns, and only an origin (a participle of issuing with "in"/"from", or
  "from" on the noun itself), never a topic ("a report about Rwanda", "on Rwanda");
- a named author wins: an organisation's name ("a UN report"), a possessor ("Amnesty's
  report") or an agent ("released by Human Rights Watch") leave the document alone;
- the sector is unknown unless the document says whose it is ("a government statement",
  "an army communique", "a Kremlin statement", or "statements from Washington", a capital
  standing for its government): a place of publication ("released in Kigali") is not a
  government;
- the actor is marked ``evidence="document"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .countries import NameHit
from .descriptors import Descriptor, Lexicon, not_identity

#: Nouns of documents that speak for their authors.
DOCUMENT_NOUNS = frozenset(
    {"report", "statement", "communique", "communiqué", "study", "dossier", "declaration", "memorandum"}
)
#: Participles that issue a document; their "in"/"from" phrase is where it comes from.
_ISSUING_VERBS = frozenset(
    {"release", "issue", "publish", "present", "unveil", "circulate", "distribute", "produce", "prepare",
     "compile", "draft", "write", "send", "post", "broadcast", "read", "make", "deliver"}
)
_ORIGIN_PREPS = frozenset({"in", "from"})
_PLACE_KINDS = frozenset({"country", "demonym", "capital"})
#: Modifiers that make a document the state's own ("an official statement").
_STATE_WORDS = frozenset({"official", "presidential", "governmental", "ministerial"})


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an unsigned document comes from: the place's name, the last token of the
    phrase naming it, and the sector the document's own words give its author."""

    hit: NameHit
    end: int
    sector: str | None


def is_document(head: Any) -> bool:
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN":
        return False
    if lemma == "paper":  # "a white paper"
        return any(t.lower_ == "white" and t.i == head.i - 1 for t in head.lefts)
    return lemma in DOCUMENT_NOUNS


def document_origin(head: Any, d: Descriptor, hits: Mapping[int, NameHit], lexicon: Lexicon) -> Origin | None:
    """The origin of the document ``head`` heads, or None (not a document, its author is
    named, or it names no origin)."""
    if not is_document(head) or d.org is not None or d.person is not None:
        return None
    if any(t.dep_ == "poss" for t in head.lefts):
        return None  # "Amnesty's report", "its statement": the author is named
    sector = _sector(head, d, lexicon)
    if d.country is not None and d.country.end <= head.i and d.country.entry.kind != "org":
        return Origin(d.country, head.i + 1, sector)  # "a Rwandan report", "a Kremlin statement"
    place = _place_after(head, hits)
    if place is None:
        return None
    hit, end, sent_from = place
    if sector is None and sent_from and hit.entry.kind == "capital" and end == hit.end:
        sector = "GOV"  # "statements from Washington": the capital speaks for its government
    return Origin(hit, end, sector)


def _place_after(head: Any, hits: Mapping[int, NameHit]) -> tuple[NameHit, int, bool] | None:
    """(name, end of its phrase, whether the document is "from" it directly)."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "by":
            return None  # "a report by the commission"
        if child.dep_ == "prep" and child.lower_ == "from":
            found = _place(child, hits)
            return (*found, True) if found is not None else None
        if child.dep_ == "acl" and child.lemma_.lower() in _ISSUING_VERBS:
            if any(c.dep_ == "agent" for c in child.children):
                return None  # "released by Human Rights Watch"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in _ORIGIN_PREPS:
                    found = _place(prep, hits)
                    if found is not None:
                        return (*found, False)
    return None


def _place(prep: Any, hits: Mapping[int, NameHit]) -> tuple[NameHit, int] | None:
    """A country or capital as the object of ``prep``, or "the <Demonym> capital" /
    "<Country>'s capital" / "the capital of <Country>": (name, end of the phrase)."""
    obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
    if obj is None:
        return None
    hit = _state_name(obj, hits)
    if hit is not None:
        return hit, max(hit.end, obj.i + 1)
    if obj.lemma_.lower() != "capital":
        return None
    for left in obj.lefts:
        hit = _state_name(left, hits)
        if hit is not None and left.dep_ in ("amod", "compound", "poss", "nmod"):
            return hit, obj.i + 1
    for of in obj.rights:
        if of.dep_ == "prep" and of.lower_ == "of":
            inner = next((t for t in of.children if t.dep_ == "pobj"), None)
            hit = _state_name(inner, hits) if inner is not None else None
            if hit is not None:
                return hit, max(hit.end, inner.i + 1)
    return None


def _state_name(tok: Any, hits: Mapping[int, NameHit]) -> NameHit | None:
    hit = hits.get(tok.i)
    if hit is None or hit.entry.kind not in _PLACE_KINDS or not_identity(tok.doc, hit):
        return None
    return hit


def _sector(head: Any, d: Descriptor, lexicon: Lexicon) -> str | None:
    """Whose the document says it is: a state body or officialdom among its modifiers, or
    a seat of power ("a Kremlin statement")."""
    if d.country is not None and d.country.entry.kind == "metonym" and d.country.end <= head.i:
        return d.country.entry.code_on(None).sector
    for left in head.lefts:
        low = left.lower_
        if left.dep_ in ("amod", "compound") and low in _STATE_WORDS:
            return "GOV"
        if left.dep_ in ("amod", "compound") and (low in lexicon.groups or left.lemma_.lower() in lexicon.groups):
            return lexicon.groups.get(low) or lexicon.groups[left.lemma_.lower()]
    return None
