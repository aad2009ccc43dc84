"""The article's country context: the one country a story is set in, and the state
actors it leaves unqualified ("Police arrested 200 protesters", "the king dismissed the
government" in a story datelined Katmandu).

Decided here:
- the setting is voted by the article's own evidence: each state name (country, demonym,
  capital, seat of power) counts one, each actor the text or the KB coded with a state
  counts one, a dateline ("KATMANDU, Nepal (AP) -") counts ``DATELINE_VOTES``. The top
  country is the setting when it has at least ``MIN_VOTES`` and ``SHARE`` of the votes:
  a story about two states ("Russia and Ukraine") has none;
- it codes only drafts without a country in a state or domestic sector (``SECTORS``:
  "police", "security forces", "the army", "the government", "the king", "the prime
  minister"); a bare name has no sector and is never coded this way,
  titled officials the text or KB already coded keep their own, and diplomats are left
  out (the caller's predicate);
- an actor whose own sentence names another state is left alone ("Police in Kenya" in
  a story about Nepal; "the government" next to "Britain");
- the code is marked ``evidence="context"``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from ..nlp import sentence_of
from .descriptors import ethnic, not_identity

if TYPE_CHECKING:
    from .countries import NameHit
    from .coref import Draft

NONSTATE = frozenset({"IGO", "EUR", "NGO", "IMG", "ISM", "MNC", "UNO"})
_STATE_KINDS = frozenset({"country", "demonym", "capital", "metonym"})
#: Sectors of state bodies. Opposition and parties are left out: a hand-read sample of
#: Guardian stories found them mostly foreign to the setting ("the anti-Assad
#: opposition" in a story set in Turkey).
SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PRM"})
DATELINE_VOTES = 3
MIN_VOTES = 3
SHARE = 0.6
#: A dateline ends within this many tokens of the article's start.
_DATELINE_TOKENS = 10
_DATELINE_ENDS = frozenset({"-", "--", "—", "–", "(", ":"})


def apply_setting(
    drafts: Iterable["Draft"],
    doc: Any,
    hits: Mapping[int, "NameHit"],
    mentions: Iterable[tuple["Draft", int, int, str, bool]],
    day: Any,
    wants: Callable[["Draft"], bool],
) -> str | None:
    """Code the unqualified state actors with the article's setting; the setting or None."""
    drafts = list(drafts)
    codes = _state_codes(doc, hits, day)
    country = setting(codes, drafts, dateline(doc, hits, day))
    if country is None:
        return None
    sent_of = sentence_of(doc)
    foreign = {sent_of[i] for i, code in codes.items() if code != country}
    sentences: dict[int, set[int]] = {}
    for d, start, _, _, _ in mentions:
        sentences.setdefault(id(d), set()).add(sent_of[start])
    for d in drafts:
        if d.sector in SECTORS and wants(d) and not sentences.get(id(d), set()) & foreign:
            d.country, d.evidence = country, "context"
    return country


def setting(codes: Mapping[int, str], drafts: Iterable["Draft"], datelined: str | None) -> str | None:
    """The country the votes name (module doc), or None."""
    votes: Counter[str] = Counter(codes.values())
    for d in drafts:
        if d.country and d.country not in NONSTATE and d.evidence != "context" and d.kind in ("person", "group"):
            votes[d.country] += 1
    if datelined is not None:
        votes[datelined] += DATELINE_VOTES
    if not votes:
        return None
    top, n = votes.most_common(1)[0]
    return top if n >= MIN_VOTES and n >= SHARE * sum(votes.values()) else None


def _state_codes(doc: Any, hits: Mapping[int, "NameHit"], day: Any) -> dict[int, str]:
    """First token -> state code of every state name in the text (one per name)."""
    found: dict[int, str] = {}
    seen: set[int] = set()
    for i in sorted(hits):
        hit = hits[i]
        if id(hit) in seen or hit.entry.kind not in _STATE_KINDS:
            continue
        seen.add(id(hit))
        code = hit.entry.code_on(day).country
        if code and code.isalpha() and code not in NONSTATE and not ethnic(doc, hit) and not not_identity(doc, hit):
            found[hit.start] = code
    return found


def dateline(doc: Any, hits: Mapping[int, "NameHit"], day: Any) -> str | None:
    """The state of a dateline ("KATMANDU, Nepal (AP) -", "BEIRUT:"): a place name in
    capitals at the article's start, ended by a dash, a bracket or a colon."""
    if len(doc) == 0 or not doc[0].is_upper or len(doc[0].text) < 3:
        return None
    end = next((t.i for t in doc[:_DATELINE_TOKENS] if t.text in _DATELINE_ENDS), None)
    if end is None:
        return None
    for i in range(end):
        hit = hits.get(i)
        if hit is not None and hit.entry.kind in _STATE_KINDS:
            code = hit.entry.code_on(day).country
            if code and code.isalpha() and code not in NONSTATE:
                return code
    return None
