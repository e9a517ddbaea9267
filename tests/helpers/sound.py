"""Helpers for sound tests: what a plan should sound like, and finding chimes in a capture."""

from __future__ import annotations

import wave
from pathlib import Path

from stride_tui.routine.loader import load_routine
from stride_tui.routine.plan import Plan, expand
from stride_tui.session.clock import ManualClock
from stride_tui.session.engine import Engine, State
from stride_tui.sound.chimes import chime_for_batch
from stride_tui.sound.pcm import MIX_RATE, SAMPLE_BYTES, Clip
from tests.helpers.paths import ROOT

CRASHING_MINIAUDIO = (
    "import ctypes\n"
    "class SampleFormat:\n    SIGNED16 = 2\n"
    "class PlaybackDevice:\n    def __init__(self, **_):\n        ctypes.string_at(0)\n"
)
"""A module standing in for a sound library that crashes the interpreter (a real
SIGSEGV: a read from address 0) when it opens the device."""


def expected_chimes(path: Path, profile: str = "standard") -> list[tuple[float, str]]:
    """(due time, chime) for every chime a routine sounds, waking exactly when due."""
    plan: Plan = expand(load_routine(path))
    clock = ManualClock(0.0)
    engine = Engine(plan, clock)
    engine.start()
    found = []
    while True:
        events = engine.update()
        chime = chime_for_batch(events, plan, profile) if events else None
        if chime is not None:
            found.append((events[0].due, chime))
        if engine.state is State.FINISHED:
            return found
        due = engine.next_due()
        if due is None:
            engine.ready()
            continue
        clock.now = due


def pcm_of(name: str) -> bytes:
    with wave.open(str(ROOT / "sounds" / f"{name}.wav"), "rb") as chime:
        return chime.readframes(chime.getnframes())


def find_in_order(capture: bytes, names: list[str], probe: int = 2048) -> list[int]:
    """Offsets in ``capture`` of each chime's opening, in order; -1 where one is missing."""
    offsets = []
    at = 0
    for name in names:
        opening = pcm_of(name)[:probe]
        found = capture.find(opening, at)
        offsets.append(found)
        if found >= 0:
            at = found + len(opening)
    return offsets


def heard_part(clip: Clip, size: int = 4096) -> bytes:
    """A stretch of ``clip`` that is surely sound: from its first loud sample on."""
    pcm = clip.pcm
    for at in range(0, len(pcm) - size, SAMPLE_BYTES):
        if abs(int.from_bytes(pcm[at : at + SAMPLE_BYTES], "little", signed=True)) > 2000:
            return pcm[at : at + size]
    raise AssertionError(f"{clip.name} is silent")


def most_bytes(seconds: float) -> int:
    """The most a paced device may write in a session of ``seconds``: real time, plus a
    few seconds for probes and each sound's tail (an unpaced one writes gigabytes)."""
    return int((seconds + 5) * MIX_RATE * SAMPLE_BYTES)


def alsa_capture_config(folder: Path) -> tuple[Path, Path]:
    """An ALSA config whose default device appends all it plays to a file."""
    capture = folder / "capture.raw"
    config = folder / "asound.conf"
    config.write_text(
        "pcm.!default {\n"
        "    type file\n"
        "    slave.pcm { type null }\n"
        # Each stream opens the file anew; through `cat >>` every stream appends.
        f'    file "|cat >> {capture}"\n'
        '    format "raw"\n'
        "}\n"
    )
    return config, capture


def alsa_broken_config(folder: Path) -> Path:
    """An ALSA config whose default device fails to open: no sound card at all."""
    config = folder / "broken.conf"
    config.write_text("pcm.!default {\n    type hw\n    card 99\n}\n")
    return config
