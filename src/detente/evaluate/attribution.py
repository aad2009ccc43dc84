"""PolNeAR (dev): direct quotations and their speakers.

The gold is brat stand-off: per article a ``.txt`` under ``text/`` and one ``.ann`` per
annotator under ``attributions/`` whose ``T`` lines are spans (``Source``, ``Cue``,
``Content``; discontinuous spans as ``s e;s e``) and whose ``E`` lines tie them into one
attribution (``E3 Attribution:T12 Cue:T11 Source:T10 Content:T9``). Where an article has
two annotators, the first annotation file in name order is scored.

Scoring (documented choices):

- A gold attribution is *direct* when its content is in quotation marks: it opens with a
  mark (or a mark stands right before it) and closes with one (or one follows it).
- Tokens are ``\\w+`` runs of the article text. A gold direct quote is *found* when our
  direct quotes of one speaker together cover >= 50% of its tokens (a split quote is two
  of our records with one speaker, one gold content with two fragments).
- The speaker is *correct* when the gold source's head word (the root of its parse)
  equals, case-insensitively, the head word of our ``speaker_text`` or the last word of
  our speaker actor's name; a gold pronoun therefore matches our pronoun as written.
- ``resolved_speaker_accuracy``: of the gold direct quotes whose source's head word is a
  proper noun (the gold *names* the speaker), the share found whose *resolved* speaker
  (our actor, not ``speaker_text``) has that word in its name; so "he said" only counts
  when our actor behind "he" is the named person.
- ``precision``: share of our direct quotes with >= 50% of their tokens inside some gold
  content (direct or not).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..records import Article, ArticleError, ExtractedArticle, Quote, Span
from .report import EvalReport, sha256_file

log = logging.getLogger(__name__)

__all__ = ["GoldAttribution", "evaluate_polnear", "read_ann"]

_WORD = re.compile(r"\w+")
_OPENING = "\"“‘'«"
_CLOSING = "\"”’'»"
_MAX_ERRORS = 300


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: content fragments and (maybe) source fragments."""

    content: tuple[Span, ...]
    source: tuple[Span, ...]
    cue: tuple[Span, ...]


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attributions of one brat ``.ann`` file (relations without content are skipped)."""
    spans: dict[str, tuple[Span, ...]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label_and_offsets = parts[1].split(" ", 1)
            if len(label_and_offsets) == 2:
                spans[parts[0]] = _offsets(label_and_offsets[1])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(roles)
    out = []
    for roles in relations:
        content = tuple(s for key in ("Content", "Content2") for s in spans.get(roles.get(key, ""), ()))
        if content:
            out.append(GoldAttribution(content, spans.get(roles.get("Source", ""), ()), spans.get(roles.get("Cue", ""), ())))
    return out


def _offsets(text: str) -> tuple[Span, ...]:
    out = []
    for frag in text.split(";"):
        start, end = frag.split()
        out.append((int(start), int(end)))
    return tuple(sorted(out))


def is_direct(text: str, content: Sequence[Span]) -> bool:
    """True when the content is enclosed in quotation marks (marks inside or just outside)."""
    start, end = content[0][0], content[-1][1]
    inner = text[start:end].strip()
    before = text[max(0, start - 3):start].rstrip()
    after = text[end:end + 3].lstrip(" ,.;:")
    # a straight mark outside the span counts only if it faces the span ('said "we' is not
    # a closing mark after "said")
    opens = inner[:1] in _OPENING or (before[-1:] in _OPENING and not before[-2:-1].isalnum())
    closes = (
        inner.rstrip(" ,.;:?!")[-1:] in _CLOSING
        or inner[-1:] in _CLOSING
        or (after[:1] in _CLOSING and not after[1:2].isalnum())
    )
    return opens and closes


@dataclass(frozen=True, slots=True)
class _Item:
    name: str
    text: str
    published: dt.date | None
    title: str | None
    gold: tuple[GoldAttribution, ...]
    files: tuple[Path, ...]


def _load(path: Path, limit: int | None) -> list[_Item]:
    folder = path / "dev" if (path / "dev" / "text").is_dir() else path
    texts = sorted((folder / "text").glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"no PolNeAR texts under {folder / 'text'}; pass the polnear folder or its dev folder")
    meta = _metadata(folder.parent / "metadata.tsv") if (folder.parent / "metadata.tsv").exists() else {}
    items = []
    for txt in texts[: limit or None]:
        anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            log.warning("no annotation for %s", txt.name)
            continue
        published, title = meta.get(txt.stem, (None, None))
        text = txt.read_text(encoding="utf-8")
        items.append(_Item(txt.stem, text, published, title, tuple(read_ann(anns[0])), (txt, anns[0])))
    return items


def _metadata(path: Path) -> dict[str, tuple[dt.date | None, str | None]]:
    out = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            try:
                day = dt.date.fromisoformat(row.get("publication_date", ""))
            except ValueError:
                day = None
            out[row["filename"]] = (day, row.get("title"))
    return out


def _quotes_of(runner: Any, items: Sequence[_Item]) -> tuple[list[Sequence[Quote]], str]:
    """Our quotes per article: the full pipeline if given an Extractor, else (development
    only) ``find_quotes`` on the bare parse with no actors."""
    if hasattr(runner, "extract_many"):
        articles = [Article(text=i.text, id=i.name, published=i.published, title=i.title) for i in items]
        out: list[Sequence[Quote]] = []
        for result in runner.extract_many(articles):
            if isinstance(result, ArticleError):
                log.warning("article %s failed in %s: %s", result.article_id, result.stage, result.message)
                out.append(())
            else:
                assert isinstance(result, ExtractedArticle)
                out.append(result.quotes)
        return out, "pipeline"
    from ..quotes import find_quotes
    from ..records import ActorAnalysis

    return [find_quotes(doc, ActorAnalysis()) for doc in runner.pipe(i.text for i in items)], "quotes-only"


def _nlp_of(runner: Any) -> Any:
    resources = getattr(runner, "resources", None)
    return resources.nlp if resources is not None else runner


def evaluate_polnear(nlp_or_extractor: Any, path: Path, limit: int | None = None) -> EvalReport:
    """Score direct quotes and speakers on PolNeAR dev (``path``: the polnear folder)."""
    items = _load(Path(path), limit)
    predicted, mode = _quotes_of(nlp_or_extractor, items)
    heads = _Heads(_nlp_of(nlp_or_extractor))
    tally: dict[str, int] = defaultdict(int)
    errors: list[dict[str, Any]] = []
    for item, quotes in zip(items, predicted):
        _score_article(item, quotes, heads, tally, errors)
    gold_direct = max(tally["gold_direct"], 1)
    metrics = {
        "direct_recall": round(tally["found"] / gold_direct, 4),
        "speaker_accuracy": round(tally["speaker_ok"] / gold_direct, 4),
        "precision": round(tally["ours_correct"] / max(tally["ours_direct"], 1), 4),
        "any_recall": round(tally["any_found"] / max(tally["gold_all"], 1), 4),
        # where the gold names the speaker (its source's head is a proper noun): our resolved
        # actor bears that name; a missed quote counts as wrong
        "resolved_speaker_accuracy": round(tally["resolved_ok"] / max(tally["gold_direct_named"], 1), 4),
    }
    files = {str(f): sha256_file(f) for item in items for f in item.files}
    notes = (
        f"mode: {mode}",
        "direct = content in quotation marks; found = >=50% of gold tokens covered by our direct "
        "quotes of one speaker; speaker = head-word match (gold source root vs our speaker_text "
        "root or actor surname); any_recall = all gold contents vs all our quotes",
    )
    return EvalReport("polnear", metrics, dict(tally), {}, errors[:_MAX_ERRORS], files, notes)


class _Heads:
    """Head words of short phrases (and whether the head is a proper name), parsed once each."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.cache: dict[str, tuple[str, bool]] = {}

    def __call__(self, phrase: str | None) -> str | None:
        return self._parse(phrase)[0] or None

    def names(self, phrase: str | None) -> bool:
        """True when the phrase's head is a proper noun: the gold *names* the speaker."""
        return self._parse(phrase)[1]

    def _parse(self, phrase: str | None) -> tuple[str, bool]:
        if not phrase or not phrase.strip():
            return "", False
        # the head of "Jane Roe, an economist at ..." / "Rep. Jane Roe (D-Ore.)" is in its first part
        key = re.split(r"[,(\[]| --? ", phrase.strip())[0].strip() or phrase.strip()
        if key not in self.cache:
            doc = self.nlp(key)
            words = [t for t in doc if not t.is_punct and not t.is_space]
            root = doc[:].root if len(doc) else None
            if root is not None and (root.is_punct or root.is_space) and words:
                root = words[-1]
            self.cache[key] = (root.text.lower(), root.pos_ == "PROPN") if root is not None else ("", False)
        return self.cache[key]


