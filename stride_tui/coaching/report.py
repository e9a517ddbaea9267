"""The training log as text, with the coaching read from it: ``stride log`` and the history screen.

The week against the template, the streak, recent sessions, trends, side balance and the
calendar in letters. The CSV export is :mod:`stride_tui.log.export`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from stride_tui.coaching.weeks import (
    RATING_SCALE,
    calendar_day,
    sparkline,
    streak,
    this_week,
    week_start,
)
from stride_tui.log.markers import KINDS
from stride_tui.log.store import SessionRow, TrainingLog
from stride_tui.routine.durations import clock
from stride_tui.text import plural, visible

RECENT = 10
TREND_POINTS = 24
BALANCE_WEEKS = 4
"""How far back ``stride log`` compares sides."""


def _when(row: SessionRow) -> str:
    return row.started_at.astimezone().strftime("%a %d %b %H:%M")  # in local time


def week_lines(history: TrainingLog, today: date, first_weekday: int = 0) -> Iterator[str]:
    """This week against the weekly template, and the streak."""
    monday = week_start(today, first_weekday)
    sessions = history.sessions(since_day=monday.isoformat())
    done = sum(s.outcome.completed for s in sessions)
    sunday = monday + timedelta(days=6)
    yield (
        f"This week ({monday:%a %d %b} to {sunday:%a %d %b}): {done} completed "
        f"session{'s' if done != 1 else ''}"
    )
    for slot in this_week(sessions, today, first_weekday):
        state = f"done ({slot.done_on:%a})" if slot.done_on else "not yet"
        yield f"  {slot.label:<18} {state}"
    days = streak(history.days_with_sessions(), today)
    yield f"Streak: {plural(days, 'day')}"


def recent_lines(history: TrainingLog, limit: int = RECENT) -> Iterator[str]:
    """The latest sessions, one line each."""
    rows = history.sessions(limit=limit)
    if not rows:
        yield "No sessions yet: `stride run pre` starts the pre-run warm-up."
        return
    for row in rows:
        taken = clock(row.taken_seconds) if row.taken_seconds is not None else "-"
        ratings = ""
        if row.stiffness is not None or row.stride_feel is not None:
            ratings = f"  stiff {row.stiffness or '-'} feel {row.stride_feel or '-'}"
        # Standard is the usual level: name only the others, to keep a line within 80.
        shown = visible(row.routine_name)
        name = shown if row.level == "standard" else f"{shown} ({visible(row.level)})"
        yield f"  {_when(row)}  {name[:22]:<22} {taken:>5}  {row.outcome.brief()}{ratings}"


def trend_lines(history: TrainingLog) -> Iterator[str]:
    """Sparklines of stiffness, stride feel and each marker, oldest to newest."""
    rated = list(reversed(history.sessions(limit=500)))
    for label, values in (
        ("stiffness", [r.stiffness for r in rated if r.stiffness is not None]),
        ("stride feel", [r.stride_feel for r in rated if r.stride_feel is not None]),
    ):
        recent = [float(v) for v in values][-TREND_POINTS:]
        if recent:
            line = sparkline(recent, RATING_SCALE)
            yield f"  {label:<14} {line:<{TREND_POINTS}}  {recent[-1]:g} of 5"
    for kind in KINDS.values():
        points = history.markers(kind.name)[-TREND_POINTS:]
        if points:
            line = sparkline([m.value for m in points])
            yield (
                f"  {kind.name:<14} {line:<{TREND_POINTS}}  {kind.show(points[-1].value)}"
                f" ({points[-1].day})"
            )


def balance_lines(history: TrainingLog, today: date) -> Iterator[str]:
    """Per two-sided step, which side felt tighter over the last weeks."""
    from stride_tui.coaching.balance import balances
    from stride_tui.log.sides import Tighter

    since = (today - timedelta(weeks=BALANCE_WEEKS)).isoformat()
    for balance in balances(history.step_records(since_day=since, sides_only=True), since):
        tighter = balance.tighter
        verdict = "even" if tighter is Tighter.EVEN else f"{tighter.value} tighter"
        name = f"{visible(balance.step)} ({visible(balance.routine_id)})"
        counts = f"L {balance.left} · R {balance.right} · even {balance.even}"
        yield f"  {name[:36]:<36} {verdict:<13} {counts}"


def calendar_text(history: TrainingLog, today: date, first_weekday: int = 0) -> list[str]:
    """The consistency calendar of the last weeks, as text."""
    from stride_tui.coaching.calendar import WEEKS, calendar, calendar_lines

    since = (week_start(today, first_weekday) - timedelta(weeks=WEEKS)).isoformat()
    cal = calendar(history.sessions(since_day=since), today, first_weekday)
    head = (
        f"Last {WEEKS} weeks: {plural(cal.sessions, 'session')} on {plural(cal.active_days, 'day')}"
    )
    return [head, *calendar_lines(cal)]


def render_log(
    history: TrainingLog, today: date, first_weekday: int | None = None, *, calendar: bool = True
) -> str:
    """Everything ``stride log`` prints; weeks start on the day the coaching settings say.

    The history screen draws the calendar itself, and asks for the text without it.
    """
    if first_weekday is None:
        from stride_tui.coaching.settings import load_coaching

        first_weekday = load_coaching().coaching.week_starts
    today = calendar_day(today)
    lines = list(week_lines(history, today, first_weekday))
    lines += ["", "Recent sessions", *recent_lines(history)]
    trends = list(trend_lines(history))
    lines += ["", "Trends (oldest to newest; ratings on 1 to 5)", *trends] if trends else []
    sides = list(balance_lines(history, today))
    if sides:
        lines += ["", f"Sides, last {BALANCE_WEEKS} weeks: which felt tighter", *sides]
    if calendar:
        lines += ["", *calendar_text(history, today, first_weekday)]
    return "\n".join(lines)
