"""Is an article in English? Non-English articles are skipped, not parsed into nonsense.

The English model finds no events in Russian or French text, only false names, so an
article in another language is reported ("not English (ru), skipped") instead of stored
with 0 events. Most articles are plainly English: a share of English function words
decides them without a model. The rest go to py3langid (a maintained fork of langid.py
that ships its model), loaded on first need. Short or mixed texts are never rejected on
weak evidence: a headline, a list of foreign names or a quoted French phrase inside an
English story stay English (see :func:`LanguageCheck.language`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

#: characters looked at: the start of an article says which language it is in
SAMPLE_CHARS = 3000
#: letters (in UTF-8 bytes, so that 14 Chinese characters weigh as much as 40 Latin
#: letters) below which a text is too short to judge (headlines, numbers, quotes): English
MIN_LETTER_BYTES = 40
#: English function words (none is a common word of another Latin-script language)
_ENGLISH = frozenset(
    "the and of that with said from which who were has have this are by its their they been would "
    "after than about".split()
)
#: share of the words that are English function words in plainly English text (about a
#: quarter in news prose; a list of names joined by "and" and "in" still passes)
ENGLISH_SHARE = 0.06
#: py3langid's probability needed to call a Latin-script text another language (short
#: English texts full of names get 0.1-0.6 for some other language)
MIN_CONFIDENCE = 0.9
#: share of letters outside the Latin script above which the script itself is evidence
NON_LATIN_SHARE = 0.5
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass
class LanguageCheck:
    """Tells which articles are not English. The model is loaded at the first text the
    function words do not settle (most runs never load it)."""

    _identifier: Any = field(default=None, repr=False)

    def language(self, text: str) -> str | None:
        """The language code of ``text`` when it is confidently not English, else None."""
        sample = text[:SAMPLE_CHARS]
        letters = [c for c in sample if c.isalpha()]
        if sum(len(c.encode("utf-8", "replace")) for c in letters) < MIN_LETTER_BYTES:
            return None
        words = [w.lower() for w in _WORD_RE.findall(sample)]
        hits = [w for w in words if w in _ENGLISH]
        if words and len(hits) / len(words) >= ENGLISH_SHARE and len(set(hits)) >= 2:
            return None
        lang, confidence = self._classify(sample)
        if lang == "en":
            return None
        non_latin = sum(1 for c in letters if not _is_latin(c)) / len(letters)
        if non_latin >= NON_LATIN_SHARE or confidence >= MIN_CONFIDENCE:
            return str(lang)
        return None

    def _classify(self, text: str) -> tuple[str, float]:
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        lang, confidence = self._identifier.classify(text)
        return str(lang), float(confidence)


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def not_english_message(lang: str) -> str:
    return f"not English ({lang}), skipped"
