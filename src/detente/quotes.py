"""Quotations and who said them.

Direct quotes are the text between quotation marks (straight or curly, double or single),
found on the raw text first so that the parse cannot split them, then attributed to a cue
verb and its speaker. Indirect attributions are read from the parse: a speech verb with a
clausal complement ("X said (that) ...", "X warned that ...") or "according to X".

How a direct quote finds its attribution, in order (the first that answers wins):

1. after the closing mark, before any other verb: ``"...," said X`` / ``"...," X told reporters``
2. the parse: a speech verb outside the marks governing the quoted words
   (partial quotes inside reported speech: ``X said the deal was "a disaster"``)
3. before the opening mark, in the same sentence or the one sentence before it:
   ``X said: "..."``, ``"...," he said. "..."`` (the second half of a split quote);
   a paragraph ending in ``X continued:`` introduces the quote of the next paragraph
4. carried over: a quote standing alone right after an attributed quote (same or next
   paragraph) continues that speaker.

Split quotes (``"...," he said. "..."``) become two quotes with the same speaker and cue,
because one quote has one contiguous span. A quote whose paragraph ends without a closing
mark continues into the next paragraph if that paragraph opens with a quotation mark
(the newspaper convention); such a quote is one record whose text joins the paragraphs.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, AbstractSet, Callable, Iterator, Sequence

from .nlp import doc_text, ent_at, head_of, sentence_of, token_table
from .records import Actor, ActorAnalysis, ActorRef, Mention, Quote, Span
from .tables import read_word_lists_as

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

log = logging.getLogger(__name__)

__all__ = ["CUE_LEMMAS", "QuoteRegion", "find_quotes", "quote_regions"]

#: Lemmas of verbs that report speech or writing.
CUE_LEMMAS = frozenset(
    """say tell add warn insist claim argue note state declare announce explain ask urge
    accuse deny write tweet post reply respond answer continue suggest contend maintain
    assert acknowledge admit concede confirm report predict promise pledge vow threaten
    caution complain remark observe comment recall mention stress emphasize emphasise
    reiterate joke quip boast scoff shout yell whisper testify allege charge demand
    conclude counter retort agree disagree estimate recount reveal repeat affirm proclaim
    decry lament concur muse wonder grumble exclaim inform assure advise
    text email blog message""".split()
)
#: Phrasal cues: the verb counts only with this particle ("pointed out", "went on").
_PHRASAL = {"point": "out", "go": "on", "lash": "out", "spell": "out"}


@dataclass(frozen=True, slots=True)
class QuoteWords:
    """This module's word lists (``data/quotes/words.tsv``), read once by :func:`quote_words`."""

    #: Cues that introduce a direct quote but do not make a clause reported speech ("he continued to work"
    #: is not speech).
    direct_only: frozenset[str]
    #: Cues whose object is the person spoken to ("told him", "asked her").
    addressing: frozenset[str]
    #: Pronouns of one person speaking.
    person_pronouns: frozenset[str]
    #: Pronouns of a group or body speaking.
    group_pronouns: frozenset[str]


@functools.cache
def quote_words() -> QuoteWords:
    """The module's word lists, read on first use (not at import time)."""
    return read_word_lists_as(QuoteWords, "quotes/words.tsv")


