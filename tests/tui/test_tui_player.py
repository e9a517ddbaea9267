"""Pilot tests of the player: every key, every phase, the dialogs, and the finish screen."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from textual.widgets import Footer, OptionList, RadioButton, Static

from stride_tui.session.engine import State, StepStatus
from stride_tui.tui.big_figure import BigFigure
from stride_tui.tui.dialogs import HelpScreen, JumpScreen, QuitScreen
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.player import PlayerScreen
from tests.helpers.paths import FIXTURES
from tests.helpers.tui import advance, app_on, footer_keys, player, settle, text


def figure(screen: PlayerScreen) -> str:
    """What the big figure shows."""
    return screen.query_one("#count", BigFigure).text


def side(screen: PlayerScreen) -> str:
    """The side band's word."""
    return screen.query_one("#side", BigFigure).text


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 1), ((100, 30), 3), ((160, 48), 5)])
async def test_the_side_is_drawn_in_block_letters_where_there_is_room(
    size: tuple[int, int], rows: int
) -> None:
    app, clock = app_on()
    async with app.run_test(size=size) as pilot:
        await advance(pilot, clock, 3.5)
        band = player(app).query_one("#side", BigFigure)
        assert band.text == "LEFT" and band.size.height == rows
        if rows == 1:
            assert band.figure == ["LEFT"]  # bold text on a one-row band
        else:
            assert len(band.figure) == rows and set("".join(band.figure)) <= set(" ▀▄█")


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
        assert figure(screen) == "3"  # get-ready counts in one large digit
        await advance(pilot, clock, 3.5)
        assert text(app, "#banner") == "WORK" and box.has_class("phase-work")
        assert side(screen) == "LEFT"
        assert text(app, "#cue") == "Neutral pelvis"
        await advance(pilot, clock, 5)
        assert text(app, "#cue") == "Keep ribs quiet"
        assert figure(screen) == "0:15"  # 14.5 s left
        await advance(pilot, clock, 15)  # t = 23.5: the switch (23 to 25)
        assert box.has_class("phase-switch")
        assert text(app, "#banner") == "SWITCH SIDES"
        assert side(screen) == "NEXT: RIGHT"
        await advance(pilot, clock, 2)
        assert side(screen) == "RIGHT"
        await advance(pilot, clock, 26)  # t = 51.5: reps start at 48, rep 2 at 51, "out"
        assert figure(screen) == "2/4"
        assert text(app, "#count-label") == "rep · out · 2"  # the phase, and its seconds left
        await advance(pilot, clock, 9)  # to the bridge's wait
        assert box.has_class("waiting") and box.has_class("phase-wait")
        assert "Lie on your back. Press space" in text(app, "#cue")
        await pilot.press("space")
        await advance(pilot, clock, 3 + 6 + 1)
        assert box.has_class("phase-rest") and text(app, "#banner") == "REST"
        await advance(pilot, clock, 4 + 3 + 0.5)
        assert box.has_class("phase-breathe")
        assert text(app, "#count-label").startswith("breath 1 of ")
        assert figure(screen).startswith("IN ")  # the breath's part, large


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
async def test_a_breath_is_followed_by_eye_its_part_in_the_big_figure(
    size: tuple[int, int],
) -> None:
    app, clock = app_on()
    async with app.run_test(size=size) as pilot:
        screen = player(app)
        await pilot.press("j")
        await pilot.press("down", "down", "down", "down", "enter")  # to Belly breathing
        await settle(pilot)
        parts: list[str] = []
        label = ""
        while len(parts) < 3:  # get ready (3 s), then in 2 s, out 3 s, in again
            await advance(pilot, clock, 0.5)
            count = screen.query_one("#count", BigFigure)
            if count.text[:1].isalpha() and (not parts or parts[-1] != count.text.split()[0]):
                parts.append(count.text.split()[0])
                assert len(count.figure) >= 3, "drawn in block letters, not as text"
                label = text(app, "#count-label")
        assert parts == ["IN", "OUT", "IN"]
        assert label == "breath 2 of 2 · Breathe in"


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
        assert figure(screen) == "0:17"
        await pilot.press("space")
        assert state_of(screen) is State.RESUMING
        assert figure(screen) == "3"
        assert text(app, "#count-label") == "resuming"
        assert text(app, "#banner") == "RESUMING"  # no longer PAUSED while counting in
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
        assert side(screen) == "LEFT"
        await advance(pilot, clock, 5)
        await pilot.press("left")  # well in: restart the left side
        assert screen.engine.snapshot().segment_elapsed == 0
        assert side(screen) == "LEFT"
        assert screen.engine.step_status(0) is StepStatus.SKIPPED  # its get-ready was skipped


async def test_plus_and_minus_change_the_time_left() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 4)  # 1 s into a 20 s hold: 19 left
        await pilot.press("plus")
        assert figure(screen) == "0:29"
        assert "1:33 left of 1:37" in text(app, "#remaining")
        await pilot.press("minus", "minus")
        assert figure(screen) == "0:09"
        assert screen.engine.added == -10


