"""WikiEvents dev: every event of whole real articles (KAIROS ontology, exhaustive).

Gold: ``wikievents_dev/dev.jsonl.gz`` (see its SOURCE.txt). Scoring (documented choices):

- **Text and offsets.** The file's ``text`` glues some sentences together ("in SyriaThe
  desert") and the offsets in ``sentences`` drift. The tokens are found in ``text`` in
  order; the article given to detente is the original text with a paragraph break
  ("\\n\\n") inserted wherever two gold sentences touch with no space between them (a lost
  title or paragraph break). Gold spans are the found tokens' offsets in that text.
- **Types.** KAIROS -> PLOVER as SOURCE.txt says: Conflict.Attack.* -> ASSAULT; Life.Die
  with a Killer, Life.Injure with an Injurer -> ASSAULT; Conflict.Demonstrate.* ->
  PROTEST; Justice.ArrestJailDetain -> COERCE; Contact.Contact.Meet -> CONSULT;
  Contact.ThreatenCoerce -> THREATEN; Contact.RequestCommand -> REQUEST; Justice.
  ChargeIndict / InvestigateCrime / TrialHearing / Sentence / Convict -> ACCUSE or COERCE,
  and Convict / Sentence also SANCTION (PLOVER's SANCTION 'convict': "a court convicted X").
- **Recall**: share of mapped gold events that a detente event of an accepted type meets:
  one of its mentions' trigger spans overlaps the gold trigger (an event's ``mentions``
  when it has them, else its ``trigger_span``).
- **Precision** on the types the ontology covers exhaustively (ASSAULT, PROTEST, COERCE,
  CONSULT): share of detente events of those types one of whose mentions meets a gold
  event that accepts the type. An ASSAULT on any gold death, injury or damage counts, and
  a CONSULT on a gold Contact.Contact.Unspecified (talks and calls not in person: CAMEO
  041) counts. ``mention_precision`` is the same per mention.
- **Actor of found events**: over found gold events with an agent argument (Attacker,
  Killer, Injurer, Demonstrator, Jailer, Communicator, Prosecutor, JudgeCourt,
  Investigator; Participant for meetings), the share where a meeting detente event has
  an actor that matches one: *overlap* (a mention span of our actor overlaps the gold
  argument's tokens) or *head* (the gold argument's last word equals, ignoring case, a
  word of our actor's name or of one of its mention texts). ``recipient_accuracy`` does
  the same for Target / Victim / Detainee / Recipient / Defendant (Participant for
  meetings) against our recipients.
- **Merges** (only when detente's events carry ``mentions``): WikiEvents has no event
  coreference, so the gold clusters are a proxy: two mapped gold events of one article
  and one PLOVER type are one happening when they share an argument entity mention, or
  have an argument of the same role with the same capitalised text (a name: "Provisional
  IRA"); places are not enough (two shootings in Belfast). Over the gold events detente
  found, a pair is *merged* when one detente event's mentions meet both; merge precision
  and recall are pairwise against the (transitive) gold clusters. The proxy misses real
  coreference (pronoun-like arguments, no shared argument), so merge precision is a
  lower bound.
Articles carry no publication date; none is passed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..records import Article, ArticleError, ExtractedArticle, Span
from .jsonl import read_jsonl
from .report import EvalReport, sha256_file

log = logging.getLogger(__name__)

__all__ = ["GoldArg", "GoldEvent", "Predicted", "WikiDoc", "accepted_types", "evaluate_wikievents",
           "predictions_of", "read_wikievents", "rebuild_text", "score_documents"]

FILE = "dev.jsonl.gz"
EXHAUSTIVE = ("ASSAULT", "PROTEST", "COERCE", "CONSULT")
_JUSTICE = ("Justice.ChargeIndict", "Justice.InvestigateCrime", "Justice.TrialHearing",
            "Justice.Sentence", "Justice.Convict")
_PREFIXES = (("Conflict.Attack", "ASSAULT"), ("Conflict.Demonstrate", "PROTEST"),
             ("Justice.ArrestJailDetain", "COERCE"), ("Contact.Contact.Meet", "CONSULT"),
             ("Contact.ThreatenCoerce", "THREATEN"), ("Contact.RequestCommand", "REQUEST"))
#: Gold types a detente event of this type may meet for precision, beyond the mapped ones.
_ALSO_PRECISE = {"ASSAULT": ("Life.Die", "Life.Injure", "ArtifactExistence.DamageDestroyDisableDismantle"),
                 "CONSULT": ("Contact.Contact.Unspecified",)}
AGENT_ROLES = frozenset({"Attacker", "Killer", "Injurer", "Demonstrator", "Jailer", "Communicator",
                         "Prosecutor", "JudgeCourt", "Investigator"})
PATIENT_ROLES = frozenset({"Target", "Victim", "Detainee", "Recipient", "Defendant"})
_WORD = re.compile(r"\w+")
_MAX_ERRORS = 300


@dataclass(frozen=True, slots=True)
class GoldArg:
    role: str
    text: str
    span: Span
    entity_id: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    kairos: str
    span: Span
    trigger: str
    args: tuple[GoldArg, ...]

    @property
    def plover(self) -> frozenset[str]:
        return accepted_types(self)


@dataclass(frozen=True, slots=True)
class WikiDoc:
    doc_id: str
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """What the scorer needs of one detente event: type, mention triggers, participants."""

    type: str
    triggers: tuple[Span, ...]
    actor_words: frozenset[str] = frozenset()
    actor_spans: tuple[Span, ...] = ()
    recipient_words: frozenset[str] = frozenset()
    recipient_spans: tuple[Span, ...] = ()
    has_mentions: bool = False


def accepted_types(event: GoldEvent) -> frozenset[str]:
    """PLOVER types that find this gold event (empty: not a mapped type)."""
    roles = {a.role for a in event.args}
    if event.kairos.startswith("Life.Die"):
        return frozenset({"ASSAULT"}) if "Killer" in roles else frozenset()
    if event.kairos.startswith("Life.Injure"):
        return frozenset({"ASSAULT"}) if "Injurer" in roles else frozenset()
    if event.kairos.startswith(("Justice.Convict", "Justice.Sentence")):
        # PLOVER codes a conviction as SANCTION 'convict' (a prison sentence also COERCE)
        return frozenset({"ACCUSE", "COERCE", "SANCTION"})
    if event.kairos.startswith(_JUSTICE):
        return frozenset({"ACCUSE", "COERCE"})
    return frozenset(t for prefix, t in _PREFIXES if event.kairos.startswith(prefix))


def _precise_for(event: GoldEvent, ptype: str) -> bool:
    return ptype in event.plover or event.kairos.startswith(_ALSO_PRECISE.get(ptype, ("\0",)))


# ---------------------------------------------------------------- reading the gold


def rebuild_text(raw: Mapping[str, Any]) -> tuple[str, list[Span]]:
    """The article text and each token's span in it (see the module doc: tokens found in
    order; a paragraph break where two sentences touch)."""
    text, tokens = raw["text"], raw["tokens"]
    sentence_starts, n = set(), 0
    for sent in raw.get("sentences") or ():
        sentence_starts.add(n)
        n += len(sent[0])
    pieces: list[str] = []
    spans: list[Span] = []
    cursor, out_len = 0, 0
    for i, token in enumerate(tokens):
        found = text.find(token, cursor)
        if found < 0:
            raise ValueError(f"{raw.get('doc_id')}: token {i} {token!r} not found in text; is it WikiEvents?")
        gap = text[cursor:found]
        if i in sentence_starts and i > 0 and not gap:
            gap = "\n\n"
        pieces += [gap, token]
        out_len += len(gap)
        spans.append((out_len, out_len + len(token)))
        out_len += len(token)
        cursor = found + len(token)
    pieces.append(text[cursor:])
    return "".join(pieces), spans


def _parse_doc(raw: Mapping[str, Any]) -> WikiDoc:
    text, spans = rebuild_text(raw)

    def chars(start: int, end: int) -> Span:
        return spans[start][0], spans[end - 1][1]

    entities = {m["id"]: m for m in raw.get("entity_mentions") or ()}
    events = []
    for ev in raw.get("event_mentions") or ():
        trig = ev["trigger"]
        args = []
        for arg in ev.get("arguments") or ():
            ent = entities.get(arg["entity_id"])
            if ent is None:
                continue
            args.append(GoldArg(arg["role"], arg.get("text") or ent.get("text", ""),
                                chars(ent["start"], ent["end"]), arg["entity_id"]))
        events.append(GoldEvent(ev["id"], ev["event_type"], chars(trig["start"], trig["end"]),
                                trig.get("text", ""), tuple(args)))
    return WikiDoc(raw["doc_id"], text, tuple(events))


def read_wikievents(path: Path, limit: int | None = None) -> list[WikiDoc]:
    file = path / FILE if path.is_dir() else path
    if not file.exists():
        raise FileNotFoundError(f"no {FILE} in {path}; point it at the wikievents_dev folder")
    return [_parse_doc(raw) for raw in read_jsonl(file, limit)]


# ---------------------------------------------------------------- our events


def _field(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, Mapping) else getattr(obj, key, None)


def _words(*texts: str) -> frozenset[str]:
    return frozenset(w.lower() for t in texts for w in _WORD.findall(t or ""))


def predictions_of(result: ExtractedArticle) -> tuple[Predicted, ...]:
    """Our events in the scorer's terms; an actor's words are its name and mention texts."""
    text = result.article.text
    actors = {a.id: a for a in result.actors}

    def side(refs: Sequence[Any]) -> tuple[frozenset[str], tuple[Span, ...]]:
        words: set[str] = set()
        spans: list[Span] = []
        for ref in refs:
            actor = actors.get(ref.id)
            words |= _words(ref.name)
            if actor is not None:
                spans += [(m[0], m[1]) for m in actor.mentions]
                words |= _words(*(text[s:e] for s, e in actor.mentions))
        return frozenset(words), tuple(spans)

    out = []
    for event in result.events:
        mentions = getattr(event, "mentions", None) or ()
        triggers = tuple(tuple(_field(m, "trigger_span")) for m in mentions if _field(m, "trigger_span"))
        act, act_spans = side(event.actor)
        rec, rec_spans = side(event.recipient)
        out.append(Predicted(event.type, triggers or (tuple(event.trigger_span),), act, act_spans,
                             rec, rec_spans, bool(mentions)))
    return tuple(out)


# ---------------------------------------------------------------- scoring


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _meets(pred: Predicted, gold: GoldEvent) -> bool:
    return any(_overlaps(t, gold.span) for t in pred.triggers)


def _side_matches(args: Iterable[GoldArg], words: frozenset[str], spans: Sequence[Span]) -> bool:
    for arg in args:
        head = _WORD.findall(arg.text)
        if (head and head[-1].lower() in words) or any(_overlaps(arg.span, s) for s in spans):
            return True
    return False


def _roles(gold: GoldEvent, roles: frozenset[str]) -> list[GoldArg]:
    meeting = gold.kairos.startswith("Contact.Contact.Meet")
    return [a for a in gold.args if a.role in roles or (meeting and a.role == "Participant")]


def _score_recall(doc: WikiDoc, preds: Sequence[Predicted], tally: Counter[str], per_type: Counter[tuple[str, str]],
                  errors: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Recall and participants; returns, per found gold event id, the predictions meeting it."""
    found: dict[str, list[int]] = {}
    for gold in doc.events:
        if not gold.plover:
            continue
        label = "/".join(sorted(gold.plover))
        tally["gold_mapped"] += 1
        per_type[(label, "gold")] += 1
        hits = [i for i, p in enumerate(preds) if p.type in gold.plover and _meets(p, gold)]
        if not hits:
            _error(errors, doc, gold, "missed", None)
            continue
        found[gold.id] = hits
        tally["found"] += 1
        per_type[(label, "found")] += 1
        for side, roles, attr in (("actor", AGENT_ROLES, "actor"), ("recipient", PATIENT_ROLES, "recipient")):
            args = _roles(gold, roles)
            if not args:
                continue
            tally[f"{side}_judged"] += 1
            if any(_side_matches(args, getattr(preds[i], f"{attr}_words"), getattr(preds[i], f"{attr}_spans"))
                   for i in hits):
                tally[f"{side}_ok"] += 1
            elif side == "actor":
                _error(errors, doc, gold, "actor", [sorted(preds[i].actor_words) for i in hits])
    return found


