"""The event lexicon: verb and noun triggers, support verbs and clause operators.

The data lives in ``detente/data/events/lexicon.tsv`` (format documented in its header),
``classes.tsv`` (word classes for object constraints) and ``lemmas.tsv`` (verb lemmas the
tagger gets wrong, e.g. "staged" -> "stag"). :meth:`Lexicon.load` reads them once; the
coder receives the result through its constructor.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .. import ontology
from ..errors import DetenteError

log = logging.getLogger(__name__)

#: Function rows: words that are not events but change how their complement is read.
FUNCTIONS = ("-light", "-intent", "-plan", "-hypo", "-neg", "-transparent")

#: Prepositions that introduce the recipient when a row names none.
DEFAULT_PREPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "AGREE": ("with",), "CONSULT": ("with",), "SUPPORT": ("for",), "CONCEDE": ("to",),
        "COOPERATE": ("with",), "AID": ("to", "for"), "RETREAT": ("from",), "REQUEST": ("on", "to"),
        "ACCUSE": ("against",), "REJECT": (), "THREATEN": ("against",), "PROTEST": ("against",),
        "SANCTION": ("on", "against"), "MOBILIZE": ("against",), "COERCE": ("against",),
        "ASSAULT": ("on", "against"),
    }
)


class LexiconError(DetenteError):
    """A lexicon file is malformed; the message names the file, line and fix."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger row. ``marker``: for verbs a required particle/preposition child, for
    nouns the verbs that must govern them; ``objects``: required object (verbs) or
    modifier (nouns) lemmas, empty = any; ``parties``: for a row flagged ``party``, the
    person and group nouns that count as parties (the object is then the recipient, not a
    thing, so these are kept apart from ``objects``)."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    cameo: str
    marker: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    preps: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()

    @property
    def weak(self) -> bool:
        return "weak" in self.flags


@dataclass(frozen=True)
class Lexicon:
    """Trigger rows by (lemma, pos) in file order, and function roles by verb lemma."""

    entries: Mapping[tuple[str, str], tuple[Entry, ...]]
    functions: Mapping[str, frozenset[str]]
    #: wrong verb lemma -> right one ("stag" -> "stage"); applied to verb lookups only
    lemma_fixes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def load(cls, path: Path | None = None, classes: Path | None = None) -> "Lexicon":
        """Read the packaged lexicon (or the given files)."""
        base = resources.files("detente") / "data" / "events"
        lex_text = Path(path).read_text("utf-8") if path else (base / "lexicon.tsv").read_text("utf-8")
        cls_text = Path(classes).read_text("utf-8") if classes else (base / "classes.tsv").read_text("utf-8")
        word_classes = _read_classes(cls_text, str(classes or "classes.tsv"))
        fixes = _read_fixes((base / "lemmas.tsv").read_text("utf-8"), "lemmas.tsv")
        return _build(lex_text, word_classes, str(path or "lexicon.tsv"), fixes)

    def verb(self, lemma: str) -> str:
        """The verb lemma, corrected where the tagger is known to get it wrong."""
        return self.lemma_fixes.get(lemma, lemma)

    def rows(self, lemma: str, pos: str) -> tuple[Entry, ...]:
        return self.entries.get((self.verb(lemma) if pos == "V" else lemma, pos), ())

    def has_role(self, lemma: str, role: str) -> bool:
        head, plus, particle = lemma.partition("+")  # "carry+out"
        return role in self.functions.get(self.verb(head) + plus + particle, frozenset())

    def may_code_verb(self, lemma: str) -> bool:
        """Whether the lexicon has a row or a role for this verb at all: most verbs of a
        text have neither, and need no further look."""
        verb = self.verb(lemma)
        return (verb, "V") in self.entries or verb in self._role_heads

    @functools.cached_property
    def _role_heads(self) -> frozenset[str]:
        return frozenset(key.partition("+")[0] for key in self.functions)

    def is_noun_trigger(self, lemma: str) -> bool:
        return (lemma, "N") in self.entries


def _read_classes(text: str, name: str) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].startswith("@"):
            raise LexiconError(f"{name}:{n}: expected '@NAME<TAB>words', got {line!r}; fix the line")
        out[parts[0]] = frozenset(parts[1].split())
    return out


def _read_fixes(text: str, name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(parts):
            raise LexiconError(f"{name}:{n}: expected 'wrong<TAB>right', got {line!r}; fix the line")
        out[parts[0]] = parts[1]
    return out


def _with_wrong_forms(lemmas: frozenset[str], fixes: Mapping[str, str]) -> frozenset[str]:
    """Governing-verb sets also accept the tagger's wrong lemma ("stag" for "staged")."""
    return lemmas | {wrong for wrong, right in fixes.items() if right in lemmas}


def _field(value: str) -> str | None:
    return None if value in (".", "") else value


def _build(
    text: str, word_classes: Mapping[str, frozenset[str]], name: str, fixes: Mapping[str, str] | None = None
) -> Lexicon:
    fixes = fixes or {}
    entries: dict[tuple[str, str], list[Entry]] = {}
    functions: dict[str, set[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 9:
            raise LexiconError(f"{name}:{n}: expected 9 TAB-separated columns, got {len(cols)}; fix the line")
        lemma, pos, etype, mode, cameo, marker, objects, preps, flags = cols
        if etype in FUNCTIONS:
            functions.setdefault(lemma, set()).add(etype)
            if _field(marker):  # e.g. "carry" + "out": only the phrasal form is a support verb
                functions.setdefault(f"{lemma}+{marker}", set()).add(etype)
            continue
        types = ontology.load().types
        if etype not in types or pos not in ("V", "N") or cameo not in ontology.load().cameo:
            raise LexiconError(f"{name}:{n}: bad type/pos/cameo in {line!r}; use a PLOVER type, V or N, "
                               "a CAMEO code of data/ontology/cameo.tsv")
        if mode != "." and mode not in types[etype].modes:
            raise LexiconError(f"{name}:{n}: {mode!r} is not a mode of {etype}; see data/ontology/plover_modes.tsv")
        objs: set[str] = set()
        for word in (_field(objects) or "").split():
            if word.startswith("@"):
                if word not in word_classes:
                    raise LexiconError(f"{name}:{n}: unknown class {word}; define it in classes.tsv")
                objs |= word_classes[word]
            else:
                objs.add(word)
        flag_set = frozenset((_field(flags) or "").split(",")) - {""}
        party = "party" in flag_set  # the objects column lists party nouns, not things
        entry = Entry(
            lemma=lemma,
            pos=pos,
            type=etype,
            mode=_field(mode),
            cameo=cameo,
            marker=_with_wrong_forms(frozenset((_field(marker) or "").split("|")) - {""}, fixes)
            if pos == "N" else frozenset((_field(marker) or "").split("|")) - {""},
            objects=frozenset() if party else frozenset(objs),
            preps=tuple((_field(preps) or "").split(",")) if _field(preps) else (),
            flags=flag_set,
            parties=frozenset(objs) if party else frozenset(),
        )
        entries.setdefault((lemma, pos), []).append(entry)
    log.debug("event lexicon: %d trigger lemmas, %d function words", len(entries), len(functions))
    return Lexicon(
        entries=MappingProxyType({k: tuple(v) for k, v in entries.items()}),
        functions=MappingProxyType({k: frozenset(v) for k, v in functions.items()}),
        lemma_fixes=MappingProxyType(dict(fixes)),
    )
