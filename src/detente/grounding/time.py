"""Time resolution and event dating.

- :func:`resolve_time` turns one time expression into a :class:`TimeValue` relative to the
  publication date (the grammar lives in :mod:`detente.grounding.time_grammar`).
- :func:`date_event` picks, in a parsed sentence, the time expression that governs an
  event's trigger; :func:`fallback_date` supplies the date when none does.
- :func:`is_historical` tells the events stage that an event lies well before publication.

Values of ``resolve_time`` are ISO 8601 truncated to their precision (``day``, ``week``,
``month``, ``year``). Following TimeML, "now"/"currently" resolve to ``PRESENT_REF``,
"recently"/"in the past" to ``PAST_REF`` and "the future"/"soon" to ``FUTURE_REF``, with
precision ``ref``; these are not dates, and :func:`date_event` never returns them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from typing import TYPE_CHECKING, Iterable

from detente.grounding.time_grammar import (
    NUMBER_WORDS,
    Resolved,
    normalise,
    numeric_parts,
    resolve_value,
    timeml_value,
)
from detente.nlp import doc_text, ents_in
from detente.records import TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "REF_VALUES",
    "date_event",
    "event_prefer",
    "fallback_date",
    "dateline_day",
    "find_time_expressions",
    "is_event_date",
    "is_historical",
    "period_end",
    "resolve_time",
    "timex_value",
]

log = logging.getLogger(__name__)

REF_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_PREFERS = ("past", "future")
_DATED_PRECISIONS = frozenset({"day", "week", "month", "year"})

_CAP_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
_CAP_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_REL_WORD = r"(?:[Ll]ast|[Nn]ext|[Tt]his)"
_COUNT_ALT = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
# Forms the statistical NER often misses or cuts short ("last August", "Friday night").
_SCAN = re.compile(
    rf"(?<!\w)(?:(?:[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?:{_REL_WORD}\s+)?{_CAP_MONTH}"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?(?!\w)"
    rf"|\b(?:{_REL_WORD}\s+)?{_CAP_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast night"
    r"|[Tt]his (?:morning|afternoon|evening))\b"
    rf"|\b(?:{_REL_WORD}|[Tt]he past)\s+(?:week|month|year|weekend)\b"
    r"|\b(?:[Tt]he|[Tt]his) weekend\b"
    rf"|\b(?:\d+|{_COUNT_ALT})\s+(?:day|week|month|year)s?\s+ago\b"
    # a year said in words, after a word that introduces one ("in nineteen ninety-one")
    r"|(?<=\b[Ii]n\s)(?:[Nn]ineteen|[Ee]ighteen)\s+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?\b"
)
# A bare "May" is a date only after a word that introduces one ("in May", "last May").
_MAY_INTRO = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|during|from|through|last|next|this|early|late|mid|"
    r"before|after)\s+|mid-)$",
    re.IGNORECASE,
)

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "gon"})
_FUTURE_GOVERNORS = frozenset({
    "plan", "intend", "expect", "schedule", "due", "set", "prepare", "aim", "hope",
    "promise", "vow", "pledge", "threaten", "going",
})
_SUPPORT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_CLAUSE_DEPS = frozenset({"xcomp", "conj"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})
_NOUN_MODIFIER_DEPS = frozenset({"compound", "nummod", "amod", "nmod"})


def _as_date(published: dt.date | dt.datetime | str | None) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published).strip()[:10])
    except ValueError as exc:
        raise ValueError(
            f"published date {published!r} is not ISO 8601: give it as YYYY-MM-DD"
        ) from exc


def _check_prefer(prefer: str) -> bool:
    if prefer not in _PREFERS:
        raise ValueError(f"prefer={prefer!r} is not one of {_PREFERS}: pass the event's tense")
    return prefer == "future"


def resolve_time(
    expression: str,
    published: dt.date | str | None,
    *,
    prefer: str = "past",
) -> TimeValue | None:
    """Resolve ``expression`` against the publication date.

    ``prefer`` ("past" or "future", the tense of the event) decides ambiguous relative
    forms: with "past", "Friday"/"in May"/"March 3" resolve to the latest such day or
    month not after publication. Returns None for expressions that name no date
    (durations, sets, decades, anaphora such as "the day before"); "now"-like and
    "recently"-like expressions give a ``*_REF`` value with precision ``ref``.
    """
    future = _check_prefer(prefer)
    if not expression or not expression.strip():
        return None
    dct = _as_date(published)
    try:
        found = resolve_value(expression, dct, future) or _absolute_fallback(expression, dct, future)
    except OverflowError:  # "yesterday" of 0001-01-01, "next week" of 9999-12-31
        return None
    if found is None or not _CALENDAR_YEAR.match(found[0]):
        return None  # outside the calendar's years 1-9999 ("next year" of 9999, "last year" of 0001)
    return TimeValue(value=found[0], precision=found[1], text=expression)


#: a value that starts with a year of 0001-9999 (or a *_REF value, which names no year)
_CALENDAR_YEAR = re.compile(r"(?!0000)\d{4}(?!\d)|[A-Z]+_REF$")


def timex_value(expression: str, published: dt.date | str | None, *, prefer: str = "past") -> str | None:
    """The TimeML value of a TIMEX3 ``expression``: :func:`resolve_time`'s, or the coarser
    values TimeML writes that name no period an event is dated to (``2012-SU``, the
    decade ``199``, the century ``19``)."""
    future = _check_prefer(prefer)
    if not expression or not expression.strip():
        return None
    coarse = timeml_value(expression, _as_date(published), future)
    if coarse is not None and coarse[1] in ("season", "decade", "century"):
        return coarse[0]
    found = resolve_time(expression, published, prefer=prefer)
    return found.value if found else None


def _absolute_fallback(expression: str, dct: dt.date | None, future: bool) -> Resolved | None:
    """dateparser for absolute forms the grammar lacks ('03/04/2014', '3rd of March, 2014').

    Precision comes from the parts the text states, never from what dateparser fills in.
    """
    s = normalise(expression)
    precision = numeric_parts(s)
    if precision is None or (dct is None and not re.search(r"\b\d{4}\b", s)):
        return None
    import dateparser  # deferred: only rare absolute forms reach this point

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if dct is not None:
        settings["RELATIVE_BASE"] = dt.datetime(dct.year, dct.month, dct.day)
    parsed = dateparser.parse(s, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if precision == "day":
        return parsed.date().isoformat(), "day"
    return f"{parsed.year:04d}-{parsed.month:02d}", "month"


def is_event_date(value: TimeValue | None) -> bool:
    """True when ``value`` names a calendar period (not a ``*_REF``, not a fallback)."""
    return value is not None and value.precision in _DATED_PRECISIONS


def period_end(value: TimeValue) -> dt.date:
    """Last day of the period ``value`` names (day, week, month or year)."""
    if not is_event_date(value):
        raise ValueError(f"{value.value!r} names no calendar period; check is_event_date first")
    start = value.start
    if value.precision == "day":
        return start
    if value.precision == "week":
        # the last ISO week of 9999 ends in year 10000, past the calendar: cut at its end
        return start + dt.timedelta(days=6) if start <= dt.date.max - dt.timedelta(days=6) else dt.date.max
    if value.precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return dt.date(start.year, 12, 31)


def is_historical(
    value: TimeValue | None, published: dt.date | str | None, *, margin_days: int = 30
) -> bool:
    """True when the period ``value`` names ended more than ``margin_days`` before publication."""
    dct = _as_date(published)
    if dct is None or not is_event_date(value):
        return False
    assert value is not None  # narrowed by is_event_date
    return (dct - period_end(value)).days > margin_days


def fallback_date(
    previous: TimeValue | None, published: dt.date | str | None
) -> TimeValue | None:
    """Date of an event no expression dates: the previous dated event's, else publication.

    Returns ``previous`` unchanged when it is a date, a value with precision ``published``
    otherwise, and None when neither is known.
    """
    if is_event_date(previous):
        return previous
    dct = _as_date(published)
    if dct is None:
        return None
    return TimeValue(value=dct.isoformat(), precision="published")


#: A dateline with the day the story was filed: "JOHANNESBURG, August 7 (Xinhua) --",
#: "LONDON, March 3 (Reuters) -".
_DATED_LINE = re.compile(
    r"^\s*[A-Z][A-Z.' -]+(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,\s*"
    r"(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\s*\(")


def dateline_day(text: str) -> tuple[int, int] | None:
    """Character span of the day in the story's dateline ("LONDON, March 3 (Reuters) -"):
    when the story was filed, which dates no event of its own."""
    m = _DATED_LINE.match(text[:200])
    return m.span("date") if m else None


def find_time_expressions(text: str) -> list[tuple[int, int]]:
    """Character spans of time expressions our own patterns find in ``text``."""
    spans = []
    for m in _SCAN.finditer(text):
        if m.group(0) == "May" and not _MAY_INTRO.search(text[: m.start()]):
            continue
        spans.append((m.start(), m.end()))
    return spans


# --- event dating (spaCy objects) -----------------------------------------------------

def _candidate_spans(sent: Span) -> Iterable[Span]:
    for ent in ents_in(sent):
        if ent.label_ in ("DATE", "TIME"):
            yield ent
    for start, end in find_time_expressions(doc_text(sent.doc)[sent.start_char : sent.end_char]):
        span = sent.doc.char_span(
            sent.start_char + start, sent.start_char + end, alignment_mode="expand"
        )
        if span is not None:
            yield span


def _resolved_candidates(
    sent: Span, published: dt.date | None, prefer: str
) -> list[tuple[Span, TimeValue]]:
    """Dated, non-overlapping expressions of the sentence, longest first on overlap."""
    resolved = []
    filed = dateline_day(doc_text(sent.doc)) if sent.start == 0 else None
    for span in _candidate_spans(sent):
        if filed is not None and span.start_char < filed[1] and filed[0] < span.end_char:
            continue  # the dateline's day: the story's, not an event's

        value = resolve_time(span.text, published, prefer=prefer)
        if is_event_date(value):
            assert value is not None
            resolved.append((span, value))
    resolved.sort(key=lambda sv: -len(sv[0].text))
    kept: list[tuple[Span, TimeValue]] = []
    for span, value in resolved:
        if all(span.end <= k.start or span.start >= k.end for k, _ in kept):
            kept.append((span, value))
    return kept


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger and the words whose time expressions also date it.

    A nominal trigger shares its support verb's time ("held talks on Friday"); a verb
    shares the time of the verb it is coordinated with or is the complement of
    ("met on Friday and agreed", "agreed on Friday to work").
    """
    chain = [trigger]
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in _SUPPORT_DEPS:
        # "condemned the bombing on Thursday": a comment is later than what it is about
        if tok.head.pos_ in ("VERB", "AUX") and tok.head.i != tok.i and not _comments(tok.head):
            tok = tok.head
            chain.append(tok)
    while tok.dep_ in _CLAUSE_DEPS and tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok)
    return chain