def _score_precision(doc: WikiDoc, preds: Sequence[Predicted], tally: Counter[str], errors: list[dict[str, Any]]) -> None:
    for pred in preds:
        if pred.type not in EXHAUSTIVE:
            continue
        tally["ours_exhaustive"] += 1
        ok = False
        for trigger in pred.triggers:
            tally["our_mentions"] += 1
            hit = any(_precise_for(g, pred.type) and _overlaps(trigger, g.span) for g in doc.events)
            tally["our_mentions_ok"] += hit
            ok = ok or hit
        tally["ours_correct"] += ok
        if not ok and len(errors) < _MAX_ERRORS:
            s, e = pred.triggers[0]
            errors.append({"article": doc.doc_id, "kind": "spurious", "text": _around(doc.text, (s, e)),
                           "gold": None, "predicted": pred.type})


def gold_clusters(doc: WikiDoc) -> dict[str, int]:
    """Gold event id -> cluster number (the shared-argument proxy of the module doc)."""
    mapped = [g for g in doc.events if g.plover]
    parent = {g.id: g.id for g in mapped}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in combinations(mapped, 2):
        if a.plover & b.plover and _share_argument(a, b):
            parent[root(a.id)] = root(b.id)
    roots: dict[str, int] = {}
    return {g.id: roots.setdefault(root(g.id), len(roots)) for g in mapped}


