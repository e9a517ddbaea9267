"""Themes: the command palette offers Textual's themes, and the one chosen is remembered."""

from __future__ import annotations

from textual.command import CommandPalette

from stride_tui import locations
from stride_tui.services import build_services
from stride_tui.settings import load_settings, remember
from stride_tui.tui.app import StrideApp


def _app() -> StrideApp:
    return StrideApp(build_services())  # settings from config.toml, as a runner's


async def test_the_theme_chosen_is_remembered_and_used_next_time() -> None:
    config = locations.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("# my settings\n[sound]\nvolume = 0.5  # quiet mornings\n")
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        app.theme = "nord"
        await pilot.pause()
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
