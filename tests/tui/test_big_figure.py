"""The big figure: block glyphs as large as the space allows, legible at every size."""

from __future__ import annotations

import math
from itertools import combinations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.widgets import Static

from stride_tui.tui import big_figure
from stride_tui.tui.big_figure import GLYPHS, NARROWEST, WIDEST, BigFigure, draw

TEXTS = ["3", "1:05", "12:30", "4/10", "12/15", "1:02:03", "--", "0123456789"]
CELLS = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}
BLOCKS = set("█▀▄")

# Terminal sizes the issue measures, and the rows the player keeps for other lines:
# banner, step, side, label, cue, two progress lines, next, footer from 24 rows up.
SIZES = [(40, 12), (80, 24), (100, 30), (160, 48), (200, 60)]


def other_lines(height: int) -> int:
    return 9 if height >= 24 else min(6, height // 2)


def figure_space(width: int, height: int) -> tuple[int, int]:
    """The figure's share of a terminal: the player keeps 2 columns of padding a side."""
    return width - 4, height - other_lines(height)


def pixels(text: str) -> list[str]:
    """The text in the font, glyphs one pixel apart, built here without the module's help."""
    return [".".join(GLYPHS[c][row] for c in text) for row in range(5)]


def decode(rows: list[str], text: str) -> bool:
    """Whether the drawing is the text's pixels, each a uniform block of one scale."""
    expected = pixels(text)
    width = len(expected[0])
    if not rows or any(len(row) != len(rows[0]) for row in rows) or len(rows[0]) % width:
        return False
    columns = len(rows[0]) // width
    halves = [[CELLS[ch][i] for ch in row] for row in rows for i in (0, 1)]
    per_pixel = len(halves) // 5
    if per_pixel < 1 or len(halves) - 5 * per_pixel not in (0, 1):
        return False
    if len(halves) > 5 * per_pixel and any(halves[-1]):
        return False  # the spare half row under an odd scale stays blank
    for y, line in enumerate(expected):
        for x, pixel in enumerate(line):
            block = {
                halves[y * per_pixel + dy][x * columns + dx]
                for dy in range(per_pixel)
                for dx in range(columns)
            }
            if block != {pixel == "#"}:
                return False
    return True


def best(text: str, width: int, height: int) -> tuple[int, int]:
    """The most rows, then columns, any allowed whole-number scale gives, trying each one."""
    pixel_width = len(pixels(text)[0])
    fitting = [
        (math.ceil(5 * halves / 2), columns * pixel_width)
        for halves in range(1, 2 * height // 5 + 1)
        for columns in range(1, width // pixel_width + 1)
        if NARROWEST <= columns / halves <= WIDEST
    ]
    return max(fitting, default=(0, 0))


# -- the pure function ---------------------------------------------------------------


def test_the_digits_are_distinct_shapes() -> None:
    digits = [GLYPHS[d] for d in "0123456789"]
    for a, b in combinations(digits, 2):
        assert a != b
    for glyph in GLYPHS.values():
        assert len(glyph) == 5 and len({len(row) for row in glyph}) == 1


@pytest.mark.parametrize("text", TEXTS)
def test_every_size_fits_reads_back_and_is_the_largest_that_fits(text: str) -> None:
    for width in range(1, 201, 9):
        for height in range(1, 61):
            rows = draw(text, width, height)
            assert len(rows) <= height and all(len(row) <= width for row in rows), (width, height)
            most_rows, most_columns = best(text, width, height)
            if most_rows:
                assert (len(rows), len(rows[0])) == (most_rows, most_columns), (width, height)
                assert decode(rows, text), (width, height)
            else:
                assert rows == [text[:width]], (width, height)


def test_a_digit_pixel_may_end_on_half_a_row() -> None:
    rows = draw("3", 40, 8)
    assert len(rows) == 8 and set("▀▄") & set("".join(rows))
    assert decode(rows, "3")


@pytest.mark.parametrize("text", ["1:05", "12:30", "12/15", "3"])
def test_the_issues_targets_in_the_players_share(text: str) -> None:
    # Landscape terminals: in a portrait one (60x60) the width caps the figure, and the
    # test above shows it is still the largest that fits.
    for width, height in [*SIZES, (60, 24), (120, 36), (80, 40), (240, 70)]:
        rows = len(draw(text, *figure_space(width, height)))
        assert rows >= 0.4 * height, (width, height, rows)
    assert len(draw(text, *figure_space(200, 60))) >= 24


@pytest.mark.parametrize("text", ["1:05", "12:30", "4/10"])
def test_below_24_rows_it_shrinks_step_by_step_and_stays_a_figure(text: str) -> None:
    for width in (40, 60, 80):
        heights = range(3, 24)
        rows = [len(draw(text, width - 4, height)) for height in heights]
        assert rows == sorted(rows)
        assert all(3 <= r <= h for r, h in zip(rows, heights, strict=True))
        assert all(decode(draw(text, width - 4, h), text) for h in heights)


def test_a_clock_fits_a_40_column_terminal() -> None:
    for text in ("1:05", "12:30"):
        rows = draw(text, 36, 12)
        assert len(rows) >= 5 and decode(rows, text)


def test_plain_text_when_there_is_no_room_or_no_glyph() -> None:
    assert draw("1:05", 40, 2) == ["1:05"]
    assert draw("12:30", 3, 10) == ["12:"]
    assert draw("OK", 80, 24) == ["OK"]  # no K in the font
    assert draw("", 80, 24) == []
    assert draw("1:05", 0, 24) == []
    assert draw("1:05", 80, 0) == []


# -- the widget --------------------------------------------------------------------


class FigureApp(App[None]):
    """The figure between the lines a player keeps for everything else."""

    CSS = """
    #player { padding: 0 2; }
    #player > Static { height: 1; }
    """

    def __init__(self, text: str, height: int) -> None:
        super().__init__()
        self.text = text
        self.other = other_lines(height)

    def compose(self) -> ComposeResult:
        with Vertical(id="player"):
            for n in range(self.other // 2):
                yield Static(f"line {n}")
            yield BigFigure(self.text, id="count")
            for n in range(self.other - self.other // 2):
                yield Static(f"line {n}")


def on_screen(figure: BigFigure) -> list[str]:
    """The rows of the terminal the figure's blocks take, as Textual renders them."""
    region = figure.region
    strips = figure.render_lines(Region(0, 0, region.width, region.height))
    return [strip.text for strip in strips if BLOCKS & set(strip.text)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text", ["1:05", "12:30", "12/15"])
async def test_the_widget_fills_its_share(size: tuple[int, int], text: str) -> None:
    height = size[1]
    app = FigureApp(text, height)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        figure = app.query_one(BigFigure)
        assert figure.region.height == height - other_lines(height)
        shown = on_screen(figure)
        assert len(shown) == len(figure.figure) >= 5
        assert decode(figure.figure, text)
        assert [row.strip() for row in shown] == [row.strip() for row in figure.figure]
        if height >= 24:
            assert len(shown) >= 0.4 * height
        if size == (200, 60):
            assert len(shown) >= 24


async def test_it_redraws_only_for_a_new_text_or_size(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int, int]] = []
    real = big_figure.draw

    def counted(text: str, width: int, height: int) -> list[str]:
        calls.append((text, width, height))
        return real(text, width, height)

    monkeypatch.setattr(big_figure, "draw", counted)
    app = FigureApp("1:05", 24)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figure = app.query_one(BigFigure)
        assert calls == [("1:05", 76, 15)]
        figure.text = "1:05"
        figure.add_class("flash")
        figure.styles.color = "red"
        await pilot.pause()
        assert len(calls) == 1
        figure.text = "1:04"
        await pilot.pause()
        assert calls[1:] == [("1:04", 76, 15)]
        assert decode(figure.figure, "1:04")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert calls[-1] == ("1:04", 96, 21) and len(calls) == 3
        assert len(on_screen(figure)) == 20


async def test_too_small_for_blocks_shows_the_text() -> None:
    app = FigureApp("12:30", 6)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        figure = app.query_one(BigFigure)
        assert figure.figure == ["12:30"]
        figure.text = ""
        await pilot.pause()
        assert figure.figure == []
