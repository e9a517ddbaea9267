"""Sessions and markers are ordered by their instant, whatever offset each was logged at."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stride_tui.log.opening import open_training_log
from stride_tui.log.store import TrainingLog

PLUS_14 = timezone(timedelta(hours=14))
MINUS_11 = timezone(timedelta(hours=-11))


def _start(history: TrainingLog, started: datetime, name: str) -> int:
    return history.start_session(
        routine_id=name,
        routine_name=name,
        routine_kind="dynamic",
        content_hash="x",
        level="standard",
        steps=[("Breathe", False)],
        planned_seconds=1.0,
        started=started,
    )


def test_a_time_zone_change_does_not_reorder_sessions(stride_home: Path) -> None:
    history = open_training_log()
    try:
        # 08:00 at +14 on 2 March is 18:00 UTC on 1 March; 09:00 at -11 on 1 March is
        # 20:00 UTC: later, though its text sorts first.
        earlier = _start(history, datetime(2026, 3, 2, 8, 0, tzinfo=PLUS_14), "earlier")
        later = _start(history, datetime(2026, 3, 1, 9, 0, tzinfo=MINUS_11), "later")
        # A DST fall-back: 01:10 at -05 (before the change) is 06:10 UTC, and 01:05 at
        # -06 (after it) is 07:05 UTC: later, though its text sorts first.
        first = _start(
            history, datetime(2026, 11, 1, 1, 10, tzinfo=timezone(timedelta(hours=-5))), "a"
        )
        second = _start(
            history, datetime(2026, 11, 1, 1, 5, tzinfo=timezone(timedelta(hours=-6))), "b"
        )
        newest_first = [row.id for row in history.sessions()]
        oldest_first = [r.session_id for r in history.step_records()]
        limited = [row.id for row in history.sessions(limit=1)]
    finally:
        history.close()
    assert newest_first == [second, first, later, earlier]
    assert oldest_first == [earlier, later, first, second]
    assert limited == [second]


def test_markers_are_ordered_by_their_instant(stride_home: Path) -> None:
    history = open_training_log()
    try:
        one = history.add_marker("cadence", 170, None, datetime(2026, 3, 2, 8, 0, tzinfo=PLUS_14))
        two = history.add_marker("cadence", 171, None, datetime(2026, 3, 1, 9, 0, tzinfo=MINUS_11))
        order = [marker.id for marker in history.markers("cadence")]
    finally:
        history.close()
    assert order == [one, two]


def test_recent_sessions_are_shown_in_local_time(
    stride_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stride_tui.coaching.report import recent_lines

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        history = open_training_log()
        try:
            _start(history, datetime(2026, 3, 2, 8, 0, tzinfo=PLUS_14), "far-east")
            lines = list(recent_lines(history))
        finally:
            history.close()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert any("Sun 01 Mar 18:00" in line for line in lines), lines
