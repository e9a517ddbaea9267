"""SVG snapshots of every screen and phase at a small, a usual and a large terminal size.

Review changed snapshots with `pytest --snapshot-update` and look at them before committing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from textwrap import dedent
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.helpers.paths import FIXTURES
from tests.helpers.tui import SHORT, advance, app_on, settle

SIZES = [(40, 12), (80, 24), (160, 48)]
PLAYER_SIZES = [(40, 12), (80, 24), (100, 30), (160, 48), (200, 60)]
EVERY_CHANGE = str(FIXTURES / "every_change.yaml")

# The routine, seconds of manual clock and keys that bring the player to each state.
STATES: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "get-ready": (SHORT, 1.0, ()),
    "hold": (SHORT, 9.0, ()),
    "switch": (SHORT, 23.5, ()),
    "reps": (SHORT, 52.0, ()),
    "set-rest": (EVERY_CHANGE, 30.0, ()),
    "paused": (SHORT, 12.0, ("space",)),
    "resuming": (SHORT, 12.0, ("space", "space")),
    "waiting": (SHORT, 61.0, ()),
}


def setup(
    seconds: float, keys: tuple[str, ...], after_ready: float = 0.0, routine: str = SHORT
) -> tuple[Any, Callable[[Pilot[None]], Awaitable[None]]]:
    app, clock = app_on(routine)

    async def run_before(pilot: Pilot[None]) -> None:
        await advance(pilot, clock, seconds, step=4.0)
        if keys:
            await pilot.press(*keys)
        if after_ready:
            await pilot.press("space")
            await advance(pilot, clock, after_ready, step=4.0)
        await settle(pilot)

    return app, run_before


@pytest.mark.parametrize("size", PLAYER_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_player(snap_compare: Any, state: str, size: tuple[int, int]) -> None:
    routine, seconds, keys = STATES[state]
    app, run_before = setup(seconds, keys, routine=routine)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("keys", [(), ("question_mark",)], ids=["hold", "help"])
def test_the_smallest_player_with_a_long_name(snap_compare: Any, keys: tuple[str, ...]) -> None:
    """At 40x12 a long step name stays on one line, and the help keeps Close in sight."""
    app, run_before = setup(5.0, keys, routine=str(FIXTURES / "long-name.yaml"))
    assert snap_compare(app, terminal_size=(40, 12), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("state", "after"), [("rest", 10.5), ("breathe", 17.5)])
def test_player_after_the_wait(
    snap_compare: Any, state: str, after: float, size: tuple[int, int]
) -> None:
    app, run_before = setup(61.0, (), after_ready=after)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_finish(snap_compare: Any, size: tuple[int, int]) -> None:
    app, run_before = setup(61.0, (), after_ready=40)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_picker(snap_compare: Any, size: tuple[int, int]) -> None:
    app, _ = app_on(None)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)  # opens on the pre-run warm-up

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history(snap_compare: Any, size: tuple[int, int]) -> None:
    from stride_tui.log.opening import open_training_log
    from tests.helpers.history import TODAY, seed

    seed(open_training_log())
    app, _ = app_on(None, today=TODAY)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "with-problems"])
def test_editor(snap_compare: Any, broken: bool) -> None:
    from stride_tui import locations
    from stride_tui.tui.editor import EditorScreen, RoutineTextArea
    from stride_tui.tui.picker import PickerScreen

    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "my-hips.yaml").write_text(
        dedent("""\
            # My hips
            name: My hips
            steps:
              - name: Couch stretch
                time: 30s
                sides: both
              - {name: Frog, time: 1m}
            """)
    )
    app, _ = app_on(None)

    async def run_before(pilot: Pilot[None]) -> None:
        picker = pilot.app.screen
        assert isinstance(picker, PickerScreen)
        picker.edit("my-hips")
        await pilot.pause()
        if broken:
            area = pilot.app.screen.query_one(RoutineTextArea)
            area.replace("1m70s", (4, 10), (4, 13))
            area.insert("    rep: 3\n", (6, 0))
            area.move_cursor((0, 0))
        editor = pilot.app.screen
        assert isinstance(editor, EditorScreen)
        text = editor.query_one(RoutineTextArea).text
        deadline = time.monotonic() + 10
        # The check runs on a worker after typing pauses: wait until it has seen this text.
        while editor.checked is None or editor.checked.text != text:
            assert time.monotonic() < deadline, "the editor never checked the text"
            await pilot.pause(0.05)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
