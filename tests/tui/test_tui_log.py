"""Pilot tests of the after-session review and the history screen, on a real log file."""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual.pilot import Pilot
from textual.widgets import RadioButton, RadioSet, SelectionList

from stride_tui.log.opening import open_training_log
from stride_tui.log.store import TrainingLog
from stride_tui.tui import history as history_screen
from stride_tui.tui.calendar_view import ConsistencyCalendar
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.history import READING, HistoryScreen
from stride_tui.tui.picker import PickerScreen
from tests.helpers.history import TODAY, seed
from tests.helpers.tui import advance, app_on, text


async def read_log(pilot: Pilot[None]) -> str:
    """Wait (with a deadline) until the history screen has read the log; its text."""
    deadline = asyncio.get_running_loop().time() + 10
    while (body := text(pilot.app, "#history-body")) == READING:  # type: ignore[arg-type]
        assert asyncio.get_running_loop().time() < deadline, "the log was never shown"
        await pilot.pause(0.02)
    return body


async def play_to_the_end(pilot: object, clock: object) -> None:
    await advance(pilot, clock, 60)  # type: ignore[arg-type]
    await pilot.press("space")  # type: ignore[attr-defined]
    await advance(pilot, clock, 30)  # type: ignore[arg-type]


async def test_the_review_saved_at_once_logs_no_step_with_control() -> None:
    app, clock = app_on()
    async with app.run_test(size=(110, 50)) as pilot:
        await play_to_the_end(pilot, clock)
        assert isinstance(app.screen, FinishScreen)
        checklist = app.screen.query_one("#checklist", SelectionList)
        assert checklist.option_count == 2
        assert checklist.selected == []  # nothing is ticked for the runner
        await pilot.press("ctrl+s")
    history = open_training_log()
    (row,) = history.sessions()
    assert row.reviewed
    steps = history.steps(row.id)
    assert not any(s.with_control for s in steps)
    assert {s.index: s.with_control for s in steps if s.key_movement} == {0: None, 2: None}


async def test_the_review_logs_what_the_runner_ticked() -> None:
    app, clock = app_on()
    async with app.run_test(size=(110, 50)) as pilot:
        await play_to_the_end(pilot, clock)
        assert isinstance(app.screen, FinishScreen)
        checklist = app.screen.query_one("#checklist", SelectionList)
        assert [checklist.get_option_at_index(i).prompt for i in range(2)] == [
            "Couch stretch", "Bridge"]  # fmt: skip
        checklist.focus()
        await pilot.press("space")  # the couch stretch went well; the bridge did not
        await pilot.click("#stiffness-2")
        await pilot.click("#feel-4")
        await pilot.click("#notes")
        await pilot.press(*"left hip tight")
        await pilot.press("ctrl+s")
    history = open_training_log()
    (row,) = history.sessions()
    assert (row.outcome.describe(), row.reviewed, row.stiffness, row.stride_feel, row.notes) == (
        "completed", True, 2, 4, "left hip tight")  # fmt: skip
    control = {s.index: s.with_control for s in history.steps(row.id) if s.key_movement}
    assert control == {0: True, 2: False}
    assert app.return_code == 0


async def test_a_review_skipped_with_esc_logs_nothing_about_control() -> None:
    app, clock = app_on()
    async with app.run_test(size=(110, 50)) as pilot:
        await play_to_the_end(pilot, clock)
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("escape")
    history = open_training_log()
    (row,) = history.sessions()
    assert not row.reviewed
    assert all(s.with_control is None for s in history.steps(row.id))


async def test_only_the_chosen_rating_is_marked_chosen() -> None:
    app, clock = app_on()
    async with app.run_test(size=(110, 50)) as pilot:
        await play_to_the_end(pilot, clock)
        screen = app.screen
        assert isinstance(screen, FinishScreen)
        stiffness = screen.query_one("#stiffness", RadioSet)
        assert stiffness.has_focus and stiffness.pressed_index == -1
        labels = [str(b.label) for b in stiffness.query(RadioButton)]
        assert labels == ["1", "2", "3", "4", "5"]  # the cursor on 1 is no choice
        await pilot.click("#stiffness-3")
        await pilot.press("right")  # the cursor moves on to 4; 3 stays the choice
        labels = [str(b.label) for b in stiffness.query(RadioButton)]
        assert labels == ["1", "2", "[3]", "4", "5"]
        cursor = screen.query_one("#stiffness-4", RadioButton)
        chosen = screen.query_one("#stiffness-3", RadioButton)
        assert "-selected" in cursor.classes and not cursor.value
        look = [b.get_component_rich_style("toggle--label") for b in (cursor, chosen)]
        assert look[0].bgcolor == look[1].bgcolor  # no block: the cursor is not a choice
        assert look[0].underline and not look[0].bold
        assert look[1].bold and look[0].color != look[1].color


async def test_the_review_can_be_skipped_with_one_key() -> None:
    app, clock = app_on()
    async with app.run_test(size=(100, 40)) as pilot:
        await advance(pilot, clock, 10)
        await pilot.press("q", "y")  # stopped during step 1
        assert text(app, "#finish-title") == "Short test routine: stopped at step 1 of 5"
        summary = text(app, "#finish-summary")
        assert "Skipped     nothing" in summary  # the steps after it were never reached
        assert "Not reached 4 (stopped before them)" in summary
        await pilot.press("escape")
    (row,) = open_training_log().sessions()
    assert (row.outcome.describe(), row.reviewed) == ("stopped at step 1 of 5", False)


async def test_history_screen_shows_the_log() -> None:
    history = open_training_log()
    seed(history)
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        body = await read_log(pilot)
        assert body.startswith("This week (Mon 16 Nov to Sun 22 Nov): 4 completed sessions")
        assert "Streak: 4 days" in body and "Recovery session   not yet" in body
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_without_a_log_the_session_still_runs_and_says_so() -> None:
    app, clock = app_on(logged=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await play_to_the_end(pilot, clock)
        assert isinstance(app.screen, FinishScreen)
        assert "not logged" in text(app, "#not-logged")


async def test_the_history_screen_draws_before_the_log_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(open_training_log())
    gate = threading.Event()
    reader = threading.Event()

    def slow_open() -> TrainingLog:
        reader.set()
        gate.wait(10)  # a slow disk: the screen must not wait for it
        return open_training_log()

    monkeypatch.setattr(history_screen, "open_training_log", slow_open)
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        assert reader.wait(10), "the log was never opened"
        assert text(app, "#history-body") == READING
        assert not app.screen.query(ConsistencyCalendar)
        gate.set()
        assert (await read_log(pilot)).startswith("This week (Mon 16 Nov to Sun 22 Nov)")
        assert app.screen.query(ConsistencyCalendar)
