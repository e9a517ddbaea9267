"""Noticing that files changed, on a thread of its own, so no screen waits on the disk."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Stamp = TypeVar("Stamp", bound=Hashable)

POLL = 0.5
"""Seconds between looks: a save in another editor shows within about this long."""


class Poller(Generic[Stamp]):
    """Looks at ``stamp()`` every ``interval`` seconds and calls ``changed`` when it differs.

    Both run on the poller's thread: ``changed`` must hand its news to the UI's own
    thread (an event loop's ``call_soon_threadsafe``, say). A stamp that raises is
    skipped; the next look tries again.

    Args:
        stamp: What to compare (sizes and modification times, for files).
        changed: Told the new stamp each time it changes.
        interval: Seconds between looks.
    """

    def __init__(
        self, stamp: Callable[[], Stamp], changed: Callable[[Stamp], object], interval: float = POLL
    ) -> None:
        self._stamp = stamp
        self._changed = changed
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stride-watch", daemon=True)
        self._last: Stamp | None = None
        self._at_once = False

    def start(self, current: Stamp | None = None, *, at_once: bool = False) -> None:
        """Start looking; ``current`` is the stamp already known (no news at first).

        Args:
            current: The stamp already known.
            at_once: Take the first look now, not after one interval (a screen shown
                again asks whether anything changed while nobody looked).
        """
        self._last = current
        self._at_once = at_once
        self._thread.start()

    def stop(self) -> None:
        """Stop looking (at once; the thread ends within one interval)."""
        self._stop.set()

    def _run(self) -> None:
        first = 0.0 if self._at_once else self._interval
        while not self._stop.wait(first):
            first = self._interval
            try:
                stamp = self._stamp()
            except OSError:
                continue
            if stamp != self._last:
                self._last = stamp
                self._changed(stamp)
