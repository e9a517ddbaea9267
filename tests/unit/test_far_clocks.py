"""A clock at the calendar's ends (9999-12-31, 0001-01-01) overflows nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stride_tui.coaching.calendar import calendar
from stride_tui.coaching.report import render_log
from stride_tui.coaching.today import suggest
from stride_tui.coaching.trends import trend_series
from stride_tui.log.opening import open_training_log
from stride_tui.session.outcome import Outcome, OutcomeKind

ENDS = [date.max, date.min, date(9999, 12, 25), date(1, 1, 3)]


@pytest.mark.parametrize("day", ENDS, ids=str)
def test_the_coaching_counts_weeks_at_the_calendars_ends(day: date, stride_home: Path) -> None:
    history = open_training_log()
    try:
        moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        session = history.start_session(
            routine_id="a",
            routine_name="A",
            routine_kind="dynamic",
            content_hash="x",
            level="standard",
            steps=[("Breathe", True)],
            planned_seconds=1.0,
            started=moment,
        )
        history.end_session(session, Outcome(OutcomeKind.COMPLETED, 1, None, 0), 1.0)
        history.add_marker("cadence", 170, None, moment)
        text = render_log(history, day, 0)
        sessions = history.sessions()
        suggest(sessions, [], day)
        calendar(sessions, day)
        trend_series(sessions, history.markers(), day)
    finally:
        history.close()
    assert "This week" in text
