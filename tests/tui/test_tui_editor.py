"""Pilot tests of the editor and of live reload, on real routine files."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from stride_tui import locations
from stride_tui.tui import editor as editor_module
from stride_tui.tui.app import StrideApp
from stride_tui.tui.editor import (
    Checked,
    EditorScreen,
    RoutineTextArea,
    UnsavedScreen,
    line_starting_at,
)
from stride_tui.tui.picker import PickerScreen
from tests.helpers.paths import ROOT
from tests.helpers.tui import app_on, player, text

MINE = """\
# My hips: a comment that must survive every save.
name: My hips
steps:
  - name: Couch stretch   # the key one
    time: 30s
"""


def mine() -> Path:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "my-hips.yaml"
    path.write_text(MINE)
    return path


async def open_editor(pilot: Pilot[None], app: StrideApp, rid: str) -> EditorScreen:
    picker = app.screen
    assert isinstance(picker, PickerScreen)
    picker.edit(rid)
    await pilot.pause()
    assert isinstance(app.screen, EditorScreen)
    return app.screen


async def settle_check(pilot: Pilot[None]) -> None:
    """Wait (with a deadline) until the text as it stands, at the level shown, is checked."""
    editor = pilot.app.screen
    assert isinstance(editor, EditorScreen)
    text = editor.query_one(RoutineTextArea).text
    deadline = asyncio.get_running_loop().time() + 10
    while (checked := editor.checked) is None or (checked.text, checked.level) != (
        text,
        editor.level,
    ):
        assert asyncio.get_running_loop().time() < deadline, "the text was never checked"
        await pilot.pause(0.02)


async def test_a_typo_is_shown_at_its_line_and_fixing_it_updates_the_preview() -> None:
    mine()
    app, _ = app_on(None)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_editor(pilot, app, "my-hips")
        area = editor.query_one(RoutineTextArea)
        await settle_check(pilot)
        assert text(app, "#edit-total").startswith("My hips: 0:35 at standard level, 1 steps")
        area.insert("    rep: 3\n", (5, 0))
        await settle_check(pilot)
        assert "line 6, column 5: steps[0]: unknown key `rep`; did you mean `reps`?" in text(
            app, "#problems"
        )
        assert area.problem_lines == frozenset({5})
        assert text(app, "#edit-total").startswith("1 problem(s)")
        area.replace("    time: 1m\n", (4, 0), (6, 0))  # fix it, and change the hold
        await settle_check(pilot)
        assert text(app, "#problems") == "No problems."
        assert area.problem_lines == frozenset()
        assert text(app, "#edit-total").startswith("My hips: 1:05 at standard level")
        await pilot.press("ctrl+l")
        await settle_check(pilot)
        assert "at experienced level" in text(app, "#edit-total")


async def test_saving_keeps_comments_and_copies_a_builtin_to_the_user_folder() -> None:
    path = mine()
    app, _ = app_on(None)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_editor(pilot, app, "my-hips")
        area = editor.query_one(RoutineTextArea)
        area.replace("45s", (4, 10), (4, 13))  # only a value changes
        await pilot.press("ctrl+s")
        assert path.read_text() == MINE.replace("time: 30s", "time: 45s")
        await pilot.press("escape")  # saved: leaves without asking
        assert isinstance(app.screen, PickerScreen)
        builtin = ROOT / "routines" / "quick-prelude.yaml"
        before = builtin.read_bytes()
        editor = await open_editor(pilot, app, "quick-prelude")
        await pilot.press("ctrl+s")
        copy = locations.user_routines_dir() / "quick-prelude.yaml"
        assert copy.read_bytes() == before  # copied on first save, comments and all
        assert builtin.read_bytes() == before  # the built-in is never written


async def test_leaving_with_unsaved_changes_asks_first() -> None:
    path = mine()
    app, _ = app_on(None)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_editor(pilot, app, "my-hips")
        editor.query_one(RoutineTextArea).insert("# more\n", (0, 0))
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # keep editing
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape", "d")  # discard
        assert isinstance(app.screen, PickerScreen)
        assert path.read_text() == MINE
        editor = await open_editor(pilot, app, "my-hips")
        editor.query_one(RoutineTextArea).insert("# kept\n", (0, 0))
        await pilot.pause()
        await pilot.press("escape", "s")  # save on the way out
        assert path.read_text().startswith("# kept\n")


async def test_the_picker_reloads_files_changed_on_disk() -> None:
    app, _ = app_on(None)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "my-hips" not in [o.id for o in app.screen.query_one(OptionList).options]
        path = mine()  # written by the user's own editor
        await pilot.pause(0.8)
        routines = app.screen.query_one("#routines", OptionList)
        ids = [routines.get_option_at_index(i).id for i in range(routines.option_count)]
        assert "my-hips" in ids
        routines.highlighted = ids.index("my-hips")
        await pilot.pause()
        assert text(app, "#total") == "0:35 at standard level · 1 steps"
        path.write_text(MINE.replace("30s", "50s"))
        await pilot.pause(0.8)
        assert text(app, "#total") == "0:55 at standard level · 1 steps"
        path.write_text(MINE.replace("time: 30s", "time: 1m70s"))  # a broken save
        await pilot.pause(0.8)
        title = str(app.screen.query_one("#title", Static).render())
        assert title.endswith("[the file has problems: showing the last good version]")
        assert "`1m70s` is not a duration; write 2m10s" in text(app, "#preview")
        assert text(app, "#total") == "0:55 at standard level · 1 steps"  # the last good one
        await pilot.press("enter")
        assert player(app).plan.total == 55  # and it can still be played


async def test_a_running_session_keeps_its_plan_and_says_a_newer_one_exists() -> None:
    path = mine()
    app, _ = app_on(str(path))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = player(app)
        await pilot.pause(0.2)
        path.write_text(MINE.replace("30s", "2m"))
        await pilot.pause(0.8)
        assert screen.newer_version
        assert screen.plan.total == 35


async def test_typing_is_echoed_while_a_check_is_under_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine()
    gate = threading.Event()
    checking = threading.Event()
    check = editor_module.check_text

    def slow_check(*args: object) -> Checked:
        checking.set()
        gate.wait(10)  # a check that takes long: the keys must not wait for it
        return check(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(editor_module, "check_text", slow_check)
    app, _ = app_on(None)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_editor(pilot, app, "my-hips")
        assert checking.wait(10), "the text was never checked"
        area = editor.query_one(RoutineTextArea)
        area.move_cursor((0, 0))
        await pilot.press(*"# hi", "enter")
        assert area.text.startswith("# hi\n# My hips")
        assert editor.checked is None  # still checking, and the keys went through
        gate.set()
        await settle_check(pilot)
        assert text(app, "#problems") == "No problems."


class Wrapping(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea("short\n" + "long " * 30 + "\nlast", soft_wrap=True)


async def test_the_gutter_finds_each_line_where_textual_wraps_it() -> None:
    """Fails when Textual changes how a TextArea tells wrapped rows from lines.

    ``line_starting_at`` is the editor's one use of Textual's wrapped document; if this
    fails after a Textual upgrade, adapt that function (the problem marks depend on it).
    """
    async with Wrapping().run_test(size=(40, 12)) as pilot:
        area = pilot.app.query_one(TextArea)
        await pilot.pause()
        wrapped = area.wrapped_document.height
        assert wrapped > 4, "the long line should wrap over several rows"
        rows = [line_starting_at(area, row) for row in range(wrapped + 2)]
        assert rows == [0, 1] + [None] * (wrapped - 3) + [2, None, None], (
            "Textual's TextArea changed how wrapped rows map to lines: update line_starting_at"
        )
