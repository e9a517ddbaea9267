"""The history screen: the calendar, charts of the trends, then the log as text.

The log is read on a worker thread: the screen draws at once, says it is reading, and
shows the pictures and the text when they arrive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from stride_tui.coaching.calendar import Calendar
from stride_tui.coaching.report import render_log
from stride_tui.coaching.trends import Series
from stride_tui.log.opening import open_training_log
from stride_tui.log.store import LogUnavailable, TrainingLog
from stride_tui.log.writer import LogWriter

READING = "Reading the log…"
"""What the screen says until the log has been read."""
WORKING = "Is it working? The last 12 weeks (the change, first 4 weeks to last 4, is below)"
"""The title above the "is it working" charts."""
NOT_AVAILABLE = "The log is not available in this session; the note in the corner says why."
"""What the screen says when the app runs without a log (it could not be opened)."""


@dataclass(frozen=True, slots=True)
class Pictures:
    """What the calendar and the charts draw, read from the log."""

    calendar: Calendar
    series: list[Series]
    working: list[Series] = field(default_factory=list)
    """"Is it working?": sessions a week, the run figures, the tests per side."""


@dataclass(frozen=True, slots=True)
class LogReading:
    """Everything the screen shows of the log: pictures (when it could be read) and text."""

    pictures: Pictures | None
    text: str


class HistoryScreen(Screen[None]):
    """The training log, as ``stride log`` prints it."""

    CSS_PATH = "history.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (Screen's own type)
    """Two columns of charts from 120 columns up."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "app.pop_screen", "Back"),
    ]

    def __init__(
        self, log_writer: LogWriter | None, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__()
        self.log_writer = log_writer
        """The session log's writer: the log is read only once it has opened the file."""
        self.today = today
        """The day the weeks are counted from (tests fix it)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Static("Training log", id="history-title")
            yield Static(READING, id="history-body", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        read = partial(self._read, self.log_writer, self.today)
        self.run_worker(read, thread=True, exclusive=True, group="log")

    @classmethod
    def _read(cls, log_writer: LogWriter | None, today_is: Callable[[], date]) -> LogReading:
        """Read the log once (on the worker's thread: no widget is touched here)."""
        if log_writer is None or not log_writer.wait_open():
            return LogReading(None, NOT_AVAILABLE)
        try:
            history = open_training_log()
        except LogUnavailable as error:
            return LogReading(None, f"The log cannot be read: {error}")
        try:
            today = today_is()
            return LogReading(
                cls._pictures(history, today), render_log(history, today, calendar=False)
            )
        finally:
            history.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.SUCCESS:
            return  # an error in the worker ends the app with its traceback, as a bug
        reading = event.worker.result
        if isinstance(reading, LogReading):
            self._show(reading)

    def _show(self, reading: LogReading) -> None:
        """Put what was read on the screen: the pictures above the text."""
        from stride_tui.tui.calendar_view import ConsistencyCalendar
        from stride_tui.tui.charts import PALETTE, ChartGrid, TrendChart

        body = self.query_one("#history-body", Static)
        if reading.pictures is not None:
            charts = [
                TrendChart(series, PALETTE[number % len(PALETTE)])
                for number, series in enumerate(reading.pictures.series)
            ]
            self.query_one("#history", VerticalScroll).mount(
                ConsistencyCalendar(reading.pictures.calendar, id="calendar"),
                ChartGrid(*charts, id="charts"),
                before=body,
            )
            working = reading.pictures.working
            if any(series.points for series in working[1:]):  # runs or tests to compare
                self.query_one("#history", VerticalScroll).mount(
                    Static(WORKING, id="working-title", markup=False),
                    ChartGrid(
                        *(
                            TrendChart(series, PALETTE[number % len(PALETTE)])
                            for number, series in enumerate(working)
                        ),
                        id="working-charts",
                    ),
                    before=body,
                )
        body.update(reading.text)

    @staticmethod
    def _pictures(history: TrainingLog, today: date) -> Pictures:
        """The consistency calendar and the trends, from the log."""
        from stride_tui.coaching.calendar import WEEKS, calendar
        from stride_tui.coaching.settings import load_coaching
        from stride_tui.coaching.trends import trend_series
        from stride_tui.coaching.weeks import week_start
        from stride_tui.coaching.working import is_it_working, working_series
        from stride_tui.log.store import now

        coaching = load_coaching().coaching
        first = coaching.week_starts
        since = (week_start(today, first) - timedelta(weeks=WEEKS)).isoformat()
        sessions = history.sessions(since_day=since)
        markers = history.markers()
        working = is_it_working(history, today, now(), coaching.reference_pace_s_per_km)
        return Pictures(
            calendar(sessions, today, first),
            trend_series(sessions, markers, today, WEEKS, first),
            working_series(working),
        )
