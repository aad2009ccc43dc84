"""Input normaliser: characters no encoder or parser accepts, replaced one for one.

Scraped text often holds a lone UTF-16 surrogate (an emoji cut in half) or a NUL byte.
Python strings can hold them, but UTF-8 cannot encode a surrogate (spaCy, DuckDB and
stdout all raise), and a NUL ends a C string. Each such character is replaced by one
character, so every offset into the normalised text is the same offset in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: the replacement of a lone surrogate (what a decoder writes for bytes it cannot read)
REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return
# (which are whitespace to every reader); DEL is harmless and kept.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
_BAD = re.compile("[\ud800-\udfff\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised string and how many characters of each kind were replaced."""

    text: str
    surrogates: int = 0
    controls: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.surrogates or self.controls)

    def describe(self, what: str) -> str:
        """'text: 1 lone surrogate replaced by U+FFFD, 2 control characters by spaces'."""
        parts = []
        if self.surrogates:
            parts.append(f"{self.surrogates} lone surrogate{'s' * (self.surrogates > 1)} replaced by U+FFFD")
        if self.controls:
            parts.append(f"{self.controls} control character{'s' * (self.controls > 1)} replaced by spaces")
        return f"{what}: {', '.join(parts)}"


def normalise(text: str) -> Normalised:
    """Replace lone surrogates by U+FFFD and C0 control characters by spaces (same length)."""
    if _BAD.search(text) is None:  # the common case: one scan, no copy
        return Normalised(text)
    surrogates = len(_SURROGATE.findall(text))
    controls = len(_CONTROL.findall(text))
    fixed = _CONTROL.sub(" ", _SURROGATE.sub(REPLACEMENT, text))
    return Normalised(fixed, surrogates, controls)


def encodable(text: str) -> str:
    """``text`` with lone surrogates replaced, so that it can be written as UTF-8."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def escape_surrogates(json_text: str) -> str:
    """JSON text with every lone surrogate written as a ``\\udxxx`` escape: the value is
    kept and the text can be written as UTF-8. Surrogates only occur inside JSON strings,
    where the escape means the same code point."""
    if _SURROGATE.search(json_text) is None:
        return json_text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
