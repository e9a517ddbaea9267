"""Clocks the engine can run on: the real monotonic clock, or one moved by hand."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Returns seconds from an arbitrary origin; never goes backwards."""

monotonic: Clock = time.monotonic


class ManualClock:
    """A clock that moves only when told: for tests, previews and replays."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        """The current reading."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds`` (never backwards)."""
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go backwards")
        self.now += seconds
