"""One-line messages for the runner, each said once, from any thread."""

from __future__ import annotations

import threading


class Notices:
    """Collects notices (sound, log, settings) for a front end to show, each only once.

    The log writer posts from its own thread; the front end takes them on its own.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._said: set[str] = set()
        self._pending: list[str] = []

    def say(self, text: str) -> None:
        """Queue ``text`` unless it was said before."""
        with self._lock:
            if text not in self._said:
                self._said.add(text)
                self._pending.append(text)

    def take(self) -> list[str]:
        """The notices not yet shown, oldest first; each is returned once."""
        with self._lock:
            pending, self._pending = self._pending, []
        return pending