#: Objects of "tell" that are the audience, never the speaker.
_AUDIENCE = frozenset(
    "reporter journalist audience crowd supporter listener viewer interviewer press "
    "lawmaker correspondent".split()
)
#: Links from a cue to the verb whose subject also speaks ("he said, adding ...",
#: "before asking her", "a statement saying").
_CLIMB = frozenset({"conj", "xcomp", "advcl", "acl", "dobj", "pobj", "prep", "pcomp"})
#: A mention longer than this is not taken whole as the speaker's words.
_MAX_MENTION_TOKENS = 12
#: Words a speaker phrase keeps to the left of its head word.
_SPEAKER_MODS = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod", "case"})

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
#: every character _mark can read as a quotation mark
_MARK_CHARS = re.compile("[" + re.escape(_OPEN_DOUBLE + _CLOSE_DOUBLE + "\"'‘’") + "]")
_QUOTE_CHARS = frozenset("\"'“”‘’„«»")
#: Characters after which a straight mark opens a quotation.
_OPENERS = "([{—–―-:/"
#: A quote without any attribution is kept only from this many words on (shorter ones
#: are titles and scare quotes); a quote attributed only by position (3, 4) needs three.
_MIN_UNATTRIBUTED_WORDS = 5
_MIN_POSITIONAL_WORDS = 2
#: Sentences back in which an uncovered "he"/"she" looks for its one person.
_PRONOUN_WINDOW = 3
#: Quoted words inside a clause up to this many are scare quotes, not quotations.
_MAX_SCARE_WORDS = 3
#: Titles in quotation marks ("Fox News Sunday") are not quotations.
_MAX_TITLE_WORDS = 8
_TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())
_NAMING_WORDS = frozenset("so-called dubbed labelled labeled nicknamed marked termed branded".split())
#: How far after the closing mark (in tokens) the cue of ``"...," said X`` may be.
_TRAILING_WINDOW = 12


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """Text between quotation marks: content pieces (marks excluded; one per paragraph)."""

    pieces: tuple[Span, ...]
    opening: int  # char offset of the opening mark
    closing: int  # char offset just after the closing mark (content end if unclosed)
    closed: bool


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue: int | None  # token index of the cue verb
    speaker: int | None  # token index of the speaker's head word
    how: str  # after | syntax | before | colon | carry | paragraph


# --------------------------------------------------------------------------- regions


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blank-line separated if the text has blank lines, else lines."""
    sep = re.compile(r"\n[ \t\r\f\v]*\n\s*") if re.search(r"\n[ \t\r]*\n", text) else re.compile(r"\n\s*")
    out: list[Span] = []
    pos = 0
    for m in sep.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def quote_regions(text: str) -> tuple[QuoteRegion, ...]:
    """Every top-level quotation of ``text``, multi-paragraph ones joined."""
    regions: list[QuoteRegion] = []
    carried: list[Span] = []  # pieces of a quote still open at the previous paragraph end
    carried_open = -1
    paras = paragraphs(text)
    for k, (start, end) in enumerate(paras):
        found, left_open = _scan_paragraph(text, start, end, start if carried else None)
        if carried and found:  # the re-opened quote closes in this paragraph
            first = found[0]
            found[0] = QuoteRegion(tuple(carried) + first.pieces, carried_open, first.closing, True)
            carried = []
        regions.extend(found)
        if left_open is not None:
            piece = _trim((left_open[0] + left_open[1], end), text)
            if not carried:
                carried_open = left_open[0]
            if piece[1] > piece[0]:
                carried.append(piece)
        nxt = paras[k + 1][0] if k + 1 < len(paras) else None
        if carried and (nxt is None or text[nxt] not in _OPEN_DOUBLE + "\"‘'"):
            regions.append(QuoteRegion(tuple(carried), carried_open, carried[-1][1], False))
            carried = []
    return tuple(r for r in regions if r.pieces and r.pieces[-1][1] > r.pieces[0][0])


def _scan_paragraph(
    text: str, start: int, end: int, reopen: int | None
) -> tuple[list[QuoteRegion], tuple[int, int] | None]:
    """Closed regions of one paragraph, and (offset, width) of a mark left open at its end.

    ``reopen`` is the offset of the mark that re-opens a quote carried from the previous
    paragraph; that quote's first region here is returned first."""
    stack: list[tuple[str, int, int]] = []  # (family, offset, width) of open marks
    out: list[QuoteRegion] = []
    body = text[start:end]
    singles = "''" not in body and not any(c in body for c in _OPEN_DOUBLE + _CLOSE_DOUBLE + '"')
    i = start
    if reopen is not None:
        width = 2 if text.startswith("''", reopen) else 1
        stack.append(("double" if width == 2 else _family(text[reopen]), reopen, width))
        i = reopen + width
    while i < end:
        found = _MARK_CHARS.search(text, i, end)  # any other character is no mark
        if found is None:
            break
        i = found.start()
        kind, family, width = _mark(text, i, start, end, stack, singles)
        if kind == "open":
            stack.append((family, i, width))
        elif kind == "close":
            while stack and stack[-1][0] != family:
                stack.pop()  # an unmatched inner mark
            if stack:
                _, at, w = stack.pop()
                if not stack:
                    out.append(QuoteRegion((_trim((at + w, i), text),), at, i + width, True))
        i += width
    return out, (stack[0][1], stack[0][2]) if stack else None


