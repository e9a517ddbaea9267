"""A minimal Textual app showing one Digits countdown: the baseline for stride's player.

Run: python -m bench.bare_textual [hz]   (10 by default; 0 draws the figure once and sits
idle: Textual's own cost when asked nothing)
"""

from __future__ import annotations

import math
import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits


class BareCountdown(App[None]):
    CSS = "Screen { align: center middle; } Digits { width: auto; }"

    def __init__(self, seconds: float = 120.0, hz: float = 10.0) -> None:
        super().__init__()
        self.end = time.monotonic() + seconds
        self.hz = hz

    def compose(self) -> ComposeResult:
        yield Digits(self._text())

    def _text(self) -> str:
        left = max(0, math.ceil(self.end - time.monotonic()))
        return f"{left // 60}:{left % 60:02d}"

    def on_mount(self) -> None:
        if self.hz > 0:
            self.set_interval(1 / self.hz, lambda: self.query_one(Digits).update(self._text()))


if __name__ == "__main__":
    BareCountdown(hz=float(sys.argv[1]) if len(sys.argv) > 1 else 10.0).run()
