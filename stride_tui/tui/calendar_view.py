"""The consistency calendar on the history screen: a cell a day, a colour per session kind."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from stride_tui.coaching.calendar import LEGEND, Calendar, DayMark
from stride_tui.text import plural

CELL = 4
"""Columns a day's cell takes: the shaded letter and a gap."""

SHADES = {
    DayMark.LONG_HOLD: Style(color="#ffffff", bgcolor="#2e7d32", bold=True),
    DayMark.DYNAMIC: Style(color="#000000", bgcolor="#f0a030", bold=True),
    DayMark.RECOVERY: Style(color="#ffffff", bgcolor="#1e64b4", bold=True),
    DayMark.OTHER: Style(color="#ffffff", bgcolor="#6a6a6a"),
    DayMark.NONE: Style(dim=True),
    DayMark.FUTURE: Style(),
}
"""Each kind's cell; the letter inside keeps it readable without colour."""


class ConsistencyCalendar(Widget):
    """The last weeks as columns, the days of the week as rows, with month names above."""

    DEFAULT_CSS = """
    ConsistencyCalendar {
        height: 11;
        width: auto;
        margin-bottom: 1;
    }
    """

    def __init__(self, calendar: Calendar, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.calendar = calendar

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """Wide enough for every week and the legend, within the screen."""
        legend = sum(len(mark.label) + 6 for mark in LEGEND if mark.label)
        return min(max(4 + CELL * len(self.calendar.weeks), legend), container.width)

    def render(self) -> Text:
        """Title, months, seven rows of days, and the legend."""
        cal = self.calendar
        # On a narrow screen, the latest weeks that fit.
        weeks = cal.weeks[-max(1, (self.size.width - 4) // CELL) :]
        days = sum(d.mark not in (DayMark.NONE, DayMark.FUTURE) for week in weeks for d in week)
        text = Text(no_wrap=True, overflow="crop")
        text.append(f"Last {len(weeks)} weeks: sessions on {plural(days, 'day')}", Style(bold=True))
        labels: list[tuple[int, str]] = []
        for index, week in enumerate(weeks):
            first = week[0].day
            if index == 0 or first.month != weeks[index - 1][0].day.month:
                if labels and labels[-1][0] + 4 > 4 + CELL * index:
                    labels.pop()  # too close to the next month's name: the newer wins
                labels.append((4 + CELL * index, f"{first:%b}"))
        months = ""
        for column, label in labels:
            months = months.ljust(column) + label
        text.append("\n" + months, Style(dim=True))
        for row in range(7):
            text.append(f"\n{weeks[0][row].day:%a} ", Style(dim=True))
            for week in weeks:
                mark = week[row].mark
                letter = mark.letter if mark is not DayMark.NONE else "·"
                text.append(f" {letter} ", SHADES[mark])
                text.append(" ")
        text.append("\n")
        for mark in LEGEND:
            if mark.label:
                text.append(f" {mark.letter} ", SHADES[mark])
                text.append(f" {mark.label}  ")
        return text