def _family(c: str) -> str:
    return "single" if c in "‘’'" else "double"


def _mark(
    text: str, i: int, start: int, end: int, stack: list[tuple[str, int, int]], singles: bool
) -> tuple[str | None, str, int]:
    """(open | close | None, family, width) for the character at ``i``. Two apostrophes
    ('') are one double mark, as some newspapers print them."""
    c = text[i]
    prev = text[i - 1] if i > start else " "
    top = stack[-1][0] if stack else None
    if c in _OPEN_DOUBLE:
        return "open", "double", 1
    if c in _CLOSE_DOUBLE:
        return ("close" if top is not None else None), "double", 1
    if c == '"' or text.startswith("''", i):
        width = 1 if c == '"' else 2
        if i == start or prev.isspace():
            return "open", "double", width
        if top is not None:
            return "close", "double", width
        return ("open" if prev in _OPENERS else None), "double", width
    if c not in "‘’'" or not (singles or top == "single"):
        return None, "", 1
    nxt = text[i + 1] if i + 1 < end else " "
    # A single mark between letters is an apostrophe (Clinton's, don't).
    if prev.isalnum() and nxt.isalnum():
        return None, "", 1
    if top == "single" and not prev.isspace() and not nxt.isalnum():
        return "close", "single", 1
    if c != "’" and (prev.isspace() or prev in _OPENERS or i == start) and nxt.isalpha():
        return "open", "single", 1
    return None, "", 1


def _trim(span: Span, text: str) -> Span:
    """Content without surrounding blanks or the comma/colon before a closing mark."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


# --------------------------------------------------------------------------- context


class _Context:
    """One document's lookups (token offsets, sentences, paragraphs, mentions)."""

    def __init__(self, doc: Doc, actors: ActorAnalysis, regions: Sequence[QuoteRegion]) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        self.actors = actors
        self.starts = token_table(doc)[1]
        self.sent_of = sentence_of(doc)
        self.paras = paragraphs(self.text)
        self.para_starts = [s for s, _ in self.paras]
        self.quoted: set[int] = set()
        for region in regions:
            for s, e in region.pieces:
                self.quoted.update(self.tokens(s, e))
        self.mentions: list[Mention] = sorted(actors.mentions, key=lambda m: m.start)

    def tokens(self, start: int, end: int) -> range:
        """Indices of the tokens that begin inside ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def token_at(self, char: int) -> int:
        """Index of the token covering (or first after) char offset ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        return max(i, 0)

    def para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def words(self, region: QuoteRegion) -> int:
        return sum(1 for s, e in region.pieces for i in self.tokens(s, e) if not self.doc[i].is_punct)


def _is_cue(tok: Token) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in _PHRASAL:
        return any(c.dep_ == "prt" and c.lower_ == _PHRASAL[lemma] for c in tok.children)
    return lemma in CUE_LEMMAS


# --------------------------------------------------------------------------- speakers


def _speaker_of(cue: Token, quoted: AbstractSet[int] = frozenset()) -> int | None:
    """Token index of the speaker of a cue verb: its subject, the subject of the verb it
    hangs from ("he said, adding ..."), the person a participle describes ("footage of
    Trump saying ..."), or an inverted subject ("said Caddell")."""
    verb = cue
    for _ in range(4):
        subjects = [
            c for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.i not in quoted and any(ch.isalpha() for ch in c.text)
        ]
        if subjects:
            subj = subjects[0]
            if subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head.i  # "the minister, who said ..."
            return subj.i
        if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "PRON"):
            return verb.head.i
        if verb.dep_ not in _CLIMB or verb.head is verb:
            break
        verb = verb.head
    for child in cue.rights:
        if child.pos_ not in ("PROPN", "NOUN", "PRON") or child.dep_ in ("ccomp", "prep", "advcl") or child.i in quoted:
            continue
        if cue.lemma_.lower() in quote_words().addressing or child.lemma_.lower() in _AUDIENCE:
            continue
        return child.i
    return None


