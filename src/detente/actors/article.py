"""One article's resolution in progress: its drafts (actors so far) and mentions, and the
finished :class:`ActorAnalysis`. The handlers of each mention family (``people``,
``bodies``, ``states``, ``references``) write here; nothing here resolves a mention."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Mapping

from ..nlp import doc_text, sentence_of, token_table
from ..records import Actor, ActorAnalysis, Mention
from .context import infer_countries
from .coref import Draft
from .descriptors import Descriptor
from .knowledge import ActorTables
from .lookup import NONSTATE

if TYPE_CHECKING:
    from .candidates import Item
    from .countries import NameHit


class Article:
    """Drafts and mentions of one doc, filled by the handlers in document order."""

    def __init__(self, tables: ActorTables, doc: Any, day: date | None, hits: "Mapping[int, NameHit] | None" = None) -> None:
        self.tables, self.doc, self.day = tables, doc, day
        self.hits = hits if hits is not None else {}
        self.drafts: list[Draft] = []
        self.by_key: dict[tuple[Any, ...], Draft] = {}
        self.mentions: list[tuple[Draft, int, int, str, bool]] = []  # draft, start, end, how, in by_token
        self.by_head: dict[int, Draft] = {}
        self.why: dict[tuple[int, int, int], str] = {}  # (draft id, start, end) -> evidence of a reference
        self.sent_of = sentence_of(doc)

    def draft(self, key: tuple[Any, ...], **fields: Any) -> Draft:
        found = self.by_key.get(key)
        if found is None:
            found = Draft(key=key, **fields)
            self.by_key[key] = found
            self.drafts.append(found)
        return found

    def mention(self, d: Draft, item: "Item", how: str, primary: bool = True, evidence: str = "") -> None:
        self.mentions.append((d, item.start, item.end, how, primary))
        if evidence:
            self.why[(id(d), item.start, item.end)] = evidence
        d.last = max(d.last, item.head)
        d.sentence = max(d.sentence, self.sent_of[item.head])
        d.count += 1
        self.by_head[item.head] = d

    def code(self, hit: "NameHit | None") -> tuple[str | None, str | None]:
        if hit is None:
            return None, None
        row = hit.entry.code_on(self.day)
        return row.country or None, row.sector

    def descriptor_code(self, d: Descriptor, sector: str | None) -> tuple[str | None, str | None]:
        """Country and sector from a descriptor; an organisation's own code wins for
        non-state groups ("a Hamas spokesman" is Hamas), IGOs keep the title's sector."""
        country, _ = self.code(d.country)
        if d.org is not None:
            org_country, org_sector = self.code(d.org)
            if org_country in NONSTATE:
                return org_country, sector or org_sector
            return org_country, org_sector or sector
        if d.country is not None and d.country.entry.kind in ("metonym", "dict"):
            return country, sector or self.code(d.country)[1]
        return country, sector

    def np_text(self, item: "Item") -> str:
        toks = [t for t in self.doc[item.start : item.end] if not (t.dep_ == "det" and t.i == item.start)]
        return "".join(t.text_with_ws for t in toks).strip() or self.doc[item.head].text

    def finish(self) -> ActorAnalysis:
        infer_countries(self.drafts, self.doc, self.hits, self.mentions, self.day)
        first: dict[int, int] = {}
        for d, start, _, _, _ in self.mentions:
            first[id(d)] = min(first.get(id(d), start), start)
        ordered = sorted((d for d in self.drafts if id(d) in first), key=lambda d: first[id(d)])
        ids = {id(d): f"a{n}" for n, d in enumerate(ordered, start=1)}
        sent_of = self.sent_of
        _, starts, ends = token_table(self.doc)
        text = doc_text(self.doc)
        mentions: list[Mention] = []
        by_token: dict[int, str] = {}
        spans: dict[int, list[tuple[int, int]]] = {id(d): [] for d in ordered}
        for d, start, end, how, primary in sorted(self.mentions, key=lambda m: (m[1], m[2])):
            span = (starts[start], ends[end - 1])
            aid = ids[id(d)]
            why = self.why.get((id(d), start, end), "")
            mentions.append(Mention(aid, start, end, span, sent_of[start], text[span[0]:span[1]], how, why))
            if span not in spans[id(d)]:
                spans[id(d)].append(span)
            if primary:
                for i in range(start, end):
                    by_token.setdefault(i, aid)
        actors = tuple(_actor(d, ids[id(d)], tuple(spans[id(d)])) for d in ordered)
        return ActorAnalysis(actors=actors, mentions=tuple(mentions), by_token=by_token)


def _actor(d: Draft, aid: str, spans: tuple[tuple[int, int], ...]) -> Actor:
    sector = d.sector
    if d.kind == "country":
        sector = "GOV" if d.acting else None
    return Actor(
        id=aid, name=d.name, kind=d.kind, country=d.country, sector=sector, title=d.title,
        mentions=spans, evidence=d.evidence if (d.country or sector) else "none", kb_id=d.kb_id,
    )
