"""Relationship analytics: dyad time series, net cooperation and its trend; the dyad chart.

Definitions (also in docs/store.md):

- Counts are of *deduplicated* events that happened (status asserted or historical),
  between the two parties in either direction, dated by the event's date (its start).
- ``net_cooperation`` of a period = cooperative events (quad classes 1 and 2) minus
  conflictual events (quad classes 3 and 4). ``net_ratio`` = net_cooperation / events,
  in [-1, 1], so that a month with many stories weighs no more than a quiet one.
- ``mean_goldstein`` is the mean Goldstein value (CAMEO scale, -10..10) of the events;
  ``mean_intensity`` the mean PLOVER intensity.
- The trend is the least-squares slope of ``net_ratio`` over the periods that have
  events (x = period index, gaps kept). ``change`` = slope x (last index - first index):
  the fitted change over the span. Warming when change >= +0.25, cooling when <= -0.25,
  stable otherwise; fewer than 3 periods with events -> "insufficient data".
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Sequence

from .store.filters import HAPPENED, EventFilter, Party, parse_party
from .store.queries import PERIOD_UNITS, DyadEvent, DyadRow, PeriodCount, dyad_events, dyads

log = logging.getLogger(__name__)

PERIODS = PERIOD_UNITS  # day, week, month, year
#: |fitted change of net_ratio over the span| that counts as warming / cooling
TREND_THRESHOLD = 0.25
MIN_PERIODS = 3


@dataclass(frozen=True, slots=True)
class PeriodStats:
    period: str
    start: dt.date
    events: int
    quad: tuple[int, int, int, int]  # counts of quad classes 1..4
    mean_goldstein: float | None
    mean_intensity: float | None
    a_to_b: int
    b_to_a: int

    @property
    def cooperative(self) -> int:
        return self.quad[0] + self.quad[1]

    @property
    def conflictual(self) -> int:
        return self.quad[2] + self.quad[3]

    @property
    def net_cooperation(self) -> int:
        return self.cooperative - self.conflictual

    @property
    def net_ratio(self) -> float | None:
        return self.net_cooperation / self.events if self.events else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period, "start": self.start.isoformat(), "events": self.events,
            "verbal_cooperation": self.quad[0], "material_cooperation": self.quad[1],
            "verbal_conflict": self.quad[2], "material_conflict": self.quad[3],
            "mean_goldstein": self.mean_goldstein, "mean_intensity": self.mean_intensity,
            "net_cooperation": self.net_cooperation, "net_ratio": self.net_ratio,
            "a_to_b": self.a_to_b, "b_to_a": self.b_to_a,
        }


@dataclass(frozen=True, slots=True)
class Trend:
    label: str  # warming | cooling | stable | insufficient data
    slope: float | None
    change: float | None
    periods: int


@dataclass(frozen=True, slots=True)
class DyadSeries:
    a: Party
    b: Party
    by: str
    periods: tuple[PeriodStats, ...]  # every period from first to last, empty ones included
    undated: int
    trend: Trend

    @property
    def events(self) -> int:
        return sum(p.events for p in self.periods) + self.undated

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.label, "b": self.b.label, "by": self.by, "events": self.events,
            "undated": self.undated,
            "trend": {"label": self.trend.label, "slope": self.trend.slope, "change": self.trend.change,
                      "periods": self.trend.periods},
            "periods": [p.to_dict() for p in self.periods],
        }


def period_start(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")


def period_label(start: dt.date, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return {"day": start.isoformat(), "month": start.isoformat()[:7], "year": start.isoformat()[:4]}[by]


#: longest run of periods a timeline fills with empty ones (~27 years of days)
MAX_FILLED_PERIODS = 10_000
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 28, "year": 365}
#: the start of the last period of each kind that datetime can hold
_LAST_PERIOD = {"day": dt.date.max, "week": dt.date.max - dt.timedelta(days=6),
                "month": dt.date.max.replace(day=1), "year": dt.date.max.replace(month=1, day=1)}


def _next(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def dyad_series(
    con: Any, a: str | Party, b: str | Party, by: str = "month", statuses: Sequence[str] = HAPPENED
) -> DyadSeries:
    """The relationship between two parties per period (see the module docstring)."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    pa = a if isinstance(a, Party) else parse_party(a)
    pb = b if isinstance(b, Party) else parse_party(b)
    rows = dyad_events(con, pa, pb, EventFilter(statuses=tuple(statuses)))
    buckets: dict[dt.date, list[DyadEvent]] = {}
    undated = 0
    for row in rows:
        if row.date_start is None:
            undated += 1
            continue
        buckets.setdefault(period_start(row.date_start, by), []).append(row)
    periods = [_stats(start, by, buckets.get(start, [])) for start in _every_period(buckets, by)]
    return DyadSeries(pa, pb, by, tuple(periods), undated, trend_of(periods))


