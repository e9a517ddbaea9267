"""Consistency and progress from the log: the weekly template, the streak, and trends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from stride_tui.session.history import SessionRow

WEEKLY_TEMPLATE = (
    ("long-hold", "Long-hold day"),
    ("dynamic", "Dynamic day"),
    ("recovery", "Recovery session"),
)
"""One longer-hold day, one dynamic day and one recovery-oriented session a week."""

BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class TemplateSlot:
    """One part of the weekly template, and whether this week has it."""

    kind: str
    label: str
    done_on: date | None


def week_start(today: date) -> date:
    """The Monday of ``today``'s week."""
    return today - timedelta(days=today.weekday())


def this_week(sessions: Sequence[SessionRow], today: date) -> list[TemplateSlot]:
    """The weekly template against this week's completed sessions."""
    monday = week_start(today)
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
    cursor = today if today in have else today - timedelta(days=1)
    count = 0
    while cursor in have:
        count += 1
        cursor -= timedelta(days=1)
    return count


def sparkline(values: Sequence[float]) -> str:
    """Values as a line of block bars, lowest to highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return BARS[len(BARS) // 2] * len(values)
    scale = (len(BARS) - 1) / (high - low)
    return "".join(BARS[round((value - low) * scale)] for value in values)
