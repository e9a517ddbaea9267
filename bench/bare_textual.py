"""A minimal Textual app showing one Digits countdown: the baseline for stride's player."""

from __future__ import annotations

import math
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits


class BareCountdown(App[None]):
    CSS = "Screen { align: center middle; } Digits { width: auto; }"

    def __init__(self, seconds: float = 120.0) -> None:
        super().__init__()
        self.end = time.monotonic() + seconds

    def compose(self) -> ComposeResult:
        yield Digits(self._text())

    def _text(self) -> str:
        left = max(0, math.ceil(self.end - time.monotonic()))
        return f"{left // 60}:{left % 60:02d}"

    def on_mount(self) -> None:
        self.set_interval(0.1, lambda: self.query_one(Digits).update(self._text()))


if __name__ == "__main__":
    BareCountdown().run()
