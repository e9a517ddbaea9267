"""Ways to make a sound, tried in order: miniaudio, simpleaudio, system players, bell, silence.

Each backend is probed before it is chosen (10 ms of silence is played), so a missing
or broken audio device is found at start-up, not in the middle of a hold. A library
that could crash the interpreter is first proved in a child process (see
:mod:`stride_tui.sound.probe`). Every backend plays what the :class:`Mixer` holds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Generator
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from stride_tui.sound.mixer import Mixer, Track
from stride_tui.sound.pcm import MIX_RATE, SAMPLE_BYTES, Clip, wav_bytes
from stride_tui.sound.probe import prove_in_child


class BackendName(StrEnum):
    """The backends, in the order they are tried."""

    MINIAUDIO = "miniaudio"
    SIMPLEAUDIO = "simpleaudio"
    PAPLAY = "paplay"
    PW_PLAY = "pw-play"
    APLAY = "aplay"
    AFPLAY = "afplay"
    BELL = "bell"
    NONE = "none"


ORDER = tuple(BackendName)
COMMANDS = {
    BackendName.PAPLAY: ["paplay"],
    BackendName.PW_PLAY: ["pw-play"],
    BackendName.APLAY: ["aplay", "-q"],
    BackendName.AFPLAY: ["afplay"],
}
BIG_CHANGES = frozenset({"start", "switch", "halfway", "finish"})
"""The chimes the terminal bell rings for; a bell on every tick would be a nuisance."""
PROBE = Clip("probe", bytes(MIX_RATE // 100 * SAMPLE_BYTES))
"""10 ms of silence: opening the device is the test."""

PERIOD_MS = 20
"""miniaudio's period: a chime added while the device runs is heard within one."""
HEADROOM = 0.2
"""Seconds of sound the feed may run ahead of the clock. A real device never asks for
more; a device with no clock of its own (ALSA's file plugin over ``null``) is paced to
real time instead of streaming silence as fast as it can."""
TAIL = 0.25
"""Seconds the device stays open after the last sound, so its buffer plays out."""
PROBE_LIMIT = 2.0
"""Seconds a device may take to play the probe."""
STALL = 1.5
"""A device that has asked for nothing this long while sound waits is treated as lost."""


class Backend(Protocol):
    """Plays what a mixer holds; a newer sound on a track cuts the older one there."""

    name: str
    audible: bool
    """Whether it makes a real sound (the bell and silence do not count)."""
    pulls: bool
    """Whether its device pulls samples from the mixer as it plays."""

    def play(self, mixer: Mixer, clip: Clip) -> None:
        """``clip`` was just added to ``mixer``: make the mix heard from now on.

        Raises:
            Exception: The device failed; the player moves to the next backend.
        """

    def tidy(self) -> float | None:
        """Housekeeping between sounds; seconds until it wants calling again, or ``None``."""

    def wait_done(self, timeout: float) -> None:
        """Wait, at most ``timeout`` seconds, for what is playing to end."""

    def close(self) -> None:
        """Stop anything playing and release the device."""


_ALSA_HANDLERS: list[object] = []
"""Keeps the silent ALSA error handler alive for as long as the process runs."""


def silence_alsa_errors() -> None:
    """Stop ALSA printing its errors on the terminal, where they would garble the screen.

    A failed device is reported once, in words, by the app instead.
    """
    import ctypes
    import ctypes.util

    if _ALSA_HANDLERS:
        return
    library = ctypes.util.find_library("asound")
    if library is None:
        return
    handler_type = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )
    handler = handler_type(lambda *_: None)
    try:
        ctypes.cdll.LoadLibrary(library).snd_lib_error_set_handler(handler)
    except (OSError, AttributeError):
        return
    _ALSA_HANDLERS.append(handler)


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


