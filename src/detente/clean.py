"""Remove scraped-page furniture before parsing, keeping a map back to input offsets.

Captions, photo credits, video teasers, "Add ... as an interest" prompts, share and
subscribe lines and bylines are not news: parsed, they become false actors and events.
Removed text is cut out (not blanked) so that the parser sees clean sentences; an
:class:`OffsetMap` turns every offset in the cleaned text back into the input's.

Long runs of punctuation ("=====", a page of quotation marks) are cut to their first
``MAX_PUNCT_RUN`` characters the same way: spaCy's tokenizer splits a run one affix at a
time, copying the rest each time, so its time grows with the square of the run's length
(20,000 "=" took 156 s).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .normalize import normalise

#: longest run of punctuation and symbols (no letter, digit or space) kept for parsing;
#: rules, separators and ellipses in real articles are far shorter
MAX_PUNCT_RUN = 64
_PUNCT_RUN_RE = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1))

# Whole lines that are furniture. Each is anchored and short, so that a news sentence
# which merely mentions a photo or a subscription is never removed.
_LINE_PATTERNS = [
    r"(?:PHOTOS?|IMAGE|IMAGES|VIDEO|WATCH|LISTEN|GRAPHIC)\s*[:|\-–—].{0,300}",
    r"(?:Photograph|Photo|Picture|Image|Video)\s*(?:\d+\s*)?:\s*\S.{0,200}",
    r"WATCH\b.{0,200}",
    r"(?:Share|Share this(?: article| story)?|Tweet|Email|Print|Comment|Comments|Save)"
    r"(?:\s+(?:on|via)\s+\w+)?(?:\s*[|/·•]\s*\w+){0,6}\s*",
    r"(?:Subscribe|Sign up|Follow us|Click here|Read more|Related|Advertisement|ADVERTISEMENT|"
    r"Most read|Recommended|More on this story|Skip to main content)\b.{0,150}",
    r"By\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})*"
    r"(?:\s*(?:,|\||-|–|—)\s*[\w .,'’-]{0,60})?",
    r"(?:Additional reporting|Reporting|Writing|Editing)\s+by\b.{0,150}",
    # A short line ending in an agency credit is a caption ("... (Name/AFP/Getty Images)").
    r".{0,250}/\s*(?:AFP|Getty Images|Reuters|AP|EPA|Xinhua|Shutterstock|Bloomberg|Sipa|TASS|"
    r"Anadolu(?: Agency)?)(?:\s+via\s+Getty Images)?\s*\)?\s*",
    r"\(?(?:AP|AFP|Reuters|EPA|Getty)\s+Photo(?:/[\w .'-]+)?\)?\s*",
]
# Within a line, whitespace never spans a line break.
_LINE_RE = re.compile(
    r"^[ \t]*(?:" + "|".join(p.replace(r"\s", r"[ \t]") for p in _LINE_PATTERNS) + r")[ \t]*$",
    re.MULTILINE,
)

# Furniture inside a paragraph: the ABC-style interest prompt and trailing photo credits.
_INLINE_RE = re.compile(
    r"Interested in [^?\n]{1,80}\?\s*Add [^\n]{1,80}? as an interest[^.\n]*\.\s*"
    r"|\s*Photograph:\s*[^\n]{1,80}?/(?:AFP|Getty Images|Reuters|AP|EPA|Shutterstock|"
    r"Bloomberg|Xinhua|Anadolu|PA|Alamy)(?:\s+via\s+Getty Images)?"
)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the cleaned text to offsets in the input text.

    ``clean_starts[i]`` is where kept segment ``i`` starts in the cleaned text and
    ``input_starts[i]`` where the same characters start in the input.
    """

    clean_starts: tuple[int, ...]
    input_starts: tuple[int, ...]

    def to_input(self, offset: int) -> int:
        i = bisect.bisect_right(self.clean_starts, offset) - 1
        if i < 0:
            return offset
        return self.input_starts[i] + (offset - self.clean_starts[i])

    def span_to_input(self, span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        # An end offset is exclusive: map the last character, then step past it.
        return self.to_input(start), self.to_input(max(start, end - 1)) + (1 if end > start else 0)

    @property
    def identity(self) -> bool:
        return self.clean_starts == (0,) and self.input_starts == (0,)


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text, its offset map and what was removed (input spans)."""

    text: str
    offsets: OffsetMap
    removed: tuple[tuple[int, int], ...]


def clean(text: str) -> CleanText:
    """Cut page furniture out of ``text``; offsets of what remains map back to ``text``.

    Lone surrogates and control characters are replaced one for one first (see
    :mod:`detente.normalize`), so the parser can encode every character."""
    text = normalise(text).text
    cuts = [(m.start(), _line_end(text, m.end())) for m in _LINE_RE.finditer(text) if m.group().strip()]
    cuts += [(m.start(), m.end()) for m in _INLINE_RE.finditer(text)]
    cuts += [(m.start() + MAX_PUNCT_RUN, m.end()) for m in _PUNCT_RUN_RE.finditer(text)]
    merged = _merge(cuts)
    if not merged:
        return CleanText(text, OffsetMap((0,), (0,)), ())
    pieces: list[str] = []
    clean_starts: list[int] = []
    input_starts: list[int] = []
    pos = 0
    length = 0
    for start, end in merged + [(len(text), len(text))]:
        if start > pos:
            clean_starts.append(length)
            input_starts.append(pos)
            pieces.append(text[pos:start])
            length += start - pos
        pos = max(pos, end)
    return CleanText("".join(pieces), OffsetMap(tuple(clean_starts) or (0,), tuple(input_starts) or (0,)), tuple(merged))


def _line_end(text: str, end: int) -> int:
    # Take the line break with the furniture line, so no blank hole is left behind.
    return end + 1 if end < len(text) and text[end] == "\n" else end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
