"""The trends the history screen charts: ratings on their fixed 1-5 scale, markers with units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from stride_tui.coaching.weeks import RATING_SCALE, calendar_day, week_start
from stride_tui.log.markers import KINDS
from stride_tui.log.store import MarkerRow, SessionRow


@dataclass(frozen=True, slots=True)
class Point:
    """One measurement on one day."""

    day: date
    value: float


@dataclass(frozen=True, slots=True)
class Series:
    """A chart's worth of data.

    Attributes:
        title: What is measured: ``Stiffness``, ``Hip extension``.
        unit: The unit for the axis: ``°``, ``m``, ``spm``, or ``1-5`` for ratings.
        hint: What the ends of a rating scale mean, or how the marker is taken.
        points: Oldest first.
        low: The bottom of the value axis.
        high: The top of the value axis.
        start: The first day on the time axis.
        end: The last day on the time axis.
    """

    title: str
    unit: str
    hint: str
    points: tuple[Point, ...]
    """Oldest first; ratings as one weekly average each."""
    low: float
    high: float
    start: date
    end: date

    def label(self, value: float) -> str:
        """A value as the axis shows it: ``12°``, ``1.32 m``, ``4``."""
        if self.unit == "°":
            return f"{value:.0f}°"
        text = f"{value:.2f}" if self.unit == "m" else f"{value:.0f}"
        return text if self.unit == "1-5" else f"{text} {self.unit}"


def _range(values: Sequence[float]) -> tuple[float, float]:
    """A value axis that holds every value with a little room, never zero-wide."""
    low, high = min(values), max(values)
    room = (high - low) * 0.1 or max(abs(high) * 0.05, 1.0)
    return low - room, high + room


def weekly(values: Sequence[tuple[date, float]], first_weekday: int = 0) -> tuple[Point, ...]:
    """One point a week: the mean of the week's ratings, on the middle of its rating days.

    A rating per session swings with the day; a week's average shows the trend. Weeks
    start on ``first_weekday`` (0 is Monday), as the coaching settings say.
    """
    weeks: dict[date, list[tuple[date, float]]] = {}
    for day, value in values:
        weeks.setdefault(week_start(day, first_weekday), []).append((day, value))
    points = []
    for rated in weeks.values():
        middle = (
            min(d for d, _ in rated) + (max(d for d, _ in rated) - min(d for d, _ in rated)) / 2
        )
        points.append(Point(middle, sum(v for _, v in rated) / len(rated)))
    return tuple(sorted(points, key=lambda p: p.day))


def trend_series(
    sessions: Sequence[SessionRow],
    markers: Sequence[MarkerRow],
    today: date,
    weeks: int = 12,
    first_weekday: int = 0,
) -> list[Series]:
    """Stiffness, stride feel and each marker kind over the last ``weeks`` weeks up to today.

    Args:
        sessions: Logged sessions (any order).
        markers: Logged markers (any order).
        today: The last day of the time axis.
        weeks: How far back the axis starts.
        first_weekday: The day a week starts (0 is Monday), for the weekly averages.
    """
    today = calendar_day(today)
    start = today - timedelta(weeks=weeks) + timedelta(days=1)
    in_range = sorted(
        (s for s in sessions if start <= date.fromisoformat(s.day) <= today),
        key=lambda s: s.started_at,
    )
    result = []
    for title, hint, values in (
        (
            "Stiffness",
            "1 loose ... 5 very stiff",
            [(s.day, s.stiffness) for s in in_range if s.stiffness is not None],
        ),
        (
            "Stride feel",
            "1 heavy ... 5 light and springy",
            [(s.day, s.stride_feel) for s in in_range if s.stride_feel is not None],
        ),
    ):
        rated = [(date.fromisoformat(day), float(v)) for day, v in values]
        points = weekly(rated, first_weekday)
        result.append(Series(title, "1-5", hint, points, *RATING_SCALE, start, today))
    for kind in KINDS.values():
        chosen = sorted(
            (
                m
                for m in markers
                if m.kind == kind.name and start <= date.fromisoformat(m.day) <= today
            ),
            key=lambda m: (m.day, m.recorded_at),
        )
        points = tuple(Point(date.fromisoformat(m.day), m.value) for m in chosen)
        low, high = _range([p.value for p in points]) if points else (kind.low, kind.high)
        title = kind.label[0].upper() + kind.label[1:]
        result.append(Series(title, kind.unit, kind.how, points, low, high, start, today))
    return result