def _share_argument(a: GoldEvent, b: GoldEvent) -> bool:
    if {x.entity_id for x in a.args} & {x.entity_id for x in b.args}:
        return True
    named = {(x.role, x.text) for x in a.args if x.role != "Place" and x.text[:1].isupper()}
    return any((x.role, x.text) in named for x in b.args)


def _score_merges(doc: WikiDoc, preds: Sequence[Predicted], found: dict[str, list[int]], tally: Counter[str]) -> None:
    clusters = gold_clusters(doc)
    for a, b in combinations(sorted(found), 2):
        merged = bool(set(found[a]) & {i for i in found[b] if preds[i].has_mentions})
        same = clusters.get(a) == clusters.get(b)
        tally["merge_pairs_ours"] += merged
        tally["merge_pairs_gold"] += same
        tally["merge_pairs_both"] += merged and same


def _around(text: str, span: Span, width: int = 70) -> str:
    s, e = span
    return " ".join(f"{text[max(0, s - width):s]}[[{text[s:e]}]]{text[e:e + width]}".split())


def _error(errors: list[dict[str, Any]], doc: WikiDoc, gold: GoldEvent, kind: str, predicted: Any) -> None:
    if len(errors) < _MAX_ERRORS:
        errors.append({"article": doc.doc_id, "kind": kind, "text": _around(doc.text, gold.span),
                       "gold": {"type": gold.kairos, "plover": sorted(gold.plover),
                                "args": [(a.role, a.text) for a in gold.args]},
                       "predicted": predicted})


