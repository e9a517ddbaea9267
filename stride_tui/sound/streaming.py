"""The default backend: miniaudio, installed with stride from a wheel, streaming the mix.

The device is opened when a sound starts and closed once the mixer has been quiet for
``TAIL`` seconds. The feed is paced to the clock: a device with no clock of its own
(ALSA's file plugin over ``null``) would otherwise take silence as fast as it can.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any

from stride_tui.sound.interface import BackendName, silence_alsa_errors
from stride_tui.sound.mixer import Mixer
from stride_tui.sound.pcm import MIX_RATE, Clip

PERIOD_MS = 20
"""miniaudio's period: a chime added while the device runs is heard within one."""
HEADROOM = 0.2
"""Seconds of sound the feed may run ahead of the clock. A real device never asks for
more; a device with no clock of its own (ALSA's file plugin over ``null``) is paced to
real time instead of streaming silence as fast as it can."""
TAIL = 0.25
"""Seconds the device stays open after the last sound, so its buffer plays out."""
STALL = 1.5
"""A device that has asked for nothing this long while sound waits is treated as lost."""


class MiniaudioBackend:
    """Streams the mix to the sound device through miniaudio (installed with stride).

    The device is opened when a sound starts and closed once the mixer has been quiet
    for ``TAIL`` seconds, so an idle session holds no device open.
    """

    name = BackendName.MINIAUDIO.value
    audible = True
    pulls = True

    def __init__(self, mixer: Mixer) -> None:
        silence_alsa_errors()
        import miniaudio  # type: ignore[import-untyped, import-not-found, unused-ignore]

        self._miniaudio: Any = miniaudio
        self._mixer = mixer
        self._device: Any = None
        self._last_pull = 0.0
        self.output = ""
        """The audio system miniaudio reached (ALSA, PulseAudio, Core Audio...)."""

    def _open(self) -> None:
        device = self._miniaudio.PlaybackDevice(
            output_format=self._miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=MIX_RATE,
            buffersize_msec=PERIOD_MS,
            app_name="stride",
        )
        if str(device.backend).lower() == "null":
            device.close()
            raise OSError("no audio device answered (only miniaudio's silent output)")
        feed = self._feed()
        next(feed)
        self._last_pull = time.monotonic()
        device.start(feed)
        self._device = device
        self.output = str(device.backend)

    def _feed(self) -> Generator[bytes, int, None]:
        """Samples for the device, paced so that it never runs far ahead of the clock."""
        frames = yield b""
        started = time.monotonic()
        handed = 0
        while True:
            now = time.monotonic()
            self._last_pull = now
            ahead = handed / MIX_RATE - (now - started) - HEADROOM
            if ahead > 0:
                time.sleep(ahead)
            handed += frames
            frames = yield self._mixer.read(frames)

    def play(self, mixer: Mixer, clip: Clip) -> None:
        """Open the device if it is closed; an open one picks the new clip up at once."""
        if self._device is None:
            self._open()

    def tidy(self) -> float | None:
        """Close the device once quiet (or stalled); say when to look again."""
        if self._device is None:
            return None
        quiet = self._mixer.quiet_for()
        if quiet is None:
            if time.monotonic() - self._last_pull > STALL:
                self._mixer.clear()  # the device stopped asking: the next sound reopens it
                self._shut()
                return None
            return max(self._mixer.time_left(), PERIOD_MS / 1000)
        if quiet >= TAIL:
            self._shut()
            return None
        return TAIL - quiet

    def wait_done(self, timeout: float) -> None:
        """Wait for the mix to end and the device to close, at most ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while (wait := self.tidy()) is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(wait, left))

    def _shut(self) -> None:
        device, self._device = self._device, None
        if device is not None:
            device.close()

    def close(self) -> None:
        """Stop the sound and close the device."""
        self._mixer.clear()
        self._shut()
