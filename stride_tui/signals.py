"""Stopping cleanly when the terminal closes (SIGHUP) or the process is told to end (SIGTERM)."""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class SessionStopped(Exception):
    """The process was told to stop; ``signum`` says how."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The conventional exit status: 128 plus the signal number."""
        return 128 + self.signum


def on_stop_signals(handler: Callable[[int], None]) -> None:
    """Call ``handler(signum)`` on SIGTERM and SIGHUP (from the main thread)."""

    def relay(signum: int, frame: FrameType | None) -> None:
        handler(signum)

    for signum in STOP_SIGNALS:
        signal.signal(signum, relay)


def raise_on_stop_signals() -> None:
    """Turn SIGTERM and SIGHUP into :class:`SessionStopped`, like Ctrl+C's KeyboardInterrupt."""

    def stop(signum: int) -> None:
        raise SessionStopped(signum)

    on_stop_signals(stop)
