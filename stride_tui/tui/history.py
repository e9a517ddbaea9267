"""The history screen: this week against the template, the streak, sessions and trends."""

from __future__ import annotations

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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Static("Training log", id="history-title")
            yield Static(self._log_text(), id="history-body")
        yield Footer()

    def _log_text(self) -> str:
        app = stride_app(self)
        if app.log_writer is None or not app.log_writer.wait_open():
            return "The log is not available in this session; the note in the corner says why."
        try:
            history = open_history()
        except HistoryUnavailable as error:
            return f"The log cannot be read: {error}"
        try:
            return render_log(history, app.today())
        finally:
            history.close()