def _speaker_phrase(doc: Doc, head: Token) -> tuple[int, int]:
    """Token range of the speaker words around their head ("the foreign minister")."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _SPEAKER_MODS:
            start = min(start, child.left_edge.i)
    if head.ent_iob_ != "O":
        ent = ent_at(doc, head.i)
        if ent is not None:
            start = min(start, ent.start)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat") or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i + 1)
    while start < head.i and doc[start].is_punct:
        start += 1
    return start, end


def _resolve_speaker(ctx: _Context, head_i: int | None) -> tuple[ActorRef | None, str | None]:
    """The actor and the words as written for a speaker head token."""
    if head_i is None:
        return None, None
    doc = ctx.doc
    head = doc[head_i]
    start, end = _speaker_phrase(doc, head)
    mention = _mention_at(ctx, head_i)
    if mention is not None and mention.end - mention.start <= _MAX_MENTION_TOKENS:
        # the mention's own words as written ("Russian Foreign Minister Sergei Lavrov"),
        # without an apposition it may run into ("Jane Roe, 59, of Ashton")
        if mention.start < start and not any(t.is_punct for t in doc[mention.start: start]):
            start = mention.start
        if mention.end > end and not any(t.is_punct for t in doc[end: mention.end]):
            end = mention.end
    text = doc[start:end].text.strip()
    actor = ctx.actors.at_token(head_i)
    if actor is None:
        actor = next((a for i in range(start, end) if (a := ctx.actors.at_token(i)) is not None), None)
    pronoun = head.lower_
    # "he"/"she" are the actors stage's to resolve (by gender and salience); one it left
    # uncovered goes to a person only when no other person competes nearby
    if actor is None and head.pos_ == "PRON" and pronoun in quote_words().person_pronouns:
        actor = _only_person(ctx, head_i)
    elif actor is None and head.pos_ == "PRON" and pronoun in quote_words().group_pronouns:
        actor = _recent_actor(ctx, head_i, ("organization", "country", "group"))
    return (actor.ref() if actor else None), text


def _mention_at(ctx: _Context, i: int) -> Mention | None:
    for mention in ctx.mentions:
        if mention.start <= i < mention.end:
            return mention
        if mention.start > i:
            break
    return None


def _only_person(ctx: _Context, before: int) -> Actor | None:
    """The one person mentioned in the ``_PRONOUN_WINDOW`` sentences up to token
    ``before``; None when two or more compete (an ambiguous "he" has no speaker)."""
    here = ctx.sent_of[before]
    found: dict[str, Actor] = {}
    for mention in ctx.mentions:
        if mention.end > before or here - mention.sentence_index > _PRONOUN_WINDOW:
            continue
        actor = ctx.actors.get(mention.actor_id)
        if actor is not None and actor.kind == "person":
            found[actor.id] = actor
    return next(iter(found.values())) if len(found) == 1 else None


def _recent_actor(ctx: _Context, before: int, kinds: tuple[str, ...]) -> Actor | None:
    """The actor of the given kinds mentioned last before token ``before``."""
    for mention in reversed(ctx.mentions):
        if mention.end > before:
            continue
        actor = ctx.actors.get(mention.actor_id)
        if actor is not None and actor.kind in kinds:
            return actor
    return None


# --------------------------------------------------------------------------- attribution


def _after(ctx: _Context, region: QuoteRegion, region_tokens: set[int]) -> _Attribution | None:
    """``"...," said X`` / ``"...," X told reporters`` / ``"..." -- X``: right after the
    closing mark, a cue with its speaker before any other verb."""
    if not region.closed:
        return None
    doc, text = ctx.doc, ctx.text
    width = 2 if text.startswith("''", region.closing - 2) else 1
    last_char = text[: region.closing - width].rstrip()[-1:]
    rest = text[region.closing:].lstrip(" \t\xa0")
    # A quote that ends mid-sentence ('... was "a betrayal" and added') has no
    # attribution after it; one that ends with its own punctuation can.
    if last_char not in ",?!.—–―-…" and not rest.startswith(","):
        return None
    first = bisect.bisect_left(ctx.starts, region.closing)
    para_end = ctx.paras[ctx.para(region.opening)][1]
    window: list[Token] = []
    for i in range(first, min(len(doc), first + _TRAILING_WINDOW)):
        tok = doc[i]
        if tok.idx >= para_end or i in ctx.quoted or (tok.is_punct and tok.text in ".!?"):
            break
        if _is_cue(tok):
            # '"We won." Smith said he ...': a full stop, then a new clause of reported speech
            if last_char == "." and any(c.dep_ == "ccomp" and c.i not in region_tokens for c in tok.children):
                return None
            speaker = _speaker_of(tok, ctx.quoted)
            if speaker is None:
                speaker = _either(_last_nominal(window), lambda: _speaker_after(doc, tok, para_end))
            return _Attribution(tok.i, speaker, "after")
        if tok.pos_ in ("VERB", "CCONJ", "SCONJ"):
            break
        window.append(tok)
    return _dash(ctx, first, para_end) if rest[:1] in "—–―-" else None


def _either(index: int | None, otherwise: Callable[[], int | None]) -> int | None:
    """``index`` unless None (token 0 is a valid speaker, so ``or`` will not do)."""
    return index if index is not None else otherwise()


def _last_nominal(tokens: Sequence[Token] | TokenSpan) -> int | None:
    """The last noun, name or pronoun of ``tokens``, outside parentheses ("(D-Md.)")."""
    depth = 0
    for tok in reversed(tokens):
        depth += (tok.text == ")") - (tok.text == "(")
        if depth <= 0 and tok.pos_ in ("PROPN", "NOUN", "PRON"):
            return tok.i
    return None


def _nearby_speaker(ctx: _Context, cue: Token) -> int | None:
    """For a cue without a usable subject: the nominal just before it (back to a quote or
    a sentence end), else the name just after it ("Said Ellis: ...")."""
    doc = ctx.doc
    i = cue.i - 1
    while i >= 0 and cue.i - i <= _TRAILING_WINDOW and i not in ctx.quoted and doc[i].text not in _QUOTE_CHARS | {".", "!", "?"}:
        i -= 1
    return _either(_last_nominal(doc[i + 1: cue.i]), lambda: _speaker_after(doc, cue, len(ctx.text)))


def _speaker_after(doc: Doc, cue: Token, para_end: int) -> int | None:
    """'"...," said Rep. Jane Roe (D-Ore.)': the name after an inverted cue."""
    last = None
    for tok in doc[cue.i + 1: min(len(doc), cue.i + 8)]:
        if tok.idx >= para_end or tok.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            break
        if tok.pos_ in ("PROPN", "NOUN", "PRON"):
            last = tok.i
    return last


def _dash(ctx: _Context, first: int, para_end: int) -> _Attribution | None:
    """'"..." -- Jane Roe': a name after a dash, without a cue."""
    doc = ctx.doc
    i = first
    while i < len(doc) and (doc[i].is_space or doc[i].text.strip("—–―-") == ""):
        i += 1
    last = None
    while i < len(doc) and doc[i].idx < para_end and doc[i].pos_ == "PROPN":
        last, i = i, i + 1
    return _Attribution(None, last, "dash") if last is not None else None


def _syntax(ctx: _Context, region_tokens: set[int]) -> _Attribution | None:
    """A cue verb outside the marks that governs the quoted words, or hangs from them."""
    doc = ctx.doc
    best: tuple[int, int] | None = None  # (distance, cue index)
    lo, hi = min(region_tokens), max(region_tokens)
    sents = {ctx.sent_of[lo], ctx.sent_of[hi]}
    # the parse may run a sentence across a paragraph break; the cue must not
    para_lo, para_hi = ctx.paras[ctx.para(doc[lo].idx)][0], ctx.paras[ctx.para(doc[hi].idx)][1]
    # Token positions, not Token objects: a long quotation has hundreds of words.
    heads, starts = head_of(doc), ctx.starts
    for i in region_tokens:
        h = heads[i]
        for _ in range(8):  # up the tree, at most 8 steps
            if h not in region_tokens:
                if h not in ctx.quoted and para_lo <= starts[h] < para_hi and _is_cue(doc[h]):
                    dist = lo - h if h < lo else h - hi
                    best = min(best or (dist, h), (dist, h))
                    break
            if heads[h] == h:
                break
            h = heads[h]
    for k in range(max(0, lo - 30), min(len(doc), hi + 30)):
        if k in ctx.quoted or ctx.sent_of[k] not in sents or not para_lo <= starts[k] < para_hi:
            continue
        if heads[k] in region_tokens and _is_cue(doc[k]):
            dist = lo - k if k < lo else k - hi
            best = min(best or (dist, k), (dist, k))
    if best is None:
        return None
    cue = doc[best[1]]
    return _Attribution(cue.i, _either(_speaker_of(cue, ctx.quoted), lambda: _nearby_speaker(ctx, cue)), "syntax")


def _before(ctx: _Context, region: QuoteRegion) -> _Attribution | None:
    """``X said: "..."`` or the second half of ``"...," he said. "..."``: the closest cue
    before the opening mark, in the sentence that the mark follows."""
    doc = ctx.doc
    k = bisect.bisect_left(ctx.starts, region.opening) - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0:
        return None
    para_start = ctx.paras[ctx.para(region.opening)][0]
    if doc[k].idx < para_start and doc[k].text != ":":
        return None  # only "X continued:" introduces the next paragraph's quote
    sent = doc[k].sent
    for i in range(k, sent.start - 1, -1):
        if i in ctx.quoted:
            break
        if doc[i].lower_ == "according" and i + 1 <= k and doc[i + 1].lower_ == "to":
            return _Attribution(i, _last_nominal(doc[i + 2: k + 1]), "before")
        if _is_cue(doc[i]):
            return _Attribution(i, _either(_speaker_of(doc[i], ctx.quoted), lambda: _nearby_speaker(ctx, doc[i])), "before")
    if doc[k].text == ":" and k >= 1 and doc[k - 1].pos_ in ("PROPN", "NOUN"):
        return _Attribution(None, k - 1, "colon")  # a headline's "Trump: '...'"
    return None


def _attribute(
    ctx: _Context, region: QuoteRegion, previous: tuple[QuoteRegion, _Attribution] | None
) -> _Attribution | None:
    tokens = {i for s, e in region.pieces for i in ctx.tokens(s, e)}
    if not tokens:
        return None
    attribution = _after(ctx, region, tokens) or _syntax(ctx, tokens)
    if attribution is not None and attribution.speaker in ctx.quoted:
        attribution = _Attribution(attribution.cue, None, attribution.how)
    if attribution is not None:
        return attribution
    if ctx.words(region) < _MIN_POSITIONAL_WORDS:
        return None
    attribution = _before(ctx, region) or _paragraph_before(ctx, region)
    if attribution is None and previous is not None:
        prev_region, prev_attr = previous
        gap = ctx.para(region.opening) - ctx.para(prev_region.closing - 1)
        if gap <= 1 and _starts_sentence(ctx, region):
            attribution = _Attribution(prev_attr.cue, prev_attr.speaker, "carry")
    return attribution


def _paragraph_before(ctx: _Context, region: QuoteRegion) -> _Attribution | None:
    """A quote that opens a paragraph, after a paragraph whose last sentence is someone's
    reported speech ("Blinken said the talks were candid." / "We will not back down."):
    that sentence's speaker. Its cue must be the sentence's main verb."""
    p = ctx.para(region.opening)
    if p <= 0 or ctx.text[ctx.paras[p][0]: region.opening].strip():
        return None
    k = bisect.bisect_left(ctx.starts, ctx.paras[p - 1][1]) - 1
    while k >= 0 and (ctx.doc[k].is_space or ctx.doc[k].is_punct):
        k -= 1
    if k < 0 or k in ctx.quoted or ctx.starts[k] < ctx.paras[p - 1][0]:
        return None
    root = ctx.doc[k].sent.root
    if root.i in ctx.quoted or not _is_cue(root):
        return None
    speaker = _speaker_of(root, ctx.quoted)
    return _Attribution(root.i, speaker, "paragraph") if speaker is not None else None


def _scare_quote(ctx: _Context, region: QuoteRegion) -> bool:
    """One to three words quoted inside a clause ('the "deactivating" of sensors',
    'called it "a disgrace"'): a word of the same sentence just before the opening mark."""
    if ctx.words(region) > _MAX_SCARE_WORDS or len(region.pieces) != 1:
        return False
    k = bisect.bisect_left(ctx.starts, region.opening) - 1
    first = bisect.bisect_left(ctx.starts, region.pieces[0][0])
    if k < 0 or first >= len(ctx.doc) or k in ctx.quoted:
        return False
    before = ctx.doc[k]
    return (before.is_alpha or before.is_digit) and ctx.sent_of[k] == ctx.sent_of[first]


def _starts_sentence(ctx: _Context, region: QuoteRegion) -> bool:
    """True if only blanks or a sentence end precede the opening mark in its paragraph."""
    para_start = ctx.paras[ctx.para(region.opening)][0]
    before = ctx.text[para_start: region.opening].rstrip()
    return not before or before[-1] in ".!?”\"'’"


# --------------------------------------------------------------------------- quotes


def find_quotes(doc: Doc, actors: ActorAnalysis) -> tuple[Quote, ...]:
    """Direct and indirect quotations of a parsed document, with speakers from ``actors``.

    Spans are character offsets into ``doc.text``; ``date`` is left to the pipeline."""
    text = doc_text(doc)
    regions = quote_regions(text)
    ctx = _Context(doc, actors, regions)
    direct = list(_direct_quotes(ctx, regions))
    indirect = list(_indirect_quotes(ctx))
    quotes = sorted(direct + indirect, key=lambda q: (q.span[0], not q.direct))
    log.debug("%d direct and %d indirect quotes", len(direct), len(indirect))
    return tuple(quotes)


def _direct_quotes(ctx: _Context, regions: Sequence[QuoteRegion]) -> Iterator[Quote]:
    previous: tuple[QuoteRegion, _Attribution] | None = None
    for region in regions:
        attribution = _attribute(ctx, region, previous)
        if attribution is None and ctx.words(region) < _MIN_UNATTRIBUTED_WORDS:
            continue
        if (attribution is None or attribution.how != "after") and (_title_like(ctx, region) or _named(ctx, region)):
            continue  # 'told "Fox News Sunday"', 'the so-called "reset"'
        if _scare_quote(ctx, region):
            continue
        if attribution is not None and attribution.speaker is not None:
            previous = (region, attribution)
        text = "\n".join(ctx.text[s:e] for s, e in region.pieces)
        span = (region.pieces[0][0], region.pieces[-1][1])
        yield _make_quote(ctx, text, span, attribution, direct=True)


def _title_like(ctx: _Context, region: QuoteRegion) -> bool:
    """A short run of capitalised words: a title or a name in quotation marks."""
    words = [t for s, e in region.pieces for i in ctx.tokens(s, e) if (t := ctx.doc[i]).is_alpha]
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    return all(t.text[0].isupper() or t.lower_ in _TITLE_SMALL_WORDS for t in words)


def _named(ctx: _Context, region: QuoteRegion) -> bool:
    """A word or two introduced as a name ("the so-called 'reset'", "dubbed 'the wall'")."""
    if ctx.words(region) > 2:
        return False
    before = ctx.text[max(0, region.opening - 20): region.opening].lower().split()
    return bool(before) and (before[-1] in _NAMING_WORDS or before[-2:] == ["known", "as"])


def _make_quote(ctx: _Context, text: str, span: Span, attribution: _Attribution | None, *, direct: bool) -> Quote:
    doc = ctx.doc
    cue = doc[attribution.cue] if attribution and attribution.cue is not None else None
    speaker, speaker_text = _resolve_speaker(ctx, attribution.speaker if attribution else None)
    anchor = cue.i if cue is not None else ctx.token_at(span[0])
    cue_text, cue_span = None, None
    if cue is not None:
        cue_text, cue_span = cue.text, (cue.idx, cue.idx + len(cue.text))
        if cue.lower_ == "according" and cue.i + 1 < len(doc):
            cue_text, cue_span = doc[cue.i: cue.i + 2].text, (cue.idx, doc[cue.i + 1].idx + len(doc[cue.i + 1].text))
        particle = next((c for c in cue.children if c.dep_ == "prt"), None)
        if particle is not None and cue.lemma_.lower() in _PHRASAL:
            cue_text = doc[cue.i: particle.i + 1].text
            cue_span = (cue.idx, particle.idx + len(particle.text))
    return Quote(
        speaker=speaker,
        text=text,
        span=span,
        cue=cue_text,
        direct=direct,
        cue_span=cue_span,
        sentence_index=ctx.sent_of[anchor] if 0 <= anchor < len(ctx.sent_of) else -1,
        speaker_text=speaker_text,
    )


def _indirect_quotes(ctx: _Context) -> Iterator[Quote]:
    """Reported speech: a cue verb with a clausal complement, and "according to X"."""
    doc = ctx.doc
    for tok in doc:
        if tok.i in ctx.quoted:
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            quote = _according_to(ctx, tok)
            if quote is not None:
                yield quote
            continue
        if not _is_cue(tok) or tok.lemma_.lower() in quote_words().direct_only:
            continue
        for comp in tok.children:
            if comp.dep_ != "ccomp":
                continue
            span = _clause_span(ctx, list(comp.subtree))
            speaker = _speaker_of(tok, ctx.quoted)
            if span is not None and speaker is not None:
                yield _make_quote(ctx, ctx.text[span[0]: span[1]], span, _Attribution(tok.i, speaker, "indirect"), direct=False)


def _clause_span(ctx: _Context, tokens: list[Token]) -> Span | None:
    """Char span of a reported clause without its complementiser and edge punctuation;
    None when the clause is mostly a direct quote already (or too short to be speech)."""
    words = [t for t in tokens if not t.is_space and not (t.is_punct and t.text in _QUOTE_CHARS)]
    if len(words) < 3 or sum(1 for t in words if t.i in ctx.quoted) * 2 >= len(words):
        return None
    while words and (words[0].is_punct or (words[0].dep_ == "mark" and words[0].lower_ in ("that", "whether", "if"))):
        words = words[1:]
    while words and words[-1].is_punct and words[-1].text not in "?!":
        words = words[:-1]
    if len(words) < 3:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _according_to(ctx: _Context, according: Token) -> Quote | None:
    """"According to X, ..." / "..., according to X": X is the speaker of the clause."""
    doc = ctx.doc
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    clause = according.head
    if source is None or clause is according or clause.pos_ not in ("VERB", "AUX"):
        return None
    phrase_end = max(according.right_edge.i, source.right_edge.i)
    if according.i < clause.i:
        tokens = [t for t in clause.subtree if t.i > phrase_end]
    else:
        tokens = [t for t in clause.subtree if t.i < according.i]
    span = _clause_span(ctx, tokens)
    if span is None:
        return None
    quote = _make_quote(ctx, ctx.text[span[0]: span[1]], span, _Attribution(None, source.i, "according"), direct=False)
    cue_span = (according.idx, to.idx + len(to.text))
    return replace(quote, cue=doc[according.i: to.i + 1].text, cue_span=cue_span, sentence_index=ctx.sent_of[according.i])
