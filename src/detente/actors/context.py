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
- a state named inside another actor's own mention ("Palestinian youths", "Iraqi police",
  "Turkey" as a subject) is not the sentence's for an actor that faces that one in a
  clause (one the subject, the other the object, the agent "by" or an "at"/"against"/
  "with"/"on" phrase of the same verb): "Palestinian youths threw stones at soldiers"
  says nothing of the soldiers' country. Parties on the same side (conjuncts, a cited
  source) still share it. "Iraqi police arrested protesters" thus leaves the protesters
  uncoded here; the events stage's domestic-target convention codes them;
- diplomats, envoys and foreign ministers, whose work is abroad, and refugees never take a
  country this way; nor any sector outside the state's bodies and domestic politics
  (``_CONTEXT_SECTORS``: rebels and journalists stay uncoded, civilians unless they are the
  subject that acts), nor an actor named as several states' ("foreign fighters",
  "coalition jets", "governments"), by a people without a state ("Kurdish forces"), as
  aid or rights workers, or by a stance ("pro-Assad militiamen", "US-backed forces");
- the code is marked ``evidence="context"``: the store does not learn people from it.

The article's setting (``setting``) then codes what the sentence left: a story set in
one country gives that country to its unqualified state bodies and officials ("police",
"the army", "the king", "the prime minister"). A bare name never takes it (visiting
foreigners are named that way), nor a diplomat, nor an actor whose own sentence names
another state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..nlp import sentence_of, sentences
from .descriptors import ethnic, not_identity
from .setting import apply_setting

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
# Refugees, and unknown armed men ("gunmen", "assailants"): where they are says nothing of
# whose they are, so an unknown perpetrator stays countryless.
_NO_CONTEXT_SECTORS = frozenset({"REF", "UAF"})
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
    sent_of = sentence_of(doc)
    mentions = list(mentions)
    by_sentence: dict[int, list[tuple["Draft", int, int]]] = {}
    mentions_of: dict[int, list[int]] = {}
    for d, start, end, _, _ in mentions:
        by_sentence.setdefault(sent_of[start], []).append((d, start, end))
        mentions_of.setdefault(id(d), []).append(sent_of[start])
    for n, sent in enumerate(sentences(doc)):
        spans = by_sentence.get(n, [])
        actors = [d for d, _, _ in spans]
        wanting = list({id(d): d for d in actors if _wants_country(d)}.values())
        for d in wanting:
            if d.sector in _ACTING_ONLY and not _acting_here(doc, d, spans, mentions_of.get(id(d), ())):
                continue
            skip = _opponents_names(doc, d, spans, hits)
            state = _sentence_state(sent, hits, actors, day, skip=skip)
            if state is None and d.sector in _DOMESTIC_SECTORS:
                state = _sentence_state(sent, hits, actors, day, owned_targets=True, skip=skip)
            if d.country is None and state is not None:
                d.country, d.evidence = state, "context"
    apply_setting(drafts, doc, hits, mentions, day, _wants_country)


#: Sectors that context may code: the state's own bodies and the domestic players of its
#: politics (and civilians who act, below). Rebels, journalists, doctors, businesses are often of
#: another state than the one their sentence or story names (foreign fighters, the victims
#: of a foreign air force, a correspondent from abroad): a hand-read of Guardian stories on
#: Syria found most such codes wrong, so they stay uncoded.
_CONTEXT_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PRM", "PTY", "OPP", "LAB", "ELI", "CVL"})
#: Of those, sectors coded only where the group itself acts (a subject): civilians killed
#: by a foreign air force are not of the air force's state, elders who demand are of theirs.
_ACTING_ONLY = frozenset({"CVL"})
#: Words in a group's name that make it several states' or none in particular
#: ("foreign fighters", "coalition jets", "regional intelligence officials", "governments").
_MANY_STATES = frozenset(
    {"foreign", "coalition", "international", "multinational", "western", "allied", "regional", "governments",
     "countries", "nations", "states"}
)
#: Peoples without a state of their own: "Kurdish forces" are named by their people, and
#: the state a sentence names (Syria, Turkey, Iraq) is not thereby theirs.
_PEOPLES = frozenset(
    {"kurdish", "kurds", "kurd", "yazidi", "yazidis", "tamil", "tamils", "baloch", "baluch", "pashtun", "uighur",
     "uyghur", "rohingya", "druze", "alawite", "sunni", "shia", "shiite", "christian", "muslim", "arab", "berber",
     "tuareg", "hazara", "assyrian"}
)


#: Words of actors that serve no state: aid and rights workers, rebels ("a rebel official").
_CIVIL_WORDS = frozenset({"aid", "humanitarian", "relief", "rights", "rebel", "rebels", "insurgent", "militant"})
#: Stance marks ("pro-Assad militiamen", "anti-Assad opposition", "US-backed forces",
#: "Turkish-aligned troops"): the group is defined by whom it sides with or against, and
#: the state its sentence names is as often the backer or the enemy as its own.
_STANCE_PREFIXES = ("pro-", "anti-")
_STANCE_SUFFIXES = ("-backed", "-aligned", "-allied", "-affiliated", "-sponsored", "-funded", "-supported", "-linked")