class SimpleaudioBackend:
    """Plays the mix through simpleaudio (the optional `simpleaudio` extra).

    simpleaudio 1.0.4 crashes Python 3.12 and later, so it is never used there, and
    elsewhere it is proved in a child process before it is loaded.
    """

    name = BackendName.SIMPLEAUDIO.value
    audible = True
    pulls = False

    def __init__(self, in_child: bool = False) -> None:
        if sys.version_info >= (3, 12):
            raise OSError("simpleaudio 1.0.4 crashes Python 3.12 and later; not used")
        if not in_child:
            prove_in_child(self.name)
        silence_alsa_errors()
        import simpleaudio  # type: ignore[import-untyped, import-not-found, unused-ignore]

        self._module: Any = simpleaudio
        self._playing: Any = None

    def play(self, mixer: Mixer, clip: Clip) -> None:
        """Play the rest of the mix, cutting the buffer playing before."""
        self._stop()
        self._playing = self._module.play_buffer(mixer.render(), 1, SAMPLE_BYTES, MIX_RATE)

    def tidy(self) -> float | None:
        """Nothing to tidy."""
        return None

    def wait_done(self, timeout: float) -> None:
        """Wait for the buffer to end, at most ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while self._playing is not None and self._playing.is_playing():
            if time.monotonic() > deadline:
                return
            time.sleep(0.01)

    def _stop(self) -> None:
        if self._playing is not None and self._playing.is_playing():
            self._playing.stop()
        self._playing = None

    def close(self) -> None:
        """Stop what is playing."""
        self._stop()


class CommandBackend:
    """Plays the mix with a system player such as ``aplay`` or ``paplay``, from a WAV file."""

    audible = True
    pulls = False

    def __init__(self, name: BackendName) -> None:
        if shutil.which(COMMANDS[name][0]) is None:
            raise FileNotFoundError(COMMANDS[name][0])
        self.name = name.value
        self._command = COMMANDS[name]
        self._folder = Path(tempfile.mkdtemp(prefix="stride-sound-"))
        self._count = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._file: Path | None = None

    def _start(self, audio: Clip) -> subprocess.Popen[bytes]:
        self._stop()
        self._count += 1
        self._file = self._folder / f"sound-{self._count}.wav"
        self._file.write_bytes(wav_bytes(audio))
        self._process = subprocess.Popen(
            [*self._command, str(self._file)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self._process

    def play(self, mixer: Mixer, clip: Clip) -> None:
        """Start the player on the rest of the mix, stopping the one before."""
        self._start(Clip(clip.name, mixer.render()))

    def probe(self) -> None:
        """Play silence and wait: a player that cannot reach a device exits non-zero."""
        if self._start(PROBE).wait(timeout=5) != 0:
            raise OSError(f"{self.name} could not play")

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=1)
        self._process = None
        if self._file is not None:
            self._file.unlink(missing_ok=True)
            self._file = None

    def tidy(self) -> float | None:
        """Nothing to tidy."""
        return None

    def wait_done(self, timeout: float) -> None:
        """Wait for the player to finish, at most ``timeout`` seconds."""
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=timeout)

    def close(self) -> None:
        """Stop the player and remove the files written for it."""
        self._stop()
        shutil.rmtree(self._folder, ignore_errors=True)


class BellBackend:
    """The terminal bell: one beep for a big change, where the terminal allows it."""

    name = BackendName.BELL.value
    audible = False
    pulls = False

    def __init__(self, ring: Callable[[], None] | None = None) -> None:
        self._ring = ring or _write_bell

    def play(self, mixer: Mixer, clip: Clip) -> None:
        """Ring for the big changes only; speech cannot be rung."""
        if clip.name in BIG_CHANGES:
            self._ring()

    def tidy(self) -> float | None:
        """Nothing to tidy."""
        return None

    def wait_done(self, timeout: float) -> None:
        """Nothing plays for long."""

    def close(self) -> None:
        """Nothing to stop."""


class SilentBackend:
    """No sound at all: the screen's flashes carry every cue."""

    name = BackendName.NONE.value
    audible = False
    pulls = False

    def play(self, mixer: Mixer, clip: Clip) -> None:
        """Nothing to play."""

    def tidy(self) -> float | None:
        """Nothing to tidy."""
        return None

    def wait_done(self, timeout: float) -> None:
        """Nothing plays for long."""

    def close(self) -> None:
        """Nothing to stop."""


def _write_bell() -> None:
    with contextlib.suppress(OSError):
        os.write(2, b"\a")


def _probed(backend: Backend, mixer: Mixer) -> Backend:
    """``backend`` once it has played the probe to its end (its device closed again).

    Raises:
        OSError: The device took nothing (it opened, but never asked for sound).
        Exception: Whatever the library or device raised.
    """
    try:
        mixer.pulled = backend.pulls
        mixer.add(Track.CHIME, PROBE)
        backend.play(mixer, PROBE)
        deadline = time.monotonic() + PROBE_LIMIT
        while mixer.playing():
            if time.monotonic() > deadline:
                raise OSError(f"the device took no sound within {PROBE_LIMIT:g} s")
            time.sleep(0.005)
        backend.wait_done(0.0 if backend.pulls else PROBE_LIMIT)
    finally:
        backend.close()
    return backend


def _make(name: BackendName, mixer: Mixer, ring: Callable[[], None] | None) -> Backend:
    if name is BackendName.MINIAUDIO:
        prove_in_child(name)
        return _probed(MiniaudioBackend(mixer), mixer)
    if name is BackendName.SIMPLEAUDIO:
        return _probed(SimpleaudioBackend(), mixer)
    if name in COMMANDS:
        command = CommandBackend(name)
        try:
            command.probe()
        except Exception:
            command.close()
            raise
        return command
    if name is BackendName.BELL:
        return BellBackend(ring)
    return SilentBackend()


def play_probe(name: str) -> None:
    """Open backend ``name`` in this process and play the probe (a child's job).

    Raises:
        Exception: Whatever the library or device raises.
    """
    mixer = Mixer()
    backend: Backend
    if name == BackendName.MINIAUDIO:
        backend = MiniaudioBackend(mixer)
    elif name == BackendName.SIMPLEAUDIO:
        backend = SimpleaudioBackend(in_child=True)
    else:
        raise ValueError(f"no need to prove {name} in a child process")
    _probed(backend, mixer).close()


def choose_backend(
    preference: str = "auto", ring: Callable[[], None] | None = None, mixer: Mixer | None = None
) -> tuple[Backend, list[str]]:
    """The first backend that works, in ``ORDER`` (or the preferred one, falling back).

    Args:
        preference: A backend's name to try first, or ``auto``.
        ring: How to ring the terminal bell.
        mixer: The mixer the backend will play; its ``pulled`` is set to match.

    Returns:
        The backend, and one line for each backend that was tried and failed.
    """
    mixer = mixer or Mixer()
    order = list(ORDER)
    if preference in order:
        chosen = BackendName(preference)
        order.remove(chosen)
        order.insert(0, chosen)
    failures: list[str] = []
    backend: Backend = SilentBackend()
    for name in order:
        try:
            backend = _make(name, mixer, ring)
            break
        except Exception as error:  # any failure means: try the next one
            failures.append(f"{name}: {type(error).__name__}: {error}".strip())
    mixer.clear()
    mixer.pulled = backend.pulls
    return backend, failures
