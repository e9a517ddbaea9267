"""Today's session from the weekly template: what is due, which routine plays it, and why.

The articles ask for one long-hold day, one dynamic day and one recovery session a
week, the long holds and the dynamic drills on different days, recovery after a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stride_tui.coaching.weeks import TemplateSlot, calendar_day, this_week, week_start
from stride_tui.log.store import SessionRow
from stride_tui.routine.model import Kind
from stride_tui.session.outcome import OutcomeKind

PREFERRED: dict[Kind, str] = {
    "long-hold": "long-hold-day",
    "dynamic": "dynamic-day",
    "recovery": "post-run-recovery",
    "warm-up": "pre-run-warmup",
}
"""The built-in routine for each kind, used when the log has not shown the runner's own."""

RECOVERY: Kind = "recovery"
WARM_UP: Kind = "warm-up"


@dataclass(frozen=True, slots=True)
class RoutineChoice:
    """A routine that can be suggested: its id, name and kind."""

    id: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What to do today, and why.

    Attributes:
        kind: The kind of session suggested (``dynamic``; ``warm-up`` once the week is done).
        routine_id: The routine to play it with; ``None`` when no routine has that kind.
        reason: One line: ``Dynamic day is due; long-hold day done Tuesday; recovery after
            your run``.
        slots: The weekly template against this week.
        before_run: The routine for before a run (the pre-run warm-up), if there is one.
        after_run: The routine for after a run (the post-run recovery), if there is one.
    """

    kind: Kind
    routine_id: str | None
    reason: str
    slots: tuple[TemplateSlot, ...]
    before_run: str | None
    after_run: str | None


def day_name(day: date, today: date) -> str:
    """``today``, ``yesterday`` or the weekday's name."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"{day:%A}"


def pick_routine(
    kind: Kind, routines: Sequence[RoutineChoice], sessions: Sequence[SessionRow]
) -> str | None:
    """The routine to play a kind with: the one last played for it, else the built-in."""
    ids = {r.id for r in routines if r.kind == kind}
    for session in sessions:  # newest first
        if session.routine_kind == kind and session.routine_id in ids:
            return session.routine_id
    if PREFERRED.get(kind) in ids:
        return PREFERRED[kind]
    return min(ids) if ids else None


def _lower(label: str) -> str:
    return label[0].lower() + label[1:]


def _sentence(parts: Sequence[str]) -> str:
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def suggest(
    sessions: Sequence[SessionRow],
    routines: Sequence[RoutineChoice],
    today: date,
    first_weekday: int = 0,
    *,
    ran_at: datetime | None = None,
) -> Suggestion:
    """Today's session from this week's log.

    Args:
        sessions: Logged sessions, newest first (at least this week's).
        routines: The routines that can be played.
        today: The day to suggest for.
        first_weekday: The day a week starts (0 is Monday).
        ran_at: When today's latest imported run started, if there is one: recovery is
            then due, unless a recovery session was done after it.

    Returns:
        The suggestion, with the reason in words.
    """
    today = calendar_day(today)
    start = week_start(today, first_weekday)
    week = [s for s in sessions if start <= date.fromisoformat(s.day) <= today]
    slots = tuple(this_week(week, today, first_weekday))
    pending = [slot for slot in slots if slot.done_on is None]
    done = [
        f"{_lower(slot.label)} done {day_name(slot.done_on, today)}"
        for slot in slots
        if slot.done_on is not None
    ]
    before = pick_routine(WARM_UP, routines, sessions)
    after = pick_routine(RECOVERY, routines, sessions)
    if ran_at is not None and not _recovered_after(sessions, ran_at):
        parts = [f"You ran today at {ran_at:%H:%M}: recovery is due", *done]
        return Suggestion(RECOVERY, after, _sentence(parts), slots, before, after)
    main = [slot for slot in pending if slot.kind != RECOVERY]
    recovery_due = any(slot.kind == RECOVERY for slot in pending)
    main_today = any(
        slot.done_on == today for slot in slots if slot.kind != RECOVERY and slot.done_on
    )
    if not pending:
        parts = ["This week's template is done", *done, "warm up before a run, recover after it"]
        return Suggestion(WARM_UP, before, _sentence(parts), slots, before, after)
    if main and not main_today:
        due = main[0]
        stopped = _stopped_note(week, due.kind, today)
        parts = [f"{due.label} is due{stopped}", *done]
        if recovery_due:
            parts.append("recovery after your run")
        routine = pick_routine(due.kind, routines, sessions)
        if routine is None:
            parts.append(f"no routine has kind `{due.kind}`: `stride new` makes one")
        return Suggestion(due.kind, routine, _sentence(parts), slots, before, after)
    if main:  # a long-hold or dynamic day was done today: the other one waits a day
        last_day = today + timedelta(days=1) == start + timedelta(weeks=1)
        later = "next week" if last_day else "on another day"
        parts = [*done, f"{_lower(main[0].label)} {later}"]
        if recovery_due:
            parts.append("recovery after your run")
            return Suggestion(RECOVERY, after, _sentence(parts), slots, before, after)
        return Suggestion(WARM_UP, before, _sentence(parts), slots, before, after)
    stopped = _stopped_note(week, RECOVERY, today)
    parts = [f"Recovery session is due after your next run{stopped}", *done]
    return Suggestion(RECOVERY, after, _sentence(parts), slots, before, after)


def _stopped_note(week: Sequence[SessionRow], kind: Kind, today: date) -> str:
    """`` (stopped at step 3 of 8 on Tuesday)`` for this week's latest unfinished try."""
    for session in week:  # newest first
        if session.routine_kind == kind and session.outcome.kind is OutcomeKind.STOPPED:
            when = day_name(date.fromisoformat(session.day), today)
            on = when if when in ("today", "yesterday") else f"on {when}"
            return f" ({session.outcome.describe()} {on})"
    return ""


def _recovered_after(sessions: Sequence[SessionRow], moment: datetime) -> bool:
    """Whether a recovery session was completed after ``moment`` (an aware time)."""
    return any(
        s.routine_kind == RECOVERY and s.outcome.completed and s.started_at > moment
        for s in sessions
    )
