"""The big figure reads in every phase and every theme, and under NO_COLOR too.

Each phase colours the figure; the colour must stand out from what is behind it by at
least WCAG's 4.5:1 for text, in each of Textual's built-in themes and with NO_COLOR set
(when Textual turns every colour into its grey).
"""

from __future__ import annotations

import pytest
from textual.color import Color

from stride_tui.tui.big_figure import BigFigure
from stride_tui.tui.ink import LEAST_CONTRAST, contrast
from stride_tui.tui.view import PHASES
from tests.helpers.tui import app_on, player, settle


def test_contrast_is_wcags() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(118, 118, 118), Color(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_every_phases_figure_stands_out_in_every_theme(
    no_color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app, _ = app_on()
    weak: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = player(app)
        box = screen.query_one("#player")
        figure = screen.query_one("#count", BigFigure)
        themes = sorted(app.available_themes)
        assert len(themes) >= 10
        for theme in themes:
            app.theme = theme
            for phase in (*PHASES, "paused"):
                for other in PHASES:
                    box.set_class(other == phase, f"phase-{other}")
                box.set_class(phase == "paused", "paused")
                await pilot.pause()
                background = figure.background_colors[1]
                ink = background + figure.styles.color
                if no_color:
                    background, ink = background.monochrome, ink.monochrome
                ratio = contrast(ink, background)
                if ratio < LEAST_CONTRAST:
                    weak.append(f"{theme} {phase}: {ratio:.2f}")
    assert weak == [], f"figures under {LEAST_CONTRAST}:1: {weak}"
