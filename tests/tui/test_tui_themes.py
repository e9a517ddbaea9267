"""Themes: the command palette offers Textual's themes, and the one chosen is remembered."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from stride_tui import locations
from stride_tui.live.services import build_services
from stride_tui.settings import load_settings, remember
from stride_tui.tui.app import StrideApp


def _app() -> StrideApp:
    return StrideApp(build_services(), None)  # settings from config.toml, as a runner's


def _highlighted(app: StrideApp) -> str:
    """The palette's highlighted choice (its first line), or "" when none is."""
    if not isinstance(app.screen, CommandPalette):
        return ""
    options = app.screen.query_one(OptionList)
    index = options.highlighted
    if index is None:
        return ""
    return str(options.get_option_at_index(index).prompt).splitlines()[0].strip()


async def _until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until ``done()`` (the palette searches after a pause in typing)."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def test_the_theme_chosen_is_remembered_and_used_next_time() -> None:
    config = locations.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("# my settings\n[sound]\nvolume = 0.5  # quiet mornings\n")
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"theme")  # the palette's "Theme" command
        await _until(pilot, lambda: _highlighted(app).startswith("Theme"))
        await pilot.press("enter", *"nord")  # a second palette: the themes
        await _until(pilot, lambda: _highlighted(app) == "nord")
        await pilot.press("enter")
        await _until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert app.theme == "nord"
    assert load_settings().settings.theme == "nord"
    text = config.read_text()
    assert text.startswith("# my settings\n[sound]\nvolume = 0.5  # quiet mornings\n")
    assert '[display]\ntheme = "nord"' in text
    again = _app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


def test_remember_replaces_a_setting_where_it_stands(tmp_path: object) -> None:
    config = locations.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[display]\ntheme = "gruvbox"  # warm\n\n[voice]\nrate = 150\n')
    remember("display", "theme", "nord")
    assert config.read_text() == '[display]\ntheme = "nord"\n\n[voice]\nrate = 150\n'
    remember("voice", "engine", "espeak-ng")
    assert load_settings().settings.voice_engine == "espeak-ng"
    assert load_settings().problems == []
