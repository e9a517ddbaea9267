"""What every sound backend offers, their names in the order they are tried, the probe."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from stride_tui.sound.mixer import Mixer
from stride_tui.sound.pcm import MIX_RATE, SAMPLE_BYTES, Clip


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

PROBE = Clip("probe", bytes(MIX_RATE // 100 * SAMPLE_BYTES))
"""10 ms of silence: opening the device is the test."""


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
