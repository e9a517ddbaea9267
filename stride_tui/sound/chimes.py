"""Which chime an event sounds, and the chimes' audio (built-in, or the user's own files)."""

from __future__ import annotations

import array
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

from stride_tui import locations
from stride_tui.routine.plan import Plan, SegmentKind
from stride_tui.session.events import Event, EventKind

CALM_VOLUME = 0.5
"""The calm profile plays every chime at half the set volume."""

_BY_KIND = {
    EventKind.GET_READY_TICK: "tick",
    EventKind.RESUME_TICK: "tick",
    EventKind.LAST_SECONDS: "last-three",
    EventKind.HALFWAY: "halfway",
    EventKind.REP: "rep",
    EventKind.SWITCH_SIDES: "switch",
    EventKind.ROUTINE_FINISHED: "finish",
}
_BREATHS = {"in": "breathe-in", "out": "breathe-out"}


PRIORITY = (
    "finish",
    "switch",
    "breathe-in",
    "breathe-out",
    "start",
    "halfway",
    "last-three",
    "tick",
    "rep",
)
"""When several chimes fall due together, the first of these is the one played."""


def chime_for_batch(events: list[Event], plan: Plan, profile: str) -> str | None:
    """The one chime to play for events that fell due together."""
    names = {chime_for(event, plan, profile) for event in events} - {None}
    return min(names, key=PRIORITY.index) if names else None


def chime_for(event: Event, plan: Plan, profile: str) -> str | None:
    """The chime an event sounds under a profile (``standard``, ``calm``, ``silent``)."""
    if profile == "silent":
        return None
    name: str | None
    if event.kind is EventKind.SEGMENT_STARTED:
        name = "start" if plan.segments[event.segment].kind is SegmentKind.WORK else None
    elif event.kind is EventKind.BREATHE:
        name = _BREATHS.get(event.text)
    else:
        name = _BY_KIND.get(event.kind)
    if profile == "calm" and name == "rep":
        return None
    return name


@dataclass(frozen=True, slots=True)
class Chime:
    """A chime's audio: 16-bit little-endian PCM and its format."""

    name: str
    pcm: bytes
    channels: int
    rate: int
    path: Path


class ChimeError(ValueError):
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
