"""The chime player: ``play()`` returns at once; a worker thread owns the sound device.

simpleaudio opens the device in the calling thread, which can take long on a desktop
audio stack, so every call into a backend happens on the worker. The backend is chosen
there too, when the player starts.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from stride_tui.settings import Settings
from stride_tui.sound.backends import Backend, choose_backend
from stride_tui.sound.chimes import CALM_VOLUME, Chime, ChimeError, load_chime

DRAIN_LIMIT = 3.0
"""Seconds a closing player waits for its last chime (the longest is under two)."""


class _Stop:
    def __init__(self, drain: bool) -> None:
        self.drain = drain


class ChimePlayer:
    """Plays chimes by name without ever blocking the caller.

    Args:
        settings: Volume, mute, backend preference and per-event switches.
        ring: How to ring the terminal bell, if it comes to that (the app passes its own).
    """

    def __init__(self, settings: Settings, ring: Callable[[], None] | None = None) -> None:
        self.settings = settings
        self.muted = settings.mute
        self.calm = False
        self.backend: Backend | None = None
        self.failures: list[str] = []
        self.problems: list[str] = []
        self._ring = ring
        self._ready = threading.Event()
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._chimes: dict[tuple[str, float], Chime] = {}
        self._thread = threading.Thread(target=self._work, name="stride-chimes", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float = 10.0) -> Backend | None:
        """Wait until the backend is chosen; return it."""
        self._ready.wait(timeout)
        return self.backend

    @property
    def backend_name(self) -> str:
        """The backend in use, or ``starting`` while it is being chosen."""
        return self.backend.name if self.backend is not None else "starting"

    def play(self, name: str) -> None:
        """Queue chime ``name``; returns immediately."""
        if self.muted or not self.settings.events.get(name, True):
            return
        self._queue.put(name)

    def close(self, drain: bool = True) -> None:
        """Stop the worker; with ``drain``, let the last chime play out first.

        A session's finish chime falls due as it ends: closing at once would cut it.
        """
        self._queue.put(_Stop(drain))
        self._thread.join(timeout=DRAIN_LIMIT + 2)

    def _volume(self) -> float:
        return self.settings.volume * (CALM_VOLUME if self.calm else 1.0)

    def _chime(self, name: str) -> Chime | None:
        key = (name, self._volume())
        if key not in self._chimes:
            try:
                self._chimes[key] = load_chime(name, key[1])
            except ChimeError as error:
                self.problems.append(str(error))
                return None
        return self._chimes[key]

    def _work(self) -> None:
        backend, self.failures = choose_backend(self.settings.backend, self._ring)
        self.backend = backend
        self._ready.set()
        while True:
            # Of chimes queued together only the newest matters: the rest are already late.
            batch = [self._queue.get()]
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = next((item for item in batch if isinstance(item, _Stop)), None)
            names = [item for item in batch if isinstance(item, str)]
            if names:
                backend = self._play(backend, names[-1])
            if stop is not None:
                if stop.drain:
                    backend.wait_done(DRAIN_LIMIT)
                backend.close()
                return

    def _play(self, backend: Backend, name: str) -> Backend:
        """Play one chime; on a failing device, move to the next backend that works."""
        chime = self._chime(name)
        if chime is None:
            return backend
        try:
            backend.play(chime)
        except Exception as error:  # a device lost mid-session
            self.problems.append(f"{backend.name} stopped working: {error}")
            backend, more = choose_backend("auto", self._ring)
            self.failures += more
            self.backend = backend
        return backend
