"""Hand-made ExtractedArticle records for the store tests (no pipeline needed)."""

from __future__ import annotations

import datetime as dt

from detente.records import Actor, ActorRef, Article, Event, ExtractedArticle, Place, Quote

PLOVER = {
    "CONSULT": (1, 2.5, "040", 1.0),
    "AGREE": (1, 2.5, "030", 4.0),
    "ACCUSE": (3, -3.0, "112", -2.0),
    "ASSAULT": (4, -9.0, "190", -10.0),
    "AID": (2, 10.0, "070", 7.0),
}

USA = ActorRef("a1", "Hillary Clinton", "USA", "GOV")
RUS = ActorRef("a2", "Sergei Lavrov", "RUS", "GOV")
GEO = ActorRef("a3", "Georgia", "GEO", None)
GENEVA = Place("Geneva", "CHE", 46.2, 6.14, 2660646, "Geneva", (0, 6))


def event(eid: str, etype: str, actor: ActorRef, recipient: ActorRef, date: str, precision: str = "day",
          place: Place | None = None, symmetric: bool = False, status: str = "asserted") -> Event:
    quad, intensity, cameo, goldstein = PLOVER[etype]
    return Event(
        id=eid, type=etype, mode=None, contexts=("diplomatic",), cameo=cameo, quad_class=quad,
        intensity=intensity, goldstein=goldstein, actor=(actor,), recipient=(recipient,),
        symmetric=symmetric, status=status, sentence_index=0, span=(0, 20), trigger="met",
        trigger_span=(10, 13), text="The ministers met.", confidence=0.9, date=date,
        date_precision=precision, date_text=None, location=place,
    )


def article(aid: str, published: str | None, events: tuple[Event, ...], text: str | None = None,
            source: str = "test") -> ExtractedArticle:
    text = text or f"Story {aid}: Hillary Clinton met Sergei Lavrov in Geneva."
    actors = (
        Actor("a1", "Hillary Clinton", "person", "USA", "GOV", "Secretary of State", ((10, 25),), "descriptor"),
        Actor("a2", "Sergei Lavrov", "person", "RUS", "GOV", "Foreign Minister", ((30, 43),), "kb"),
    )
    quotes = (Quote(RUS, "We will work hard", (0, 17), "said", True, published[:10] if published else None),)
    return ExtractedArticle(
        Article(text=text, id=aid, published=dt.date.fromisoformat(published) if published else None, title=f"T {aid}", source=source),
        actors, events, quotes,
    )