def _comments(verb: Token) -> bool:
    from detente.grounding.places import place_words  # deferred: its word lists, read on first use

    return verb.lemma_.lower() in place_words().comment_verbs


def _dates_a_noun(span: Span, trigger: Token, chain: list[Token]) -> bool:
    """"That 1978 resolution", "the 1959 embargo": the year is the noun's, not the verb's;
    "since 1901" is where a state began, not when the event happened."""
    root = span.root
    head = root.head
    if root.dep_ in _NOUN_MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i not in {t.i for t in chain}:
        return not (trigger.dep_ in ("acl", "relcl") and trigger.head.i == head.i)  # "the Feb. 23 accord signed"
    return root.dep_ == "pobj" and head.lower_ == "since"


def _before_noun(span: Span, noun: Token | None) -> bool:
    """The expression stands just before the noun (``None``: any noun), in its phrase
    ("the 1995 shooting", "the Dec. 21, 1988, bombing"), not a sentence opener ("On
    Friday, protests ..."): the noun's date, whatever the parser hung it on."""
    doc = span.doc
    after = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
    if after >= len(doc) or doc[after].pos_ not in ("NOUN", "PROPN"):
        return False
    if noun is not None and noun.i != after:
        # "the Oct. 23 sniper shooting": modifiers of the noun between
        between = doc[after:noun.i]
        if not 0 < len(between) <= 3 or any(t.dep_ not in _NOUN_MODIFIER_DEPS for t in between):
            return False
    if doc[after].ent_type_ in ("DATE", "TIME"):
        return False
    if doc[span.start].lower_ == "the":
        return span.start > doc[after].sent.start
    return after == span.end and span.start > 0 and doc[span.start - 1].lower_ in _DETERMINERS


