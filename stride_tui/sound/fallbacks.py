"""The backends after miniaudio: simpleaudio, system players, the terminal bell, silence."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stride_tui.processes import end, spawn
from stride_tui.sound.interface import PROBE, BackendName, silence_alsa_errors
from stride_tui.sound.mixer import Mixer
from stride_tui.sound.pcm import MIX_RATE, SAMPLE_BYTES, Clip, wav_bytes
from stride_tui.sound.probe import prove_in_child

COMMANDS = {
    BackendName.PAPLAY: ["paplay"],
    BackendName.PW_PLAY: ["pw-play"],
    BackendName.APLAY: ["aplay", "-q"],
    BackendName.AFPLAY: ["afplay"],
}
BIG_CHANGES = frozenset({"start", "switch", "halfway", "finish"})
"""The chimes the terminal bell rings for; a bell on every tick would be a nuisance."""


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
        self._process = spawn([*self._command, str(self._file)])
        return self._process

    def play(self, mixer: Mixer, clip: Clip) -> None:
        """Start the player on the rest of the mix, stopping the one before."""
        self._start(Clip(clip.name, mixer.render()))

    def probe(self) -> None:
        """Play silence and wait: a player that cannot reach a device exits non-zero."""
        try:
            status = self._start(PROBE).wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._stop()
            raise OSError(f"{self.name} did not finish 10 ms of silence within 5 s") from None
        if status != 0:
            raise OSError(f"{self.name} could not play")

    def _stop(self) -> None:
        if self._process is not None:
            end(self._process)  # its group too: a wrapper script's player with it
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
        self._ring = ring or write_bell

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


def write_bell(descriptor: int = 2) -> None:
    """Ring the terminal bell: BEL on stderr, which stays a terminal when stdout is piped.

    Only a terminal hears it: stderr redirected to a file or a pipe gets no BEL.
    """
    with contextlib.suppress(OSError):
        if os.isatty(descriptor):
            os.write(descriptor, b"\a")
