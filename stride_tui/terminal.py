"""The terminal's modes, kept across the full-screen app: restored however it ends.

Textual puts the terminal in raw mode and restores what it saw when it started; a
SIGCONT (a lone one, or after SIGSTOP) makes it take the raw modes as the ones to
restore, and the terminal is left without echo or line editing. The modes are saved
here before the app starts and put back after it ends, on every path out. Platform
differences stay in this module: without ``termios`` (Windows) there is nothing to do.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any


def _descriptor() -> int | None:
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            number = stream.fileno()
            if os.isatty(number):
                return number
    return None


@contextlib.contextmanager
def kept_modes() -> Iterator[None]:
    """Save the terminal's modes now; put them back when the block ends, however it ends."""
    try:
        import termios
    except ImportError:  # not a POSIX terminal
        yield
        return
    descriptor = _descriptor()
    saved: list[Any] | None = None
    if descriptor is not None:
        with contextlib.suppress(termios.error, OSError):
            saved = termios.tcgetattr(descriptor)
    try:
        yield
    finally:
        if descriptor is not None and saved is not None:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)
