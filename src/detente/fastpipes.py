"""Faster stand-ins for the slow parts of two rule-based spaCy components, same output.

Measured on 100 articles (70k tokens, ``bench/throughput.py`` texts), the English small
pipeline spent a quarter of its parse in two rule-based components:

- the ``attribute_ruler``'s Matcher tries each of its ~180 token patterns at every token
  (~19 us a token). Nearly all patterns are one token, keyed on the tag or the lower-case
  form, so they are looked up by those keys here, and the verdict for a token is kept by
  the hashes of the attributes the patterns read; two-token patterns are tried only where
  their first token matches.
- the ``lemmatizer`` (~14 us a token) checks its suffix rules' candidate forms against
  word lists of up to 57k entries by linear search, and caches only the words that reach
  those rules. Here the lists become sets, and every answer is cached by (form, part of
  speech, morphology), the only inputs the rule lemmatizer reads.

Only the matching and the lemma lookup change: spaCy still applies the attributes in its
own order (later patterns win) and sets the lemmas. Patterns this module cannot read
exactly (quantifiers, other predicates) leave the component as spaCy made it.
``tests/test_fastpipes.py`` checks that tags, parts of speech, morphology, lemmas and
dependencies are identical to the stock pipeline on real articles.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

#: Token attributes a compiled pattern may test: how to read each from a Token, and the
#: spaCy attribute whose hash ``Doc.to_array`` gives for it.
_READERS: Mapping[str, tuple[Callable[[Any], Any], str]] = {
    "TAG": (lambda t: t.tag_, "TAG"),
    "LOWER": (lambda t: t.lower_, "LOWER"),
    "ORTH": (lambda t: t.text, "ORTH"),
    "TEXT": (lambda t: t.text, "ORTH"),
    "NORM": (lambda t: t.norm_, "NORM"),
    "DEP": (lambda t: t.dep_, "DEP"),
    "IS_SPACE": (lambda t: t.is_space, "IS_SPACE"),
}
_FEATURES = tuple(_READERS)
_LOWER, _TAG = _FEATURES.index("LOWER"), _FEATURES.index("TAG")
#: Entries the verdict memo and the lemma cache keep; each forgets everything when full
#: (1,000 news articles give ~60k distinct token readings and ~30k lemma keys).
_MEMO_LIMIT = 30_000
_LEMMA_CACHE_LIMIT = 30_000


class _Unsupported(Exception):
    """A pattern uses something this module does not reimplement."""


@dataclass(frozen=True, slots=True)
class _Test:
    """One attribute test of one pattern token, on the token's attribute strings."""

    feature: int  # position in _FEATURES
    kind: str  # "eq", "in", "not_in", "regex"
    value: Any

    def __call__(self, feats: Sequence[Any]) -> bool:
        got: object = feats[self.feature]
        if self.kind == "eq":
            same: bool = got == self.value
            return same
        if self.kind == "in":
            return got in self.value
        if self.kind == "not_in":
            return got not in self.value
        return isinstance(got, str) and self.value.search(got) is not None


@dataclass(frozen=True, slots=True)
class _Pattern:
    group: int  # the ruler's attribute id: later groups win
    tokens: tuple[tuple[_Test, ...], ...]


def _compile_test(key: str, value: Any) -> _Test:
    name = key.upper()
    if name not in _READERS:
        raise _Unsupported(f"attribute {key}")
    feature = _FEATURES.index(name)
    if isinstance(value, (str, bool)):
        return _Test(feature, "eq", value)
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            return _Test(feature, "in", frozenset(arg))
        if op == "NOT_IN" and isinstance(arg, list):
            return _Test(feature, "not_in", frozenset(arg))
        if op == "REGEX" and isinstance(arg, str):
            return _Test(feature, "regex", re.compile(arg))
    raise _Unsupported(f"{key}: {value!r}")


def _features(token: Any) -> tuple[Any, ...]:
    return tuple(read(token) for read, _ in _READERS.values())


def _passes(tests: Sequence[_Test], feats: Sequence[Any]) -> bool:
    return all(test(feats) for test in tests)


