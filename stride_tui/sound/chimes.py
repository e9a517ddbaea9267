"""Which chime an event sounds, and the chimes' audio (built-in, or the user's own files)."""

from __future__ import annotations

import array
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

from stride_tui import locations
from stride_tui.errors import StrideError
from stride_tui.routine.plan import Plan
from stride_tui.session.alerts import Alert, alert_for, alert_for_batch
from stride_tui.session.events import Event

CALM_VOLUME = 0.5
"""The calm profile plays every chime at half the set volume."""


def chime_name(alert: Alert | None, profile: str) -> str | None:
    """The chime for an alert under a profile (``standard``, ``calm``, ``silent``).

    The calm profile leaves out the rep and tempo clicks and the waiting reminder; silent
    plays nothing.
    """
    if alert is None or profile == "silent":
        return None
    if profile == "calm" and alert in (Alert.REP, Alert.PHASE, Alert.REMINDER):
        return None
    return alert.value


def chime_for_batch(
    events: list[Event], plan: Plan, profile: str, *, metronome: bool = True
) -> str | None:
    """The one chime to play for events that fell due together."""
    return chime_name(alert_for_batch(events, plan, metronome=metronome), profile)


def chime_for(event: Event, plan: Plan, profile: str, *, metronome: bool = True) -> str | None:
    """The chime one event sounds under a profile."""
    return chime_name(alert_for(event, plan, metronome=metronome), profile)


@dataclass(frozen=True, slots=True)
class Chime:
    """A chime's audio: 16-bit little-endian PCM and its format."""

    name: str
    pcm: bytes
    channels: int
    rate: int
    path: Path


class ChimeError(StrideError, ValueError):
    """A chime file cannot be used; the message says which and why."""


def chime_path(name: str) -> Path:
    """The file for chime ``name``: the user's own if present, else the built-in one."""
    own = locations.user_sounds_dir() / f"{name}.wav"
    return own if own.is_file() else locations.builtin_sounds_dir() / f"{name}.wav"


def load_chime(name: str, volume: float = 1.0) -> Chime:
    """Read chime ``name`` at ``volume`` (0 to 1).

    Raises:
        ChimeError: The file is missing, or not 16-bit PCM WAV.
    """
    path = chime_path(name)
    try:
        with wave.open(str(path), "rb") as source:
            if source.getsampwidth() != 2:
                raise ChimeError(
                    f"{path}: 16-bit PCM WAV is needed, this one has "
                    f"{8 * source.getsampwidth()}-bit samples"
                )
            channels, rate = source.getnchannels(), source.getframerate()
            pcm = source.readframes(source.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise ChimeError(f"{path}: cannot read it as WAV ({error})") from None
    return Chime(name, _scaled(pcm, volume), channels, rate, path)


def _scaled(pcm: bytes, volume: float) -> bytes:
    if volume >= 1.0:
        return pcm
    samples = array.array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    samples = array.array("h", (int(s * volume) for s in samples))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()
