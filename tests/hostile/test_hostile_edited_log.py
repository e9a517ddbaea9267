"""A log edited by hand in a database browser costs the rows that can't be read.

Each edit below is one a runner could make (text in a time, a word this version does
not know, a day that is no date, a blob in a number, an infinite marker). The row is
skipped and counted (``1 row of the log could not be read: session 2``), the others are
shown, and a session of the same routine still plays.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stride_tui import locations
from stride_tui.log.opening import open_training_log
from stride_tui.log.sides import Tighter
from stride_tui.log.store import TrainingLog
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind
from tests.helpers.commands import assert_clean, run_stride
from tests.helpers.paths import FIXTURES

ROUTINE = "pre-run-warmup"
"""A built-in's id, overridden by a tiny routine so that a session ends in seconds."""

Edit = Callable[[sqlite3.Connection], None]


def _sql(statement: str) -> Edit:
    def edit(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute(statement)

    return edit


S2 = "WHERE id = 2"
STEPS2 = "WHERE session_id = 2"
M1 = "WHERE id = 1"
EDITS: dict[str, tuple[Edit, str]] = {
    "a time in words": (_sql(f"UPDATE sessions SET started_at = 'last tuesday' {S2}"), "session 2"),
    "an unknown outcome": (_sql(f"UPDATE sessions SET outcome = 'abandoned' {S2}"), "session 2"),
    "an unknown side": (_sql(f"UPDATE session_steps SET tighter = 'both' {STEPS2}"), "session 2"),
    "an impossible day": (_sql(f"UPDATE sessions SET day = '2026-02-30' {S2}"), "session 2"),
    "a blob for a number": (_sql(f"UPDATE sessions SET taken_seconds = x'00ff' {S2}"), "session 2"),
    "a rating of 9": (_sql(f"UPDATE sessions SET stiffness = 9 {S2}"), "session 2"),
    "a step's status": (_sql(f"UPDATE session_steps SET status = 'meh' {STEPS2}"), "session 2"),
    "an infinite marker": (_sql(f"UPDATE markers SET value = 9e999 {M1}"), "marker 1"),
    "a minus infinite marker": (_sql(f"UPDATE markers SET value = -9e999 {M1}"), "marker 1"),
    "a marker's time in words": (_sql(f"UPDATE markers SET recorded_at = 'now' {M1}"), "marker 1"),
}  # fmt: skip


def _seed(history: TrainingLog) -> None:
    start = datetime.now(UTC) - timedelta(days=4)
    for n in range(3):
        session = history.start_session(
            routine_id=ROUTINE,
            routine_name="Pre-run warm-up",
            routine_kind="warm-up",
            content_hash="x",
            level="standard",
            steps=[("Breathe", True), ("Reach", False)],
            planned_seconds=13.0,
            started=start + timedelta(days=n),
        )
        history.record_step(session, 0, StepStatus.DONE, 6.0, 1)
        history.record_step(session, 1, StepStatus.DONE, 7.0, 2)
        history.end_session(session, Outcome(OutcomeKind.COMPLETED, 2, None, 0), 13.0)
        history.review(session, with_control={0: True}, stiffness=2, stride_feel=4, notes="")
        history.record_sides(session, {0: Tighter.LEFT})
    for value in (170.0, 172.0):
        history.add_marker("cadence", value, None, start + timedelta(hours=value))


@pytest.fixture(params=list(EDITS), ids=list(EDITS))
def edited(request: pytest.FixtureRequest, stride_home: Path) -> str:
    """A log of three sessions and two markers, one row edited by hand; that row's name."""
    edit, row = EDITS[request.param]
    history = open_training_log()
    _seed(history)
    history.close()
    with sqlite3.connect(locations.history_file()) as db:
        edit(db)
    db.close()
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "tiny.yaml", folder / f"{ROUTINE}.yaml")
    return row


def test_the_store_skips_and_counts_the_row(edited: str) -> None:
    from stride_tui.log.store import unreadable_note

    history = open_training_log()
    try:
        sessions = history.sessions()
        history.step_records(ROUTINE)
        history.steps(2)
        history.markers()
        history.days_with_sessions()
        note = unreadable_note(history)
    finally:
        history.close()
    assert note == f"1 row of the log could not be read: {edited}; the rest is shown"
    assert {1, 3} <= {row.id for row in sessions}  # the others are all there


@pytest.mark.parametrize("argv", [("log",), ("today",), ("show", ROUTINE)], ids=" ".join)
def test_commands_show_the_rest_and_say_what_was_skipped(
    argv: tuple[str, ...], edited: str, tmp_path: Path
) -> None:
    result = run_stride(*argv, cwd=tmp_path)
    output = assert_clean(result)
    assert result.returncode == 0, output
    if argv[0] == "log":  # `today` reads only the sessions, and says only of those
        assert f"1 row of the log could not be read: {edited}" in result.stderr.decode()


def test_a_session_of_the_same_routine_still_plays_and_is_logged(
    edited: str, tmp_path: Path
) -> None:
    result = run_stride("run", ROUTINE, "--plain", "--mute", cwd=tmp_path)
    output = assert_clean(result)
    assert result.returncode == 0, output
    history = open_training_log()
    try:
        count = history.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        history.close()
    assert count == 4  # the three before, edited or not, and this one: nothing lost
