"""Stopping cleanly on Ctrl+C (SIGINT), a kill (SIGTERM) or a closed terminal (SIGHUP).

Both front ends end a session the same way on each of these: the session is stopped
where it is, its final state is logged, and the terminal is restored.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterator
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class SessionStopped(Exception):
    """The process was told to stop; ``signum`` says how."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The conventional exit status: 128 plus the signal number."""
        return exit_code(self.signum)


def exit_code(signum: int) -> int:
    """The conventional exit status after a stop signal: 128 plus its number."""
    return 128 + signum


class StopSignals:
    """Stop signals for a loop that sleeps: raised while it waits, held while it works.

    Raising in the middle of an update could leave the engine half-way through a
    change, so a signal that arrives outside :meth:`waiting` is kept until
    :meth:`check` is called.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self._waiting = False

    def install(self) -> None:
        """Handle every stop signal from now on (call from the main thread)."""
        for signum in STOP_SIGNALS:
            signal.signal(signum, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.signum = signum
        if self._waiting:
            self._waiting = False
            raise SessionStopped(signum)

    def check(self) -> None:
        """Raise :class:`SessionStopped` if a stop signal came in."""
        if self.signum is not None:
            raise SessionStopped(self.signum)

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        """While inside, a stop signal interrupts at once."""
        self.check()
        self._waiting = True
        try:
            yield
        finally:
            self._waiting = False


def call_on_stop_signals(loop: asyncio.AbstractEventLoop, handler: Callable[[int], None]) -> None:
    """Call ``handler(signum)`` in ``loop`` on every stop signal, between two callbacks."""
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, handler, signum)


def follow_stops(on_stop: Callable[[], None], on_continue: Callable[[], None]) -> None:
    """Call ``on_stop`` as a suspend (SIGTSTP) arrives and ``on_continue`` after SIGCONT.

    Each runs in the signal handler, before the handler already installed (the terminal
    library's, which restores the terminal and stops the process, or brings it back), so
    the session is paused at the moment it is suspended. A SIGSTOP cannot be caught: only
    its SIGCONT is seen. Where the signals do not exist (Windows), nothing is installed.
    """
    suspend, resume = getattr(signal, "SIGTSTP", None), getattr(signal, "SIGCONT", None)
    if suspend is None or resume is None:
        return
    for signum, first, after in ((suspend, on_stop, False), (resume, on_continue, True)):
        signal.signal(signum, _chained(signum, first, signal.getsignal(signum), after=after))


def _chained(
    signum: int, ours: Callable[[], None], theirs: object, *, after: bool
) -> Callable[[int, FrameType | None], None]:
    """A handler that runs ``ours`` before (or, with ``after``, after) the one there was."""

    def handle(number: int, frame: FrameType | None) -> None:
        if not after:
            ours()
        if callable(theirs):
            theirs(number, frame)
        elif number == signum and theirs == signal.SIG_DFL and not after:
            signal.signal(signum, signal.SIG_DFL)  # stop as the default would, then come back
            signal.raise_signal(signum)
            signal.signal(signum, handle)
        if after:
            ours()

    return handle