def score_documents(docs: Sequence[WikiDoc], predictions: Sequence[Sequence[Predicted]]) -> EvalReport:
    """Figures for gold documents and our events of each (same order)."""
    tally: Counter[str] = Counter()
    per_type: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, Any]] = []
    with_mentions = any(p.has_mentions for preds in predictions for p in preds)
    for doc, preds in zip(docs, predictions):
        found = _score_recall(doc, preds, tally, per_type, errors)
        _score_precision(doc, preds, tally, errors)
        if with_mentions:
            _score_merges(doc, preds, found, tally)
    metrics = {
        "recall": _ratio(tally["found"], tally["gold_mapped"]),
        "precision": _ratio(tally["ours_correct"], tally["ours_exhaustive"]),
        "mention_precision": _ratio(tally["our_mentions_ok"], tally["our_mentions"]),
        "actor_accuracy": _ratio(tally["actor_ok"], tally["actor_judged"]),
        "recipient_accuracy": _ratio(tally["recipient_ok"], tally["recipient_judged"]),
    }
    notes = ["recall: mapped gold events met by a detente event of an accepted type (trigger overlap, any mention)",
             "precision: detente ASSAULT/PROTEST/COERCE/CONSULT events meeting a gold event of their type",
             "actor/recipient: of found gold events with such an argument; head word or span overlap"]
    if with_mentions:
        metrics["merge_precision"] = _ratio(tally["merge_pairs_both"], tally["merge_pairs_ours"])
        metrics["merge_recall"] = _ratio(tally["merge_pairs_both"], tally["merge_pairs_gold"])
    else:
        notes.append("merges not scored: detente's events carry no `mentions`")
    table = [{"plover": t, "gold": per_type[(t, "gold")], "found": per_type[(t, "found")],
              "recall": _ratio(per_type[(t, "found")], per_type[(t, "gold")])}
             for t in sorted({t for t, _ in per_type})]
    return EvalReport("wikievents", metrics, {"documents": len(docs), **dict(tally)}, {"recall_by_type": table},
                      errors, {}, tuple(notes))


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def evaluate_wikievents(extractor: Any, path: Path, limit: int | None = None) -> EvalReport:
    """Score ``extractor`` on WikiEvents dev at ``path`` (the folder or its .jsonl.gz)."""
    file = Path(path) / FILE if Path(path).is_dir() else Path(path)
    docs = read_wikievents(file, limit)
    articles = [Article(text=d.text, id=d.doc_id) for d in docs]
    predictions: list[tuple[Predicted, ...]] = []
    for doc, result in zip(docs, extractor.extract_many(articles)):
        if isinstance(result, ArticleError):
            log.warning("article %s failed in %s: %s", doc.doc_id, result.stage, result.message)
            predictions.append(())
        else:
            predictions.append(predictions_of(result))
    report = score_documents(docs, predictions)
    return EvalReport(report.dataset, report.metrics, report.counts, report.tables, report.errors,
                      {str(file): sha256_file(file)}, report.notes)
