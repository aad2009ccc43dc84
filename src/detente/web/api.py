"""The JSON API under ``/api`` (documented by FastAPI's OpenAPI schema at /openapi.json).

Handlers validate every parameter before any SQL runs: a bad value answers 400 (or 422
from FastAPI's own checks) with a message naming the parameter and the fix, never 500.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any, Iterator, Literal, Optional, get_args

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict

from .. import ontology
from ..analytics import dyad_series
from ..records import STATUSES
from ..store.queries import parse_party
from . import queries

#: longest actor/party text accepted (names are short; this bounds the work per request)
MAX_NAME = 120
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_COUNTRY = re.compile(r"[A-Za-z]{3}")


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


def _blank_or(pattern: str) -> str:
    """A schema pattern: ``pattern``, or nothing (no filter), with spaces around."""
    return rf"^\s*({pattern})?\s*$"


# The formats exactly as the handlers accept them, for the OpenAPI schema (the handlers
# check them and answer 400 with the parameter's name and the fix).
_YEAR = r"(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = r"([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
              r"|02-(0[1-9]|1[0-9]|2[0-8]))")
DATE_PATTERN = _blank_or(rf"{_YEAR}(-(0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29")
COUNTRY_PATTERN = _blank_or(r"[A-Za-z]{3}")
# The Literal (not the table), so that importing the app reads no data file.
PLOVER = get_args(ontology.EventType)
TYPE_PATTERN = _blank_or("|".join(_any_case(t) for t in PLOVER))
_STATUS = "(" + "|".join(_any_case(s) for s in STATUSES) + ")"
STATUS_PATTERN = rf"^\s*{_STATUS}?(\s*,\s*{_STATUS}?)*\s*$"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Problem(_Out):
    """Why a request was refused: the parameter, the problem and the fix."""

    detail: str


#: the answers besides 200 and FastAPI's 422 that the schema documents
PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "A parameter has a value that cannot be used (the message names it and the fix)."},
    414: {"model": Problem, "description": "The query string or path is too long."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such article in the store."}}


class Segment(_Out):
    text: str
    kind: Optional[str] = None


class Highlight(_Out):
    kind: str
    start: int
    end: int


class EventOut(_Out):
    content_hash: str
    article_id: Optional[str]
    title: Optional[str]
    published: Optional[dt.date]
    source: Optional[str]
    url: Optional[str]
    event_id: str
    dedup_id: Optional[str]
    type: str
    mode: Optional[str]
    cameo: Optional[str]
    quad_class: Optional[int]
    intensity: Optional[float]
    goldstein: Optional[float]
    symmetric: Optional[bool]
    status: Optional[str]
    date: Optional[str]
    date_precision: Optional[str]
    date_text: Optional[str]
    actor_names: list[Optional[str]]
    actor_countries: list[Optional[str]]
    recipient_names: list[Optional[str]]
    recipient_countries: list[Optional[str]]
    location_name: Optional[str]
    location_country: Optional[str]
    location_lat: Optional[float]
    location_lon: Optional[float]
    sentence_index: Optional[int]
    span_start: Optional[int]
    span_end: Optional[int]
    trigger: Optional[str]
    text: Optional[str]
    confidence: Optional[float]
    highlights: list[Highlight]
    segments: list[Segment]


class EventPage(_Out):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class TrendOut(_Out):
    label: str
    slope: Optional[float]
    change: Optional[float]
    periods: int


class DyadOut(_Out):
    a: str
    b: str
    level: str
    events: int
    cooperative: int
    conflictual: int
    net_cooperation: int
    net_ratio: Optional[float]
    quad: list[int]
    mean_goldstein: Optional[float]
    mean_intensity: Optional[float]
    trend: TrendOut


class PeriodOut(_Out):
    period: str
    start: dt.date
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    mean_goldstein: Optional[float]
    mean_intensity: Optional[float]
    net_cooperation: int
    net_ratio: Optional[float]
    a_to_b: int
    b_to_a: int


class TimelineOut(_Out):
    a: str
    b: str
    by: str
    events: int
    undated: int
    trend: TrendOut
    periods: list[PeriodOut]


class ActorOut(_Out):
    name: str
    country: Optional[str]
    sector: Optional[str]
    kind: Optional[str]
    events: int


class PlaceOut(_Out):
    name: Optional[str]
    country: Optional[str]
    lat: float
    lon: float
    events: int
    cooperative: int
    conflictual: int
    mean_goldstein: Optional[float]


class ArticleEvent(_Out):
    event_id: str
    type: str
    status: Optional[str]
    date: Optional[str]
    quad_class: Optional[int]
    trigger: Optional[str]
    actor_names: list[Optional[str]]
    recipient_names: list[Optional[str]]
    location_name: Optional[str]


class ArticleOut(_Out):
    content_hash: str
    id: Optional[str]
    title: Optional[str]
    published: Optional[dt.date]
    source: Optional[str]
    url: Optional[str]
    text: str
    segments: list[Segment]
    events: list[ArticleEvent]


class Overview(_Out):
    articles: int
    events: int
    dedup_events: int
    first_date: Optional[dt.date]
    last_date: Optional[dt.date]
    types: list[str]
    statuses: list[str]


def cursor(request: Request) -> Iterator[Any]:
    """A DuckDB cursor of the app's read-only store for one request (connections are not
    thread-safe; cursors are independent connections to the same database)."""
    with request.app.state.cursor_lock:
        cur = request.app.state.store.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[Any, Depends(cursor)]


def bad(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def parse_day(value: str | None, name: str, end: bool = False) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial date stands for its first (or, for ``end``,
    its last) day."""
    if value is None or not value.strip():
        return None
    m = _DATE.fullmatch(value.strip())
    fix = f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
    if not m:
        raise bad(fix)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            # monthrange, not "first of next month minus a day": December 9999 has no next month
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), last if end else 1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except (ValueError, OverflowError):
        raise bad(fix) from None


