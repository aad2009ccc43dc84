"""When and where from the story: narrative time and place for events their own sentence
does not date or place.

A news story gives the time ("on Monday") and the place ("KABUL (Reuters) -", "in
Geneva") in its lead and narrates the same episode in the sentences that follow, most of
which have no time expression of their own. A careful reader carries the episode's time
and place forward; so does :func:`ground_context`, which runs after the mentions of each
event are merged (a mention's own date and place are the event's: ``event``):

- **clause** (:func:`clause_date`, used by the sentence pass): an event with no time of
  its own takes the time of the temporal clause it governs or is subordinate to ("after X
  attacked Y on Friday, Z condemned it"; "killed ... as dawn broke Saturday").
- **context**: a past-tense event continues the episode of the dated past event just
  before it (the same or the next sentence, or up to :data:`EPISODE_REACH` sentences
  when it shares a participant); "the next day", "two days later", "that day" count
  from the episode's day. Tense decides: a present reporting verb or a present perfect
  belongs to the story's own time (publication); a pluperfect reaches back before the
  episode, so it takes neither. A future event continues only a dated future episode.
  Conservative where a hand-read found it wrong: nothing inside a quote or inside
  someone's reported words, a statement only in its own parties' next sentence and never
  an old episode, the lead's time only with a shared party, never after publication.
- **published**: where nothing ties the event to a time, the story's date stands in
  (:func:`story_date`: publication, or a wire dateline's day a day or two before it).

Places: an undated-by-place realised event takes the place of the episode told just
before it (``context``) only when it is a told past step of the same day, else the
story's dateline (``dateline``), as long as its own sentence names no place in another
country and the event is of the story's present (not historical, not dated weeks before
publication). Statements and quoted events take no episode place.

Limits: no discourse parse; an episode continues by adjacency and shared participants,
so a story that jumps between two places in alternate sentences without naming them
confuses it; a quote's reporting date does not set the episode's time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from detente.grounding.time import dateline_day, date_event, event_prefer, fallback_date, is_event_date, period_end
from detente.nlp import doc_text, ents_in, sentences
from detente.records import Event, Place, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from detente.grounding.gazetteer import Gazetteer

#: How many sentences after the episode's last event a past event sharing a participant
#: with it still continues it (an adjacent sentence always does).
EPISODE_REACH = 3
#: How many sentences after the episode's last placed event its place still holds.
PLACE_REACH = 2
#: A place of the story's present: an event dated at most this many days before
#: publication can still be at the dateline.
PRESENT_DAYS = 7
#: The lead: the sentences whose dated past episode is the story's news.
LEAD_SENTENCES = 3

#: Subordinators of a temporal clause whose time is the main clause's too.
_TEMPORAL_MARKS = frozenset({"after", "when", "as", "while", "once", "whilst"})
#: Prepositions whose event-noun object shares the time of the verb ("approved at a meeting").
_SETTING_PREPS = frozenset({"at", "during", "in"})
_REALISED = frozenset({"asserted", "negated", "historical"})
_PROSPECTIVE = frozenset({"future", "hypothetical"})
_MODALS_AHEAD = frozenset({"must", "should", "shall", "will", "'ll", "wo", "ought"})
_HAVE = frozenset({"has", "have", "'ve", "'s"})
_DEADLINE = re.compile(
    r"\b(?:by|until|till|before|no later than)\s+(?:the\s+)?(?:end\s+of\s+)?(?:next\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
)
_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$")
_QUOTE_MARKS = re.compile("[\"\u201c\u201d]")
#: Also the ASCII quotes of wire text (``...''), for a reporting verb's own quote.
_ANY_QUOTE = re.compile("[\"\u201c\u201d]|``|''")
#: Verbs that attribute speech: with a direct quote, the story's present, not a recalled past.
_JUDGING = frozenset({"thank", "accuse", "blame", "applaud", "reject", "dismiss", "slam", "insist"})
_REPORTING = frozenset({"say", "tell", "add", "state", "declare", "insist", "stress", "note", "write"})
#: Words of a span of time: a sentence with one tells a period, not the episode's day.
_SPAN_WORDS = re.compile(r"\b(?:since|for (?:years|decades|months|weeks)|consistently|repeatedly|long)\b", re.I)
_NUMBER = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
#: Day anaphora counted from the episode's day ("the next day", "two days later").
_RELATIVE = re.compile(
    r"\b(?P<next>the (?:next|following) (?:day|morning|evening|night)|the day after)\b"
    r"|\b(?P<prev>the (?:previous|preceding) day|the day before|the night before)\b"
    r"|\b(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+(?P<dir>later|earlier|afterwards|before)\b"
    r"|\b(?P<same>(?:later|earlier) that (?:day|morning|afternoon|evening|night)|that (?:same )?day"
    r"|the same day|that (?:morning|afternoon|evening|night)|hours later)\b",
    re.IGNORECASE,
)


#: How many days before publication a dateline's day may lie (a wire story filed late at
#: night appears the next day; more is a reprint, whose dateline is not today).
FILED_DAYS = 3


def story_date(doc: Doc, published: dt.date | None) -> dt.date | None:
    """The day the story tells as "today": its dateline's day when it has one a day or
    two before publication (a wire story filed the evening before), else publication."""
    if published is None:
        return None
    found = dateline_day(doc_text(doc))
    if found is None:
        return published
    from detente.grounding.time import resolve_time

    tv = resolve_time(doc_text(doc)[found[0]:found[1]], published, prefer="past")
    if tv is None or tv.precision != "day":
        return published
    day = dt.date.fromisoformat(tv.value)
    return day if 0 <= (published - day).days <= FILED_DAYS else published


def looks_ahead(status: str, trigger: Token) -> bool:
    """Whether ambiguous dates of the event resolve forward ("on Friday" -> the next
    Friday): a future or hypothetical event, a future or planned clause ("will meet",
    "plans to visit", "must be returned by Jan. 14"), or a deadline ("by Jan. 14") in a
    clause that is not past."""
    if status in _PROSPECTIVE or event_prefer(trigger) == "future":
        return True
    verb = _verb_of(trigger)
    if verb is None or _tense(verb) in ("past", "pluperfect", "perfect"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS_AHEAD for c in verb.children):
        return True
    if _scheduled(trigger):
        return True
    sent = trigger.sent
    return bool(_DEADLINE.search(doc_text(trigger.doc)[sent.start_char:sent.end_char]))


def _scheduled(trigger: Token) -> bool:
    """A simple present of an act, not a report, with a day of its own: a schedule ("He and
    Arafat meet Monday with Albright", "the talks open on Friday")."""
    if trigger.pos_ != "VERB" or trigger.tag_ not in ("VBP", "VBZ") or trigger.lemma_.lower() in _REPORTING:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in trigger.children) or trigger.lemma_.lower() in ("be", "have"):
        return False
    return any(_WEEKDAY.match(t.text) for t in trigger.children if t.dep_ in ("npadvmod", "obl", "prep")) \
        or any(_WEEKDAY.match(g.text) for c in trigger.children if c.dep_ == "prep" and c.lower_ == "on"
               for g in c.children)


