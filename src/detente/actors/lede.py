"""The blind lede: a story that opens with a description and names the person after.

"A British man who joined a Kurdish militia has fled the country. Joe Bloggs, 25, was on
bail ...": news writing introduces a private person by nationality and role in the first
sentence and gives the name in the next ones. The name alone would stay uncoded (a bare
name never takes a country from context); the lede says whose it is.

Decided here:
- the description is the subject of the article's first sentence: a singular person noun
  (``PERSON_NOUNS``: "man", "woman", "teenager", "schoolgirl", "citizen", ...) whose own
  modifiers name exactly one state ("A British man", "The east London schoolgirl"), with no
  named person in that sentence;
- the person is the first one named after it, within ``WINDOW`` sentences, with no other
  person named before it there, named as a subject with no description of its own ("His
  lawyer, Jane Doe," is someone else); it must be uncoded (no descriptor, no KB entry, no
  title);
- it takes the state, the group noun's sector or ``CVL`` ("former": ``ELI``), evidence
  ``lede``; the actor the
  description made of itself is re-pointed to the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..nlp import sentences
from .descriptors import ethnic, not_identity
from .lookup import NONSTATE

if TYPE_CHECKING:
    from .article import Article
    from .coref import Draft

#: Sentences after the lede in which the person must be named.
WINDOW = 2
#: Nouns that describe one private person by role.
PERSON_NOUNS = frozenset(
    """man woman teenager teen schoolgirl schoolboy girl boy mother father son daughter wife
    husband student citizen national resident jihadist fighter soldier tourist businessman
    businesswoman worker activist volunteer pensioner grandmother grandfather doctor nurse
    teacher convert widow""".split()
)
_STATE_KINDS = frozenset({"country", "demonym", "capital"})
_MODIFIERS = frozenset({"amod", "compound", "nmod"})


def lede_person(st: "Article") -> None:
    """Give the person named after a describing lede the lede's state (module doc)."""
    sents = sentences(st.doc)
    if len(sents) < 2:
        return
    lead = sents[0]
    subject = next((t for t in lead if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    if subject is None or subject.tag_ != "NN" or subject.lemma_.lower() not in PERSON_NOUNS:
        return
    code = _state_of(st, subject)
    if code is None:
        return
    firsts = _first_mentions(st)
    if any(d.kind == "person" and d.named and s < lead.end for d, s in firsts):
        return
    later = [(d, s) for d, s in firsts if d.kind == "person" and d.named and st.sent_of[s] > 0]
    if not later or st.sent_of[later[0][1]] > WINDOW:
        return
    person, first = later[0]
    if not _bare_subject(st, first):
        return
    if person.country is not None or person.kb_id is not None or person.title or person.evidence != "none":
        return
    group = st.tables.lexicon.group_of(subject)
    sector = "ELI" if any(c.lower_ == "former" for c in subject.children) else group[1] if group else "CVL"
    person.country, person.sector, person.evidence = code, sector, "lede"
    _repoint(st, person, subject)


def _bare_subject(st: "Article", start: int) -> bool:
    """The name is a subject with no description of its own ("His lawyer, Jane Doe" is
    someone else; "Jane Doe, 25," is still bare)."""
    end = next(e for d, s, e, _, _ in st.mentions if s == start)
    head = st.doc[start:end].root
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return not any(c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") for c in head.children)


def _state_of(st: "Article", noun: Any) -> str | None:
    codes: set[str] = set()
    stack = [c for c in noun.children if c.dep_ in _MODIFIERS]
    while stack:  # "east London schoolgirl": the state may sit on a modifier's modifier
        tok = stack.pop()
        stack.extend(c for c in tok.children if c.dep_ in _MODIFIERS)
        hit = st.hits.get(tok.i)
        if hit is None or hit.entry.kind not in _STATE_KINDS or ethnic(st.doc, hit) or not_identity(st.doc, hit):
            continue
        code = hit.entry.code_on(st.day).country
        if code and code.isalpha() and code not in NONSTATE:
            codes.add(code)
    return codes.pop() if len(codes) == 1 else None


def _first_mentions(st: "Article") -> list[tuple["Draft", int]]:
    first: dict[int, tuple["Draft", int]] = {}
    for d, start, _, _, _ in st.mentions:
        if id(d) not in first or start < first[id(d)][1]:
            first[id(d)] = (d, start)
    return sorted(first.values(), key=lambda x: x[1])


def _repoint(st: "Article", person: "Draft", noun: Any) -> None:
    """The description's own actor ("British man") is the person; its state word too."""
    span = range(noun.left_edge.i, noun.i + 1)
    for n, (d, start, end, how, primary) in enumerate(st.mentions):
        if d is not person and start in span and end - 1 in span and d.kind in ("group", "country"):
            st.mentions[n] = (person, start, end, "descriptor", primary)
            for i in range(start, end):
                if st.by_head.get(i) is d:
                    st.by_head[i] = person
    if not any(d is person and start <= noun.i < end for d, start, end, _, _ in st.mentions):
        st.mentions.append((person, span.start, noun.i + 1, "descriptor", True))
