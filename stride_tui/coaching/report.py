"""The training log as text, with the coaching read from it: ``stride log`` and the history screen.

The week against the template, the streak, recent sessions, trends, side balance and the
calendar in letters. The CSV export is :mod:`stride_tui.log.export`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Iterator
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


NAME_WIDTH = 22
"""The name column's least width; a longer name widens it, never is cut."""


def _running_ids(rows: list[SessionRow], running: Collection[str]) -> set[int]:
    """The sessions still under way: each running routine's newest session not yet ended.

    The log marks a session as stopped at its step from the moment it starts, and gives
    it its time taken only when it ends; a session whose process still publishes it
    (``running``: the routine ids of the sessions under way) is running, not stopped.
    """
    found: set[int] = set()
    seen: set[str] = set()
    for row in rows:  # newest first
        if row.routine_id in running and row.routine_id not in seen:
            seen.add(row.routine_id)
            if row.taken_seconds is None:
                found.add(row.id)
    return found


def recent_lines(
    history: TrainingLog, limit: int = RECENT, running: Collection[str] = ()
) -> Iterator[str]:
    """The latest sessions, one line each; ``running``: routine ids of sessions under way."""
    rows = history.sessions(limit=limit)
    if not rows:
        yield "No sessions yet: `stride run pre` starts the pre-run warm-up."
        return
    under_way = _running_ids(rows, running)
    names = []
    for row in rows:
        # Standard is the usual level: name only the others, to keep a line short.
        shown = visible(row.routine_name)
        names.append(shown if row.level == "standard" else f"{shown} ({visible(row.level)})")
    width = max(NAME_WIDTH, *(len(name) for name in names))
    for row, name in zip(rows, names, strict=True):
        taken = clock(row.taken_seconds) if row.taken_seconds is not None else "-"
        ratings = ""
        if row.stiffness is not None or row.stride_feel is not None:
            ratings = f"  stiff {row.stiffness or '-'} feel {row.stride_feel or '-'}"
        how = "running" if row.id in under_way else row.outcome.brief()
        yield f"  {_when(row)}  {name:<{width}} {taken:>5}  {how}{ratings}"


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
        every = history.markers(kind.name)
        sides = sorted({m.side for m in every if m.side}, key=("left", "right").index)
        for side in (None, *sides):  # unsided first, as typed before sides were kept
            points = [m for m in every if m.side == side][-TREND_POINTS:]
            if not points:
                continue
            line = sparkline([m.value for m in points])
            name = kind.name if side is None else f"{kind.name} {side[0].upper()}"
            yield (
                f"  {name:<14} {line:<{TREND_POINTS}}  {kind.show(points[-1].value)}"
                f" ({points[-1].day})"
            )


def balance_lines(history: TrainingLog, today: date) -> Iterator[str]:
    """Per two-sided step, which side felt tighter over the last weeks."""
    from stride_tui.coaching.balance import balances
    from stride_tui.log.sides import Tighter

    since = (today - timedelta(weeks=BALANCE_WEEKS)).isoformat()
    found = balances(history.step_records(since_day=since, sides_only=True), since)
    names = [f"{visible(b.step)} ({visible(b.routine_id)})" for b in found]
    width = max([36, *(len(name) for name in names)])
    for balance, name in zip(found, names, strict=True):
        tighter = balance.tighter
        verdict = "even" if tighter is Tighter.EVEN else f"{tighter.value} tighter"
        counts = f"L {balance.left} · R {balance.right} · even {balance.even}"
        yield f"  {name:<{width}} {verdict:<13} {counts}"


def calendar_text(history: TrainingLog, today: date, first_weekday: int = 0) -> list[str]:
    """The consistency calendar of the last weeks, as text."""
    from stride_tui.coaching.calendar import WEEKS, calendar, calendar_lines

    since = (week_start(today, first_weekday) - timedelta(weeks=WEEKS)).isoformat()
    cal = calendar(history.sessions(since_day=since), today, first_weekday)
    head = (
        f"Last {WEEKS} weeks: {plural(cal.sessions, 'session')} on {plural(cal.active_days, 'day')}"
    )
    return [head, *calendar_lines(cal)]


def working_lines(
    history: TrainingLog, today: date, reference_pace: float | None = None
) -> list[str]:
    """The "is it working" lines: what moved over twelve weeks; none without data."""
    from stride_tui.coaching.working import WEEKS, is_it_working
    from stride_tui.log.store import now

    working = is_it_working(history, today, now(), reference_pace)
    if not any(w.mobility_sessions or w.figures or w.tests for w in working.weeks):
        return []
    return [
        f"Is it working? The last {WEEKS} weeks, the first 4 against the last 4",
        *(
            part
            for line in working.lines()
            for part in textwrap.wrap(line, 80, initial_indent="  ", subsequent_indent="    ")
        ),
    ]


def render_log(
    history: TrainingLog,
    today: date,
    first_weekday: int | None = None,
    *,
    calendar: bool = True,
    running: Collection[str] = (),
    reference_pace: float | None = None,
) -> str:
    """Everything ``stride log`` prints; weeks start on the day the coaching settings say.

    The history screen draws the calendar itself, and asks for the text without it.
    ``running`` holds the routine ids of the sessions under way.
    ``reference_pace`` (seconds per km) is coaching.toml's; read from it when
    ``first_weekday`` is not given either.
    """
    if first_weekday is None:
        from stride_tui.coaching.settings import load_coaching

        coaching = load_coaching().coaching
        first_weekday = coaching.week_starts
        if reference_pace is None:
            reference_pace = coaching.reference_pace_s_per_km
    today = calendar_day(today)
    lines = list(week_lines(history, today, first_weekday))
    lines += ["", "Recent sessions", *recent_lines(history, running=running)]
    trends = list(trend_lines(history))
    lines += ["", "Trends (oldest to newest; ratings on 1 to 5)", *trends] if trends else []
    sides = list(balance_lines(history, today))
    if sides:
        lines += ["", f"Sides, last {BALANCE_WEEKS} weeks: which felt tighter", *sides]
    working = working_lines(history, today, reference_pace)
    if working:
        lines += ["", *working]
    if calendar:
        lines += ["", *calendar_text(history, today, first_weekday)]
    return "\n".join(lines)
