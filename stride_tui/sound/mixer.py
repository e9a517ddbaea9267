"""The one place that decides what plays together and what cuts what.

Two tracks: chimes and speech. A new chime cuts the chime still ringing, new speech
cuts the sentence still being said, and a chime and speech play together, summed.
A streaming device pulls samples with :meth:`Mixer.read`; a player that takes a
whole buffer asks for the rest of the mix with :meth:`Mixer.render`.
"""

from __future__ import annotations

import array
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from stride_tui.sound.pcm import MIX_RATE, SAMPLE_BYTES, Clip


class Track(Enum):
    """What a sound is: each track plays one sound at a time."""

    CHIME = "chime"
    SPEECH = "speech"


@dataclass
class _Playing:
    clip: Clip
    started: float
    """When it was added, then when a buffer player first took it (monotonic)."""
    taken: bool = False
    """Whether a buffer player has been given it (from then on, ``started`` is exact)."""
    pulled: int = 0
    """Bytes a streaming device has taken so far."""

    @property
    def ends(self) -> float:
        return self.started + self.clip.seconds

    def done(self, now: float, pulled: bool) -> bool:
        if pulled:
            return self.pulled >= len(self.clip.pcm)
        return now >= self.ends

    def rest(self, now: float) -> bytes:
        if not self.taken:  # a sound just added starts from its first sample
            self.started, self.taken = now, True
        played = int((now - self.started) * MIX_RATE) * SAMPLE_BYTES
        return self.clip.pcm[played:]


def _mix(parts: list[bytes], size: int) -> bytes:
    """Sum 16-bit sample buffers (clipped), padded with silence to ``size`` bytes."""
    parts = [part for part in parts if part]
    if not parts:
        return bytes(size)
    if len(parts) == 1:
        return parts[0] + bytes(size - len(parts[0]))
    total = array.array("i", bytes(size // SAMPLE_BYTES * 4))
    for part in parts:
        samples = array.array("h")
        samples.frombytes(part)
        if sys.byteorder == "big":
            samples.byteswap()
        for i, sample in enumerate(samples):
            total[i] += sample
    mixed = array.array("h", (max(-32768, min(32767, s)) for s in total))
    if sys.byteorder == "big":
        mixed.byteswap()
    return mixed.tobytes()


class Mixer:
    """Holds what is playing on each track; safe to use from two threads.

    Args:
        clock: Monotonic seconds (injectable for tests).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._playing: dict[Track, _Playing] = {}
        self._quiet_since = clock()
        self.pulled = False
        """Whether a device pulls the mix (a sound ends when taken), or takes whole buffers
        (a sound ends when its time is up)."""

    def add(self, track: Track, clip: Clip) -> None:
        """Start ``clip`` on ``track`` now, cutting what that track was playing."""
        with self._lock:
            self._playing[track] = _Playing(clip, self._clock())

    def _purge(self, now: float) -> None:
        for track, playing in list(self._playing.items()):
            if playing.done(now, self.pulled):
                del self._playing[track]
                ended = now if self.pulled else playing.ends
                self._quiet_since = max(self._quiet_since, min(now, ended))

    def read(self, frames: int) -> bytes:
        """The next ``frames`` samples of the mix, for a device that pulls; silence if idle."""
        size = frames * SAMPLE_BYTES
        with self._lock:
            parts = []
            for playing in self._playing.values():
                parts.append(playing.clip.pcm[playing.pulled : playing.pulled + size])
                playing.pulled += size
            self._purge(self._clock())
        return _mix(parts, size)

    def render(self) -> bytes:
        """Everything still to play from now, mixed: for players that take a whole buffer."""
        with self._lock:
            now = self._clock()
            self._purge(now)
            parts = [playing.rest(now) for playing in self._playing.values()]
        return _mix(parts, max((len(part) for part in parts), default=0))

    def playing(self, track: Track | None = None) -> bool:
        """Whether anything (or anything on ``track``) is still to be heard."""
        with self._lock:
            self._purge(self._clock())
            return bool(self._playing) if track is None else track in self._playing

    def quiet_for(self) -> float | None:
        """Seconds since the last sound ended; ``None`` while one plays."""
        with self._lock:
            now = self._clock()
            self._purge(now)
            return None if self._playing else now - self._quiet_since

    def time_left(self) -> float:
        """Seconds until the longest sound playing ends (0 when quiet)."""
        with self._lock:
            now = self._clock()
            return max((p.ends - now for p in self._playing.values()), default=0.0)

    def clear(self) -> None:
        """Stop everything."""
        with self._lock:
            self._playing.clear()
            self._quiet_since = self._clock()
