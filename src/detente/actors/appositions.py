"""A named person and the noun phrase set beside it are one actor.

"Hoda Muthana, the US woman who fled", "her Dutch husband, Yago Riedijk", "Shamima
Begum, a British citizen", "Unicef's regional director, Geert Cappelaere", "the UK
defence minister, Tobias Ellwood": the apposed phrase describes the person. The handlers
see the two phrases one at a time and may have made the description an actor of its own
(a country, a group "British citizen", the KB's holder of "defence minister"), which then
stands beside the person as a second actor of the same event. Run once the handlers are
done, this pass gives the description to the person.

Decided here:
- only apposition (the parser's ``appos``, either direction) between a named person's
  mention and a singular common noun phrase ("the US woman", "a Russian", not "Russians");
- the phrase's country is the one state named on its head (a modifier or the head itself:
  "a Russian"), or the owner actor ("Unicef's director"); ethnic and stance words ("ethnic
  Albanian", "Dutch-born") do not count, nor a state two levels down ("the US
  ambassador's driver");
- the person takes it only when it has no country yet (the KB and the person's own
  descriptor win); its sector: the phrase's title or group noun, else ``CVL`` (a citizen);
  evidence ``descriptor``;
- the actor made of the phrase itself (a mention covering its head) and the state named on
  its head are re-pointed to the person; a state mentioned elsewhere stays an actor there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .descriptors import ethnic, not_identity
from .lookup import NONSTATE

if TYPE_CHECKING:
    from .article import Article
    from .coref import Draft

_STATE_KINDS = frozenset({"country", "demonym", "capital"})
_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
#: Sectors a description of a private person may give (a title or group noun's).
_CIVIL = "CVL"


def merge_appositions(st: "Article") -> None:
    """Give each named person the description apposed to it (module doc)."""
    for d, start, end, _, _ in list(st.mentions):
        if d.kind != "person" or not d.named:
            continue
        head = st.doc[start:end].root
        for phrase in _apposed(head):
            if not (phrase.i < start or phrase.i >= end):
                continue
            _describe(st, d, phrase)


def _apposed(head: Any) -> list[Any]:
    found = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos" and head.head is not head:
        found.append(head.head)
    return [t for t in found if (t.pos_ in ("NOUN", "PROPN") and t.tag_ in ("NN", "NNP")) or _noun_adjective(t)]


def _noun_adjective(t: Any) -> bool:
    """A demonym the tagger left an adjective although it heads a phrase: "a Russian"."""
    return t.tag_ == "JJ" and t.text[:1].isupper() and any(c.dep_ == "det" for c in t.children)


def _describe(st: "Article", person: "Draft", phrase: Any) -> None:
    state, state_tokens = _state_on(st, phrase)
    owner = _owner_on(st, phrase, person)
    covering = [m for m in st.mentions if m[0] is not person and m[1] <= phrase.i < m[2]]
    if phrase.pos_ == "PROPN" and state is None:
        return  # "Yago Riedijk, Amsterdam": a name beside a name, not a description
    if state is None and owner is None and not covering:
        return
    country = state or (owner.country if owner is not None else None)
    if person.country is None and country:
        person.country = country
        person.sector = person.sector or _sector(st, phrase, covering, owner)
        person.evidence = "descriptor"
    elif person.country is None and owner is None and covering:
        other = covering[0][0]
        if other.kind == "person" and other.country and other.country not in NONSTATE:
            person.country, person.sector = other.country, person.sector or other.sector
            person.evidence = "descriptor"
    if person.country is None and not (state or owner):
        return
    if not covering:
        _mention_phrase(st, person, phrase)
    repoint = {id(m[0]) for m in covering}
    for n, (d, start, end, how, primary) in enumerate(st.mentions):
        inside = id(d) in repoint and start <= phrase.i < end
        named_state = d.kind == "country" and d.country == state and all(i in state_tokens for i in range(start, end))
        if d is not person and (inside or named_state):
            st.mentions[n] = (person, start, end, "descriptor", primary)
            for i in range(start, end):
                if st.by_head.get(i) is d:
                    st.by_head[i] = person


def _mention_phrase(st: "Article", person: "Draft", phrase: Any) -> None:
    """The description's own words (without its owner: "her", "Unicef's") name the person,
    so a speaker or doer read from the phrase's head is the person."""
    lefts = [c.left_edge.i for c in phrase.lefts if c.dep_ != "poss"]
    start = min(lefts, default=phrase.i)
    st.mentions.append((person, start, phrase.i + 1, "descriptor", True))
    st.by_head[phrase.i] = person


def _state_on(st: "Article", phrase: Any) -> tuple[str | None, frozenset[int]]:
    """The one state named on the phrase's head (its modifiers or itself), and its tokens."""
    codes: dict[str, set[int]] = {}
    for tok in [phrase, *(c for c in phrase.children if c.dep_ in _MODIFIERS)]:
        hit = st.hits.get(tok.i)
        if hit is None or hit.entry.kind not in _STATE_KINDS or ethnic(st.doc, hit) or not_identity(st.doc, hit):
            continue
        if tok is phrase and hit.entry.kind != "demonym":
            continue  # "the woman, Syria" is no description
        code = hit.entry.code_on(st.day).country
        if code and code.isalpha() and code not in NONSTATE:
            codes.setdefault(code, set()).update(range(hit.start, hit.end))
    if len(codes) != 1:
        return None, frozenset()
    (code, tokens), = codes.items()
    return code, frozenset(tokens)


def _owner_on(st: "Article", phrase: Any, person: "Draft") -> "Draft | None":
    """An organisation owning the phrase ("Unicef's regional director")."""
    poss = next((c for c in phrase.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    owner = next((m[0] for m in st.mentions if m[1] <= poss.i < m[2] and m[0] is not person), None)
    if owner is None or owner.kind != "organization" or owner.country is None:
        return None
    return owner


def _sector(
    st: "Article", phrase: Any, covering: list[tuple["Draft", int, int, str, bool]], owner: "Draft | None"
) -> str:
    """The sector the description gives: its actor's, its group noun's, else a citizen's."""
    if any(c.lower_ == "former" for c in phrase.children):
        return "ELI"
    if owner is not None:
        return owner.sector or _CIVIL
    for d, _, _, _, _ in covering:
        if d.sector and d.kind in ("person", "group", "organization"):
            return d.sector
    group = st.tables.lexicon.group_of(phrase)
    return group[1] if group is not None else _CIVIL
