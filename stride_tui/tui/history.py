"""The history screen: the calendar, charts of the trends, then the log as text."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from stride_tui.logview import render_log
from stride_tui.session.history import HistoryUnavailable, open_history
from stride_tui.tui.app import stride_app


class HistoryScreen(Screen[None]):
    """The training log, as ``stride log`` prints it."""

    CSS_PATH = "history.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (Screen's own type)
    """Two columns of charts from 120 columns up."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Static("Training log", id="history-title")
            yield from self._pictures()
            yield Static(self._log_text(), id="history-body", markup=False)
        yield Footer()

    def _pictures(self) -> ComposeResult:
        """The consistency calendar and a chart per trend, from the log; nothing without it."""
        from stride_tui.coaching_settings import load_coaching
        from stride_tui.session.calendar import WEEKS, calendar
        from stride_tui.session.progress import week_start
        from stride_tui.session.trends import trend_series
        from stride_tui.tui.calendar_view import ConsistencyCalendar
        from stride_tui.tui.charts import PALETTE, ChartGrid, TrendChart

        app = stride_app(self)
        if app.log_writer is None or not app.log_writer.wait_open():
            return
        try:
            history = open_history()
        except HistoryUnavailable:
            return  # the text below says why
        today = app.today()
        first = load_coaching().coaching.week_starts
        try:
            since = (week_start(today, first) - timedelta(weeks=WEEKS)).isoformat()
            sessions = history.sessions(since_day=since)
            markers = history.markers()
        finally:
            history.close()
        yield ConsistencyCalendar(calendar(sessions, today, first), id="calendar")
        with ChartGrid(id="charts"):
            for number, series in enumerate(trend_series(sessions, markers, today, WEEKS)):
                yield TrendChart(series, PALETTE[number % len(PALETTE)])

    def _log_text(self) -> str:
        app = stride_app(self)
        if app.log_writer is None or not app.log_writer.wait_open():
            return "The log is not available in this session; the note in the corner says why."
        try:
            history = open_history()
        except HistoryUnavailable as error:
            return f"The log cannot be read: {error}"
        try:
            return render_log(history, app.today(), calendar=False)
        finally:
            history.close()