def clause_date(
    sent: Span,
    trigger: Token,
    published: dt.date | None,
    prefer: str,
    cache: dict[tuple[int, str], list[tuple[Span, TimeValue]]] | None = None,
) -> TimeValue | None:
    """The date of the temporal clause the event's clause governs ("Z condemned it after
    X attacked Y on Friday") or is subordinate to ("when police arrived on Friday, they
    arrested ..."), or None."""
    top = _clause_top(trigger)
    named = _when_of_date(top)
    if named is not None:  # "in 1968, when the Soviets invaded": the date the clause describes
        from detente.grounding.time import is_event_date, resolve_time

        tv = resolve_time(named.text, published, prefer=prefer)
        if is_event_date(tv):
            assert tv is not None
            return TimeValue(tv.value, tv.precision, named.text, (named.start_char, named.end_char))
    linked = [c for c in top.children if c.dep_ == "advcl" and _temporal(c) and _when_of_date(c) is None]
    if top.dep_ == "advcl" and _temporal(top) and top.head.i != top.i:
        linked.append(top.head)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and trigger.head.lower_ in _SETTING_PREPS:
        verb = trigger.head.head  # "approved at a meeting yesterday": the meeting's time
        if verb.pos_ in ("VERB", "AUX") and verb.i != trigger.head.i:
            linked.append(verb)
    for verb in linked:
        tv = date_event(sent, verb, published, prefer=prefer, cache=cache)
        if tv is not None:
            return tv
    return None


