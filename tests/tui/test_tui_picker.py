"""Pilot tests of the picker: the list, broken routines, levels, and starting a session."""

from __future__ import annotations

import asyncio
import threading
from textwrap import dedent

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from stride_tui import locations
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.picker import PickerScreen
from tests.helpers.tui import app_on, log_answered, player, text


def ids(app: object) -> list[str]:
    from stride_tui.tui.app import StrideApp

    assert isinstance(app, StrideApp)
    routines = app.screen.query_one("#routines", OptionList)
    return [str(routines.get_option_at_index(i).id) for i in range(routines.option_count)]


async def highlight(pilot: Pilot[None], app: object, rid: str) -> None:
    from stride_tui.tui.app import StrideApp

    assert isinstance(app, StrideApp)
    routines = app.screen.query_one("#routines", OptionList)
    routines.highlighted = ids(app).index(rid)
    await pilot.pause()


async def test_picker_lists_routines_and_previews_the_highlighted_one() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PickerScreen)
        assert {"pre-run-warmup", "post-run-recovery", "quick-prelude"} <= set(ids(app))
        # It opens on today's session (see the coaching tests); here, the warm-up's preview.
        await highlight(pilot, app, "pre-run-warmup")
        assert text(app, "#title") == "Pre-run warm-up  (warm-up, built-in)"
        assert text(app, "#total") == "7:33 at standard level · 10 steps"
        preview = text(app, "#preview")
        assert " 4. Leg swings, front to back  (15 reps each side; 0:46)" in preview
        assert "Swing from the hip · Torso quiet · Height is not the goal" in preview


async def test_level_selector_updates_the_total() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await highlight(pilot, app, "pre-run-warmup")
        await pilot.press("l")
        assert text(app, "#total") == "7:53 at experienced level · 11 steps"
        await pilot.press("l")
        assert text(app, "#total") == "6:45 at beginner level · 10 steps"
        await pilot.click("#level-standard")
        assert text(app, "#total") == "7:33 at standard level · 10 steps"


async def test_invalid_routines_are_listed_with_their_problems() -> None:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text(
        dedent("""\
            name: B
            steps:
              - {name: A, rep: 3}
            """)
    )
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "broken" in ids(app)
        routines = app.screen.query_one("#routines", OptionList)
        prompt = str(routines.get_option_at_index(ids(app).index("broken")).prompt)
        assert "invalid: 1 problem(s)" in prompt
        await highlight(pilot, app, "broken")
        assert text(app, "#title") == "broken: this file has problems"
        assert "broken.yaml:3:15: steps[0]: unknown key `rep`; did you mean `reps`?" in text(
            app, "#preview"
        )
        await pilot.press("enter")
        assert isinstance(app.screen, PickerScreen)  # not started, not crashed


async def test_enter_starts_at_the_chosen_level_and_the_finish_returns_here() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await highlight(pilot, app, "quick-prelude")
        await pilot.press("l", "l")  # standard -> experienced -> beginner
        await pilot.press("enter")
        screen = player(app)
        assert screen.plan.level == "beginner"
        assert screen.plan.name == "Quick prelude"
        await pilot.press("q", "y")
        assert isinstance(app.screen, FinishScreen)
        assert "Esc: skip, back to routines" in text(app, "#finish-hint")
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_live_reload_looks_at_the_files_off_the_ui_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stride_tui.tui import picker

    looks: list[threading.Thread] = []
    stat_all = picker._files

    def watched() -> picker.Fingerprint:
        looks.append(threading.current_thread())
        return stat_all()

    monkeypatch.setattr(picker, "_files", watched)
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        looks.clear()  # the first listing reads them on mount, once
        deadline = asyncio.get_running_loop().time() + 10
        while len(looks) < 3:  # a few looks while nothing changes
            assert asyncio.get_running_loop().time() < deadline, "the files were never looked at"
            await pilot.pause(0.05)
        assert threading.main_thread() not in looks
        folder = locations.user_routines_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "mine.yaml").write_text(
            dedent("""\
                name: Mine
                steps:
                  - {name: A, time: 30s}
                """)
        )
        while "mine" not in ids(app):
            assert asyncio.get_running_loop().time() < deadline, "the new file never showed"
            await pilot.pause(0.05)


async def click_routine(pilot: Pilot[None], app: object, rid: str, *, times: int = 1) -> None:
    """Click (or double click) a routine's line in the list; each routine takes two rows."""
    await log_answered(pilot)  # the list is drawn and today's highlight has settled
    at = (4, 2 * ids(app).index(rid))
    if times == 2:
        await pilot.double_click("#routines", offset=at)
    else:
        await pilot.click("#routines", offset=at)
    await pilot.pause()


async def test_one_click_chooses_and_previews_but_never_starts() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await highlight(pilot, app, "pre-run-warmup")
        await click_routine(pilot, app, "quick-prelude")
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        assert screen.current == "quick-prelude"
        assert text(app, "#title").startswith("Quick prelude")
        await click_routine(pilot, app, "quick-prelude")  # a stray second tap, later
        await pilot.pause(0.05)
        assert app.screen is screen


async def test_a_double_click_starts_the_routine() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await click_routine(pilot, app, "quick-prelude", times=2)
        assert player(app).plan.name == "Quick prelude"


async def test_the_previews_start_button_starts_the_chosen_routine() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await click_routine(pilot, app, "quick-prelude")
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.current == "quick-prelude"
        await pilot.click("#start")
        await pilot.pause()
        assert player(app).plan.name == "Quick prelude"