def _words(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the ``\\w+`` tokens lying inside ``spans``."""
    out: set[int] = set()
    for start, end in spans:
        out.update(m.start() + start for m in _WORD.finditer(text[start:end]))
    return out


def _score_article(
    item: _Item, quotes: Sequence[Quote], heads: _Heads, tally: dict[str, int], errors: list[dict[str, Any]]
) -> None:
    text = item.text
    direct = [q for q in quotes if q.direct]
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in direct:
        by_speaker[_speaker_key(quote)].append(quote)
    group_words = {key: _words(text, [q.span for q in qs]) for key, qs in by_speaker.items()}
    all_quote_words = _words(text, [q.span for q in quotes])
    gold_words_all: set[int] = set()
    for gold in item.gold:
        words = _words(text, gold.content)
        gold_words_all |= words
        tally["gold_all"] += 1
        if words and len(words & all_quote_words) * 2 >= len(words):
            tally["any_found"] += 1
        if not words or not is_direct(text, gold.content):
            continue
        tally["gold_direct"] += 1
        tally["gold_direct_named"] += heads.names(" ".join(text[s:e] for s, e in gold.source))
        best = max(group_words, key=lambda k: len(words & group_words[k]), default=None)
        covered = len(words & group_words[best]) if best is not None else 0
        gold_source = " ".join(text[s:e] for s, e in gold.source)
        if best is None or covered * 2 < len(words):
            errors.append({"article": item.name, "kind": "missed", "text": _cut(text, gold.content), "gold": gold_source, "predicted": None})
            continue
        tally["found"] += 1
        quote = max(by_speaker[best], key=lambda q: len(words & _words(text, [q.span])))
        if heads.names(gold_source):
            tally["gold_named"] += 1
            if _resolved_matches(gold_source, quote, heads):
                tally["resolved_ok"] += 1
            elif len(errors) < _MAX_ERRORS:
                errors.append({"article": item.name, "kind": "resolved", "text": _cut(text, gold.content), "gold": gold_source,
                               "predicted": quote.speaker.name if quote.speaker else None})
        if _speaker_matches(gold_source, quote, heads):
            tally["speaker_ok"] += 1
        else:
            errors.append({"article": item.name, "kind": "speaker", "text": _cut(text, gold.content), "gold": gold_source or None,
                           "predicted": quote.speaker_text or (quote.speaker.name if quote.speaker else None)})
    for quote in direct:
        tally["ours_direct"] += 1
        words = _words(text, [quote.span])
        if words and len(words & gold_words_all) * 2 >= len(words):
            tally["ours_correct"] += 1
        elif len(errors) < _MAX_ERRORS:
            errors.append({"article": item.name, "kind": "spurious", "text": quote.text[:160], "gold": None, "predicted": quote.speaker_text})


def _speaker_key(quote: Quote) -> str:
    if quote.speaker is not None:
        return quote.speaker.id
    return (quote.speaker_text or "").lower()


def _speaker_matches(gold_source: str, quote: Quote, heads: _Heads) -> bool:
    gold = heads(gold_source)
    if gold is None:
        return False
    ours = {heads(quote.speaker_text)}
    if quote.speaker is not None and quote.speaker.name.split():
        ours.add(quote.speaker.name.split()[-1].lower())
    return gold in ours


def _resolved_matches(gold_source: str, quote: Quote, heads: _Heads) -> bool:
    """Our *resolved* speaker (the actor, not the words as written) bears the gold's name."""
    gold = heads(gold_source)
    words = _WORD.findall(quote.speaker.name) if quote.speaker is not None else []
    if gold is None or not words:
        return False
    initials = "".join(w[0] for w in words if w[0].isupper()).lower()  # "the IMF": International Monetary Fund
    return gold in {w.lower() for w in words} or gold == initials


def _cut(text: str, spans: Sequence[Span]) -> str:
    return text[spans[0][0]: spans[-1][1]][:160]
