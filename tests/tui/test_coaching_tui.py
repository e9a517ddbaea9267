"""Pilot tests of coaching in the app: today's routine in the picker, the side question."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from textwrap import dedent
from time import monotonic as time_now

import pytest
from textual.widgets import OptionList, RadioButton

from stride_tui import locations
from stride_tui.coaching.coach import LogSnapshot, read_snapshot
from stride_tui.log.opening import open_training_log
from stride_tui.log.sides import Tighter
from stride_tui.log.store import TrainingLog
from stride_tui.routine.plan import SegmentKind
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.picker import PickerScreen
from stride_tui.tui.player import PlayerScreen
from tests.helpers.tui import advance, app_on, log_answered, text

TODAY = datetime(2026, 11, 19).date()
"""A Thursday."""

HIPS = """\
name: My hips
kind: long-hold
steps:
  - name: Couch stretch
    time: 45s
    sides: both
    favor: tighter
    progress: {add: 5s, every: 2 sessions, up_to: 75s}
"""


def log_session(routine_id: str, kind: str, days_ago: int, tighter: Tighter | None = None) -> None:
    history = open_training_log()
    day = TODAY - timedelta(days=days_ago)
    session = history.start_session(
        routine_id=routine_id,
        routine_name=routine_id,
        routine_kind=kind,
        content_hash="t",
        level="standard",
        steps=[("Couch stretch", False)],
        planned_seconds=100.0,
        started=datetime.combine(day, time(7), tzinfo=UTC),
    )
    history.record_step(session, 0, StepStatus.DONE, 90.0, 1)
    history.end_session(session, Outcome(OutcomeKind.COMPLETED, 1), 100.0)
    if tighter is not None:
        history.record_sides(session, {0: tighter})
    history.close()


def highlighted(app: object) -> str:
    from stride_tui.tui.app import StrideApp

    assert isinstance(app, StrideApp)
    routines = app.screen.query_one("#routines", OptionList)
    assert routines.highlighted is not None
    return str(routines.get_option_at_index(routines.highlighted).id)


async def test_the_picker_opens_on_todays_session_with_the_reason() -> None:
    log_session("long-hold-day", "long-hold", days_ago=2)  # Tuesday
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await log_answered(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert highlighted(app) == "dynamic-day"
        assert text(app, "#today") == (
            "Today: Dynamic day is due; long-hold day done Tuesday; recovery after your run"
        )


async def test_the_picker_draws_its_list_before_a_slow_log_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    log_session("long-hold-day", "long-hold", days_ago=2)  # Tuesday
    held = threading.Event()
    answer = threading.Event()
    read = read_snapshot

    def slow_read(history: TrainingLog, since: str) -> LogSnapshot:
        """A reader held up (as by a writer's lock, past the busy timeout) until let go."""
        held.set()
        assert answer.wait(30), "the test never let the log answer"
        return read(history, since)

    monkeypatch.setattr("stride_tui.tui.picker.read_snapshot", slow_read)
    app, _ = app_on(None, today=TODAY)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            # The first frame: every routine listed, while the log has not answered.
            assert isinstance(app.screen, PickerScreen)
            routines = app.screen.query_one("#routines", OptionList)
            assert routines.option_count >= 5
            assert held.wait(10)  # the worker is inside the read, on its own thread
            await pilot.pause()
            assert text(app, "#today") == "Today: reading the log…"
            await pilot.press("down")  # the list answers keys meanwhile
            chosen = highlighted(app)
            answer.set()
            await log_answered(pilot)
            assert text(app, "#today") == (
                "Today: Dynamic day is due; long-hold day done Tuesday; recovery after your run"
            )
            assert highlighted(app) == chosen  # where the runner moved it, not moved again
    finally:
        answer.set()


async def test_warm_up_and_recovery_are_one_key_away() -> None:
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await log_answered(pilot)
        assert highlighted(app) == "long-hold-day"
        await pilot.press("w")
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.driver.plan.name == "Pre-run warm-up"
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await log_answered(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.driver.plan.name == "Post-run recovery"


async def test_the_preview_and_the_session_use_the_value_in_force() -> None:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "my-hips.yaml").write_text(HIPS)
    for days_ago, side in ((6, Tighter.RIGHT), (5, Tighter.RIGHT), (4, Tighter.EVEN)):
        log_session("my-hips", "long-hold", days_ago, side)
    app, clock = app_on(None, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await log_answered(pilot)
        assert highlighted(app) == "my-hips"  # the long-hold routine this runner uses
        preview = text(app, "#preview")
        assert " 1. Couch stretch  (0:50 each side; 2:00)" in preview
        assert "     progress: 50s, progressed from 45s; next at 55s" in preview
        assert "     Right gets 10 s more: it has been tighter (2 of the last 3)" in preview
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        works = [s for s in app.screen.driver.plan.segments if s.kind is SegmentKind.WORK]
        assert [(s.side, s.duration) for s in works] == [("left", 50.0), ("right", 60.0)]
        await advance(pilot, clock, works[1].start + 1)  # the player says why, on that side
        assert text(app, "#cue") == "Right gets 10 s more: it has been tighter (2 of the last 3)"


async def test_the_review_asks_which_side_felt_tighter() -> None:
    app, clock = app_on()
    async with app.run_test(size=(110, 50)) as pilot:
        await advance(pilot, clock, 60)
        await pilot.press("space")
        await advance(pilot, clock, 30)
        assert isinstance(app.screen, FinishScreen)
        assert text(app, "#sides .side-name") == "Couch stretch"
        await pilot.click("#tighter-0-right")
        await pilot.pause()
        await pilot.click("#tighter-0-left")
        await pilot.pause()
        labels = [
            str(b.label) for b in app.screen.query("#tighter-0 RadioButton").results(RadioButton)
        ]
        assert labels == ["[left]", "right", "even"]
        ratings = app.screen.query("#stiffness RadioButton").results(RadioButton)
        assert [str(b.label) for b in ratings] == ["1", "2", "3", "4", "5"]
        await pilot.press("ctrl+s")
    history = open_training_log()
    (row,) = history.sessions()
    records = history.step_records(row.routine_id)
    assert [(r.name, r.tighter) for r in records if r.tighter] == [("Couch stretch", Tighter.LEFT)]


async def test_back_from_a_session_the_picker_knows_it_was_done() -> None:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "mini-hold.yaml").write_text(
        dedent("""\
            name: Mini hold
            kind: long-hold
            defaults: {get_ready: 0}
            steps:
              - {name: Hold, time: 3s}
            """)
    )
    app, clock = app_on(None, today=datetime.now().date())
    async with app.run_test(size=(120, 30)) as pilot:
        await log_answered(pilot)
        assert text(app, "#today").startswith("Today: Long-hold day is due")
        routines = app.screen.query_one("#routines", OptionList)
        ids = [str(routines.get_option_at_index(i).id) for i in range(routines.option_count)]
        routines.highlighted = ids.index("mini-hold")
        await pilot.pause()
        await pilot.press("enter")
        await advance(pilot, clock, 5)
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
        await log_answered(pilot)
        assert text(app, "#today").startswith("Today: Long-hold day done today;")


async def test_the_history_screen_shows_each_steps_side_balance() -> None:
    from stride_tui.tui.history import HistoryScreen

    for days_ago, tighter in ((1, Tighter.LEFT), (3, Tighter.LEFT), (5, Tighter.EVEN)):
        log_session("my-hips", "long-hold", days_ago, tighter)
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h")
        deadline = time_now() + 10
        while "Sides, last" not in _history_body(app):
            assert time_now() < deadline, _history_body(app)
            await pilot.pause(0.05)
        assert isinstance(app.screen, HistoryScreen)
        body = _history_body(app)
        assert "Couch stretch (my-hips)" in body and "left tighter" in body
        assert "L 2 · R 0 · even 1" in body


def _history_body(app: object) -> str:
    from textual.widgets import Static

    from stride_tui.tui.app import StrideApp

    assert isinstance(app, StrideApp)
    found = app.screen.query("#history-body")
    return str(found.first(Static).render()) if found else ""
