"""Pilot tests of the player: every key, every phase, the dialogs, and the finish screen."""

from __future__ import annotations

from textual.widgets import Digits, OptionList

from stride_tui.session.engine import State, StepStatus
from stride_tui.tui.dialogs import HelpScreen, JumpScreen, QuitScreen
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.player import PlayerScreen
from tests.tui_helpers import advance, app_on, player, settle, text


def state_of(screen: PlayerScreen) -> State:
    """Read the state afresh (keys change it between awaits)."""
    return screen.engine.state


async def test_player_shows_each_phase_with_its_colour() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        box = screen.query_one("#player")
        assert text(app, "#banner") == "GET READY"
        assert box.has_class("phase-get-ready")
        assert text(app, "#step") == "Next: Couch stretch  ·  Step 1 of 5"
        assert str(screen.query_one("#count", Digits).value) == "0:03"
        await advance(pilot, clock, 3.5)
        assert text(app, "#banner") == "WORK" and box.has_class("phase-work")
        assert text(app, "#side") == "LEFT"
        assert text(app, "#cue") == "Neutral pelvis"
        await advance(pilot, clock, 5)
        assert text(app, "#cue") == "Keep ribs quiet"
        assert screen.query_one("#count", Digits).value == "0:15"  # 14.5 s left
        await advance(pilot, clock, 15)  # t = 23.5: the switch (23 to 25)
        assert box.has_class("phase-switch")
        assert text(app, "#banner") == "SWITCH SIDES"
        assert text(app, "#side") == "NEXT: RIGHT"
        await advance(pilot, clock, 2)
        assert text(app, "#side") == "RIGHT"
        await advance(pilot, clock, 26)  # t = 51.5: reps start at 48, rep 2 at 51, "out"
        assert screen.query_one("#count", Digits).value == "2/4"
        assert text(app, "#count-label") == "rep"
        assert text(app, "#beat") == "out"
        await advance(pilot, clock, 9)  # to the bridge's wait
        assert box.has_class("waiting") and box.has_class("phase-wait")
        assert "Lie on your back. Press space" in text(app, "#cue")
        await pilot.press("space")
        await advance(pilot, clock, 3 + 6 + 1)
        assert box.has_class("phase-rest") and text(app, "#banner") == "REST"
        await advance(pilot, clock, 4 + 3 + 0.5)
        assert box.has_class("phase-breathe")
        assert text(app, "#beat") == "Breathe in"
        assert text(app, "#count-label") == "breath"


async def test_space_pauses_unmistakably_and_resumes_a_hold_with_a_count_in() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 6)  # 3 s into the hold
        await pilot.press("space")
        assert state_of(screen) is State.PAUSED
        assert text(app, "#banner") == "PAUSED"
        assert screen.query_one("#player").has_class("paused")
        await advance(pilot, clock, 30)
        assert screen.query_one("#count", Digits).value == "0:17"
        await pilot.press("space")
        assert state_of(screen) is State.RESUMING
        assert screen.query_one("#count", Digits).value == "3"
        assert text(app, "#count-label") == "resuming"
        await advance(pilot, clock, 3.2)
        assert state_of(screen) is State.RUNNING
        assert not screen.query_one("#player").has_class("paused")


async def test_next_back_and_arrow_keys() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await pilot.press("n")
        assert text(app, "#banner") == "WORK"
        await pilot.press("right")
        assert text(app, "#banner") == "SWITCH SIDES"
        await pilot.press("p")  # near the start: back to the left side
        assert text(app, "#side") == "LEFT"
        await advance(pilot, clock, 5)
        await pilot.press("left")  # well in: restart the left side
        assert screen.engine.snapshot().segment_elapsed == 0
        assert text(app, "#side") == "LEFT"
        assert screen.engine.step_status(0) is StepStatus.SKIPPED  # its get-ready was skipped


async def test_plus_and_minus_change_the_time_left() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 4)  # 1 s into a 20 s hold: 19 left
        await pilot.press("plus")
        assert screen.query_one("#count", Digits).value == "0:29"
        assert "1:33 left of 1:37" in text(app, "#remaining")
        await pilot.press("minus", "minus")
        assert screen.query_one("#count", Digits).value == "0:09"
        assert screen.engine.added == -10


async def test_jump_lists_the_steps_and_goes_to_the_chosen_one() -> None:
    app, _ = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JumpScreen)
        steps = app.screen.query_one("#steps", OptionList)
        assert steps.option_count == 5
        assert "Belly breathing" in str(steps.get_option_at_index(4).prompt)
        await pilot.press("down", "down", "down", "enter")
        screen = player(app)
        assert screen.engine.snapshot().step_name == "Rest"
        await pilot.press("j", "escape")
        assert player(app).engine.snapshot().step_name == "Rest"


async def test_mute_and_help() -> None:
    app, _ = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        assert app.muted
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert text(app, "#sound") == "Sound: none (muted), standard profile"
        assert "space   pause / resume" in text(app, "#help-text")
        await pilot.press("escape")
        await pilot.press("m")
        assert not app.muted


async def test_quit_asks_says_what_happens_and_can_be_declined() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 10)
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        message = text(app, "#quit-message")
        assert message.startswith("Stop Short test routine now, during step 1 of 5 (Couch")
        assert "0:10 of 1:27 in? It will count as stopped, with 0 steps done." in message
        assert state_of(screen) is State.PAUSED  # the clock stops while asking
        await pilot.press("n")
        assert isinstance(app.screen, PlayerScreen)
        assert state_of(screen) is State.RESUMING
        await pilot.press("q", "y")
        assert isinstance(app.screen, FinishScreen)
        assert text(app, "#finish-title") == "Short test routine: stopped at step 1 of 5"
        summary = text(app, "#finish-summary")
        assert "Steps done  0 of 5" in summary and "Skipped     5:" in summary


async def test_a_whole_routine_plays_to_the_finish_screen() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 60)
        await pilot.press("space")  # ready for the bridge
        await advance(pilot, clock, 30)
        assert isinstance(app.screen, FinishScreen)
        assert text(app, "#finish-title") == "Short test routine: done"
        summary = text(app, "#finish-summary")
        assert "Time taken  1:27   (planned 1:27)" in summary
        assert "Steps done  5 of 5" in summary and "Skipped     nothing" in summary
        assert "Esc: skip, done" in text(app, "#finish-hint")
        await pilot.press("escape")
    assert app.return_code == 0


async def test_small_terminal_swaps_digits_for_plain_text() -> None:
    app, _ = app_on()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = player(app)
        await settle(pilot)
        assert screen.has_class("compact")
        assert not screen.query_one("#count").display
        assert screen.query_one("#count-text").display
        assert text(app, "#count-text") == "0:03"


async def test_clicking_the_countdown_pauses() -> None:
    app, _ = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#count")
        assert state_of(player(app)) is State.PAUSED


async def test_a_missing_routine_exits_with_an_error() -> None:
    app, _ = app_on("no-such-routine")
    async with app.run_test(size=(80, 24)):
        pass
    assert app.return_code == 1
