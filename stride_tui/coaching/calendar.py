"""A consistency calendar: the last weeks, one cell a day, marked by the session done that day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from stride_tui.coaching.weeks import calendar_day, week_start
from stride_tui.log.store import SessionRow

WEEKS = 12
"""How many weeks the calendar shows: about three months of consistency."""


class DayMark(Enum):
    """What a day's cell shows: the weekly template's kinds first, then any other session."""

    NONE = ("·", "none")
    OTHER = ("w", "warm-up/other")
    RECOVERY = ("R", "recovery")
    DYNAMIC = ("D", "dynamic")
    LONG_HOLD = ("L", "long-hold")
    FUTURE = (" ", "")

    def __init__(self, letter: str, label: str) -> None:
        self.letter = letter
        """The letter ``stride log`` prints for the day."""
        self.label = label
        """The legend's words."""


_BY_KIND = {
    "long-hold": DayMark.LONG_HOLD,
    "dynamic": DayMark.DYNAMIC,
    "recovery": DayMark.RECOVERY,
}
_RANK = [DayMark.NONE, DayMark.OTHER, DayMark.RECOVERY, DayMark.DYNAMIC, DayMark.LONG_HOLD]
"""A day with several sessions shows the one that counts most for the template."""

LEGEND = tuple(_RANK[::-1])
"""The marks in the order a legend lists them."""


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One cell: a day and its mark."""

    day: date
    mark: DayMark


@dataclass(frozen=True, slots=True)
class Calendar:
    """Weeks of days, oldest week first, each week from its first day.

    Attributes:
        weeks: ``WEEKS`` lists of seven days.
        first_weekday: The day each week starts (0 is Monday).
        sessions: How many completed sessions the calendar holds.
        active_days: How many of its days have one.
    """

    weeks: tuple[tuple[CalendarDay, ...], ...]
    first_weekday: int
    sessions: int
    active_days: int


def calendar(
    sessions: Sequence[SessionRow], today: date, first_weekday: int = 0, weeks: int = WEEKS
) -> Calendar:
    """The last ``weeks`` weeks up to ``today``'s, from the completed sessions.

    Only completed sessions mark a day: the calendar shows what was done, not tried.
    """
    today = calendar_day(today)
    start = week_start(today, first_weekday) - timedelta(weeks=weeks - 1)
    marks: dict[date, DayMark] = {}
    count = 0
    for session in sessions:
        day = date.fromisoformat(session.day)
        if not session.outcome.completed or not start <= day <= today:
            continue
        count += 1
        mark = _BY_KIND.get(session.routine_kind, DayMark.OTHER)
        if _RANK.index(mark) > _RANK.index(marks.get(day, DayMark.NONE)):
            marks[day] = mark
    grid = []
    for week in range(weeks):
        days = []
        for offset in range(7):
            day = start + timedelta(days=7 * week + offset)
            mark = DayMark.FUTURE if day > today else marks.get(day, DayMark.NONE)
            days.append(CalendarDay(day, mark))
        grid.append(tuple(days))
    return Calendar(tuple(grid), first_weekday, count, len(marks))


def calendar_lines(cal: Calendar) -> list[str]:
    """The calendar as text: a row per weekday, a column per week, month names above."""
    first_days = [week[0].day for week in cal.weeks]
    labels: list[tuple[int, str]] = []
    for index, day in enumerate(first_days):
        if index and day.month == first_days[index - 1].month:
            continue
        column = 6 + 2 * index  # after "  Mon "
        if labels and labels[-1][0] + 4 > column:
            labels.pop()  # too close to the next month's name: the newer month wins
        labels.append((column, f"{day:%b}"))
    months = ""
    for column, label in labels:
        months = months.ljust(column) + label
    lines = [months.rstrip()]
    for row in range(7):
        name = f"{cal.weeks[0][row].day:%a}"
        lines.append(f"  {name} " + " ".join(week[row].mark.letter for week in cal.weeks).rstrip())
    legend = "  ".join(f"{mark.letter} {mark.label}" for mark in LEGEND)
    lines.append(f"  {legend}")
    return lines
