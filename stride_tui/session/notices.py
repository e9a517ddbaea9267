"""One-line messages for the runner, each said once, from any thread."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Notices:
    """Collects notices (sound, log, settings) for a front end to show, each only once.

    The log writer posts from its own thread; the front end takes them on its own.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._said: set[str] = set()
        self._pending: list[str] = []
        self._listener: Callable[[], object] | None = None

    def listen(self, listener: Callable[[], object]) -> None:
        """Call ``listener`` (from the thread that says it) whenever a notice is queued."""
        self._listener = listener

    def say(self, text: str) -> None:
        """Queue ``text`` unless it was said before."""
        with self._lock:
            if text in self._said:
                return
            self._said.add(text)
            self._pending.append(text)
        if self._listener is not None:
            self._listener()

    def take(self) -> list[str]:
        """The notices not yet shown, oldest first; each is returned once."""
        with self._lock:
            pending, self._pending = self._pending, []
        return pending