def _governor(span: Span, trigger: Token) -> Token | None:
    """First verb (or the trigger itself) above the expression in the dependency tree."""
    for anc in span.root.ancestors:
        if anc.i == trigger.i or anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _attachment_rank(span: Span, trigger: Token, chain: list[Token]) -> int | None:
    """0: attached to the trigger; 1: to its clause chain; 2: to no verb; None: elsewhere."""
    if span.start <= trigger.i < span.end:
        return None
    if trigger.pos_ in ("NOUN", "PROPN") and _before_noun(span, trigger):
        return 0  # "the Dec. 21, 1988, bombing", "the October 1998 shooting": the event's own date
    sent = trigger.sent
    if span.start == sent.start + 1 and span.doc[sent.start].lower_ in ("in", "on", "during") \
            and any(tok.i == sent.root.i for tok in chain):
        return 1  # "In nineteen ninety-one Keating was convicted": the opener frames the main clause
    if trigger.dep_ in ("acl", "relcl") and span.root.head.i == trigger.head.i \
            and span.root.dep_ in _NOUN_MODIFIER_DEPS:
        return 1  # "the Feb. 23 accord signed by": the date of what the event made
    if _dates_a_noun(span, trigger, chain):
        return None
    if trigger.pos_ in ("VERB", "AUX") and _before_noun(span, None):
        return None  # "jailed for the 2004 bombing": the bombing's date, not the jailing's
    gov = _governor(span, trigger)
    if gov is None:
        return 2
    if gov.i == trigger.i:
        return 0
    if any(gov.i == tok.i for tok in chain):
        return 1
    return None