def _every_period(starts: Collection[dt.date], by: str) -> list[dt.date]:
    """Every period start from the first to the last of ``starts`` (gaps kept, as the
    trend wants)."""
    out: list[dt.date] = []
    if starts:
        start, last = min(starts), max(starts)
        if (last - start).days / _PERIOD_DAYS[by] > MAX_FILLED_PERIODS:
            # events dated centuries apart (a year-1 or year-9999 date in the input): filling
            # every day between them would take minutes and gigabytes; keep the dated ones
            return sorted(starts)
        while start <= last:
            out.append(start)
            if start >= _LAST_PERIOD[by]:
                break  # the calendar's last period (year 9999): there is no next one
            start = _next(start, by)
    return out


def _stats(start: dt.date, by: str, rows: list[DyadEvent]) -> PeriodStats:
    quad = [0, 0, 0, 0]
    for r in rows:
        if r.quad_class in (1, 2, 3, 4):
            quad[r.quad_class - 1] += 1
    gold = [r.goldstein for r in rows if r.goldstein is not None]
    inten = [r.intensity for r in rows if r.intensity is not None]
    return PeriodStats(
        period=period_label(start, by), start=start, events=len(rows), quad=(quad[0], quad[1], quad[2], quad[3]),
        mean_goldstein=round(sum(gold) / len(gold), 3) if gold else None,
        mean_intensity=round(sum(inten) / len(inten), 3) if inten else None,
        a_to_b=sum(r.direction in ("ab", "both") for r in rows),
        b_to_a=sum(r.direction in ("ba", "both") for r in rows),
    )


def trend_of(periods: Sequence[PeriodStats]) -> Trend:
    """Least-squares slope of net_ratio over the periods that have events."""
    points = [(i, p.net_ratio) for i, p in enumerate(periods) if p.events and p.net_ratio is not None]
    if len(points) < MIN_PERIODS:
        return Trend("insufficient data", None, None, len(points))
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    change = slope * (points[-1][0] - points[0][0])
    label = "warming" if change >= TREND_THRESHOLD else "cooling" if change <= -TREND_THRESHOLD else "stable"
    return Trend(label, round(slope, 4), round(change, 3), n)


@dataclass(frozen=True, slots=True)
class DyadSummary:
    a: str
    b: str
    kind: str  # country | person
    events: int
    cooperative: int
    conflictual: int
    net_cooperation: int
    mean_goldstein: float | None  # rounded to 2 places, as mean_intensity
    trend: Trend
    quad: tuple[int, int, int, int] = (0, 0, 0, 0)
    mean_intensity: float | None = None

    @property
    def net_ratio(self) -> float | None:
        return round(self.net_cooperation / self.events, 3) if self.events else None

    def to_dict(self) -> dict[str, Any]:
        """The web API's shape (``level`` is ``kind``)."""
        t = self.trend
        return {
            "a": self.a, "b": self.b, "level": self.kind, "events": self.events,
            "cooperative": self.cooperative, "conflictual": self.conflictual,
            "net_cooperation": self.net_cooperation, "net_ratio": self.net_ratio, "quad": list(self.quad),
            "mean_goldstein": self.mean_goldstein, "mean_intensity": self.mean_intensity,
            "trend": {"label": t.label, "slope": t.slope, "change": t.change, "periods": t.periods},
        }