@dataclass(slots=True)
class _Episode:
    """The time (or place) of the episode being told, and where it was last told."""

    last: int
    time: TimeValue | None
    place: Place | None = None
    parties: frozenset[str] = frozenset()


def ground_context(
    doc: Doc,
    events: Sequence[Event],
    published: dt.date | None,
    gazetteer: Gazetteer,
    countries: Sequence[str] = (),
) -> list[Event]:
    """Events (merged, in text order) with the dates and places their story gives them:
    see the module. Dates and places their sentences gave are kept."""
    from detente.grounding.places import dateline_place

    dateline = dateline_place(doc, gazetteer, countries)
    told = _told_sentences(doc, published)
    past: _Episode | None = None
    lead: _Episode | None = None  # the lead's episode: the story's news
    ahead: _Episode | None = None
    where: _Episode | None = None
    out: list[Event] = []
    for event in events:
        past = _advance(past, told, event.sentence_index)
        if lead is None and past is not None and past.last < LEAD_SENTENCES and _recent(past.time, published):
            lead = dataclasses.replace(past)
        trigger = doc[event.trigger_token] if event.trigger_token >= 0 else None
        if event.date is None:
            event = _date_from_story(event, trigger, past, lead, ahead, published)
        verbal = trigger is not None and trigger.pos_ in ("VERB", "AUX")
        if event.status in _REALISED and verbal and event.date_source not in (None, "published"):
            past = _extend(past, event)
        elif event.status == "future" and event.date_source not in (None, "published"):
            ahead = _extend(ahead, event)  # a plan continues a plan; a hypothetical sets no time
        if event.location is None and trigger is not None:
            event = _place_from_story(event, trigger, where, dateline, published, gazetteer, countries)
        if event.location is not None and event.status in ("asserted", "negated"):
            when = TimeValue(event.date, event.date_precision or "") if event.date else None
            where = _Episode(event.sentence_index, when, event.location,
                             frozenset(a.id for a in (*event.actor, *event.recipient)))
        out.append(event)
    return out


