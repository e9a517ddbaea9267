"""Ways to make a sound, tried in order: simpleaudio, the system's player, the bell, silence.

Each backend is probed before it is chosen (a moment of silence is played), so a missing
or broken audio device is found at start-up, not in the middle of a hold.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from stride_tui.sound.chimes import Chime

COMMANDS = {
    "paplay": ["paplay"],
    "pw-play": ["pw-play"],
    "aplay": ["aplay", "-q"],
    "afplay": ["afplay"],
}
ORDER = ("simpleaudio", "paplay", "pw-play", "aplay", "afplay", "bell", "none")
PROBE = Chime("probe", b"\x00\x00" * 441, 1, 44_100, Path("probe"))
"""10 ms of silence: opening the device is the test."""


class Backend(Protocol):
    """Plays one chime at a time; a newer chime cuts an older one short."""

    name: str
    audible: bool
    """Whether it makes a real sound (the bell and silence do not count)."""

    def play(self, chime: Chime) -> None:
        """Start playing ``chime`` and return; raise if the device fails."""

    def wait_done(self, timeout: float) -> None:
        """Wait, at most ``timeout`` seconds, for what is playing to end."""

    def close(self) -> None:
        """Stop anything playing."""


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


class SimpleaudioBackend:
    """Plays PCM straight to the sound device through simpleaudio (the `sound` extra)."""

    name = "simpleaudio"
    audible = True

    def __init__(self) -> None:
        silence_alsa_errors()
        import simpleaudio  # type: ignore[import-untyped]  # ships no type information

        self._module: Any = simpleaudio
        self._playing: Any = None

    def play(self, chime: Chime) -> None:
        """Start ``chime``, stopping the one before."""
        self.close()
        self._playing = self._module.play_buffer(chime.pcm, chime.channels, 2, chime.rate)

    def wait_done(self, timeout: float) -> None:
        """Wait for the chime to end, at most ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while self._playing is not None and self._playing.is_playing():
            if time.monotonic() > deadline:
                return
            time.sleep(0.01)

    def close(self) -> None:
        """Stop what is playing."""
        if self._playing is not None and self._playing.is_playing():
            self._playing.stop()
        self._playing = None


class CommandBackend:
    """Plays WAV files with a system player such as ``aplay`` or ``paplay``."""

    audible = True

    def __init__(self, name: str, folder: Path | None = None) -> None:
        if shutil.which(COMMANDS[name][0]) is None:
            raise FileNotFoundError(COMMANDS[name][0])
        self.name = name
        self._folder = folder or Path(tempfile.mkdtemp(prefix="stride-chimes-"))
        self._files: dict[tuple[str, int], Path] = {}
        self._process: subprocess.Popen[bytes] | None = None

    def _file(self, chime: Chime) -> Path:
        key = (chime.name, hash(chime.pcm))
        if key not in self._files:
            path = self._folder / f"{chime.name}-{len(self._files)}.wav"
            with wave.open(str(path), "wb") as out:
                out.setnchannels(chime.channels)
                out.setsampwidth(2)
                out.setframerate(chime.rate)
                out.writeframes(chime.pcm)
            self._files[key] = path
        return self._files[key]

    def play(self, chime: Chime) -> None:
        """Start the player on ``chime``'s file, stopping the one before."""
        self._stop()
        self._process = subprocess.Popen(
            [*COMMANDS[self.name], str(self._file(chime))],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def probe(self) -> None:
        """Play silence and wait: a player that cannot reach a device exits non-zero."""
        self.play(PROBE)
        assert self._process is not None
        if self._process.wait(timeout=5) != 0:
            raise OSError(f"{self.name} could not play")

    def _stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=1)
        self._process = None

    def wait_done(self, timeout: float) -> None:
        """Wait for the player to finish, at most ``timeout`` seconds."""
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=timeout)

    def close(self) -> None:
        """Stop the player and remove the chime files written for it."""
        self._stop()
        shutil.rmtree(self._folder, ignore_errors=True)


class BellBackend:
    """The terminal bell: one beep for any chime, where the terminal allows it."""

    name = "bell"
    audible = False

    def __init__(self, ring: Callable[[], None] | None = None) -> None:
        self._ring = ring or _write_bell

    def play(self, chime: Chime) -> None:
        """Ring for the big changes only; a bell on every tick would be a nuisance."""
        if chime.name in ("start", "switch", "halfway", "finish"):
            self._ring()

    def wait_done(self, timeout: float) -> None:
        """Nothing plays for long."""

    def close(self) -> None:
        """Nothing to stop."""


class SilentBackend:
    """No sound at all: the screen's flashes carry every cue."""

    name = "none"
    audible = False

    def play(self, chime: Chime) -> None:
        """Nothing to play."""

    def wait_done(self, timeout: float) -> None:
        """Nothing plays for long."""

    def close(self) -> None:
        """Nothing to stop."""


def _write_bell() -> None:
    with contextlib.suppress(OSError):
        os.write(2, b"\a")


def _make(name: str, ring: Callable[[], None] | None) -> Backend:
    if name == "simpleaudio":
        backend: Backend = SimpleaudioBackend()
        backend.play(PROBE)
        return backend
    if name in COMMANDS:
        command = CommandBackend(name)
        try:
            command.probe()
        except Exception:
            command.close()
            raise
        return command
    if name == "bell":
        return BellBackend(ring)
    return SilentBackend()


def choose_backend(
    preference: str = "auto", ring: Callable[[], None] | None = None
) -> tuple[Backend, list[str]]:
    """The first backend that works, in ``ORDER`` (or the preferred one, falling back).

    Returns:
        The backend, and one line for each backend that was tried and failed.
    """
    order = list(ORDER)
    if preference != "auto" and preference in order:
        order.remove(preference)
        order.insert(0, preference)
    failures: list[str] = []
    for name in order:
        try:
            return _make(name, ring), failures
        except Exception as error:  # any failure means: try the next one
            failures.append(f"{name}: {type(error).__name__}: {error}".strip())
    return SilentBackend(), failures