async def test_plus_and_minus_flash_what_they_did() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 4)
        await settle(pilot)
        await pilot.press("plus")
        assert screen.flash_word == "+10 s"
        await settle(pilot)
        await pilot.press("minus")
        assert screen.flash_word == "\u221210 s"


async def test_mute_shows_for_as_long_as_it_lasts_and_the_footer_offers_unmute() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 4)
        await settle(pilot)
        assert _footer_says(screen, "m") == "Mute"
        await pilot.press("m")
        assert screen.flash_word == "MUTED"
        assert text(app, "#banner").endswith(" · MUTED")
        await pilot.pause()
        assert _footer_says(screen, "m") == "Unmute"
        await advance(pilot, clock, 3)  # the mark stays while the session plays on
        assert text(app, "#banner").endswith(" · MUTED")
        await settle(pilot)
        await pilot.press("m")
        assert screen.flash_word == "SOUND ON"
        assert "MUTED" not in text(app, "#banner")
        await pilot.pause()
        assert _footer_says(screen, "m") == "Mute"


def _footer_says(screen: PlayerScreen, key: str) -> str:
    """What the footer offers on ``key``: its drawn keys' descriptions."""
    said = [str(getattr(k, "description")) for k in screen.query("FooterKey")  # noqa: B009
            if getattr(k, "key") == key]  # fmt: skip  # noqa: B009
    assert len(said) == 1, said
    return said[0]


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
        assert "Steps done  0 of 5" in summary and "Skipped     nothing" in summary
        assert "Not reached 4 (stopped before them)" in summary


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


async def test_a_small_terminal_keeps_a_block_figure_and_the_main_keys() -> None:
    app, _ = app_on()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = player(app)
        await settle(pilot)
        assert screen.has_class("compact") and not screen.has_class("too-small")
        count = screen.query_one("#count", BigFigure)
        assert count.text == "3" and len(count.figure) >= 3  # still drawn in blocks
        footer = "\n".join(line.rstrip() for line in app.export_screenshot().splitlines())
        keys = screen.app.screen.query_one(Footer)
        shown = [key for key, _ in footer_keys(keys)]
        assert shown[:4] == ["space", "n", "question_mark", "q"], (shown, footer)
        drawn = [region for _, region in footer_keys(keys)]  # the palette's key too
        main, rest = drawn[:4], drawn[4:]
        assert all(region.right <= 40 for region in main), drawn
        assert not any(a.overlaps(b) for a in main for b in rest), drawn  # none drawn over


async def test_at_80_columns_every_key_of_the_session_is_drawn() -> None:
    app, _ = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = footer_keys(app.screen)
        assert [key for key, _ in keys][-1] == "m"  # no palette key drawn over them
        assert all(region.right <= 80 for _, region in keys), [region for _, region in keys]


async def test_a_terminal_below_the_minimum_says_so_instead_of_overlapping() -> None:
    app, _ = app_on()
    async with app.run_test(size=(30, 8)) as pilot:
        screen = player(app)
        await settle(pilot)
        assert screen.has_class("too-small")
        assert not screen.query_one("#player").display
        assert text(app, "#too-small").startswith("Make the terminal at least 40x12")


@pytest.mark.parametrize(("small", "large"), [((39, 12), (40, 12)), ((40, 11), (40, 12))])
async def test_below_the_minimum_the_session_waits_until_there_is_room_again(
    small: tuple[int, int], large: tuple[int, int]
) -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 4)  # into the hold
        left = screen.engine.snapshot().segment_remaining
        await pilot.resize_terminal(*small)
        await settle(pilot)
        assert screen.has_class("too-small") and state_of(screen) is State.PAUSED
        await advance(pilot, clock, 10)  # nothing runs on while it cannot be followed
        assert screen.engine.snapshot().segment_remaining == left
        await pilot.resize_terminal(*large)  # exactly the minimum: room again
        await settle(pilot)
        assert not screen.has_class("too-small")
        assert state_of(screen) in (State.RESUMING, State.RUNNING)


async def test_a_long_step_name_is_cut_on_one_line_at_40x12() -> None:
    app, _ = app_on(str(FIXTURES / "long-name.yaml"))
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        step = player(app).query_one("#step", Static)
        assert step.region.height == 1
        assert len(player(app).query_one("#count", BigFigure).figure) >= 3


@pytest.mark.parametrize("size", [(40, 12), (100, 30)], ids=["40x12", "100x30"])
async def test_the_help_keeps_its_close_button_in_sight(size: tuple[int, int]) -> None:
    app, _ = app_on()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        close = app.screen.query_one("#close")
        assert close.region.height > 0 and close.region.bottom <= size[1], close.region
        await pilot.click("#close")
        assert isinstance(app.screen, PlayerScreen)


async def test_clicking_the_countdown_pauses() -> None:
    app, _ = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#count")
        assert state_of(player(app)) is State.PAUSED


