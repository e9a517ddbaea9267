"""The history screen: this week against the template, the streak, sessions and trends."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from stride_tui.logview import render_log
from stride_tui.tui.app import stride_app


class HistoryScreen(Screen[None]):
    """The training log, as ``stride log`` prints it."""

    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        app = stride_app(self)
        with VerticalScroll(id="history"):
            yield Static("Training log", id="history-title")
            if app.history is None:
                yield Static(
                    "The log is not available in this session; the note when the "
                    "app started says why.",
                    id="history-body",
                )
            else:
                yield Static(render_log(app.history, app.today()), id="history-body")
        yield Footer()
