"""A log of several months for the history screen: the weekly template, ratings, markers, sides."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from stride_tui.log.sides import Tighter
from stride_tui.log.store import TrainingLog
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind

TODAY = date(2026, 11, 19)
"""A Thursday."""

# Weekday -> (routine id, name, kind), with some weeks missing a day.
PLAN = {
    0: ("pre-run-warmup", "Pre-run warm-up", "warm-up"),
    1: ("long-hold-day", "Long-hold mobility day", "long-hold"),
    3: ("dynamic-day", "Dynamic mobility day", "dynamic"),
    5: ("post-run-recovery", "Post-run recovery", "recovery"),
}
STIFFNESS = (4, 4, 5, 3, 4, 3, 3, 2, 3, 2, 2, 3, 2, 1, 2, 2)
FEEL = (2, 2, 1, 3, 2, 3, 3, 3, 4, 3, 4, 4, 3, 4, 5, 4)


def seed_months(history: TrainingLog, today: date = TODAY, weeks: int = 16) -> int:
    """``weeks`` weeks of sessions up to ``today``, a marker of each kind weekly."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    count = 0
    for offset in range((today - start).days + 1):
        day = start + timedelta(days=offset)
        week = offset // 7
        if day.weekday() not in PLAN or (week % 5 == 2 and day.weekday() == 3):
            continue
        routine_id, name, kind = PLAN[day.weekday()]
        session = history.start_session(
            routine_id=routine_id,
            routine_name=name,
            routine_kind=kind,
            content_hash="months",
            level="standard",
            steps=[("Couch stretch", True), ("Pigeon hold", False)],
            planned_seconds=600.0,
            started=datetime.combine(day, time(7), tzinfo=UTC),
        )
        history.record_step(session, 0, StepStatus.DONE, 90.0, 1)
        history.record_step(session, 1, StepStatus.DONE, 60.0, 2)
        history.end_session(session, Outcome(OutcomeKind.COMPLETED, 2), 610.0)
        history.review(
            session,
            with_control={0: True},
            stiffness=STIFFNESS[(offset // 3) % len(STIFFNESS)],
            stride_feel=FEEL[(offset // 3) % len(FEEL)],
            notes="",
        )
        side = Tighter.LEFT if offset % 3 else Tighter.EVEN
        history.record_sides(session, {0: side, 1: Tighter.RIGHT if offset % 2 else Tighter.EVEN})
        count += 1
    for week in range(weeks):
        day = datetime.combine(start + timedelta(weeks=week, days=2), time(18), tzinfo=UTC)
        if week % 4 != 3:
            history.add_marker("hip-extension", 9 + week * 0.6 + (week % 3) * 0.5, recorded=day)
        history.add_marker("cadence", 164 + week * 0.8 - (week % 2), recorded=day)
        if week % 2 == 0:
            history.add_marker("stride-length", 1.18 + 0.012 * week, recorded=day)
    return count