def _name(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_NAME:
        raise bad(f"{name} is {len(value)} characters long; give a name or code of at most {MAX_NAME}")
    return value.strip()


def _type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    t = value.strip().upper()
    types = ontology.load().types
    if t not in types:
        raise bad(f"type={value!r} is not a PLOVER event type; use one of {', '.join(types)}")
    return t


def _statuses(value: str | None) -> tuple[str, ...] | None:
    if value is None or not value.strip():
        return None
    out = tuple(s.strip().lower() for s in value.split(",") if s.strip())
    wrong = [s for s in out if s not in STATUSES]
    if wrong:
        raise bad(f"status={value!r}: {', '.join(wrong)} unknown; use a comma-separated list of {', '.join(STATUSES)}")
    return out


def _country(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _COUNTRY.fullmatch(value.strip()):
        raise bad(f"country={value!r} is not a code; use an ISO 3166-1 alpha-3 code such as USA (or EUR, IGO codes)")
    return value.strip().upper()


def event_filter(
    since: Annotated[Optional[str], Query(description="First day (YYYY, YYYY-MM or YYYY-MM-DD; years 0001-9999).",
                                          examples=["2014-03"], json_schema_extra={"pattern": DATE_PATTERN})] = None,
    until: Annotated[Optional[str], Query(description="Last day (YYYY, YYYY-MM or YYYY-MM-DD; a partial date "
                                          "stands for its last day).", examples=["2014"],
                                          json_schema_extra={"pattern": DATE_PATTERN})] = None,
    type: Annotated[Optional[str], Query(description=f"PLOVER event type: {', '.join(PLOVER)} (any case).",  # noqa: A002
                                         examples=["AGREE"], json_schema_extra={"pattern": TYPE_PATTERN})] = None,
    actor: Annotated[Optional[str], Query(description="Party on either side: USA, USAGOV, Russia, Sergei Lavrov.",
                                          json_schema_extra={"maxLength": MAX_NAME})] = None,
    partner: Annotated[Optional[str], Query(description="With actor: events between actor and partner.",
                                            json_schema_extra={"maxLength": MAX_NAME})] = None,
    country: Annotated[Optional[str], Query(description="ISO 3166-1 alpha-3 code of a party on either side.",
                                            examples=["USA"], json_schema_extra={"pattern": COUNTRY_PATTERN})] = None,
    place: Annotated[Optional[str], Query(description="Place name or country code of the event's location.",
                                          json_schema_extra={"maxLength": MAX_NAME})] = None,
    status: Annotated[Optional[str], Query(description=f"Comma-separated statuses ({', '.join(STATUSES)}).",
                                           examples=["asserted,historical"],
                                           json_schema_extra={"pattern": STATUS_PATTERN})] = None,
) -> queries.EventFilter:
    """The filters shared by the events, dyads and places endpoints, validated."""
    first, last = parse_day(since, "since"), parse_day(until, "until", end=True)
    if first and last and first > last:
        raise bad(f"since={since} is after until={until}; swap them")
    return queries.EventFilter(first, last, _type(type), _name(actor, "actor"), _name(partner, "partner"),
                               _country(country), _name(place, "place"), _statuses(status))


Filter = Annotated[queries.EventFilter, Depends(event_filter)]
router = APIRouter(prefix="/api", responses=PROBLEMS)


@router.get("/overview", response_model=Overview, summary="Store counts, date range, types")
def get_overview(con: Cursor) -> dict[str, Any]:
    return {**queries.overview(con), "types": list(ontology.load().types), "statuses": list(STATUSES)}


@router.get("/events", response_model=EventPage, summary="Event records matching the filters")
def get_events(
    con: Cursor, flt: Filter,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    total, items = queries.events_page(con, flt, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/dyads", response_model=list[DyadOut], summary="Most active pairs for the graph")
def get_dyads(
    con: Cursor, flt: Filter,
    level: Annotated[Literal["country", "person"], Query(description="Nodes are countries or people.")] = "country",
    limit: Annotated[int, Query(ge=1, le=500)] = 60,
) -> list[dict[str, Any]]:
    return queries.dyads(con, flt, level, limit)


@router.get("/dyad/{a}/{b}/timeline", response_model=TimelineOut, summary="A dyad per period")
def get_timeline(
    con: Cursor,
    a: Annotated[str, Path(description="One party: USA, USAGOV, Russia, Sergei Lavrov.", max_length=MAX_NAME,
                           json_schema_extra={"pattern": r"\S"})],
    b: Annotated[str, Path(description="The other party.", max_length=MAX_NAME, json_schema_extra={"pattern": r"\S"})],
    by: Annotated[Literal["day", "week", "month", "year"], Query(description="Period length.")] = "month",
) -> dict[str, Any]:
    if not a.strip() or not b.strip():
        raise bad("both parties of a dyad must be non-empty, e.g. /api/dyad/USA/RUS/timeline")
    return dyad_series(con, parse_party(a), parse_party(b), by).to_dict()


@router.get("/actors", response_model=list[ActorOut], summary="Actors by number of events")
def get_actors(
    con: Cursor,
    q: Annotated[Optional[str], Query(description="Part of a name or code.", max_length=MAX_NAME)] = None,
    level: Annotated[Literal["all", "country", "person"], Query()] = "all",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[dict[str, Any]]:
    return queries.actors(con, q.strip() if q and q.strip() else None, level, limit)


@router.get("/places", response_model=list[PlaceOut], summary="Places of the filtered events (map)")
def get_places(
    con: Cursor, flt: Filter, limit: Annotated[int, Query(ge=1, le=10_000)] = 2000,
) -> list[dict[str, Any]]:
    return queries.places(con, flt, limit)


@router.get("/articles/{key:path}", response_model=ArticleOut, summary="An article with its events",
            responses=NOT_FOUND)
def get_article(
    con: Cursor,
    key: Annotated[str, Path(description="Content hash or article id.", max_length=200)],
) -> dict[str, Any]:
    found = queries.article_view(con, key)
    if found is None:
        raise HTTPException(status_code=404, detail=f"article {key!r} is not in the store; use a content_hash or id from /api/events")
    return found