def test_a_missing_routine_exits_with_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    from stride_tui.cli import main

    assert main(["run", "no-such-routine"]) == 1
    assert "no-such-routine" in capsys.readouterr().err


async def test_help_pauses_the_session_and_closing_it_goes_on() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 1)  # get ready: 2 s left
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        clock.advance(5)
        screen.tick()
        await pilot.pause()
        assert state_of(screen) is State.PAUSED
        assert screen.engine.snapshot().segment_remaining == 2  # no time passed behind it
        await pilot.press("escape")
        assert isinstance(app.screen, PlayerScreen) and state_of(screen) is State.RUNNING
        await advance(pilot, clock, 1)
        assert figure(screen) == "1"


async def test_jump_pauses_and_a_hold_counts_back_in_after() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 6)  # 3 s into the hold
        await pilot.press("j")
        assert isinstance(app.screen, JumpScreen) and state_of(screen) is State.PAUSED
        await pilot.press("escape")
        assert state_of(screen) is State.RESUMING  # 3-2-1 before the hold goes on


async def test_enter_in_the_quit_dialog_does_what_the_highlighted_button_says() -> None:
    app, clock = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = player(app)
        await advance(pilot, clock, 6)
        await pilot.press("q")
        assert text(app, "#enter-does").startswith("Enter: keep going")
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen) and state_of(screen) is State.RESUMING
        await pilot.press("q", "left")
        assert text(app, "#enter-does").startswith("Enter: stop the session")
        await pilot.press("enter")
        assert isinstance(app.screen, FinishScreen)
        assert screen.engine.outcome is not None and not screen.engine.outcome.completed


async def test_each_alert_flashes_its_own_word() -> None:
    app, clock = app_on(str(FIXTURES / "every_change.yaml"))
    seen: dict[str, str] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        screen = player(app)
        while not isinstance(app.screen, FinishScreen):
            clock.advance(0.25)
            screen.tick()
            word = screen.query_one("#flash-word")
            if word.has_class("flash"):
                kind = next(c for c in word.classes if c.startswith("flash-"))
                seen[kind] = str(screen.query_one("#flash-word", Static).render()).strip()
            if state_of(screen) is State.WAITING:
                await pilot.press("space")
            await pilot.pause()
    expected = {
        "flash-set-rest": "SET REST", "flash-breathe-hold": "HOLD", "flash-cue": "NEW CUE",
        "flash-halfway": "HALFWAY", "flash-switch": "SWITCH", "flash-last-three": "3 · 2 · 1",
    }  # fmt: skip
    assert {k: seen.get(k) for k in expected} == expected
    assert len(set(seen.values())) == len(seen)  # a word of its own for each kind


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_ratings_read_without_colour_and_the_review_opens_at_the_top(
    size: tuple[int, int],
) -> None:
    app, clock = app_on()
    async with app.run_test(size=size) as pilot:
        await advance(pilot, clock, 60)
        await pilot.press("space")
        await advance(pilot, clock, 30)
        assert isinstance(app.screen, FinishScreen)
        await pilot.pause()
        assert app.screen.query_one("#finish").scroll_y == 0
        app.screen.query_one("#stiffness-3", RadioButton).value = True
        await pilot.pause()
        labels = [
            str(b.label) for b in app.screen.query("#stiffness RadioButton").results(RadioButton)
        ]
        assert labels == ["1", "2", "[3]", "4", "5"]


FIGURE_ROWS: dict[tuple[int, int], int] = {}
"""The rows the big figure took at each size (printed for the record by the test)."""


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (100, 30), (160, 48), (200, 60)],
                         ids=lambda s: f"{s[0]}x{s[1]}")  # fmt: skip
async def test_the_countdown_fills_the_screen(size: tuple[int, int]) -> None:
    width, height = size
    app, clock = app_on()
    async with app.run_test(size=size) as pilot:
        screen = player(app)
        await advance(pilot, clock, 9)  # in the hold: "0:14"
        await settle(pilot)
        count = screen.query_one("#count", BigFigure)
        assert count.text == "0:14"
        rows = len(count.figure)
        assert max(len(row) for row in count.figure) <= width
    print(f"{width}x{height}: the figure takes {rows} of {height} rows")
    assert rows >= 3  # a block figure, never plain text while 3 rows fit
    if height >= 24:
        assert rows >= 0.4 * height
    if size == (200, 60):
        assert rows >= 24


async def test_text_from_the_routine_is_shown_as_written_never_as_markup(
    tmp_path: Path,
) -> None:
    routine = tmp_path / "markup.yaml"
    routine.write_text(
        dedent("""\
            name: '[b]Hips[/b]'
            defaults: {get_ready: 0s}
            steps:
              - {name: '[red]Couch[/]', time: 30s, cues: ['[link=x]Tap[/link]']}
            """)
    )
    app, clock = app_on(str(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 1)
        assert text(app, "#step").startswith("[red]Couch[/]")
        assert text(app, "#cue") == "[link=x]Tap[/link]"
