"""Consistency from the log: the weekly template, the week's first day, the streak, sparklines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from stride_tui.log.store import SessionRow
from stride_tui.routine.model import Kind

WEEKLY_TEMPLATE: tuple[tuple[Kind, str], ...] = (
    ("long-hold", "Long-hold day"),
    ("dynamic", "Dynamic day"),
    ("recovery", "Recovery session"),
)
"""One longer-hold day, one dynamic day and one recovery-oriented session a week."""

BARS = "▁▂▃▄▅▆▇█"

RATING_SCALE = (1.0, 5.0)
"""Stiffness and stride feel are rated 1 to 5: every picture of them uses this scale."""


@dataclass(frozen=True, slots=True)
class TemplateSlot:
    """One part of the weekly template, and whether this week has it."""

    kind: Kind
    label: str
    done_on: date | None


REACH = timedelta(weeks=60)
"""How far from a day the coaching's arithmetic reaches: past a year of weeks and then some."""


def calendar_day(day: date) -> date:
    """``day``, or the nearest day from which every week and streak can be counted.

    A clock set to 9999-12-31 (or 0001-01-01) must not overflow the date arithmetic;
    the coaching then speaks of a day a little over a year inside the calendar.
    """
    return min(max(day, date.min + REACH), date.max - REACH)


def week_start(today: date, first: int = 0) -> date:
    """The first day of ``today``'s week: a Monday, or the ``first`` weekday (0 is Monday)."""
    return today - timedelta(days=(today.weekday() - first) % 7)


def this_week(sessions: Sequence[SessionRow], today: date, first: int = 0) -> list[TemplateSlot]:
    """The weekly template against this week's completed sessions (weeks from ``first``)."""
    monday = week_start(today, first)
    slots = []
    for kind, label in WEEKLY_TEMPLATE:
        days = sorted(
            date.fromisoformat(s.day)
            for s in sessions
            if s.routine_kind == kind
            and s.outcome.completed
            and monday <= date.fromisoformat(s.day) <= today
        )
        slots.append(TemplateSlot(kind, label, days[0] if days else None))
    return slots


def streak(days: Sequence[str], today: date) -> int:
    """Consecutive days with a completed session, up to today.

    A streak that ended yesterday still counts, so an evening runner's streak
    survives the morning.
    """
    have = {date.fromisoformat(day) for day in days}
    today = calendar_day(today)
    cursor = today if today in have else today - timedelta(days=1)
    count = 0
    while cursor in have and cursor > date.min:
        count += 1
        cursor -= timedelta(days=1)
    return count


def sparkline(values: Sequence[float], scale: tuple[float, float] | None = None) -> str:
    """Values as a line of block bars: on a fixed ``scale`` (low, high), or lowest to highest.

    Ratings pass :data:`RATING_SCALE`, so a change from 2 to 1 is one step, not full to empty.
    """
    if not values:
        return ""
    if scale is not None:
        low, high = scale
        step = (len(BARS) - 1) / (high - low)
        return "".join(BARS[round((min(max(v, low), high) - low) * step)] for v in values)
    low, high = min(values), max(values)
    if high == low:
        return BARS[len(BARS) // 2] * len(values)
    per = (len(BARS) - 1) / (high - low)
    return "".join(BARS[round((value - low) * per)] for value in values)
