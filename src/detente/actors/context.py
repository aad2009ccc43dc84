"""The country of an official the text names without one, from the sentence around it.

"The Federal Minister for Interior X allowed ..., according to the Pakistani Federal
Secretary Interior": the minister's own phrase names no country, but the sentence names
exactly one, and names it as the owner of its institutions. PLOVER codes domestic politics
with the same country on both sides, and a sentence that names one state only as the
owner of offices, elections or places is about that state's politics.

Decided here (the issue's rule is that unknown people stay uncoded rather than guessed, so
the evidence must be in the text):
- only actors that a descriptor already places in a sector (a title or a group noun:
  "Judge X", "Lt. Gen. X", "opposition leaders") get a country; a bare name never does;
- the sentence must name exactly one state (ethnic and stance modifiers such as "ethnic
  Albanians" or "pro-Moscow" do not count, nor do peoples, "Serbs"), and no actor of the
  sentence may be coded with another state;
- the state must not be the target of the sentence (parties, opposition, unions and
  legislators excepted when the state owns the target: they act at home): none of its
  mentions may sit in a
  phrase that is the object of "against", "to", "with", "into", "toward(s)", "from" or
  "by" ("Archbishop X called for sanctions against Nigeria" gives X nothing), and at least
  one mention must be an owner (a modifier or possessor: "Greece's biggest trial",
  "the Pakistani secretary") or a subject; a place alone ("arrived in Algiers") is not
  enough, visitors are named that way too;
- diplomats, envoys and foreign ministers, whose work is abroad, and refugees never take a
  country this way;
- the code is marked ``evidence="context"``: the store does not learn people from it.
The article-wide variant (one country in the whole article) was rejected: news articles
name many states, and a one-country article would code visiting foreigners.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .descriptors import ethnic, not_identity

if TYPE_CHECKING:
    from .countries import NameHit
    from .coref import Draft

NONSTATE = frozenset({"IGO", "EUR", "NGO", "IMG", "ISM", "MNC", "UNO"})
_STATE_KINDS = frozenset({"country", "demonym", "capital", "metonym"})
_TARGET_PREPS = frozenset(
    {"against", "to", "toward", "towards", "into", "with", "from", "by", "for", "on", "upon", "over"}
)
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})
_CLIMB_DEPS = frozenset({"compound", "amod", "poss", "nmod", "conj", "appos", "flat", "case"})
_OWNER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nsubj", "nsubjpass"})
_FOREIGN_TITLES = frozenset(
    {"foreign minister", "deputy foreign minister", "vice foreign minister", "foreign secretary",
     "secretary of state", "ambassador", "envoy", "special envoy", "diplomat", "negotiator",
     "delegation", "embassy"}
)
_NO_CONTEXT_SECTORS = frozenset({"REF"})
#: sectors that act inside their own state: a party boycotting "Algeria's elections" is of
#: that state even though it is the target (judges are not: international courts judge
#: states' laws)
_DOMESTIC_SECTORS = frozenset({"PTY", "OPP", "LAB", "LEG"})


def infer_countries(
    drafts: Iterable["Draft"],
    doc: Any,
    hits: Mapping[int, "NameHit"],
    mentions: Iterable[tuple["Draft", int, int, str, bool]],
    day: Any,
) -> None:
    """Give each uncoded official the one state its sentence is about (see module doc)."""
    sent_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    by_sentence: dict[int, list["Draft"]] = {}
    for d, start, _, _, _ in mentions:
        by_sentence.setdefault(sent_of[start], []).append(d)
    for n, sent in enumerate(doc.sents):
        actors = by_sentence.get(n, [])
        wanting = [d for d in actors if _wants_country(d)]
        if not wanting:
            continue
        state = _sentence_state(sent, hits, actors, day)
        owned = state or (
            _sentence_state(sent, hits, actors, day, owned_targets=True)
            if any(d.sector in _DOMESTIC_SECTORS for d in wanting) else None
        )
        for d in wanting:
            found = state or (owned if d.sector in _DOMESTIC_SECTORS else None)
            if d.country is None and found is not None:
                d.country, d.evidence = found, "context"


def _wants_country(d: "Draft") -> bool:
    if d.country is not None or d.sector is None or d.kind not in ("person", "group"):
        return False
    if d.sector in _NO_CONTEXT_SECTORS:
        return False
    return (d.title or "").lower() not in _FOREIGN_TITLES and d.name.lower() not in _FOREIGN_TITLES


def _sentence_state(
    sent: Any, hits: Mapping[int, "NameHit"], actors: list["Draft"], day: Any, owned_targets: bool = False
) -> str | None:
    """The one state the sentence names, when it is named as an owner and never a target
    (with ``owned_targets``, owning the target counts: "boycott Algeria's elections")."""
    doc = sent.doc
    states: dict[str, list["NameHit"]] = {}
    seen: set[int] = set()
    for i in range(sent.start, sent.end):
        hit = hits.get(i)
        if hit is None or id(hit) in seen or hit.entry.kind not in _STATE_KINDS:
            continue
        seen.add(id(hit))
        code = hit.entry.code_on(day).country
        if not code or code in NONSTATE or ethnic(doc, hit) or not_identity(doc, hit) or _is_people(doc, hit):
            continue
        states.setdefault(code, []).append(hit)
    others = {d.country for d in actors if d.country and d.country not in NONSTATE and d.evidence != "context"}
    if len(states) != 1 or len(others - set(states)) > 0:
        return None
    (code, found), = states.items()
    roles = [_role(doc[h.end - 1]) for h in found]
    roles = [("owner" if owned_targets else "target") if r == "owned target" else r for r in roles]
    if any(r == "target" for r in roles) or "owner" not in roles:
        return None
    return code


def _is_people(doc: Any, hit: "NameHit") -> bool:
    return hit.entry.kind == "demonym" and doc[hit.end - 1].tag_ in ("NNS", "NNPS")


def _role(token: Any) -> str:
    """owner | target | place | other, for the phrase a state's name sits in."""
    owner = token.dep_ in _OWNER_DEPS
    tok = token
    for _ in range(12):  # climb to the head of the phrase; parses are shallow
        if tok.dep_ in _CLIMB_DEPS and tok.head is not tok:
            owner = owner or tok.dep_ in _OWNER_DEPS
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head is not tok.head:
            tok = tok.head.head  # "the government of X" is owned, "a suburb of X" a place
        else:
            break
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in _TARGET_PREPS and not (prep.lower_ == "to" and prep.head.lower_ == "according"):
            return "owned target" if owner else "target"
        return "owner" if owner else "place"
    if tok.dep_ in _OBJECT_DEPS:
        return "owned target" if owner else "target"
    return "owner" if owner or tok.dep_ in _OWNER_DEPS else "other"