def _not_of_a_state(name: str) -> bool:
    """A name that says its group is several states', a stateless people's, a civil
    body's, or defined by a stance (see the word lists above)."""
    low = name.lower()
    words = set(low.replace("-", " ").split())
    if words & (_MANY_STATES | _PEOPLES | _CIVIL_WORDS):
        return True
    return any(w.startswith(_STANCE_PREFIXES) or w.endswith(_STANCE_SUFFIXES) for w in low.split())


def _acting_here(doc: Any, d: "Draft", spans: list[tuple["Draft", int, int]], sents: Iterable[int]) -> bool:
    """Civilians take the sentence's state only where they act (a subject) and only when
    the article names them in that one sentence: uncoded civilians of a story are one
    actor, and "people" killed in one sentence are not the "people" of another."""
    return len(set(sents)) == 1 and any(x is d and doc[s:e].root.dep_ == "nsubj" for x, s, e in spans)


def _wants_country(d: "Draft") -> bool:
    if d.country is not None or d.sector is None or d.kind not in ("person", "group"):
        return False
    if d.sector in _NO_CONTEXT_SECTORS or d.sector not in _CONTEXT_SECTORS:
        return False
    if _not_of_a_state(d.name):
        return False
    return (d.title or "").lower() not in _FOREIGN_TITLES and d.name.lower() not in _FOREIGN_TITLES


def _sentence_state(
    sent: Any, hits: Mapping[int, "NameHit"], actors: list["Draft"], day: Any, owned_targets: bool = False,
    skip: frozenset[int] = frozenset(),
) -> str | None:
    """The one state the sentence names, when it is named as an owner and never a target
    (with ``owned_targets``, owning the target counts: "boycott Algeria's elections");
    names on the ``skip`` tokens belong to an opponent and are not the sentence's."""
    doc = sent.doc
    states: dict[str, list["NameHit"]] = {}
    seen: set[int] = set()
    for i in range(sent.start, sent.end):
        hit = hits.get(i)
        if hit is None or id(hit) in seen or hit.entry.kind not in _STATE_KINDS or i in skip:
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


# -- opposing sides --------------------------------------------------------------------
#: Prepositions that put a party on the receiving end of its clause's verb ("threw
#: stones at", "clashed with", "fired on", "protested against").
_OPPOSING_PREPS = frozenset({"at", "against", "with", "on", "upon", "toward", "towards"})


def _opponents_names(
    doc: Any, d: "Draft", spans: list[tuple["Draft", int, int]], hits: Mapping[int, "NameHit"]
) -> frozenset[int]:
    """Tokens of state names inside the mentions of actors that ``d`` faces in a clause
    ("Palestinian youths threw stones at soldiers": "Palestinian" is the youths' own word
    and says nothing of the soldiers'); names of a party on the same side still count."""
    own = [_clause_role(doc[s:e].root) for x, s, e in spans if x is d]
    skip: set[int] = set()
    for other, start, end in spans:
        if other is d or not any(i in hits for i in range(start, end)):
            continue
        theirs = _clause_role(doc[start:end].root)
        if theirs is not None and any(_opposed(mine, theirs) for mine in own if mine is not None):
            skip.update(range(start, end))
    return frozenset(skip)


def _opposed(a: tuple[int, str], b: tuple[int, str]) -> bool:
    return a[0] == b[0] and {a[1], b[1]} == {"subj", "obj"}


def _clause_role(head: Any) -> tuple[int, str] | None:
    """(clause verb, "subj" | "obj") of a mention's head: the doer or the party acted on."""
    for _ in range(8):  # "Iraqi officials and police": a conjunct takes its first's role
        if head.dep_ not in ("conj", "appos") or head.head is head:
            break
        head = head.head
    dep, up = head.dep_, head.head
    if dep in ("nsubj", "csubj"):
        return _clause_verb(up), "subj"
    if dep in ("nsubjpass", "dobj", "dative"):
        return _clause_verb(up), "obj"
    if dep != "pobj":
        return None
    if up.dep_ == "agent":  # "were attacked by X": the doer
        return _clause_verb(up.head), "subj"
    if up.lower_ not in _OPPOSING_PREPS:
        return None
    verb = up.head.head if up.head.dep_ == "dobj" else up.head  # "threw stones at X"
    return (_clause_verb(verb), "obj") if verb.pos_ in ("VERB", "AUX") else None


def _clause_verb(verb: Any) -> int:
    """The verb whose subject a verb shares: "began throwing stones", "gathered and threw"."""
    for _ in range(8):
        shared = verb.dep_ == "xcomp" or (
            verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        )
        if not shared or verb.head is verb:
            break
        verb = verb.head
    return verb.i

