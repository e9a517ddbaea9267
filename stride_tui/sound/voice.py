"""Spoken cues through the system's speech engine, newest first, never two at once."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time

DRAIN_LIMIT = 6.0
"""Seconds a closing speaker waits for its last announcement."""

ENGINES = {
    "espeak-ng": lambda rate, text: ["espeak-ng", "-s", str(rate), text],
    "espeak": lambda rate, text: ["espeak", "-s", str(rate), text],
    "spd-say": lambda rate, text: [
        "spd-say",
        "-w",
        "-r",
        str(max(-100, min(100, rate - 170))),
        text,
    ],
    "say": lambda rate, text: ["say", "-r", str(rate), text],
}


def find_engine(preference: str = "auto") -> str | None:
    """The first speech engine on ``PATH`` (the preferred one first)."""
    names = list(ENGINES)
    if preference in names:
        names.remove(preference)
        names.insert(0, preference)
    return next((name for name in names if shutil.which(name)), None)


class Speaker:
    """Says one thing at a time, newest first.

    A newer announcement cuts the one being spoken, and of several waiting only the
    newest is said: a stale cue is worse than none.
    """

    def __init__(self, engine: str, rate: int = 170) -> None:
        self.engine = engine
        self.rate = rate
        self._lock = threading.Condition()
        self._pending: str | None = None
        self._speaking: subprocess.Popen[bytes] | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="stride-voice", daemon=True)
        self._thread.start()

    def say(self, text: str) -> None:
        """Announce ``text`` as soon as possible; returns at once."""
        with self._lock:
            self._pending = text
            self._cut()
            self._lock.notify()

    def _cut(self) -> None:
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()

    def close(self, drain: bool = True) -> None:
        """End the worker; with ``drain``, first let the last announcement be said."""
        if drain:
            deadline = time.monotonic() + DRAIN_LIMIT
            while time.monotonic() < deadline:
                with self._lock:
                    speaking = self._speaking is not None and self._speaking.poll() is None
                    if self._pending is None and not speaking:
                        break
                time.sleep(0.02)
        with self._lock:
            self._closed = True
            self._pending = None
            self._cut()
            self._lock.notify()
        self._thread.join(timeout=2)

    def _work(self) -> None:
        while True:
            with self._lock:
                while self._pending is None and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                text, self._pending = self._pending, None
                assert text is not None
                try:
                    self._speaking = subprocess.Popen(
                        ENGINES[self.engine](self.rate, text),
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                except OSError:
                    self._speaking = None
                    continue
                speaking = self._speaking
            with contextlib.suppress(OSError):
                speaking.wait()
