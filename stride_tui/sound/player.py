"""The player: ``play()`` and ``speak()`` return at once; a worker thread owns the device.

Opening a sound device can take long on a desktop audio stack, so every call into a
backend happens on the worker. The backend is chosen there too, when the player
starts. Chimes and speech go through one :class:`Mixer` at one volume.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from stride_tui.settings import Settings
from stride_tui.sound.backends import choose_backend
from stride_tui.sound.chimes import CALM_VOLUME, ChimeError, load_chime
from stride_tui.sound.interface import Backend
from stride_tui.sound.mixer import Mixer, Track
from stride_tui.sound.pcm import Clip, louder, to_clip

DRAIN_LIMIT = 6.0
"""Seconds a closing player waits for its last sound (a chime is under two, a cue longer)."""


@dataclass(frozen=True, slots=True)
class _Stop:
    drain: bool


@dataclass(frozen=True, slots=True)
class _Speech:
    clip: Clip


class ChimePlayer:
    """Plays chimes by name, and rendered speech, without ever blocking the caller.

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
        self.mixer = Mixer()
        self._ring = ring
        self._ready = threading.Event()
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._clips: dict[tuple[str, float], Clip] = {}
        self._thread = threading.Thread(target=self._work, name="stride-sound", daemon=True)
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

    def speak(self, clip: Clip) -> None:
        """Queue rendered speech (at full volume: the player applies its own); returns at once.

        Newer speech cuts older speech; chimes and speech sound together.
        """
        if not self.muted:
            self._queue.put(_Speech(clip))

    def speaking(self) -> bool:
        """Whether speech is still being heard."""
        return self.mixer.playing(Track.SPEECH)

    def close(self, drain: bool = True) -> None:
        """Stop the worker; with ``drain``, let the last chime and speech play out first.

        A session's finish chime falls due as it ends: closing at once would cut it.
        """
        self._queue.put(_Stop(drain))
        self._thread.join(timeout=DRAIN_LIMIT + 2)

    def _volume(self) -> float:
        return self.settings.volume * (CALM_VOLUME if self.calm else 1.0)

    def _chime(self, name: str) -> Clip | None:
        key = (name, self._volume())
        if key not in self._clips:
            try:
                chime = load_chime(name)
            except ChimeError as error:
                self.problems.append(str(error))
                return None
            self._clips[key] = to_clip(name, chime.pcm, chime.channels, chime.rate, key[1])
        return self._clips[key]

    def _work(self) -> None:
        backend, self.failures = choose_backend(self.settings.backend, self._ring, self.mixer)
        self.backend = backend
        self._ready.set()
        while True:
            try:
                batch = [self._queue.get(timeout=backend.tidy())]
            except queue.Empty:
                continue
            except Exception as error:  # the device failed while tidying up
                backend = self._fail(backend, error)
                continue
            # Of sounds queued together only the newest of each kind matters: the rest are late.
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = next((item for item in batch if isinstance(item, _Stop)), None)
            names = [item for item in batch if isinstance(item, str)]
            speech = [item for item in batch if isinstance(item, _Speech)]
            try:
                if names and (chime := self._chime(names[-1])) is not None:
                    backend = self._play(backend, Track.CHIME, chime)
                if speech:
                    clip = speech[-1].clip
                    backend = self._play(backend, Track.SPEECH, louder(clip, self._volume()))
            except Exception as error:  # never let one sound stop the worker
                self.problems.append(f"a sound could not be played: {error}")
            if stop is not None:
                if stop.drain:
                    backend.wait_done(DRAIN_LIMIT)
                backend.close()
                return

    def _play(self, backend: Backend, track: Track, clip: Clip) -> Backend:
        """Play one sound; on a failing device, move to the next backend that works."""
        self.mixer.add(track, clip)
        try:
            backend.play(self.mixer, clip)
        except Exception as error:  # a device lost mid-session
            backend = self._fail(backend, error)
            self.mixer.add(track, clip)
            try:
                backend.play(self.mixer, clip)
            except Exception as again:
                self.problems.append(f"{backend.name} could not play either: {again}")
        return backend

    def _fail(self, backend: Backend, error: Exception) -> Backend:
        self.problems.append(f"{backend.name} stopped working: {error}")
        try:
            backend.close()
        except Exception as closing:
            self.problems.append(f"{backend.name} did not close: {closing}")
        backend, more = choose_backend("auto", self._ring, self.mixer)
        self.failures += more
        self.backend = backend
        return backend
