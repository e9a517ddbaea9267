"""Generate the chimes in sounds/ from pure Python, so anyone can regenerate or tweak them.

Each chime is a sum of decaying sine partials (a soft bell) or a gentle glide (breathing),
written as 16-bit mono WAV at 44.1 kHz. The output is deterministic: the same script gives
the same bytes, and a test checks that sounds/ matches it.

Usage: python scripts/make_sounds.py [FOLDER]   (default: the repository's sounds/)
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from collections.abc import Callable
from pathlib import Path

RATE = 44_100
PEAK = 0.6  # headroom: calm, never harsh

Voice = Callable[[float], float]


def bell(frequency: float, decay: float, partials: tuple[tuple[float, float], ...]) -> Voice:
    """A struck-bell voice: partials (ratio, level) with an exponential decay."""

    def voice(t: float) -> float:
        attack = min(1.0, t / 0.004)  # 4 ms attack avoids a click
        return (
            attack
            * math.exp(-t / decay)
            * sum(
                level * math.sin(2 * math.pi * frequency * ratio * t) for ratio, level in partials
            )
        )

    return voice


BELL = ((1.0, 1.0), (2.0, 0.35), (3.01, 0.12), (4.2, 0.05))
SOFT = ((1.0, 1.0), (2.0, 0.15))


def glide(start: float, end: float, length: float) -> Voice:
    """A soft tone gliding from ``start`` to ``end`` Hz with a smooth rise and fall."""

    def voice(t: float) -> float:
        # Phase is the integral of a linear frequency sweep.
        phase = 2 * math.pi * (start * t + (end - start) * t * t / (2 * length))
        envelope = math.sin(math.pi * min(t / length, 1.0)) ** 2
        return envelope * (math.sin(phase) + 0.2 * math.sin(2 * phase))

    return voice


def notes(*parts: tuple[float, Voice]) -> Voice:
    """Several voices, each starting at its own offset in seconds."""

    def voice(t: float) -> float:
        return sum(v(t - offset) for offset, v in parts if t >= offset)

    return voice


CHIMES: dict[str, tuple[float, Voice]] = {
    "start": (0.9, notes((0.0, bell(659.26, 0.25, BELL)), (0.12, bell(987.77, 0.35, BELL)))),
    "tick": (0.12, bell(880.0, 0.03, SOFT)),
    "last-three": (0.15, bell(1318.5, 0.04, SOFT)),
    "halfway": (1.0, bell(783.99, 0.35, BELL)),
    "switch": (0.9, notes((0.0, bell(783.99, 0.2, BELL)), (0.16, bell(523.25, 0.3, BELL)))),
    "rep": (0.06, bell(1046.5, 0.012, SOFT)),
    "breathe-in": (0.9, glide(329.63, 440.0, 0.9)),
    "breathe-hold": (0.7, glide(440.0, 440.0, 0.7)),
    "breathe-out": (0.9, glide(440.0, 329.63, 0.9)),
    # Work into the rest between two sets: a falling pair, softer than the switch.
    "set-rest": (1.0, notes((0.0, bell(659.26, 0.3, SOFT)), (0.2, bell(440.0, 0.4, SOFT)))),
    # A new cue mid-step: two quick light taps, so the eyes go to the screen.
    "cue": (0.45, notes((0.0, bell(1174.66, 0.06, SOFT)), (0.14, bell(1174.66, 0.08, SOFT)))),
    # The metronome's tempo phases: a woodblock-like tap, lower than a rep.
    "phase": (0.06, bell(698.46, 0.012, SOFT)),
    # A step waits for the runner: a rising call, unhurried, that asks "ready?".
    "ready": (
        1.2,
        notes(
            (0.0, bell(523.25, 0.3, SOFT)),
            (0.18, bell(659.26, 0.3, SOFT)),
            (0.36, bell(880.0, 0.5, BELL)),
        ),
    ),
    # Still waiting: one low, soft bell, easy to ignore while setting up.
    "reminder": (0.7, bell(392.0, 0.25, SOFT)),
    # The last rep or breath of a step is done: a settled falling fifth.
    "step-done": (0.8, notes((0.0, bell(1046.5, 0.2, BELL)), (0.14, bell(698.46, 0.35, BELL)))),
    # The runner silenced the chimes, or brought them back: a glide down, or up.
    "muted": (0.4, glide(622.25, 415.3, 0.4)),
    "unmuted": (0.4, glide(415.3, 622.25, 0.4)),
    # Time added or taken off: two quick taps, rising or falling.
    "more-time": (0.3, notes((0.0, bell(932.33, 0.04, SOFT)), (0.1, bell(1244.5, 0.05, SOFT)))),
    "less-time": (0.3, notes((0.0, bell(1244.5, 0.04, SOFT)), (0.1, bell(932.33, 0.05, SOFT)))),
    "finish": (
        1.8,
        notes(
            (0.0, bell(523.25, 0.5, BELL)),
            (0.15, bell(659.26, 0.5, BELL)),
            (0.3, bell(783.99, 0.7, BELL)),
        ),
    ),
}


def render(length: float, voice: Voice) -> bytes:
    """Sample a voice into 16-bit PCM, normalised to the calm peak level."""
    samples = [voice(i / RATE) for i in range(int(length * RATE))]
    loudest = max(abs(s) for s in samples) or 1.0
    fade = int(0.01 * RATE)  # end on silence, whatever the decay
    scale = PEAK * 32767 / loudest
    frames = bytearray()
    for i, sample in enumerate(samples):
        tail = min(1.0, (len(samples) - i) / fade)
        frames += struct.pack("<h", round(sample * scale * tail))
    return bytes(frames)


def write_all(folder: Path) -> list[Path]:
    """Write every chime into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (length, voice) in CHIMES.items():
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(render(length, voice))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "sounds"
    for path in write_all(target):
        print(path)