def top_dyads(
    con: Any, kind: str = "country", limit: int = 10, by: str = "month", flt: EventFilter | None = None,
) -> list[DyadSummary]:
    """The most active dyads among the events ``flt`` selects (by default every event that
    happened) with their counts and trend (``kind``: country or person); one query."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    return [_summary(row, by) for row in dyads(con, kind, limit, flt, by)]


def _summary(row: DyadRow, by: str) -> DyadSummary:
    periods = _filled(row.periods, by)
    mean_g, mean_i = row.mean_goldstein, row.mean_intensity
    return DyadSummary(
        row.a, row.b, row.level, row.events, row.cooperative, row.conflictual, row.net_cooperation,
        round(mean_g, 2) if mean_g is not None else None, trend_of(periods), row.quad,
        round(mean_i, 2) if mean_i is not None else None,
    )


def _filled(counts: Sequence[PeriodCount], by: str) -> list[PeriodStats]:
    """The dyad's periods for its trend (directions are not counted here)."""
    dated = {c.start: c for c in counts if c.start is not None}
    out: list[PeriodStats] = []
    for start in _every_period(dated, by):
        c = dated.get(start)
        if c is None:
            out.append(PeriodStats(period_label(start, by), start, 0, (0, 0, 0, 0), None, None, 0, 0))
            continue
        gold = round(c.goldstein_sum / c.goldstein_n, 3) if c.goldstein_n else None
        inten = round(c.intensity_sum / c.intensity_n, 3) if c.intensity_n else None
        out.append(PeriodStats(period_label(start, by), start, c.events, c.quad, gold, inten, 0, 0))
    return out


def plot_dyad(series: DyadSeries, path: str | Path) -> Path:
    """Write a PNG: stacked bars of events per quad class and the net cooperation ratio.
    Needs matplotlib (``detente[plot]``); raises ``MissingExtraError`` without it."""
    try:
        import matplotlib
    except ImportError:
        from .errors import MissingExtraError

        raise MissingExtraError("plotting (--plot)", "plot") from None

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    path = Path(path)
    x = [p.start for p in series.periods]
    colors = ("#2b8cbe", "#045a8d", "#fc8d59", "#b30000")
    names = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    try:
        width = _bar_width(series.by)
        base_up = [0] * len(x)
        base_down = [0] * len(x)
        for q in range(4):
            counts = [p.quad[q] for p in series.periods]
            if q < 2:
                top.bar(x, counts, width, bottom=base_up, color=colors[q], label=names[q])
                base_up = [b + c for b, c in zip(base_up, counts)]
            else:
                neg = [-c for c in counts]
                top.bar(x, neg, width, bottom=base_down, color=colors[q], label=names[q])
                base_down = [b + c for b, c in zip(base_down, neg)]
        top.axhline(0, color="black", linewidth=0.8)
        high, low = max(base_up, default=0), min(base_down, default=0)
        top.set_ylim(low - 0.5, high + 0.5 + 0.45 * (high - low + 1))  # headroom for the legend
        top.yaxis.set_major_locator(MaxNLocator(integer=True))
        top.set_ylabel("events (conflict below 0)")
        top.legend(loc="upper left", fontsize=8, ncol=2, frameon=False)
        t = series.trend
        trend = t.label if t.change is None else f"{t.label} (change {t.change:+.2f})"
        top.set_title(f"{series.a.label} \u2013 {series.b.label}: {series.events} events by {series.by}; trend: {trend}")
        _plot_ratio(bottom, series, x)
        fig.autofmt_xdate()
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110)
    finally:
        plt.close(fig)
    return path


def _plot_ratio(ax: Any, series: DyadSeries, x: list[dt.date]) -> None:
    pts = [(d, p.net_ratio) for d, p in zip(x, series.periods) if p.net_ratio is not None]
    if pts:
        ax.plot([d for d, _ in pts], [r for _, r in pts], marker="o", color="#333333", label="net cooperation ratio")
    t = series.trend
    if t.slope is not None and pts:
        idx = [i for i, p in enumerate(series.periods) if p.net_ratio is not None]
        ys = [r for _, r in pts]
        mx = sum(idx) / len(idx)
        my = sum(ys) / len(ys)
        ax.plot([x[idx[0]], x[idx[-1]]], [my + t.slope * (idx[0] - mx), my + t.slope * (idx[-1] - mx)],
                linestyle="--", color="#7a0177", label=f"trend: {t.label}")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("(coop - conflict) / events")
    ax.legend(loc="lower left", fontsize=8, frameon=False)


def _bar_width(by: str) -> float:
    return {"day": 0.8, "week": 5.0, "month": 20.0, "year": 250.0}[by]