def _told_sentences(doc: Doc, published: dt.date | None) -> list[tuple[int, TimeValue | None]]:
    """The sentences that narrate in the past: each with the date of its main clause
    (None when it has none); a sentence in another tense is left out."""
    told: list[tuple[int, TimeValue | None]] = []
    cache: dict[tuple[int, str], list[tuple[Span, TimeValue]]] = {}
    for n, sent in enumerate(sentences(doc)):
        verbs = [sent.root, *(c for c in sent.root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
        past = [v for v in verbs if v.pos_ in ("VERB", "AUX") and _tense(v) == "past"]
        if not past:
            continue
        tv = next((t for t in (date_event(sent, v, published, cache=cache) for v in past) if t), None)
        if tv is not None and _QUOTE_MARKS.search(doc_text(doc)[sent.start_char:sent.end_char]):
            continue  # "..., she told me last week": when it was told, not when it happened
        told.append((n, tv))
    return told


def _advance(episode: _Episode | None, told: list[tuple[int, TimeValue | None]], before: int) -> _Episode | None:
    """The episode once the past-tense sentences before ``before`` are told: a dated one
    starts an episode; an undated one next to the episode continues it."""
    while told and told[0][0] < before:
        n, tv = told.pop(0)
        if tv is not None:
            same = episode is not None and episode.time is not None and episode.time.value == tv.value
            episode = _Episode(n, tv, None, episode.parties if same and episode else frozenset())
        elif episode is not None and 0 <= n - episode.last <= 1:
            episode.last = n
    return episode


def _date_from_story(event: Event, trigger: Token | None, past: _Episode | None, lead: _Episode | None,
                     ahead: _Episode | None, published: dt.date | None) -> Event:
    tv: TimeValue | None = None
    if trigger is not None and event.status in _REALISED and past is not None and not _referred_to(trigger) \
            and not _in_quote(trigger):
        tv = _relative_day(trigger.sent, past)
        framed = tv is None and _own_time_frame(trigger.sent)
        if tv is None and not framed:
            tv = _episode_time(event, trigger, past, published)
        nominal = trigger.pos_ in ("NOUN", "PROPN")
        if tv is None and not framed and lead is not None and not nominal and _tense_of(trigger) == "past" \
                and _parties(event) & lead.parties:
            tv = lead.time  # an untied past event of the lead's parties is the story's news
        if tv is not None and not _recent(tv, published) and (_quoting(trigger) or _comments(trigger)):
            tv = None  # '"...," Kavan said' after a recalled episode: said to the reporter, now
        if tv is not None and _reported(trigger):
            tv = None  # "said he ... tortured him": the telling's time is not the deed's
        if tv is not None and published is not None and is_event_date(tv) and tv.start > published:
            tv = None  # a past event is never after the story
    elif trigger is not None and event.status == "future" and ahead is not None and not _in_quote(trigger):
        tv = ahead.time if event.sentence_index - ahead.last <= 1 else None
    if tv is not None:
        if event.status in _REALISED:
            past.last = max(past.last, event.sentence_index)  # type: ignore[union-attr]
        return dataclasses.replace(event, date=tv.value, date_precision=tv.precision, date_text=tv.text,
                                   date_source="context")
    fallback = fallback_date(None, published)
    if fallback is None:
        return event
    return dataclasses.replace(event, date=fallback.value, date_precision=fallback.precision, date_text=None,
                               date_source="published")


def _episode_time(event: Event, trigger: Token, episode: _Episode, published: dt.date | None) -> TimeValue | None:
    """The episode's time if the event belongs to it: a past event that continues it (a
    present perfect is the story's present: "has clashed with", "have been accused")."""
    tense = _tense_of(trigger)
    if tense == "perfect":  # the story's own present: "has clashed with", "have been accused"
        return None
    return episode.time if _continues(event, tense, episode, _comments(trigger)) else None


def _recent(tv: TimeValue | None, published: dt.date | None) -> bool:
    """A time of the story's present: ended at most :data:`PRESENT_DAYS` before publication."""
    return (tv is not None and published is not None and is_event_date(tv)
            and 0 <= (published - period_end(tv)).days <= PRESENT_DAYS)


def _parties(event: Event) -> frozenset[str]:
    return frozenset(a.id for a in (*event.actor, *event.recipient))


def _continues(event: Event, tense: str, episode: _Episode, comment: bool = False) -> bool:
    """A past event continues the episode told just before it (see the module)."""
    if tense != "past":
        return False
    gap = event.sentence_index - episode.last
    if gap < 0:
        return False
    shared = bool(_parties(event) & episode.parties)
    if comment:
        # what someone said or thought of it is reported at the story's own time unless
        # it is the next step of the same parties' episode
        return gap == 0 or (gap == 1 and shared)
    if gap <= 1:
        return True
    return gap <= EPISODE_REACH and shared


def _relative_day(sent: Span, episode: _Episode) -> TimeValue | None:
    """"the next day", "two days later", "that day", counted from the episode's day."""
    if episode.time is None or episode.time.precision != "day":
        return None
    text = doc_text(sent.doc)[sent.start_char:sent.end_char]
    m = _RELATIVE.search(text)
    if m is None:
        return None
    if re.search(r"(?:after|before)$", m.group(0)) and re.match(r"\s*[\w\u2019']", text[m.end():]):
        return None  # "the day after Ayyub's birthday": counted from something else
    if m.group("next"):
        shift = 1
    elif m.group("prev"):
        shift = -1
    elif m.group("n"):
        count = m.group("n").lower()
        shift = int(count) if count.isdigit() else _NUMBER[count]
        shift = shift if m.group("dir").lower() in ("later", "afterwards") else -shift
    else:
        shift = 0
    day = dt.date.fromisoformat(episode.time.value) + dt.timedelta(days=shift)
    return TimeValue(day.isoformat(), "day", m.group(0))


def _extend(episode: _Episode | None, event: Event) -> _Episode:
    """The episode after ``event`` (dated) is told: its time, this sentence, its parties."""
    tv = TimeValue(event.date or "", event.date_precision or "", event.date_text)
    parties = frozenset(a.id for a in (*event.actor, *event.recipient))
    if episode is not None and episode.time is not None and episode.time.value == tv.value:
        parties |= episode.parties
    return _Episode(max(event.sentence_index, episode.last if episode else 0), tv, None, parties)


def _place_from_story(event: Event, trigger: Token, where: _Episode | None, dateline: Place | None,
                      published: dt.date | None, gazetteer: Gazetteer, countries: Sequence[str]) -> Event:
    if event.status not in ("asserted", "negated") or not _of_the_present(event, published):
        return event
    if _in_quote(trigger):
        return event  # "“Today 1,000 people were rescued,” he said": the speaker's here, not the story's
    gap = event.sentence_index - where.last if where is not None else None
    place, source = None, "context"
    if where is not None and where.place is not None and gap is not None and 0 <= gap <= PLACE_REACH \
            and _same_episode(event, where) and not _comments(trigger):  # a statement is made where its speaker is
        place = where.place
    elif dateline is not None:
        place, source = dateline, "dateline"
    if place is None or _names_elsewhere(trigger.sent, place, gazetteer, countries):
        return event
    if source == "context" and (trigger.pos_ not in ("VERB", "AUX") or _tense(trigger) != "past"):
        return event  # only a told step of the episode ("police then detained ...") is there
    return dataclasses.replace(event, location=dataclasses.replace(place, source=source))


def _same_episode(event: Event, where: _Episode) -> bool:
    """The event is of the placed episode: told as of the same day (its date taken from
    the text, equal to the placed event's). A shared participant is not enough: a hand-read
    of Guardian events found people's other deeds and words are often elsewhere."""
    return (event.date_source in ("context", "clause", "sentence") and where.time is not None
            and where.time.precision == "day" and event.date == where.time.value)


def _of_the_present(event: Event, published: dt.date | None) -> bool:
    """Not dated weeks before publication (a recalled episode has a place of its own)."""
    if event.date_precision in (None, "published") or published is None:
        return True
    tv = TimeValue(event.date or "", event.date_precision)
    return is_event_date(tv) and (published - period_end(tv)).days <= PRESENT_DAYS


def _names_elsewhere(sent: Span, place: Place, gazetteer: Gazetteer, countries: Sequence[str]) -> bool:
    """The sentence names a place in another country than ``place`` (or one unknown)."""
    for ent in ents_in(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        entry = gazetteer.lookup(ent.text, countries)
        if entry is None:
            if ent.label_ != "FAC":
                return True
            continue
        if entry.country != place.country:
            return True
    return False


# --- clauses and tense ----------------------------------------------------------------


def _clause_top(trigger: Token) -> Token:
    """The verb heading the trigger's clause: through a support verb and coordination."""
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
        tok = tok.head
    while tok.dep_ in ("conj", "xcomp") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _when_of_date(verb: Token) -> Span | None:
    """The date a "when" clause describes: its head ("from 1968, when the Soviets invaded",
    a relative clause), or the date just before its "when, " (the parser often hangs such
    a clause on the main verb: "In contrast to Thursday, when 133 people were arrested")."""
    when = next((c for c in verb.children if c.dep_ in ("advmod", "mark") and c.lower_ == "when"), None)
    if when is None or when.i > verb.i:
        return None
    doc = verb.doc
    if verb.dep_ == "relcl" and verb.head.ent_type_ == "DATE":
        anchor = verb.head
    elif when.i >= 2 and doc[when.i - 1].text == "," and doc[when.i - 2].ent_type_ == "DATE":
        anchor = doc[when.i - 2]
    else:
        return None
    return next((e for e in ents_in(verb.sent) if e.start <= anchor.i < e.end and e.label_ == "DATE"), None)


def _temporal(verb: Token) -> bool:
    # "when" is often parsed as an adverb of its clause rather than its marker
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in _TEMPORAL_MARKS for c in verb.children)


def _own_time_frame(sent: Span) -> bool:
    """The sentence sets its own time ("since 2014", "in the 1990s", "on Friday" on
    another verb): its undated events are not placed in the episode told before."""
    text = doc_text(sent.doc)[sent.start_char:sent.end_char]
    return bool(_SPAN_WORDS.search(text)) or any(e.label_ in ("DATE", "TIME") for e in ents_in(sent))


def _comments(trigger: Token) -> bool:
    """A verb of saying or of judging ("said", "criticised", "urged", "welcomed")."""
    from detente.grounding.places import place_words

    lemma = trigger.lemma_.lower()
    return lemma in _REPORTING or lemma in place_words().comment_verbs or lemma in _JUDGING


def _reported(trigger: Token) -> bool:
    """The event is told inside what someone says or thinks ("Riedijk said he rejected Isis,
    who tortured him"), below a verb of saying or judging."""
    tok = trigger
    for _ in range(8):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "prep", "pobj", "dobj", "nsubj",
                        "nsubjpass", "attr", "acomp"):
            head = tok.head
            if tok.dep_ == "ccomp" and head.pos_ in ("VERB", "AUX") and _comments(head):
                return True
            tok = head
            continue
        return False
    return False


def _in_quote(trigger: Token) -> bool:
    """Inside a direct quote: what the speaker tells, in the speaker's time, not the
    narrative's ("“They weren't fighting anyone,” she said")."""
    text = doc_text(trigger.doc)
    para = text.rfind("\n", 0, trigger.idx) + 1
    before = text[para:trigger.idx]
    opened = max(before.rfind("\u201c"), before.rfind("``"))
    closed = max(before.rfind("\u201d"), before.rfind("''"))
    if opened > closed:
        return True
    return before.count('"') % 2 == 1


def _quoting(trigger: Token) -> bool:
    """A reporting verb that attributes a direct quote in its sentence ('"...," he said')."""
    if trigger.lemma_.lower() not in _REPORTING:
        return False
    sent = trigger.sent
    return bool(_ANY_QUOTE.search(doc_text(trigger.doc)[sent.start_char:sent.end_char]))


def _referred_to(trigger: Token) -> bool:
    """An event noun that a comment is about ("condemned the bombing", "charged in the
    killing of"): an event told elsewhere, not a step of the episode being told."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    from detente.grounding.places import place_words

    head = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    return head.lemma_.lower() in place_words().comment_verbs | {"charge", "convict", "arrest", "indict"}


def _tense_of(trigger: Token) -> str:
    verb = _verb_of(trigger)
    return _tense(verb) if verb is not None else "past"


def _verb_of(trigger: Token) -> Token | None:
    """The verb whose tense is the event's: the trigger, or the verb above a noun."""
    tok = trigger
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _tense(verb: Token) -> str:
    """past | pluperfect | perfect (present perfect) | present | other."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if "had" in words:
        return "pluperfect"
    if words & _HAVE and verb.tag_ == "VBN" and any(c.lower_ in _HAVE for c in aux if c.dep_ == "aux"):
        return "perfect"
    if verb.tag_ == "VBD" or words & {"was", "were", "did"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "does", "do"}:
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("conj", "acl") and verb.head.i != verb.i:
        return _tense(verb.head) if verb.head.pos_ in ("VERB", "AUX") else "other"
    return "other"