def date_event(
    sent: Span,
    trigger: Token,
    published: dt.date | str | None,
    *,
    prefer: str = "past",
    cache: dict[tuple[int, str], list[tuple[Span, TimeValue]]] | None = None,
) -> TimeValue | None:
    """The time expression of ``sent`` that dates the event of ``trigger``, resolved.

    Candidates are spaCy DATE/TIME entities plus our own pattern hits; one attached to
    the trigger's clause wins over one attached to another verb, which is never used.
    With ``prefer="past"`` a date after publication is never returned. ``prefer="auto"``
    reads the tense from the parse (:func:`event_prefer`). Returns None when nothing
    governs the trigger; use :func:`fallback_date` then. ``cache`` (one dict per document
    and publication date) keeps each sentence's resolved candidates for its next events.
    """
    if prefer == "auto":
        prefer = event_prefer(trigger)
    _check_prefer(prefer)
    dct = _as_date(published)
    chain = _clause_chain(trigger)
    best: tuple[tuple[int, int], TimeValue] | None = None
    if cache is None:
        candidates = _resolved_candidates(sent, dct, prefer)
    else:
        key = (sent.start, prefer)
        if key not in cache:
            cache[key] = _resolved_candidates(sent, dct, prefer)
        candidates = cache[key]
    for span, value in candidates:
        rank = _attachment_rank(span, trigger, chain)
        if rank is None:
            continue
        if prefer == "past" and dct is not None and value.start > dct:
            continue
        distance = min(abs(tok.i - trigger.i) for tok in span)
        order = (rank, distance)
        if best is None or order < best[0]:
            dated = TimeValue(value.value, value.precision, span.text, (span.start_char, span.end_char))
            best = (order, dated)
    if best is not None:
        log.debug("dated %r by %r", trigger.text, best[1].text)
    return best[1] if best else None


def event_prefer(trigger: Token) -> str:
    """'future' when the trigger's clause is future ('will meet', 'plans to visit')."""
    for tok in _clause_chain(trigger):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in tok.children):
            return "future"
        if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in tok.children if c.dep_ == "aux"):
            return "past"
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FUTURE_GOVERNORS:
            if any(c.lower_ == "to" for c in tok.children):
                return "future"
    return "past"
