"""Seeding a training log with several weeks of sessions and markers, around a fixed day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from stride_tui.log.store import TrainingLog
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind

TODAY = date(2026, 11, 19)
"""A Thursday."""

# Weekday -> (routine id, name, kind); a runner following the weekly template.
WEEK = {
    0: ("pre-run-warmup", "Pre-run warm-up", "warm-up"),
    1: ("long-hold-day", "Long-hold mobility day", "long-hold"),
    2: ("pre-run-warmup", "Pre-run warm-up", "warm-up"),
    3: ("dynamic-day", "Dynamic mobility day", "dynamic"),
    5: ("post-run-recovery", "Post-run recovery", "recovery"),
}


def at(day: date, hour: int = 7) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def seed(history: TrainingLog, today: date = TODAY, weeks: int = 5) -> int:
    """Sessions on the template's days for ``weeks`` weeks up to ``today``; returns the count."""
    start = today - timedelta(days=7 * weeks - 1)
    count = 0
    for offset in range((today - start).days + 1):
        day = start + timedelta(days=offset)
        if day.weekday() not in WEEK:
            continue
        routine_id, name, kind = WEEK[day.weekday()]
        session = history.start_session(
            routine_id=routine_id,
            routine_name=name,
            routine_kind=kind,
            content_hash="seed",
            level="standard",
            steps=[("Hip circles", True), ("Leg swings", False)],
            planned_seconds=453.0,
            started=at(day),
        )
        stopped = offset % 9 == 4 and day < today - timedelta(days=7)
        history.record_step(session, 0, StepStatus.DONE, 60.0, 1)
        if not stopped:
            history.record_step(session, 1, StepStatus.DONE, 30.0, 1)
        outcome = Outcome(OutcomeKind.STOPPED, 2, at_step=1, skipped=1) if stopped else None
        history.end_session(session, outcome or Outcome(OutcomeKind.COMPLETED, 2), 470.0)
        progress = offset / (today - start).days
        history.review(
            session,
            with_control={0: True},
            stiffness=round(4 - 2 * progress),
            stride_feel=round(2 + 2 * progress),
            notes="",
        )
        count += 1
    for week in range(weeks):
        day = start + timedelta(days=7 * week + 2)
        history.add_marker("hip-extension", 10 + week, recorded=at(day, 18))
        history.add_marker("cadence", 165 + 2 * week, recorded=at(day, 18))
        history.add_marker("stride-length", 1.20 + 0.03 * week, recorded=at(day, 18))
    return count