class FastRuleMatcher:
    """The attribute ruler's patterns, matched the way spaCy's Matcher matches them.

    A one-token pattern's verdict depends only on the attributes it tests, so the groups
    matching a token are remembered by the hashes of those attributes (``Doc.to_array``,
    one call a Doc); longer patterns are tried where their first token matches."""

    def __init__(self, patterns: Sequence[Mapping[str, Any]]) -> None:
        from spacy.attrs import IDS

        compiled = [
            _Pattern(group, tuple(tuple(_compile_test(k, v) for k, v in tok.items()) for tok in pat))
            for group, entry in enumerate(patterns)
            for pat in entry["patterns"]
        ]
        if any(not p.tokens for p in compiled):
            raise _Unsupported("empty pattern")
        used = sorted({_READERS[_FEATURES[t.feature]][1] for p in compiled for tok in p.tokens for t in tok})
        self._attr_ids = [IDS[name] for name in used] or [IDS["ORTH"]]
        # On a miss only the patterns whose first token can match are tried: those that
        # name the token's lower form or tag, and those that name neither.
        lower, tag = _LOWER, _TAG
        self._by_lower: dict[Any, list[_Pattern]] = {}
        self._by_tag: dict[Any, list[_Pattern]] = {}
        self._always: list[_Pattern] = []
        for p in compiled:
            keys, index = _keys(p.tokens[0], lower), self._by_lower
            if keys is None:
                keys, index = _keys(p.tokens[0], tag), self._by_tag
            if keys is None:
                self._always.append(p)
                continue
            for key in keys:
                index.setdefault(key, []).append(p)
        # attribute hashes of a token -> (groups of the one-token patterns it matches,
        # the longer patterns whose first token it matches)
        self._memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[_Pattern, ...]]] = {}

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        """(group, start, end) of every match in ``doc``."""
        n = len(doc)
        if not n:
            return []
        memo = self._memo
        found: list[tuple[int, int, int]] = []
        feats: dict[int, tuple[Any, ...]] = {}
        for i, row in enumerate(doc.to_array(self._attr_ids).tolist()):
            key = tuple(row)
            verdict = memo.get(key)
            if verdict is None:
                feats[i] = here = _features(doc[i])
                verdict = self._first_token(here)
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                memo[key] = verdict
            groups, starting = verdict
            found.extend((g, i, i + 1) for g in groups)
            for p in starting:  # a longer pattern whose first token matches here
                size = len(p.tokens)
                if i + size > n:
                    continue
                for k in range(i + 1, i + size):
                    if k not in feats:
                        feats[k] = _features(doc[k])
                if all(_passes(tests, feats[i + k]) for k, tests in enumerate(p.tokens[1:], 1)):
                    found.append((p.group, i, i + size))
        return found

    def _first_token(self, feats: tuple[Any, ...]) -> tuple[tuple[int, ...], tuple[_Pattern, ...]]:
        """Groups of the one-token patterns matching, longer patterns starting, here."""
        tried = (
            *self._by_lower.get(feats[_LOWER], ()),
            *self._by_tag.get(feats[_TAG], ()),
            *self._always,
        )
        ok = [p for p in tried if _passes(p.tokens[0], feats)]
        return (
            tuple(p.group for p in ok if len(p.tokens) == 1),
            tuple(p for p in ok if len(p.tokens) > 1),
        )


def _keys(tests: Sequence[_Test], feature: int) -> frozenset[Any] | None:
    """Values the feature must take for the tests to pass, if one test pins them down."""
    for test in tests:
        if test.feature == feature and test.kind == "eq":
            return frozenset([test.value])
        if test.feature == feature and test.kind == "in":
            keys: frozenset[Any] = test.value
            return keys
    return None


def speed_up(nlp: Any) -> list[str]:
    """Give ``nlp``'s attribute ruler and rule lemmatizer the faster lookups (in place).

    Returns the names of the components changed; a component this module cannot reproduce
    exactly is left alone."""
    changed = []
    for name, proc in nlp.pipeline:
        # spaCy's own classes only: a subclass may read more than the lookups assume.
        kind = type(proc).__name__ if type(proc).__module__.startswith("spacy.") else ""
        try:
            if kind == "AttributeRuler":
                _fast_ruler(proc)
                changed.append(name)
            elif kind in ("Lemmatizer", "EnglishLemmatizer") and getattr(proc, "mode", None) == "rule":
                _cache_lemmas(proc)
                changed.append(name)
        except _Unsupported as exc:
            log.debug("%s keeps spaCy's own code: %s", name, exc)
    return changed


def _fast_ruler(ruler: Any) -> None:
    matcher = FastRuleMatcher(ruler.patterns)
    strings = ruler.vocab.strings
    ids = [strings[str(k)] for k in range(len(ruler.attrs))]

    def match(doc: Any) -> list[tuple[int, int, int, int]]:
        # spaCy's AttributeRuler.match returns (attribute id, match id, start, end) sorted,
        # so that a later pattern's attributes overwrite an earlier one's.
        out = sorted({(g, ids[g], s, e) for g, s, e in matcher(doc)})
        return out

    # AttributeRuler.__call__ calls self.match: the instance attribute takes its place.
    ruler.match = match


def _cache_lemmas(lemmatizer: Any) -> None:
    # The rule lemmatizer asks whether a candidate form is a known word with ``form in
    # index``, and the index of each part of speech is a list of up to 57k words: as sets,
    # the same question costs a hash lookup instead of a scan.
    index = lemmatizer.lookups.get_table("lemma_index", None)
    if index is not None:
        for key, words in list(index.items()):
            if isinstance(words, list):
                index[key] = frozenset(words)
    lemmatize = lemmatizer.lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def cached(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = cache.get(key)
        if forms is None:
            if len(cache) >= _LEMMA_CACHE_LIMIT:
                cache.clear()
            forms = cache[key] = lemmatize(token)
        return forms

    # Lemmatizer.__init__ binds self.lemmatize to the mode's method; this wraps that.
    lemmatizer.lemmatize = cached
