"""Trend charts for the history screen: a line of quarter blocks over dated, labelled axes.

Drawn here rather than with a plotting library: the charts need little (one series, a
fixed 1-5 scale for ratings, units on the value axis, dates on the time axis), and this
way they look the same in every terminal and in snapshots. Quarter blocks (2x2 pixels a
cell) rather than braille (2x4): every monospace font has them at the cell's width, where
braille often falls back to a narrower font and the line drifts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from rich.style import Style
from rich.text import Text
from textual.containers import Grid
from textual.widget import Widget

from stride_tui.coaching.trends import Series
from stride_tui.text import visible

_BITS = ((1, 2), (4, 8))
"""A quarter's bit by row (0-1) and column (0-1) within a cell."""
_QUARTERS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"
"""The character for each combination of the four bits."""

PALETTE = ("#e0a040", "#5fb0e0", "#7cc47c", "#d080d0", "#e07070")
"""Line colours, one per chart in order."""


def _line(x0: int, y0: int, x1: int, y1: int) -> Iterator[tuple[int, int]]:
    """The pixels from one point to the next (Bresenham)."""
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    while True:
        yield x0, y0
        if x0 == x1 and y0 == y1:
            return
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x0 += sx
        if doubled <= dx:
            error += dx
            y0 += sy


def _day(day: date) -> str:
    """``8 Oct``: a date on the time axis."""
    return f"{day.day} {day:%b}"


class BlockCanvas:
    """A grid of character cells, each holding 2x2 pixels."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.cells = [[0] * width for _ in range(height)]

    def plot(self, x: int, y: int) -> None:
        """Set one pixel; ``(0, 0)`` is the top left."""
        if 0 <= x < self.width * 2 and 0 <= y < self.height * 2:
            self.cells[y // 2][x // 2] |= _BITS[y % 2][x % 2]

    def draw(self, points: list[tuple[int, int]]) -> None:
        """Join the points with straight lines (a single point is a dot)."""
        for start, end in pairwise(points):
            for x, y in _line(*start, *end):
                self.plot(x, y)
        if len(points) == 1:
            self.plot(*points[0])

    def row(self, index: int) -> str:
        """One row of cells as quarter-block characters (blank cells as spaces)."""
        return "".join(_QUARTERS[bits] for bits in self.cells[index])


class TrendChart(Widget):
    """One series: the title with its unit, a value axis, a time axis with dates."""

    DEFAULT_CSS = """
    TrendChart {
        height: 11;
        min-width: 30;
        padding: 0 1 0 0;
    }
    """

    def __init__(self, series: Series, colour: str = PALETTE[0], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series = series
        self.colour = colour

    def _title(self) -> str:
        series = self.series
        unit = "weekly average, 1 to 5" if series.unit == "1-5" else series.unit
        hint = f": {series.hint}" if series.unit == "1-5" else ""
        return visible(f"{series.title} ({unit}{hint})")

    def render(self) -> Text:
        """The chart, sized to the widget."""
        width, height = self.size.width, self.size.height
        series = self.series
        rows = max(1, height - 3)
        labels = [series.label(series.high), series.label((series.high + series.low) / 2)]
        labels.append(series.label(series.low))
        gutter = max(len(label) for label in labels) + 1
        plot_width = max(1, width - gutter - 1)
        muted = Style(dim=True)
        text = Text(no_wrap=True, overflow="crop")
        text.append(self._title()[:width], Style(bold=True))
        canvas = BlockCanvas(plot_width, rows)
        span = max(1, (series.end - series.start).days)
        pixels_x, pixels_y = plot_width * 2 - 1, rows * 2 - 1
        room = series.high - series.low or 1.0
        points = [
            (
                round((point.day - series.start).days / span * pixels_x),
                round((series.high - point.value) / room * pixels_y),
            )
            for point in series.points
        ]
        canvas.draw(points)
        marks = {0: labels[0], rows // 2: labels[1], rows - 1: labels[2]}
        for index in range(rows):
            text.append("\n")
            text.append(marks.get(index, "").rjust(gutter - 1) + " ", muted)
            text.append("┤" if index in marks else "│", muted)
            text.append(canvas.row(index), Style(color=self.colour))
        text.append("\n" + " " * gutter + "└" + "─" * plot_width, muted)
        text.append("\n" + self._dates(gutter + 1, plot_width), muted)
        if not series.points:
            return self._empty(text, gutter + 1, plot_width, rows)
        return text

    def _dates(self, left: int, width: int) -> str:
        """Dates under the time axis: its start, its middle and its end."""
        series = self.series
        first, last = _day(series.start), _day(series.end)
        line = " " * left + first
        middle = series.start + (series.end - series.start) / 2
        label = _day(middle)
        centre = left + width // 2 - len(label) // 2
        if centre > len(line) + 1 and centre + len(label) < left + width - len(last) - 1:
            line = line.ljust(centre) + label
        return line.ljust(left + width - len(last)) + last

    def _empty(self, text: Text, left: int, width: int, rows: int) -> Text:
        """Say how to add the first point where the line would be."""
        series = self.series
        how = "rate it after a session" if series.unit == "1-5" else "add it with `stride mark`"
        message = f"nothing in these weeks: {how}"[:width]
        lines = text.split("\n")
        target = lines[1 + rows // 2]
        start = left + max(0, (width - len(message)) // 2)
        plain = target.plain
        target = Text(plain[:start], Style(dim=True)) + Text(message, Style(italic=True))
        target.append(plain[start + len(message) :])
        lines[1 + rows // 2] = target
        return Text("\n", no_wrap=True, overflow="crop").join(lines)


class ChartGrid(Grid):
    """The charts, one column on a narrow screen and two on a wide one."""

    SCOPED_CSS = False  # the rule for two columns starts at the screen's width class
    DEFAULT_CSS = """
    ChartGrid {
        grid-size: 1;
        grid-rows: 11;
        grid-gutter: 1 2;
        height: auto;
        margin-bottom: 1;
    }
    Screen.-wide ChartGrid {
        grid-size: 2;
    }
    """
